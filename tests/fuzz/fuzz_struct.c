/*
 * Structure-aware libFuzzer target. The inputs are models; the custom mutator walks the
 * model's FlatBuffer (field numbers from ztflm/schema.h, loads from the runtime's fb.h, every
 * position bounds-checked here first) and rewrites scalar fields in place: shapes, strides,
 * paddings, dilations, activations and other builtin options, scales, zero points,
 * quantized_dimension, tensor types, buffer, opcode and tensor indices of operators and of
 * the graph (constant tensors among them), builtin codes, vector lengths (shrunk, or grown
 * inside the buffer), bytes of constant buffers, the 64-bit Buffer.offset and Buffer.size
 * (data moved out of the FlatBuffer, offsets that wrap), tensors' buffers (a buffer of the
 * tensor's size makes it constant) and the bytes of strings (custom op names, tensor and
 * subgraph names: control characters) and custom operators' FlexBuffer options (the root's
 * byte width and packed type, slots of every width rewritten: offsets out of range, bad
 * widths and types, keys out of order). Offsets of tables and vectors are never touched, so
 * the structure stays readable and most runs get past the verifier into the kernels' prepare
 * and eval.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <ztflm/schema.h>
#include <ztflm/ztflm.h>

#include "../../zephyr_module/src/fb.h"
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

/* What a mutable scalar is, which picks the values tried on it. */
enum kind {
	K_I32,     /* any int32 (version, depth multiplier) */
	K_DIM,     /* one dimension of a shape or of a new_shape */
	K_STRIDE,  /* strides, dilations, filter sizes */
	K_TIDX,    /* tensor index of an operator or of the graph */
	K_BUFIDX,  /* buffer index of a tensor or of metadata */
	K_OPIDX,   /* opcode index of an operator */
	K_CODE,    /* builtin code (int32) */
	K_CODE8,   /* deprecated builtin code (int8) */
	K_TYPE,    /* tensor type (int8) */
	K_BOOL,    /* bool options and is_variable */
	K_ENUM,    /* byte enums: activation, padding, weights format */
	K_AXIS,    /* concatenation axis */
	K_MASK,    /* a bit per axis (strided slice masks) */
	K_QDIM,    /* quantized_dimension */
	K_F32,     /* scales, min, max, softmax beta */
	K_ZP,      /* zero points (int64) */
	K_U64,     /* buffer offset and size */
	K_OPTTYPE, /* builtin options type (ubyte) */
	K_VECLEN,  /* element count of a vector of aux-byte elements */
	K_DATA,    /* bytes of a constant buffer, aux bytes long */
	K_TBUF,    /* buffer index of a tensor whose shape takes extra bytes */
	K_EXTBUF,  /* a Buffer table: its data moved to Buffer.offset and Buffer.size */
	K_STR,     /* bytes of a string of aux bytes */
	K_FLEX,    /* bytes of a custom operator's FlexBuffer options, aux bytes long */
	K_SGIDX,   /* subgraph index of a control-flow operator */
};

struct site {
	uint32_t at;
	uint32_t aux;
	uint32_t extra;
	uint8_t kind;
};

#define MAX_SITES 16384u
#define MAX_EDITS 5u
#define MAX_MODEL (512u * 1024u)
#define MAX_BUFFERS 4096u
#define MAX_CONSTS 64u
#define MAX_UNDO 32u

/* The bytes an edit changes, to take it back. */
struct undo {
	uint32_t at;
	uint32_t n;
	uint8_t bytes[8];
};

struct walk {
	const uint8_t *b;
	uint32_t len;
	uint32_t tensors; /* largest tensor count of a subgraph */
	uint32_t buffers;
	uint32_t opcodes;
	uint32_t subgraphs;
	uint32_t seen;    /* sites offered, for reservoir sampling */
	uint32_t n;
	uint64_t rng;
	uint32_t buffer_bytes[MAX_BUFFERS]; /* data length of the first buffers */
	uint32_t consts[MAX_CONSTS];        /* tensors with constant data (of the last subgraph) */
	uint32_t n_consts;
	struct undo undo[MAX_UNDO];          /* what the current mutation overwrote */
	uint32_t n_undo;
	struct site sites[MAX_SITES];
};

static uint32_t rnd(struct walk *w)
{
	w->rng ^= w->rng << 13;
	w->rng ^= w->rng >> 7;
	w->rng ^= w->rng << 17;
	return (uint32_t)(w->rng >> 16);
}

static uint32_t below(struct walk *w, uint32_t n)
{
	return n ? rnd(w) % n : 0;
}

