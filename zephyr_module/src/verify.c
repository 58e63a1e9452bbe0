/* The model verifier: every table, vector, string, offset and index checked before use. */
#include <ztflm/schema.h>

#include "fb.h"
#include "internal.h"

#if ZTFLM_VERIFY_MODEL

struct vrf {
	struct ztflm_interpreter *ip;
	const uint8_t *b;
	uint32_t len;
};

#if ZTFLM_ERROR_STRINGS
static int reject(struct vrf *v, int code, const char *fmt, ...)
{
	va_list ap;
	char msg[ZTFLM_ERROR_MESSAGE_LEN - 8];

	va_start(ap, fmt);
	ztflm_format(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return ztflm_error_set(v->ip, code, -1, "model: %s", msg);
}
#else
static int reject(struct vrf *v, int code)
{
	return ztflm_error_set(v->ip, code, -1, NULL);
}
#define reject(v, code, ...) reject((v), (code))
#endif

/* A malformed model, or a well-formed one ztflm does not run. */
#define bad(v, ...) reject((v), ZTFLM_ERR_MODEL, __VA_ARGS__)
#define unsupported(v, ...) reject((v), ZTFLM_ERR_UNSUPPORTED, __VA_ARGS__)

/*
 * Positions are checked in 32 bits without overflow: init accepts at most ZTFLM_MAX_SIZE
 * (under 2^30) bytes and the checks below start from 8, so "x > len - y" never wraps.
 */

/* A table at t: its vtable and its inline bytes inside the buffer. */
static bool table_ok(const struct vrf *v, uint32_t t)
{
	if (t % 4u || t > v->len - 4u) {
		return false;
	}
	/* A negative soffset puts the vtable after the table: t + 2^31 still fits 32 bits. */
	const uint32_t vt = t - fb_u32(v->b, t);

	if (vt % 2u || vt > v->len - 4u) {
		return false;
	}
	const uint32_t vsize = fb_u16(v->b, vt);
	const uint32_t tsize = fb_u16(v->b, vt + 2u);

	return vsize >= 4u && vsize % 2u == 0 && vsize <= v->len - vt && tsize >= 4u &&
	       tsize <= v->len - t;
}

/*
 * What a field holds. Every table the runtime reads is described by a list of its fields
 * (FIELD(number, kind)), and one function checks them all: scalars inside the table,
 * offsets to vectors, strings and tables inside the buffer.
 */
enum kind {
	K_S1,   /* 1-byte scalar */
	K_S4,   /* 4-byte scalar */
	K_S8,   /* 8-byte scalar */
	K_V1,   /* vector of bytes */
	K_V4,   /* vector of 4-byte scalars */
	K_V8,   /* vector of 8-byte scalars */
	K_STR,  /* NUL-terminated string */
	K_TAB,  /* table */
	K_TABS, /* vector of tables */
};
#define FIELD(number, kind) ((uint8_t)((number) << 4 | (kind)))

/* log2 of the bytes of a scalar kind inline, or of one element of a vector kind. */
static const uint8_t kind_shift[] = {0, 2, 3, 0, 2, 3, 0, 2, 2};

/* The target of the offset at position at (at + 4 <= len), or 0 when it is outside. */
static uint32_t target(const struct vrf *v, uint32_t at)
{
	const uint32_t rel = fb_u32(v->b, at);

	return rel > v->len - 4u - at ? 0u : at + rel;
}

/*
 * Checks the n fields spec lists of the verified table t. at[number] receives where each
 * listed field is: the scalar's position, or the vector, string or table it refers to; 0
 * when the field is absent.
 */
static bool fields_ok(const struct vrf *v, uint32_t t, const uint8_t *spec, uint32_t n,
		      uint32_t *at)
{
	const uint32_t vt = t - fb_u32(v->b, t);
	const uint32_t vsize = fb_u16(v->b, vt);
	const uint32_t tsize = fb_u16(v->b, vt + 2u);

	for (uint32_t i = 0; i < n; i++) {
		const uint32_t kind = spec[i] & 15u;
		const uint32_t shift = kind_shift[kind];
		const uint32_t number = spec[i] >> 4u;
		const uint32_t slot = 4u + 2u * number;
		const uint32_t off = slot + 2u <= vsize ? fb_u16(v->b, vt + slot) : 0u;

		at[number] = 0;
		if (off == 0) {
			continue;
		}
		if (off < 4u || off + (kind <= K_S8 ? 1u << shift : 4u) > tsize) {
			return false;
		}
		if (kind <= K_S8) {
			at[number] = t + off;
			continue;
		}
		const uint32_t to = target(v, t + off);

		at[number] = to;
		if (kind == K_TAB) {
			if (!table_ok(v, to)) {
				return false;
			}
			continue;
		}
		const uint32_t room = v->len - 4u - to;
		const uint32_t count = fb_u32(v->b, to);

		/* to is 0 when the offset pointed outside: 0 is never a valid vector. */
		if (to == 0 || to % 4u || count > room >> shift) {
			return false;
		}
		const uint32_t end = to + 4u + (count << shift);

		if (kind == K_STR && (end == v->len || v->b[end] != 0)) {
			return false;
		}
		for (uint32_t k = 0; kind == K_TABS && k < count; k++) {
			if (!table_ok(v, target(v, to + 4u + 4u * k))) {
				return false;
			}
		}
	}
	return true;
}

/* The fields of each table the runtime reads. */
static const uint8_t model_fields[] = {
	FIELD(ZTFLM_MODEL_VERSION, K_S4), FIELD(ZTFLM_MODEL_OPERATOR_CODES, K_TABS),
	FIELD(ZTFLM_MODEL_SUBGRAPHS, K_TABS), FIELD(ZTFLM_MODEL_BUFFERS, K_TABS),
	FIELD(ZTFLM_MODEL_METADATA, K_TABS),
};
static const uint8_t opcode_fields[] = {
	FIELD(ZTFLM_OPCODE_DEPRECATED_BUILTIN_CODE, K_S1), FIELD(ZTFLM_OPCODE_CUSTOM_CODE, K_STR),
	FIELD(ZTFLM_OPCODE_VERSION, K_S4), FIELD(ZTFLM_OPCODE_BUILTIN_CODE, K_S4),
};
static const uint8_t buffer_fields[] = {
	FIELD(ZTFLM_BUFFER_DATA, K_V1), FIELD(ZTFLM_BUFFER_OFFSET, K_S8),
	FIELD(ZTFLM_BUFFER_SIZE, K_S8),
};
static const uint8_t subgraph_fields[] = {
	FIELD(ZTFLM_SUBGRAPH_TENSORS, K_TABS), FIELD(ZTFLM_SUBGRAPH_INPUTS, K_V4),
	FIELD(ZTFLM_SUBGRAPH_OUTPUTS, K_V4), FIELD(ZTFLM_SUBGRAPH_OPERATORS, K_TABS),
	FIELD(ZTFLM_SUBGRAPH_NAME, K_STR),
};
static const uint8_t tensor_fields[] = {
	FIELD(ZTFLM_TENSOR_SHAPE, K_V4),	FIELD(ZTFLM_TENSOR_TYPE, K_S1),
	FIELD(ZTFLM_TENSOR_BUFFER, K_S4),	FIELD(ZTFLM_TENSOR_NAME, K_STR),
	FIELD(ZTFLM_TENSOR_QUANTIZATION, K_TAB), FIELD(ZTFLM_TENSOR_IS_VARIABLE, K_S1),
	FIELD(ZTFLM_TENSOR_SPARSITY, K_TAB),
};
static const uint8_t quant_fields[] = {
	FIELD(ZTFLM_QUANT_SCALE, K_V4),		 FIELD(ZTFLM_QUANT_ZERO_POINT, K_V8),
	FIELD(ZTFLM_QUANT_MIN, K_V4),		 FIELD(ZTFLM_QUANT_MAX, K_V4),
	FIELD(ZTFLM_QUANT_DETAILS_TYPE, K_S1),	 FIELD(ZTFLM_QUANT_DETAILS, K_TAB),
	FIELD(ZTFLM_QUANT_QUANTIZED_DIMENSION, K_S4),
};
static const uint8_t operator_fields[] = {
	FIELD(ZTFLM_OPERATOR_OPCODE_INDEX, K_S4),	  FIELD(ZTFLM_OPERATOR_INPUTS, K_V4),
	FIELD(ZTFLM_OPERATOR_OUTPUTS, K_V4),		  FIELD(ZTFLM_OPERATOR_INTERMEDIATES, K_V4),
	FIELD(ZTFLM_OPERATOR_BUILTIN_OPTIONS_TYPE, K_S1), FIELD(ZTFLM_OPERATOR_BUILTIN_OPTIONS, K_TAB),
	FIELD(ZTFLM_OPERATOR_CUSTOM_OPTIONS, K_V1),
};
static const uint8_t metadata_fields[] = {
	FIELD(ZTFLM_METADATA_NAME, K_STR), FIELD(ZTFLM_METADATA_BUFFER, K_S4),
};
#define FIELDS_OK(v, t, spec, at) fields_ok((v), (t), (spec), sizeof(spec), (at))
/* Entries of a fields_ok result, indexed by field number: the largest listed one, plus one. */
#define FIELD_SLOTS (ZTFLM_OPERATOR_INTERMEDIATES + 1)
_Static_assert(ZTFLM_MODEL_METADATA < FIELD_SLOTS && ZTFLM_OPCODE_BUILTIN_CODE < FIELD_SLOTS &&
		       ZTFLM_BUFFER_SIZE < FIELD_SLOTS && ZTFLM_SUBGRAPH_NAME < FIELD_SLOTS &&
		       ZTFLM_TENSOR_SPARSITY < FIELD_SLOTS &&
		       ZTFLM_QUANT_QUANTIZED_DIMENSION < FIELD_SLOTS &&
		       ZTFLM_METADATA_BUFFER < FIELD_SLOTS,
	       "a listed field number is outside the fields_ok result");

/* Every index of an int32 vector in [lo, count): the inputs (lo -1: an optional input left
 * out), outputs or intermediates (IO_*) of operator node, or of the subgraph when node < 0.
 */
enum io { IO_INPUTS, IO_OUTPUTS, IO_INTERMEDIATES };

static int indices_ok(struct vrf *v, uint32_t vec, enum io io, int32_t node)
{
	const int32_t lo = io == IO_INPUTS && node >= 0 ? -1 : 0;
	const uint32_t count = v->ip->tensor_count;

	for (uint32_t i = 0; i < fb_vec_len(v->b, vec); i++) {
		const int32_t x = fb_i32(v->b, vec + 4u + 4u * i);

		if (x < lo || x >= (int32_t)count) {
#if ZTFLM_ERROR_STRINGS
			const char *what = io == IO_INPUTS    ? "input"
					   : io == IO_OUTPUTS ? "output"
							      : "intermediate";

			return node >= 0 ? bad(v, "operator %d: %s %u is tensor %d, outside 0..%u",
					       (int)node, what, i, (int)x, count - 1u)
					 : bad(v, "subgraph %s %u is tensor %d, outside 0..%u", what, i,
					       (int)x, count - 1u);
#else
			return bad(v, "");
#endif
		}
	}
	return ZTFLM_OK;
}

static int verify_opcodes(struct vrf *v)
{
	for (uint32_t i = 0; i < v->ip->opcode_count; i++) {
		uint32_t at[FIELD_SLOTS];

		if (!FIELDS_OK(v, fb_vec_table(v->b, v->ip->opcodes, i), opcode_fields, at)) {
			return bad(v, "operator code %u is malformed", i);
		}
		if (ztflm_opcode_builtin(v->ip, i) < 0) {
			return bad(v, "operator code %u has negative builtin code %d", i,
				   (int)ztflm_opcode_builtin(v->ip, i));
		}
	}
	return ZTFLM_OK;
}

static int verify_buffers(struct vrf *v)
{
	for (uint32_t i = 0; i < fb_vec_len(v->b, v->ip->buffers); i++) {
		uint32_t at[FIELD_SLOTS];

		if (!FIELDS_OK(v, fb_vec_table(v->b, v->ip->buffers, i), buffer_fields, at)) {
			return bad(v, "buffer %u is malformed", i);
		}
		/*
		 * Data kept after the FlatBuffer (Buffer.offset, for models over 2 GB): TFLM does
		 * not read it (its tensor would be an empty activation), so it is refused.
		 */
		if (at[ZTFLM_BUFFER_OFFSET] && fb_u64(v->b, at[ZTFLM_BUFFER_OFFSET]) > 1u) {
			return unsupported(v, "buffer %u keeps its data after the FlatBuffer "
					      "(Buffer.offset), which TFLM does not read",
					   i);
		}
	}
	return ZTFLM_OK;
}

/* Whether a zero point fits this tensor type (kernels subtract it from its values). */
static bool zero_point_fits(uint8_t type, int32_t zp)
{
	switch (type) {
	case ZTFLM_INT8:
		return zp >= INT8_MIN && zp <= INT8_MAX;
	case ZTFLM_UINT8:
		return zp >= 0 && zp <= UINT8_MAX;
	case ZTFLM_INT16:
		return zp >= INT16_MIN && zp <= INT16_MAX;
	default:
		return true;
	}
}

static int verify_quantization(struct vrf *v, uint32_t i, uint32_t q, const int32_t *dims,
			       uint32_t rank, uint8_t type)
{
	ZTFLM_MSG_ONLY(i);
	uint32_t at[FIELD_SLOTS];

	if (!FIELDS_OK(v, q, quant_fields, at)) {
		return bad(v, "tensor %u: quantization parameters are malformed", i);
	}
	const uint32_t scales = at[ZTFLM_QUANT_SCALE];
	const uint32_t zps = at[ZTFLM_QUANT_ZERO_POINT];
	const uint32_t n_scales = fb_vec_len(v->b, scales);
	const uint32_t n_zps = fb_vec_len(v->b, zps);

	if (n_zps != 0 && n_zps != n_scales) {
		return bad(v, "tensor %u: %u zero points for %u scales", i, n_zps, n_scales);
	}
	for (uint32_t k = 0; k < n_zps; k++) {
		const uint32_t zp_at = zps + 4u + 8u * k;
		const int32_t zp = fb_i32(v->b, zp_at);

		if (fb_i32(v->b, zp_at + 4u) != (zp < 0 ? -1 : 0)) {
			return bad(v, "tensor %u: zero point %u does not fit 32 bits", i, k);
		}
		if (!zero_point_fits(type, zp)) {
			return bad(v, "tensor %u: zero point %d outside the %s range", i, (int)zp,
				   ztflm_type_name(type));
		}
	}
	if (n_scales > 1u) {
		const uint32_t qd_at = at[ZTFLM_QUANT_QUANTIZED_DIMENSION];
		const int32_t qd = qd_at ? fb_i32(v->b, qd_at) : 0;

		/* Converters copy the filter's dimension onto rank-1 biases; TFLM accepts that. */
		const bool rank1 = rank == 1u && (uint32_t)dims[0] == n_scales;

		if (!rank1 && (qd < 0 || (uint32_t)qd >= rank)) {
			return bad(v, "tensor %u: quantized dimension %d outside its rank %u", i,
				   (int)qd, rank);
		}
		if (!rank1 && (uint32_t)dims[qd] != n_scales) {
			return bad(v, "tensor %u: %u scales but dimension %d has %d channels", i,
				   n_scales, (int)qd, (int)dims[qd]);
		}
	}
	return ZTFLM_OK;
}

static int verify_tensor(struct vrf *v, uint32_t i, uint32_t t)
{
	const uint32_t n_buffers = fb_vec_len(v->b, v->ip->buffers);
	uint32_t at[FIELD_SLOTS];
	uint32_t off;
	uint32_t size;
	uint64_t elements = 1;

	if (!FIELDS_OK(v, t, tensor_fields, at)) {
		return bad(v, "tensor %u is malformed", i);
	}
	if (at[ZTFLM_TENSOR_SPARSITY]) {
		return unsupported(v, "tensor %u is sparse; sparse tensors are not supported", i);
	}
	const uint32_t shape = at[ZTFLM_TENSOR_SHAPE];
	const uint32_t rank = fb_vec_len(v->b, shape);
	const int32_t *dims = shape ? (const int32_t *)(const void *)(v->b + shape + 4u) : NULL;

	if (rank > ZTFLM_MAX_DIMS) {
		return unsupported(v, "tensor %u has rank %u, at most %d", i, rank,
				   ZTFLM_MAX_DIMS);
	}
	for (uint32_t d = 0; d < rank; d++) {
		/* Zero-sized dimensions occur in real models (unused optional LSTM inputs). */
		if (dims[d] < 0) {
			return bad(v, "tensor %u: dimension %u is %d", i, d, (int)dims[d]);
		}
		elements *= (uint64_t)dims[d];
		if (elements > ZTFLM_MAX_SIZE) {
			return bad(v, "tensor %u: shape too large", i);
		}
	}
	const uint8_t type = at[ZTFLM_TENSOR_TYPE] ? v->b[at[ZTFLM_TENSOR_TYPE]] : 0;
	const uint64_t bytes = ztflm_type_bytes(type, elements);
	const uint32_t buffer = at[ZTFLM_TENSOR_BUFFER] ? fb_u32(v->b, at[ZTFLM_TENSOR_BUFFER]) : 0;

	if (bytes > ZTFLM_MAX_SIZE) {
		return bad(v, "tensor %u: %s shape too large", i, ztflm_type_name(type));
	}
	if (buffer >= n_buffers) {
		return bad(v, "tensor %u: buffer %u outside 0..%u", i, buffer, n_buffers - 1u);
	}
	if (at[ZTFLM_TENSOR_QUANTIZATION]) {
		const int rc = verify_quantization(v, i, at[ZTFLM_TENSOR_QUANTIZATION], dims,
						   rank, type);

		if (rc) {
			return rc;
		}
	}
	if (ztflm_tensor_const_data(v->ip, t, &off, &size) &&
	    (ztflm_type_size(type) != 0 || type == ZTFLM_INT4) && size != bytes) {
		return bad(v, "tensor %u: constant buffer has %u bytes, its %s shape needs %u", i,
			   size, ztflm_type_name(type), (uint32_t)bytes);
	}
	return ZTFLM_OK;
}

static int verify_operator(struct vrf *v, uint32_t i, uint32_t t)
{
	uint32_t at[FIELD_SLOTS];

	if (!FIELDS_OK(v, t, operator_fields, at)) {
		return bad(v, "operator %u is malformed", i);
	}
	const uint32_t opcode_at = at[ZTFLM_OPERATOR_OPCODE_INDEX];
	const uint32_t opcode = opcode_at ? fb_u32(v->b, opcode_at) : 0;

	if (opcode >= v->ip->opcode_count) {
		return bad(v, "operator %u: opcode index %u outside 0..%d", i, opcode,
			   (int)v->ip->opcode_count - 1);
	}
	if (fb_vec_len(v->b, at[ZTFLM_OPERATOR_OUTPUTS]) == 0) {
		return bad(v, "operator %u has no outputs", i);
	}
	int rc = indices_ok(v, at[ZTFLM_OPERATOR_INPUTS], IO_INPUTS, (int32_t)i);

	if (!rc) {
		rc = indices_ok(v, at[ZTFLM_OPERATOR_OUTPUTS], IO_OUTPUTS, (int32_t)i);
	}
	if (!rc) {
		rc = indices_ok(v, at[ZTFLM_OPERATOR_INTERMEDIATES], IO_INTERMEDIATES, (int32_t)i);
	}
	return rc;
}

static int verify_offline_plan(struct vrf *v, uint32_t metadata)
{
	for (uint32_t i = 0; i < fb_vec_len(v->b, metadata); i++) {
		uint32_t at[FIELD_SLOTS];

		if (!FIELDS_OK(v, fb_vec_table(v->b, metadata, i), metadata_fields, at)) {
			return bad(v, "metadata %u is malformed", i);
		}
		const uint32_t name = at[ZTFLM_METADATA_NAME];
		const uint32_t buffer_at = at[ZTFLM_METADATA_BUFFER];
		const uint32_t buffer = buffer_at ? fb_u32(v->b, buffer_at) : 0;

		if (buffer >= fb_vec_len(v->b, v->ip->buffers)) {
			return bad(v, "metadata %u: buffer %u outside the buffers", i, buffer);
		}
		if (!name || fb_u32(v->b, name) != sizeof(ZTFLM_OFFLINE_PLAN_NAME) - 1u ||
		    memcmp(v->b + name + 4u, ZTFLM_OFFLINE_PLAN_NAME,
			   sizeof(ZTFLM_OFFLINE_PLAN_NAME) - 1u) != 0) {
			continue;
		}
		/* [version, subgraph, tensor count, one offset per tensor (-1: plan online)] */
		const uint32_t bt = fb_vec_table(v->b, v->ip->buffers, buffer);
		const uint32_t data = fb_field_ref(v->b, bt, ZTFLM_BUFFER_DATA);
		const uint32_t n = fb_vec_len(v->b, data);

		if (n < 12u || fb_u32(v->b, data + 4u) != 1u || fb_u32(v->b, data + 8u) != 0u ||
		    fb_u32(v->b, data + 12u) != v->ip->tensor_count ||
		    n != 12u + 4u * v->ip->tensor_count) {
			return bad(v, "OfflineMemoryAllocation metadata does not describe the %u tensors",
				   v->ip->tensor_count);
		}
		for (uint32_t k = 0; k < v->ip->tensor_count; k++) {
			const int32_t off = fb_i32(v->b, data + 16u + 4u * k);

			if (off < -1 || off > (int32_t)ZTFLM_MAX_SIZE) {
				return bad(v, "OfflineMemoryAllocation: tensor %u offset %d", k,
					   (int)off);
			}
		}
		v->ip->offline_plan = data + 16u;
	}
	return ZTFLM_OK;
}

/* The subgraph: its tables, its tensors, the graph inputs and outputs, its operators. */
static int verify_subgraph(struct vrf *v, uint32_t sg)
{
	struct ztflm_interpreter *ip = v->ip;
	uint32_t at[FIELD_SLOTS];
	int rc = ZTFLM_OK;

	if (!FIELDS_OK(v, sg, subgraph_fields, at)) {
		return bad(v, "subgraph 0 is malformed");
	}
	ip->subgraph = sg;
	ip->tensors = at[ZTFLM_SUBGRAPH_TENSORS];
	ip->graph_inputs = at[ZTFLM_SUBGRAPH_INPUTS];
	ip->graph_outputs = at[ZTFLM_SUBGRAPH_OUTPUTS];
	ip->operators = at[ZTFLM_SUBGRAPH_OPERATORS];
	ip->tensor_count = fb_vec_len(v->b, ip->tensors);
	ip->op_count = fb_vec_len(v->b, ip->operators);
	if (ip->tensor_count > 0xFFFEu || ip->op_count > 0xFFFEu) {
		return unsupported(v, "%u tensors and %u operators, at most 65534 each",
				   ip->tensor_count, ip->op_count);
	}
	if (ip->op_count == 0) {
		return bad(v, "subgraph 0 has no operators");
	}
	for (uint32_t i = 0; !rc && i < ip->tensor_count; i++) {
		rc = verify_tensor(v, i, fb_vec_table(v->b, ip->tensors, i));
	}
	if (!rc) {
		rc = indices_ok(v, ip->graph_inputs, IO_INPUTS, -1);
	}
	if (!rc) {
		rc = indices_ok(v, ip->graph_outputs, IO_OUTPUTS, -1);
	}
	if (!rc && fb_vec_len(v->b, ip->graph_outputs) == 0) {
		rc = bad(v, "subgraph 0 has no outputs");
	}
	for (uint32_t i = 0; !rc && i < ip->op_count; i++) {
		rc = verify_operator(v, i, fb_vec_table(v->b, ip->operators, i));
	}
	return rc;
}

int ztflm_verify(struct ztflm_interpreter *ip)
{
	struct vrf v = {ip, ip->model, ip->model_size};
	uint32_t at[FIELD_SLOTS];
	int rc;

	if (v.len < 8u) {
		return bad(&v, "%u bytes is too short for a FlatBuffer", v.len);
	}
	const uint32_t model = fb_u32(v.b, 0);

	if ((uint64_t)model + 4u > v.len || !table_ok(&v, model)) {
		return bad(&v, "root table offset %u is not a valid table (not a .tflite file?)",
			   model);
	}
	if (!FIELDS_OK(&v, model, model_fields, at)) {
		return bad(&v, "the model table is malformed");
	}
	const uint32_t version_at = at[ZTFLM_MODEL_VERSION];
	const uint32_t version = version_at ? fb_u32(v.b, version_at) : 0;
	const uint32_t subgraphs = fb_vec_len(v.b, at[ZTFLM_MODEL_SUBGRAPHS]);

	if (version != ZTFLM_SCHEMA_VERSION) {
		return unsupported(&v, "schema version %u, expected %d", version,
				   ZTFLM_SCHEMA_VERSION);
	}
	ip->opcodes = at[ZTFLM_MODEL_OPERATOR_CODES];
	ip->opcode_count = fb_vec_len(v.b, ip->opcodes);
	ip->buffers = at[ZTFLM_MODEL_BUFFERS];
	if (ip->opcode_count > 0xFFFFu) {
		return unsupported(&v, "%u operator codes, at most 65535", ip->opcode_count);
	}
	if (subgraphs != 1u) {
		return subgraphs == 0 ? bad(&v, "no subgraph")
				      : unsupported(&v, "%u subgraphs; only single-subgraph models run",
						    subgraphs);
	}
	rc = verify_opcodes(&v);
	if (!rc) {
		rc = verify_buffers(&v);
	}
	if (!rc) {
		rc = verify_subgraph(&v, fb_vec_table(v.b, at[ZTFLM_MODEL_SUBGRAPHS], 0));
	}
	if (!rc) {
		rc = verify_offline_plan(&v, at[ZTFLM_MODEL_METADATA]);
	}
	return rc;
}

#else /* !ZTFLM_VERIFY_MODEL */

/*
 * A trusted model (built into the firmware and checked on the host by `ztflm info` or
 * `ztflm convert`): only its tables are located, nothing is checked. A malformed model is
 * undefined behaviour in this configuration; the graph checks of allocate still run.
 */
int ztflm_verify(struct ztflm_interpreter *ip)
{
	const uint8_t *b = ip->model;
	const uint32_t model = fb_u32(b, 0);
	const uint32_t meta = fb_field_ref(b, model, ZTFLM_MODEL_METADATA);
	const uint32_t sg = fb_vec_table(b, fb_field_ref(b, model, ZTFLM_MODEL_SUBGRAPHS), 0);

	ip->opcodes = fb_field_ref(b, model, ZTFLM_MODEL_OPERATOR_CODES);
	ip->opcode_count = fb_vec_len(b, ip->opcodes);
	ip->buffers = fb_field_ref(b, model, ZTFLM_MODEL_BUFFERS);
	ip->subgraph = sg;
	ip->tensors = fb_field_ref(b, sg, ZTFLM_SUBGRAPH_TENSORS);
	ip->graph_inputs = fb_field_ref(b, sg, ZTFLM_SUBGRAPH_INPUTS);
	ip->graph_outputs = fb_field_ref(b, sg, ZTFLM_SUBGRAPH_OUTPUTS);
	ip->operators = fb_field_ref(b, sg, ZTFLM_SUBGRAPH_OPERATORS);
	ip->tensor_count = fb_vec_len(b, ip->tensors);
	ip->op_count = fb_vec_len(b, ip->operators);
	for (uint32_t i = 0; i < fb_vec_len(b, meta); i++) {
		const uint32_t t = fb_vec_table(b, meta, i);
		const uint32_t name = fb_field_ref(b, t, ZTFLM_METADATA_NAME);

		if (name && fb_u32(b, name) == sizeof(ZTFLM_OFFLINE_PLAN_NAME) - 1u &&
		    memcmp(b + name + 4u, ZTFLM_OFFLINE_PLAN_NAME,
			   sizeof(ZTFLM_OFFLINE_PLAN_NAME) - 1u) == 0) {
			const uint32_t buffer = fb_field_u32(b, t, ZTFLM_METADATA_BUFFER, 0);
			const uint32_t bt = fb_vec_table(b, ip->buffers, buffer);

			ip->offline_plan = fb_field_ref(b, bt, ZTFLM_BUFFER_DATA) + 16u;
		}
	}
	return ZTFLM_OK;
}

#endif /* ZTFLM_VERIFY_MODEL */
