/* The model verifier: every table, vector, string, offset and index checked before use. */
#include <ztflm/builtin_ops.h>
#include <ztflm/schema.h>

#include "fb.h"
#include "internal.h"
#include "table.h"

#if ZTFLM_VERIFY_MODEL

struct vrf {
	struct ztflm_interpreter *ip;
	const uint8_t *b;
	uint32_t len;
};

/* A malformed model, or a well-formed one ztflm does not run. */
#define bad(v, ...) ztflm_error_model((v)->ip, ZTFLM_ERR_MODEL, __VA_ARGS__)
#define unsupported(v, ...) ztflm_error_model((v)->ip, ZTFLM_ERR_UNSUPPORTED, __VA_ARGS__)
#define FIELDS_OK(v, t, spec, at) ztflm_fields((v)->b, (v)->len, (t), (spec), (at))

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

		if (!FIELDS_OK(v, fb_vec_table(v->b, v->ip->opcodes, i), ztflm_opcode_fields, at)) {
			return bad(v, "operator code %u is malformed", i);
		}
		if (ztflm_opcode_builtin(v->ip, i) < 0) {
			return bad(v, "operator code %u has negative builtin code %d", i,
				   (int)ztflm_opcode_builtin(v->ip, i));
		}
	}
	return ZTFLM_OK;
}

static int verify_buffers(struct vrf *v, uint32_t buffers)
{
	for (uint32_t i = 0; i < fb_vec_len(v->b, buffers); i++) {
		uint32_t at[FIELD_SLOTS];

		if (!FIELDS_OK(v, fb_vec_table(v->b, buffers, i), ztflm_buffer_fields, at)) {
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

	if (!FIELDS_OK(v, q, ztflm_quant_fields, at)) {
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

	if (!FIELDS_OK(v, t, ztflm_tensor_fields, at)) {
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
	const uint64_t bytes = ztflm_type_bytes(type, (uint32_t)elements); /* <= ZTFLM_MAX_SIZE */
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

#if ZTFLM_SUBGRAPHS > 1
/* CALL_ONCE writes nothing: it runs a subgraph (ASSIGN_VARIABLE writes a resource). */
static bool writes_no_tensor(struct vrf *v, uint32_t opcode)
{
	const int32_t op = ztflm_opcode_builtin(v->ip, opcode);

	return op == ZTFLM_OP_CALL_ONCE || op == ZTFLM_OP_ASSIGN_VARIABLE;
}
#else
#define writes_no_tensor(v, opcode) false
#endif

static int verify_operator(struct vrf *v, uint32_t i, uint32_t t)
{
	uint32_t at[FIELD_SLOTS];

	if (!FIELDS_OK(v, t, ztflm_operator_fields, at)) {
		return bad(v, "operator %u is malformed", i);
	}
	const uint32_t opcode_at = at[ZTFLM_OPERATOR_OPCODE_INDEX];
	const uint32_t opcode = opcode_at ? fb_u32(v->b, opcode_at) : 0;

	if (opcode >= v->ip->opcode_count) {
		return bad(v, "operator %u: opcode index %u outside 0..%d", i, opcode,
			   (int)v->ip->opcode_count - 1);
	}
	if (fb_vec_len(v->b, at[ZTFLM_OPERATOR_OUTPUTS]) == 0 && !writes_no_tensor(v, opcode)) {
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

/* The located OfflineMemoryAllocation: [version, subgraph, tensor count, one offset per
 * tensor (-1: plan online)].
 */
static int verify_offline_plan(struct vrf *v)
{
	struct ztflm_interpreter *ip = v->ip;

	if (!ip->offline_plan) {
		return ZTFLM_OK;
	}
	const uint32_t data = ip->offline_plan - 16u;
	const uint32_t n = fb_vec_len(v->b, data);

	if (n < 12u || fb_u32(v->b, data + 4u) != 1u || fb_u32(v->b, data + 8u) != 0u ||
	    fb_u32(v->b, data + 12u) != ip->tensor_count || n != 12u + 4u * ip->tensor_count) {
		return bad(v, "OfflineMemoryAllocation metadata does not describe the %u tensors",
			   ip->tensor_count);
	}
	for (uint32_t k = 0; k < ip->tensor_count; k++) {
		const int32_t off = fb_i32(v->b, ip->offline_plan + 4u * k);

		if (off < -1 || off > (int32_t)ZTFLM_MAX_SIZE) {
			return bad(v, "OfflineMemoryAllocation: tensor %u offset %d", k, (int)off);
		}
	}
	return ZTFLM_OK;
}

/*
 * The current subgraph: its tensors, the graph inputs and outputs, its operators. Only the
 * first, which ztflm_invoke runs, must have operators and outputs: another may be empty.
 */
static int verify_subgraph(struct vrf *v, uint32_t index)
{
	struct ztflm_interpreter *ip = v->ip;
	int rc = ZTFLM_OK;

	if (ip->tensor_count > 0xFFFEu || ip->op_count > 0xFFFEu) {
		return unsupported(v, "%u tensors and %u operators, at most 65534 each",
				   ip->tensor_count, ip->op_count);
	}
	if (ip->op_count == 0 && index == 0) {
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
	if (!rc && index == 0 && fb_vec_len(v->b, ip->graph_outputs) == 0) {
		rc = bad(v, "subgraph 0 has no outputs");
	}
	for (uint32_t i = 0; !rc && i < ip->op_count; i++) {
		rc = verify_operator(v, i, fb_vec_table(v->b, ip->operators, i));
	}
	return rc;
}

ZTFLM_COLD
int ztflm_verify(struct ztflm_interpreter *ip)
{
	struct vrf v = {ip, ip->model, ip->model_size};
	const uint32_t model = fb_u32(v.b, 0);
	const uint32_t version = fb_field_u32(v.b, model, ZTFLM_MODEL_VERSION, 0);
	const uint32_t subgraphs = fb_vec_len(v.b, fb_field_ref(v.b, model, ZTFLM_MODEL_SUBGRAPHS));
	int rc;

	if (version != ZTFLM_SCHEMA_VERSION) {
		return unsupported(&v, "schema version %u, expected %d", version,
				   ZTFLM_SCHEMA_VERSION);
	}
	if (ip->opcode_count > 0xFFFFu) {
		return unsupported(&v, "%u operator codes, at most 65535", ip->opcode_count);
	}
	/* None (locate refused that) or more than the build runs. */
	if (subgraphs - 1u >= ZTFLM_SUBGRAPHS) {
		return unsupported(&v, "%u subgraphs; this build runs at most %d (ZTFLM_SUBGRAPHS)",
				   subgraphs, ZTFLM_SUBGRAPHS);
	}
#if ZTFLM_SUBGRAPHS > 1
	/* TFLM numbers an offline plan's tensors across subgraphs; ztflm plans it for one. */
	if (subgraphs > 1u && ip->offline_plan) {
		return unsupported(&v, "an offline memory plan with %u subgraphs", subgraphs);
	}
#endif
	rc = verify_buffers(&v, ip->buffers);
	if (!rc) {
		rc = verify_opcodes(&v);
	}
#if ZTFLM_SUBGRAPHS > 1
	for (uint32_t k = 0; !rc && k < subgraphs; k++) {
		ztflm_subgraph_enter(ip, k);
		rc = verify_subgraph(&v, k);
	}
	ztflm_subgraph_enter(ip, 0);
#else
	if (!rc) {
		rc = verify_subgraph(&v, 0);
	}
#endif
	if (!rc) {
		rc = verify_offline_plan(&v);
	}
	return rc;
}

#endif /* ZTFLM_VERIFY_MODEL */