static void offer_with(struct walk *w, uint32_t at, uint8_t kind, uint32_t aux, uint32_t extra)
{
	const struct site s = {at, aux, extra, kind};

	if (w->n < MAX_SITES) {
		w->sites[w->n++] = s;
	} else {
		const uint32_t j = below(w, w->seen + 1u);

		if (j < MAX_SITES) {
			w->sites[j] = s;
		}
	}
	w->seen++;
}

static void offer(struct walk *w, uint32_t at, uint8_t kind, uint32_t aux)
{
	offer_with(w, at, kind, aux, 0);
}

/* ---- bounds-checked reading; fb.h loads are used only after these checks ---- */

static bool in(const struct walk *w, uint64_t at, uint64_t n)
{
	return at + n <= w->len;
}

static bool table(const struct walk *w, uint32_t t)
{
	if (t == 0 || t % 4u || !in(w, t, 4)) {
		return false;
	}
	const int64_t vt = (int64_t)t - fb_i32(w->b, t);

	if (vt < 0 || vt % 2 || !in(w, (uint64_t)vt, 4)) {
		return false;
	}
	const uint32_t vsize = fb_u16(w->b, (uint32_t)vt);
	const uint32_t tsize = fb_u16(w->b, (uint32_t)vt + 2u);

	return vsize >= 4u && in(w, (uint64_t)vt, vsize) && tsize >= 4u && in(w, t, tsize);
}

/* Position of a present field of width bytes inside table t, 0 when absent or unsafe. */
static uint32_t field(const struct walk *w, uint32_t t, uint32_t f, uint32_t width)
{
	const uint32_t vt = (uint32_t)((int64_t)t - fb_i32(w->b, t));
	const uint32_t vsize = fb_u16(w->b, vt);
	const uint32_t tsize = fb_u16(w->b, vt + 2u);
	const uint32_t slot = 4u + 2u * f;

	if (slot + 2u > vsize) {
		return 0;
	}
	const uint32_t off = fb_u16(w->b, vt + slot);

	if (off < 4u || off + width > tsize) {
		return 0;
	}
	return t + off;
}

/* Target of an offset field, 0 when absent or outside the buffer. */
static uint32_t ref(const struct walk *w, uint32_t t, uint32_t f)
{
	const uint32_t at = field(w, t, f, 4u);

	if (!at) {
		return 0;
	}
	const uint64_t to = (uint64_t)at + fb_u32(w->b, at);

	return in(w, to, 4) ? (uint32_t)to : 0;
}

/* Vector field of elem-byte elements: its position and a count that fits in the buffer. */
static uint32_t vec(const struct walk *w, uint32_t t, uint32_t f, uint32_t elem, uint32_t *n)
{
	const uint32_t v = ref(w, t, f);

	*n = 0;
	if (!v || v % 4u) {
		return 0;
	}
	const uint64_t room = (w->len - v - 4u) / elem;
	const uint32_t count = fb_u32(w->b, v);

	*n = count < room ? count : (uint32_t)room;
	return v;
}

/* Table number i of a vector of tables, 0 when unsafe. */
static uint32_t vec_table(const struct walk *w, uint32_t v, uint32_t i)
{
	const uint32_t at = v + 4u + 4u * i;
	const uint64_t to = (uint64_t)at + fb_u32(w->b, at);

	return to <= UINT32_MAX && table(w, (uint32_t)to) ? (uint32_t)to : 0;
}

/* ---- collecting the sites ---- */

static void scalar(struct walk *w, uint32_t t, uint32_t f, uint32_t width, uint8_t kind)
{
	const uint32_t at = field(w, t, f, width);

	if (at) {
		offer(w, at, kind, width);
	}
}

/* Every element of a scalar vector, and its length. */
static uint32_t scalars(struct walk *w, uint32_t t, uint32_t f, uint32_t elem, uint8_t kind)
{
	uint32_t n;
	const uint32_t v = vec(w, t, f, elem, &n);

	if (!v) {
		return 0;
	}
	offer(w, v, K_VECLEN, elem);
	for (uint32_t i = 0; i < n; i++) {
		offer(w, v + 4u + i * elem, kind, elem);
	}
	return n;
}

/* What the fuzzer offers for each kind of options field (schema.h). */
#define FIELD_ENUM8(w, t, f) scalar(w, t, f, 1u, K_ENUM)
#define FIELD_BOOL8(w, t, f) scalar(w, t, f, 1u, K_BOOL)
#define FIELD_INT8(w, t, f) scalar(w, t, f, 1u, K_I32)
#define FIELD_INT32(w, t, f) scalar(w, t, f, 4u, K_I32)
#define FIELD_STRIDE32(w, t, f) scalar(w, t, f, 4u, K_STRIDE)
#define FIELD_AXIS32(w, t, f) scalar(w, t, f, 4u, K_AXIS)
#define FIELD_MASK32(w, t, f) scalar(w, t, f, 4u, K_MASK)
#define FIELD_FLOAT32(w, t, f) scalar(w, t, f, 4u, K_F32)
#define FIELD_INT32_VECTOR(w, t, f) scalars(w, t, f, 4u, K_DIM)
#define FIELD_SUBGRAPH32(w, t, f) scalar(w, t, f, 4u, K_SGIDX)
#define FIELD_STRING(w, t, f) string(w, t, f)

static void string(struct walk *w, uint32_t t, uint32_t f);

static void walk_options(struct walk *w, uint32_t op)
{
	const uint32_t at = field(w, op, ZTFLM_OPERATOR_BUILTIN_OPTIONS_TYPE, 1u);
	const uint32_t opt = ref(w, op, ZTFLM_OPERATOR_BUILTIN_OPTIONS);

	if (at) {
		offer(w, at, K_OPTTYPE, 1u);
	}
	if (!at || !table(w, opt)) {
		return;
	}
	/* Every options table the kernels read, with its fields, from schema.h. */
	switch (w->b[at]) {
#define FIELD(number, kind, name) FIELD_##kind(w, opt, number);
#define TABLE(tag, name, fields)                                                                   \
	case tag:                                                                                  \
		fields(FIELD) break;
		ZTFLM_OPTIONS_TABLES(TABLE)
#undef TABLE
#undef FIELD
	default:
		break;
	}
}

/* A string field: its bytes, which reach error messages and tools' output. */
static void string(struct walk *w, uint32_t t, uint32_t f)
{
	uint32_t n;
	const uint32_t v = vec(w, t, f, 1u, &n);

	if (v && n) {
		offer(w, v, K_STR, n);
	}
}

/* Bytes of a tensor's data from its shape and type, 0 when unknown or past 2^32. */
static uint32_t tensor_bytes(const struct walk *w, uint32_t t)
{
	const uint32_t type_at = field(w, t, ZTFLM_TENSOR_TYPE, 1u);
	uint64_t elements = 1;
	uint32_t n;
	const uint32_t shape = vec(w, t, ZTFLM_TENSOR_SHAPE, 4u, &n);

	for (uint32_t i = 0; shape && i < n && elements <= UINT32_MAX; i++) {
		elements *= fb_u32(w->b, shape + 4u + 4u * i);
	}
	/* INT4 packs two a byte (ztflm_type_bytes). */
	const uint64_t bytes = elements <= UINT32_MAX
				       ? ztflm_type_bytes(type_at ? w->b[type_at] : 0u, (uint32_t)elements)
				       : UINT64_MAX;

	return bytes <= UINT32_MAX ? (uint32_t)bytes : 0u;
}

static void walk_tensor(struct walk *w, uint32_t t, uint32_t index)
{
	const uint32_t q = ref(w, t, ZTFLM_TENSOR_QUANTIZATION);
	const uint32_t buf_at = field(w, t, ZTFLM_TENSOR_BUFFER, 4u);
	const uint32_t buf = buf_at ? fb_u32(w->b, buf_at) : 0u;

	if (buf < MAX_BUFFERS && buf < w->buffers && w->buffer_bytes[buf] &&
	    w->n_consts < MAX_CONSTS) {
		w->consts[w->n_consts++] = index;
	}
	scalars(w, t, ZTFLM_TENSOR_SHAPE, 4u, K_DIM);
	scalar(w, t, ZTFLM_TENSOR_TYPE, 1u, K_TYPE);
	if (buf_at) {
		offer_with(w, buf_at, K_TBUF, 4u, tensor_bytes(w, t));
	}
	scalar(w, t, ZTFLM_TENSOR_IS_VARIABLE, 1u, K_BOOL);
	string(w, t, ZTFLM_TENSOR_NAME);
	if (!table(w, q)) {
		return;
	}
	scalars(w, q, ZTFLM_QUANT_MIN, 4u, K_F32);
	scalars(w, q, ZTFLM_QUANT_MAX, 4u, K_F32);
	scalars(w, q, ZTFLM_QUANT_SCALE, 4u, K_F32);
	scalars(w, q, ZTFLM_QUANT_ZERO_POINT, 8u, K_ZP);
	scalar(w, q, ZTFLM_QUANT_QUANTIZED_DIMENSION, 4u, K_QDIM);
}

static void walk_subgraph(struct walk *w, uint32_t g)
{
	uint32_t n;
	uint32_t v = vec(w, g, ZTFLM_SUBGRAPH_TENSORS, 4u, &n);

	if (n > w->tensors) {
		w->tensors = n;
	}
	w->n_consts = 0;
	for (uint32_t i = 0; v && i < n; i++) {
		const uint32_t t = vec_table(w, v, i);

		if (t) {
			walk_tensor(w, t, i);
		}
	}
	string(w, g, ZTFLM_SUBGRAPH_NAME);
	scalars(w, g, ZTFLM_SUBGRAPH_INPUTS, 4u, K_TIDX);
	scalars(w, g, ZTFLM_SUBGRAPH_OUTPUTS, 4u, K_TIDX);
	v = vec(w, g, ZTFLM_SUBGRAPH_OPERATORS, 4u, &n);
	for (uint32_t i = 0; v && i < n; i++) {
		const uint32_t op = vec_table(w, v, i);

		if (!op) {
			continue;
		}
		scalar(w, op, ZTFLM_OPERATOR_OPCODE_INDEX, 4u, K_OPIDX);
		scalars(w, op, ZTFLM_OPERATOR_INPUTS, 4u, K_TIDX);
		scalars(w, op, ZTFLM_OPERATOR_OUTPUTS, 4u, K_TIDX);
		scalars(w, op, ZTFLM_OPERATOR_INTERMEDIATES, 4u, K_TIDX);
		walk_options(w, op);
		uint32_t flex_len;
		const uint32_t flex = vec(w, op, ZTFLM_OPERATOR_CUSTOM_OPTIONS, 1u, &flex_len);

		if (flex && flex_len) {
			offer(w, flex, K_FLEX, flex_len);
		}
	}
}

static void walk_model(struct walk *w)
{
	uint32_t n;
	uint32_t v;

	if (w->len < 8u || !table(w, fb_u32(w->b, 0))) {
		return;
	}
	const uint32_t m = fb_u32(w->b, 0);

	scalar(w, m, ZTFLM_MODEL_VERSION, 4u, K_I32);
	v = vec(w, m, ZTFLM_MODEL_BUFFERS, 4u, &n);
	w->buffers = n;
	for (uint32_t i = 0; v && i < n; i++) {
		const uint32_t buf = vec_table(w, v, i);
		uint32_t len = 0;
		uint32_t d = 0;

		if (buf) {
			d = vec(w, buf, ZTFLM_BUFFER_DATA, 1u, &len);
		}
		if (i < MAX_BUFFERS) {
			w->buffer_bytes[i] = d ? len : 0u;
		}
		if (!buf) {
			continue;
		}
		if (d && len) {
			offer(w, d, K_DATA, len);
		}
		scalar(w, buf, ZTFLM_BUFFER_OFFSET, 8u, K_U64);
		scalar(w, buf, ZTFLM_BUFFER_SIZE, 8u, K_U64);
		if (field(w, buf, ZTFLM_BUFFER_OFFSET, 8u) && field(w, buf, ZTFLM_BUFFER_SIZE, 8u)) {
			offer(w, buf, K_EXTBUF, 8u);
		}
	}
	v = vec(w, m, ZTFLM_MODEL_OPERATOR_CODES, 4u, &n);
	w->opcodes = n;
	for (uint32_t i = 0; v && i < n; i++) {
		const uint32_t oc = vec_table(w, v, i);

		if (oc) {
			scalar(w, oc, ZTFLM_OPCODE_DEPRECATED_BUILTIN_CODE, 1u, K_CODE8);
			scalar(w, oc, ZTFLM_OPCODE_BUILTIN_CODE, 4u, K_CODE);
			scalar(w, oc, ZTFLM_OPCODE_VERSION, 4u, K_I32);
			string(w, oc, ZTFLM_OPCODE_CUSTOM_CODE);
		}
	}
	v = vec(w, m, ZTFLM_MODEL_SUBGRAPHS, 4u, &n);
	w->subgraphs = n;
	for (uint32_t i = 0; v && i < n; i++) {
		const uint32_t g = vec_table(w, v, i);

		if (g) {
			walk_subgraph(w, g);
		}
	}
	v = vec(w, m, ZTFLM_MODEL_METADATA, 4u, &n);
	for (uint32_t i = 0; v && i < n; i++) {
		const uint32_t md = vec_table(w, v, i);

		if (md) {
			scalar(w, md, ZTFLM_METADATA_BUFFER, 4u, K_BUFIDX);
			string(w, md, ZTFLM_METADATA_NAME);
		}
	}
}

/* ---- values ---- */

static const int32_t interesting32[] = {
	0, 1, -1, 2, 3, 4, 7, 8, 16, 31, 32, 64, 127, 128, 255, 256, -128, -129, 32767, -32768,
	65535, 65536, 1 << 24, 0x40000000, INT32_MAX, INT32_MAX - 1, INT32_MIN, INT32_MIN + 1,
};

static const int64_t interesting64[] = {
	0, 1, -1, 127, -128, 128, -129, 255, 256, 32767, -32768, 65535, INT32_MAX, INT32_MIN,
	(int64_t)1 << 32, INT64_MAX, INT64_MIN,
};

static const uint8_t option_types[] = {
	0,
#define TAG(tag, name, fields) tag,
	ZTFLM_OPTIONS_TABLES(TAG)
#undef TAG
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int32_t pick32(struct walk *w)
{
	return interesting32[below(w, COUNT(interesting32))];
}

static int32_t mutate_i32(struct walk *w, int32_t cur)
{
	switch (below(w, 7)) {
	case 0:
	case 1:
		return pick32(w);
	case 2:
		return (int32_t)((uint32_t)cur + below(w, 7) - 3u);
	case 3:
		return (int32_t)below(w, 21) - 4;
	case 4:
		return below(w, 2) ? (int32_t)((uint32_t)cur * 2u) : cur / 2;
	case 5:
		return (int32_t)((uint32_t)cur ^ (1u << below(w, 32)));
	default:
		return (int32_t)rnd(w) ^ (int32_t)(rnd(w) << 16);
	}
}

/* Mostly in range [0, count), sometimes just past it or wildly off. */
static int32_t index_value(struct walk *w, int32_t cur, uint32_t count, bool optional)
{
	const uint32_t r = below(w, 10);

	if (r < 6 && count) {
		return (int32_t)below(w, count);
	}
	if (r == 6 && optional) {
		return -1;
	}
	if (r == 7) {
		return (int32_t)(count + below(w, 2));
	}
	return mutate_i32(w, cur);
}

static int32_t dim_value(struct walk *w, int32_t cur)
{
	switch (below(w, 8)) {
	case 0:
	case 1:
	case 2:
		return (int32_t)below(w, 9);
	case 3:
		return (int32_t)((uint32_t)cur + (below(w, 2) ? 1u : UINT32_MAX));
	case 4:
		return -1;
	case 5:
		return (int32_t)(1u << (12u + below(w, 19)));
	default:
		return mutate_i32(w, cur);
	}
}

static int32_t code_value(struct walk *w, int32_t cur)
{
	const uint32_t r = below(w, 10);

	if (r < 6) {
		return ztflm_all_ops_resolver.ops[below(w, ztflm_all_ops_resolver.count)].builtin_code;
	}
	if (r < 8) {
		return (int32_t)below(w, 210);
	}
	return mutate_i32(w, cur);
}

static float float_value(struct walk *w, float cur)
{
	static const float special[] = {
		0.0f, -0.0f, 1.0f, -1.0f, 0.5f, 2.0f, 1e-45f, FLT_MIN, 1e-30f, 1e-10f, 1e-6f,
		1.0f / 256.0f, 1.0f / 128.0f, 0x1p-31f, 0x1p31f, 0x1p32f, 65536.0f, 1e6f, 1e10f,
		1e30f, FLT_MAX, INFINITY, -INFINITY, NAN,
	};
	uint32_t bits;

	switch (below(w, 6)) {
	case 0:
	case 1:
		return special[below(w, COUNT(special))];
	case 2:
		return cur * (below(w, 2) ? 2.0f : 0.5f);
	case 3:
		return -cur;
	case 4:
		memcpy(&bits, &cur, 4);
		bits ^= 1u << below(w, 32);
		memcpy(&cur, &bits, 4);
		return cur;
	default:
		bits = rnd(w) ^ (rnd(w) << 16);
		memcpy(&cur, &bits, 4);
		return cur;
	}
}

static int64_t zp_value(struct walk *w, int64_t cur)
{
	switch (below(w, 4)) {
	case 0:
	case 1:
		return interesting64[below(w, COUNT(interesting64))];
	case 2:
		return (int64_t)((uint64_t)cur + below(w, 5) - 2u);
	default:
		return (int64_t)below(w, 512) - 256;
	}
}

static uint64_t u64_value(struct walk *w, uint64_t cur)
{
	switch (below(w, 7)) {
	case 0:
		return (uint64_t)interesting64[below(w, COUNT(interesting64))];
	case 1:
		return cur + below(w, 9) - 4u;
	case 2:
		return below(w, w->len + 1u);
	case 3:
		return w->len - below(w, 2);
	case 4: /* aligned, and wraps 64 bits with any size from 4 * k */
		return 0u - 4u * (uint64_t)(1u + below(w, 64));
	case 5: /* inside the model in its low 32 bits only */
		return ((uint64_t)(1u + below(w, 0xFFFFu)) << 32) | (below(w, w->len) & ~3u);
	default:
		return UINT64_MAX - below(w, 2);
	}
}

/* A buffer for a tensor of bytes bytes: often one holding exactly that much (the tensor
 * becomes constant: a graph input among them), else any index. */
static int32_t buffer_for(struct walk *w, int32_t cur, uint32_t bytes)
{
	const uint32_t n = w->buffers < MAX_BUFFERS ? w->buffers : MAX_BUFFERS;

	if (bytes && below(w, 2)) {
		const uint32_t start = below(w, n);

		for (uint32_t k = 0; k < n; k++) {
			const uint32_t i = (start + k) % n;

			if (w->buffer_bytes[i] == bytes) {
				return (int32_t)i;
			}
		}
	}
	return index_value(w, cur, w->buffers, false);
}

static void put32(uint8_t *b, uint32_t at, int32_t v)
{
	const uint32_t u = (uint32_t)v;

	b[at] = (uint8_t)u;
	b[at + 1] = (uint8_t)(u >> 8);
	b[at + 2] = (uint8_t)(u >> 16);
	b[at + 3] = (uint8_t)(u >> 24);
}

static void put64(uint8_t *b, uint32_t at, uint64_t v)
{
	put32(b, at, (int32_t)(uint32_t)v);
	put32(b, at + 4u, (int32_t)(uint32_t)(v >> 32));
}

static void mutate_data(struct walk *w, uint8_t *b, const struct site *s)
{
	const uint32_t first = s->at + 4u;
	uint32_t pos = below(w, s->aux);
	float f;

	switch (below(w, 3)) {
	case 0:
		b[first + pos] = (uint8_t)(below(w, 2) ? pick32(w) : (int32_t)rnd(w));
		break;
	case 1: /* an int32 element: biases, paddings, axes, shapes held in constant tensors */
		if (s->aux < 4u) {
			break;
		}
		pos = below(w, s->aux / 4u) * 4u;
		put32(b, first + pos, below(w, 2) ? pick32(w) : mutate_i32(w, fb_i32(b, first + pos)));
		break;
	default: /* a float element */
		if (s->aux < 4u) {
			break;
		}
		pos = below(w, s->aux / 4u) * 4u;
		memcpy(&f, b + first + pos, 4);
		f = float_value(w, f);
		memcpy(b + first + pos, &f, 4);
		break;
	}
}

/* Keeps the n bytes at at (n <= 8) for the undo of the current mutation. */
static void save(struct walk *w, uint32_t at, uint32_t n)
{
	if (w->n_undo < MAX_UNDO) {
		struct undo *u = &w->undo[w->n_undo++];

		u->at = at;
		u->n = n;
		memcpy(u->bytes, w->b + at, n);
	}
}

static void undo_all(struct walk *w, uint8_t *b)
{
	while (w->n_undo > 0) {
		const struct undo *u = &w->undo[--w->n_undo];

		memcpy(b + u->at, u->bytes, u->n);
	}
}

/*
 * The buffer's data given by Buffer.offset and Buffer.size (64-bit) instead of Buffer.data:
 * the same bytes through the offset, an offset that wraps 64 bits with the size (the sum
 * lands inside the model), or any other; Buffer.data mostly emptied so the offset is used.
 */
static void move_data_out(struct walk *w, uint8_t *b, uint32_t buf)
{
	const uint32_t off_at = field(w, buf, ZTFLM_BUFFER_OFFSET, 8u);
	const uint32_t size_at = field(w, buf, ZTFLM_BUFFER_SIZE, 8u);
	uint32_t n;
	const uint32_t d = vec(w, buf, ZTFLM_BUFFER_DATA, 1u, &n);
	const uint64_t size = d && n ? n : u64_value(w, fb_u64(b, size_at));
	uint64_t off;

	switch (below(w, 4)) {
	case 0:
		off = d && n ? d + 4u : (below(w, w->len) & ~3u);
		break;
	case 1:
		off = 0u - 4u * (uint64_t)(1u + below(w, (uint32_t)(size / 4u > 64u ? 64u : size / 4u) + 1u));
		break;
	default:
		off = u64_value(w, fb_u64(b, off_at));
		break;
	}
	save(w, off_at, 8u);
	put64(b, off_at, off);
	save(w, size_at, 8u);
	put64(b, size_at, size);
	if (d && below(w, 4)) {
		save(w, d, 4u);
		put32(b, d, 0);
	}
}

/* One byte of a string: control characters, NUL, bytes outside ASCII, quotes, escapes. */
static void mutate_string(struct walk *w, uint8_t *b, const struct site *s)
{
	static const uint8_t special[] = {'\n', '\r', 0x1b, 0, '\t', 0x7f, 0x9b, 0xc2, '\\', '%', '\''};
	const uint32_t at = s->at + 4u + below(w, s->aux);

	save(w, at, 1u);
	b[at] = below(w, 4) ? special[below(w, COUNT(special))] : (uint8_t)rnd(w);
}

/*
 * One edit of FlexBuffer options (kernels/common/flexbuffer.h): the root's byte width (the
 * last byte) or packed type (the one before), a byte anywhere (a map's packed types, key
 * bytes), or a slot of 1, 2, 4 or 8 bytes set to an interesting value (offsets back past the
 * start, lengths past the end).
 */
static void mutate_flex(struct walk *w, uint8_t *b, const struct site *s)
{
	const uint32_t first = s->at + 4u;
	const uint32_t width = 1u << below(w, 4);
	int64_t v = interesting64[below(w, COUNT(interesting64))];

	switch (below(w, 4)) {
	case 0:
		b[first + s->aux - 1u] = (uint8_t)(below(w, 2) ? 1u << below(w, 5) : rnd(w));
		break;
	case 1:
		if (s->aux >= 2u) {
			b[first + s->aux - 2u] = (uint8_t)(below(w, 2) ? below(w, 28) << 2 | below(w, 4)
								       : rnd(w));
		}
		break;
	case 2:
		b[first + below(w, s->aux)] = (uint8_t)rnd(w);
		break;
	default:
		if (s->aux < width) {
			break;
		}
		for (uint32_t i = 0, at = first + below(w, s->aux - width + 1u); i < width; i++) {
			b[at + i] = (uint8_t)((uint64_t)v >> (8u * i));
		}
		break;
	}
}

static void mutate_site(struct walk *w, uint8_t *b, const struct site *s)
{
	const int32_t cur = s->aux >= 4u ? fb_i32(b, s->at) : (int8_t)b[s->at];
	uint32_t n;
	float f;

	/* A scalar takes at most 8 bytes; edits of constant data and of custom options are kept
	 * (the verifier reads neither's bytes); the other kinds keep what they change themselves. */
	if (s->kind != K_DATA && s->kind != K_EXTBUF && s->kind != K_STR && s->kind != K_FLEX) {
		save(w, s->at, 8u > w->len - s->at ? w->len - s->at : 8u);
	}
	switch (s->kind) {
	case K_I32:
		put32(b, s->at, mutate_i32(w, cur));
		break;
	case K_DIM:
		put32(b, s->at, dim_value(w, cur));
		break;
	case K_STRIDE:
		put32(b, s->at, below(w, 4) ? (int32_t)below(w, 5) : dim_value(w, cur));
		break;
	case K_TIDX:
		/* A constant tensor as a graph input or output, or an operator's. */
		if (below(w, 5) == 0 && w->n_consts) {
			put32(b, s->at, (int32_t)w->consts[below(w, w->n_consts)]);
			break;
		}
		put32(b, s->at, index_value(w, cur, w->tensors, true));
		break;
	case K_TBUF:
		put32(b, s->at, buffer_for(w, cur, s->extra));
		break;
	case K_EXTBUF:
		move_data_out(w, b, s->at);
		break;
	case K_STR:
		mutate_string(w, b, s);
		break;
	case K_BUFIDX:
		put32(b, s->at, index_value(w, cur, w->buffers, false));
		break;
	case K_OPIDX:
		put32(b, s->at, index_value(w, cur, w->opcodes, false));
		break;
	case K_SGIDX:
		/* Another subgraph, the caller's own (recursion), past the last, or -1. */
		put32(b, s->at, index_value(w, cur, w->subgraphs, true));
		break;
	case K_CODE:
		put32(b, s->at, code_value(w, cur));
		break;
	case K_CODE8:
		b[s->at] = (uint8_t)(below(w, 3) ? code_value(w, cur) : 127);
		break;
	case K_TYPE:
		b[s->at] = (uint8_t)(below(w, 5) ? below(w, 18) : (uint32_t)pick32(w));
		break;
	case K_BOOL:
		b[s->at] = (uint8_t)(below(w, 4) ? below(w, 2) : rnd(w));
		break;
	case K_ENUM:
		b[s->at] = (uint8_t)(below(w, 4) ? below(w, 7) : rnd(w));
		break;
	case K_MASK:
		/* One axis's bit flipped, or any pattern. */
		put32(b, s->at, below(w, 4) ? cur ^ (int32_t)(1u << below(w, 9)) : pick32(w));
		break;
	case K_AXIS:
	case K_QDIM:
		put32(b, s->at, below(w, 4) ? (int32_t)below(w, 11) - 5 : pick32(w));
		break;
	case K_F32:
		memcpy(&f, b + s->at, 4);
		f = float_value(w, f);
		memcpy(b + s->at, &f, 4);
		break;
	case K_ZP:
		put64(b, s->at, (uint64_t)zp_value(w, (int64_t)fb_u64(b, s->at)));
		break;
	case K_U64:
		put64(b, s->at, u64_value(w, fb_u64(b, s->at)));
		break;
	case K_OPTTYPE:
		b[s->at] = below(w, 5) ? option_types[below(w, COUNT(option_types))] : (uint8_t)rnd(w);
		break;
	case K_VECLEN:
		n = fb_u32(b, s->at);
		if (below(w, 4) == 0) {
			/* one or two more elements, as long as they lie inside the buffer */
			n += 1u + below(w, 2);
			if ((uint64_t)s->at + 4u + (uint64_t)n * s->aux > w->len) {
				break;
			}
		} else {
			n = n && below(w, 5) ? n - 1u : 0u;
		}
		put32(b, s->at, (int32_t)n);
		break;
	case K_DATA:
		mutate_data(w, b, s);
		break;
	case K_FLEX:
		mutate_flex(w, b, s);
		break;
	default:
		break;
	}
}

/* Whether the runtime's verifier (ztflm_init) accepts the model. */
static bool verifies(const uint8_t *data, size_t size)
{
	static uint8_t model[MAX_MODEL] __attribute__((aligned(16)));
	static uint8_t arena_buf[64u * 1024u] __attribute__((aligned(16)));
	struct ztflm_arena arena;
	struct ztflm_interpreter ip;
	int rc;

	if (size > sizeof(model)) {
		return false;
	}
	memcpy(model, data, size);
	ztflm_arena_init(&arena, arena_buf, sizeof(arena_buf));
	rc = ztflm_init(&ip, model, size, &ztflm_all_ops_resolver, &arena);
	return rc == ZTFLM_OK || rc == ZTFLM_ERR_ARENA;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	static struct walk w;
	uint32_t edits;

	w.b = data;
	w.len = size > UINT32_MAX ? UINT32_MAX : (uint32_t)size;
	w.tensors = w.buffers = w.opcodes = 0;
	w.seen = w.n = 0;
	w.rng = ((uint64_t)seed << 32) ^ 0x9e3779b97f4a7c15ull ^ size;
	walk_model(&w);
	/* A rare byte-level mutation keeps the corpus from being stuck on one layout. */
	if (w.n == 0 || below(&w, 32) == 0) {
		return LLVMFuzzerMutate(data, size, max_size);
	}
	/*
	 * Most edits of a model the verifier accepts should keep it accepted, so the kernels'
	 * prepare and eval see them: an edit the verifier refuses is taken back and another
	 * tried, a few times, before a refused model is let through. Half of the mutations
	 * are left free, so the verifier's own refusals stay explored.
	 */
	const bool was_valid = below(&w, 2) && verifies(data, size);

	for (uint32_t attempt = 0; attempt < 4u; attempt++) {
		edits = below(&w, 4) ? 1u : 2u + below(&w, MAX_EDITS - 1u);
		w.n_undo = 0;
		for (uint32_t e = 0; e < edits; e++) {
			mutate_site(&w, data, &w.sites[below(&w, w.n)]);
		}
		if (!was_valid || verifies(data, size)) {
			break;
		}
		undo_all(&w, data);
	}
	return size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_run_model(data, size, FUZZ_FILL_HASHED);
	return 0;
}
