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

static int(bad)(struct vrf *v, const char *fmt, ...)
{
	va_list ap;
	char msg[ZTFLM_ERROR_MESSAGE_LEN - 8];

	va_start(ap, fmt);
	ztflm_format(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return ztflm_error_set(v->ip, ZTFLM_ERR_MODEL, -1, "model: %s", msg);
}

static int(unsupported)(struct vrf *v, const char *fmt, ...)
{
	va_list ap;
	char msg[ZTFLM_ERROR_MESSAGE_LEN - 8];

	va_start(ap, fmt);
	ztflm_format(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return ztflm_error_set(v->ip, ZTFLM_ERR_UNSUPPORTED, -1, "model: %s", msg);
}

#if !ZTFLM_ERROR_STRINGS
#define bad(v, ...) bad((v), NULL)
#define unsupported(v, ...) unsupported((v), NULL)
#endif

/* A table at t: its vtable and its inline bytes inside the buffer. */
static bool table_ok(const struct vrf *v, uint32_t t)
{
	if (t % 4u || (uint64_t)t + 4u > v->len) {
		return false;
	}
	const int64_t vt = (int64_t)t - fb_i32(v->b, t);

	if (vt < 0 || vt % 2 || vt + 4 > (int64_t)v->len) {
		return false;
	}
	const uint32_t vsize = fb_u16(v->b, (uint32_t)vt);
	const uint32_t tsize = fb_u16(v->b, (uint32_t)vt + 2u);

	return vsize >= 4u && vsize % 2u == 0 && (uint64_t)vt + vsize <= v->len && tsize >= 4u &&
	       (uint64_t)t + tsize <= v->len;
}

/* Field position (0 when absent) after checking it lies inside the table. */
static bool field_ok(const struct vrf *v, uint32_t t, uint32_t field, uint32_t size, uint32_t *at)
{
	const uint32_t vt = (uint32_t)((int64_t)t - fb_i32(v->b, t));
	const uint32_t vsize = fb_u16(v->b, vt);
	const uint32_t tsize = fb_u16(v->b, vt + 2u);
	const uint32_t slot = 4u + 2u * field;

	*at = 0;
	if (slot + 2u > vsize) {
		return true;
	}
	const uint32_t off = fb_u16(v->b, vt + slot);

	if (off == 0) {
		return true;
	}
	if (off < 4u || off + size > tsize) {
		return false;
	}
	*at = t + off;
	return true;
}

/* Offset field: its target, 0 when absent. */
static bool ref_ok(const struct vrf *v, uint32_t t, uint32_t field, uint32_t *target)
{
	uint32_t at;

	*target = 0;
	if (!field_ok(v, t, field, 4u, &at)) {
		return false;
	}
	if (!at) {
		return true;
	}
	const uint64_t to = (uint64_t)at + fb_u32(v->b, at);

	if (to + 4u > v->len) {
		return false;
	}
	*target = (uint32_t)to;
	return true;
}

static bool vec_at_ok(const struct vrf *v, uint32_t vec, uint32_t elem)
{
	if (vec % 4u || (uint64_t)vec + 4u > v->len) {
		return false;
	}
	return (uint64_t)vec + 4u + (uint64_t)fb_u32(v->b, vec) * elem <= v->len;
}

/* Vector field of elem-byte elements: position (0 when absent) and count. */
static bool vec_ok(const struct vrf *v, uint32_t t, uint32_t field, uint32_t elem, uint32_t *vec)
{
	if (!ref_ok(v, t, field, vec)) {
		return false;
	}
	return !*vec || vec_at_ok(v, *vec, elem);
}

static bool string_ok(const struct vrf *v, uint32_t t, uint32_t field, uint32_t *str)
{
	if (!vec_ok(v, t, field, 1u, str)) {
		return false;
	}
	if (!*str) {
		return true;
	}
	const uint64_t nul = (uint64_t)*str + 4u + fb_u32(v->b, *str);

	return nul < v->len && v->b[nul] == 0;
}

static bool sub_table_ok(const struct vrf *v, uint32_t t, uint32_t field, uint32_t *sub)
{
	return ref_ok(v, t, field, sub) && (!*sub || table_ok(v, *sub));
}

/* Vector of tables: each element's target is a valid table. */
static bool table_vec_ok(const struct vrf *v, uint32_t t, uint32_t field, uint32_t *vec)
{
	if (!vec_ok(v, t, field, 4u, vec)) {
		return false;
	}
	for (uint32_t i = 0; i < fb_vec_len(v->b, *vec); i++) {
		const uint32_t at = *vec + 4u + 4u * i;
		const uint64_t to = (uint64_t)at + fb_u32(v->b, at);

		if (to + 4u > v->len || !table_ok(v, (uint32_t)to)) {
			return false;
		}
	}
	return true;
}

static bool scalar_ok(const struct vrf *v, uint32_t t, uint32_t field, uint32_t size)
{
	uint32_t at;

	return field_ok(v, t, field, size, &at);
}

/* Every index of an int32 vector in [lo, count). */
static int indices_ok(struct vrf *v, uint32_t vec, int32_t lo, uint32_t count, const char *what,
		      int32_t where)
{
	ZTFLM_MSG_ONLY(what);
	for (uint32_t i = 0; i < fb_vec_len(v->b, vec); i++) {
		const int32_t x = fb_i32(v->b, vec + 4u + 4u * i);

		if (x < lo || x >= (int32_t)count) {
			return where >= 0 ? bad(v, "operator %d: %s %u is tensor %d, outside 0..%u",
						(int)where, what, i, (int)x, count - 1u)
					  : bad(v, "subgraph %s %u is tensor %d, outside 0..%u", what,
						i, (int)x, count - 1u);
		}
	}
	return ZTFLM_OK;
}

static int verify_opcodes(struct vrf *v, uint32_t model)
{
	uint32_t vec;

	if (!table_vec_ok(v, model, ZTFLM_MODEL_OPERATOR_CODES, &vec)) {
		return bad(v, "operator_codes is not a valid vector of tables");
	}
	v->ip->opcodes = vec;
	v->ip->opcode_count = fb_vec_len(v->b, vec);
	if (v->ip->opcode_count > 0xFFFFu) {
		return unsupported(v, "%u operator codes, at most 65535", v->ip->opcode_count);
	}
	for (uint32_t i = 0; i < v->ip->opcode_count; i++) {
		const uint32_t t = fb_vec_table(v->b, vec, i);
		uint32_t str;

		if (!scalar_ok(v, t, ZTFLM_OPCODE_DEPRECATED_BUILTIN_CODE, 1u) ||
		    !string_ok(v, t, ZTFLM_OPCODE_CUSTOM_CODE, &str) ||
		    !scalar_ok(v, t, ZTFLM_OPCODE_VERSION, 4u) ||
		    !scalar_ok(v, t, ZTFLM_OPCODE_BUILTIN_CODE, 4u)) {
			return bad(v, "operator code %u is malformed", i);
		}
		if (ztflm_opcode_builtin(v->ip, i) < 0) {
			return bad(v, "operator code %u has negative builtin code %d", i,
				   (int)ztflm_opcode_builtin(v->ip, i));
		}
	}
	return ZTFLM_OK;
}

static int verify_buffers(struct vrf *v, uint32_t model)
{
	uint32_t vec;

	if (!table_vec_ok(v, model, ZTFLM_MODEL_BUFFERS, &vec)) {
		return bad(v, "buffers is not a valid vector of tables");
	}
	v->ip->buffers = vec;
	for (uint32_t i = 0; i < fb_vec_len(v->b, vec); i++) {
		const uint32_t t = fb_vec_table(v->b, vec, i);
		uint32_t data;
		uint32_t off_at;
		uint32_t size_at;

		if (!vec_ok(v, t, ZTFLM_BUFFER_DATA, 1u, &data) ||
		    !field_ok(v, t, ZTFLM_BUFFER_OFFSET, 8u, &off_at) ||
		    !field_ok(v, t, ZTFLM_BUFFER_SIZE, 8u, &size_at)) {
			return bad(v, "buffer %u is malformed", i);
		}
		if (off_at && size_at && fb_u64(v->b, off_at) > 1u) {
			const uint64_t off = fb_u64(v->b, off_at);
			const uint64_t size = fb_u64(v->b, size_at);

			if (off % 4u || off + size > v->len) {
				return bad(v, "buffer %u data at offset %u is outside the model", i,
					   (unsigned)(off > 0xFFFFFFFFu ? 0xFFFFFFFFu : off));
			}
		}
	}
	return ZTFLM_OK;
}

/* Zero points a tensor of this type can hold: kernels subtract them from its values. */
static void zero_point_range(uint8_t type, int64_t *lo, int64_t *hi)
{
	switch (type) {
	case ZTFLM_INT8:
		*lo = INT8_MIN;
		*hi = INT8_MAX;
		break;
	case ZTFLM_UINT8:
		*lo = 0;
		*hi = UINT8_MAX;
		break;
	case ZTFLM_INT16:
		*lo = INT16_MIN;
		*hi = INT16_MAX;
		break;
	default:
		*lo = INT32_MIN;
		*hi = INT32_MAX;
		break;
	}
}

static int verify_quantization(struct vrf *v, uint32_t i, uint32_t q, const int32_t *dims,
			       uint32_t rank, uint8_t type)
{
	ZTFLM_MSG_ONLY(i);
	uint32_t scales;
	uint32_t zps;
	uint32_t minmax;
	uint32_t details;

	if (!vec_ok(v, q, ZTFLM_QUANT_MIN, 4u, &minmax) ||
	    !vec_ok(v, q, ZTFLM_QUANT_MAX, 4u, &minmax) ||
	    !vec_ok(v, q, ZTFLM_QUANT_SCALE, 4u, &scales) ||
	    !vec_ok(v, q, ZTFLM_QUANT_ZERO_POINT, 8u, &zps) ||
	    !scalar_ok(v, q, ZTFLM_QUANT_DETAILS_TYPE, 1u) ||
	    !sub_table_ok(v, q, ZTFLM_QUANT_DETAILS, &details) ||
	    !scalar_ok(v, q, ZTFLM_QUANT_QUANTIZED_DIMENSION, 4u)) {
		return bad(v, "tensor %u: quantization parameters are malformed", i);
	}
	const uint32_t n_scales = fb_vec_len(v->b, scales);
	const uint32_t n_zps = fb_vec_len(v->b, zps);

	if (n_zps != 0 && n_zps != n_scales) {
		return bad(v, "tensor %u: %u zero points for %u scales", i, n_zps, n_scales);
	}
	for (uint32_t k = 0; k < n_zps; k++) {
		const int64_t zp = (int64_t)fb_u64(v->b, zps + 4u + 8u * k);

		int64_t lo;
		int64_t hi;

		if (zp < INT32_MIN || zp > INT32_MAX) {
			return bad(v, "tensor %u: zero point %u does not fit 32 bits", i, k);
		}
		zero_point_range(type, &lo, &hi);
		if (zp < lo || zp > hi) {
			return bad(v, "tensor %u: zero point %d outside the %s range", i, (int)zp,
				   ztflm_type_name(type));
		}
	}
	if (n_scales > 1u) {
		const int32_t qd = fb_field_i32(v->b, q, ZTFLM_QUANT_QUANTIZED_DIMENSION, 0);

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
	uint32_t shape;
	uint32_t name;
	uint32_t q;
	uint32_t sparsity;
	uint32_t off;
	uint32_t size;
	uint64_t elements = 1;

	if (!vec_ok(v, t, ZTFLM_TENSOR_SHAPE, 4u, &shape) ||
	    !scalar_ok(v, t, ZTFLM_TENSOR_TYPE, 1u) || !scalar_ok(v, t, ZTFLM_TENSOR_BUFFER, 4u) ||
	    !string_ok(v, t, ZTFLM_TENSOR_NAME, &name) ||
	    !sub_table_ok(v, t, ZTFLM_TENSOR_QUANTIZATION, &q) ||
	    !scalar_ok(v, t, ZTFLM_TENSOR_IS_VARIABLE, 1u) ||
	    !sub_table_ok(v, t, ZTFLM_TENSOR_SPARSITY, &sparsity)) {
		return bad(v, "tensor %u is malformed", i);
	}
	if (sparsity) {
		return unsupported(v, "tensor %u is sparse; sparse tensors are not supported", i);
	}
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
	const uint8_t type = fb_field_u8(v->b, t, ZTFLM_TENSOR_TYPE, 0);
	const uint64_t bytes = elements * ztflm_type_size(type);

	if (bytes > ZTFLM_MAX_SIZE) {
		return bad(v, "tensor %u: %s shape too large", i, ztflm_type_name(type));
	}
	if (fb_field_u32(v->b, t, ZTFLM_TENSOR_BUFFER, 0) >= n_buffers) {
		return bad(v, "tensor %u: buffer %u outside 0..%u", i,
			   fb_field_u32(v->b, t, ZTFLM_TENSOR_BUFFER, 0), n_buffers - 1u);
	}
	if (q) {
		const int rc = verify_quantization(v, i, q, dims, rank, type);

		if (rc) {
			return rc;
		}
	}
	if (ztflm_tensor_const_data(v->ip, t, &off, &size) && ztflm_type_size(type) != 0 &&
	    size != bytes) {
		return bad(v, "tensor %u: constant buffer has %u bytes, its %s shape needs %u", i,
			   size, ztflm_type_name(type), (uint32_t)bytes);
	}
	return ZTFLM_OK;
}

static int verify_operator(struct vrf *v, uint32_t i, uint32_t t)
{
	uint32_t inputs;
	uint32_t outputs;
	uint32_t options;
	uint32_t custom;
	uint32_t inter;
	uint32_t opcode_at;
	int rc;

	if (!field_ok(v, t, ZTFLM_OPERATOR_OPCODE_INDEX, 4u, &opcode_at) ||
	    !vec_ok(v, t, ZTFLM_OPERATOR_INPUTS, 4u, &inputs) ||
	    !vec_ok(v, t, ZTFLM_OPERATOR_OUTPUTS, 4u, &outputs) ||
	    !scalar_ok(v, t, ZTFLM_OPERATOR_BUILTIN_OPTIONS_TYPE, 1u) ||
	    !sub_table_ok(v, t, ZTFLM_OPERATOR_BUILTIN_OPTIONS, &options) ||
	    !vec_ok(v, t, ZTFLM_OPERATOR_CUSTOM_OPTIONS, 1u, &custom) ||
	    !vec_ok(v, t, ZTFLM_OPERATOR_INTERMEDIATES, 4u, &inter)) {
		return bad(v, "operator %u is malformed", i);
	}
	const uint32_t opcode = opcode_at ? fb_u32(v->b, opcode_at) : 0;

	if (opcode >= v->ip->opcode_count) {
		return bad(v, "operator %u: opcode index %u outside 0..%d", i, opcode,
			   (int)v->ip->opcode_count - 1);
	}
	if (!outputs || fb_vec_len(v->b, outputs) == 0) {
		return bad(v, "operator %u has no outputs", i);
	}
	rc = indices_ok(v, inputs, -1, v->ip->tensor_count, "input", (int32_t)i);
	if (!rc) {
		rc = indices_ok(v, outputs, 0, v->ip->tensor_count, "output", (int32_t)i);
	}
	if (!rc) {
		rc = indices_ok(v, inter, 0, v->ip->tensor_count, "intermediate", (int32_t)i);
	}
	return rc;
}

static int verify_offline_plan(struct vrf *v, uint32_t model)
{
	uint32_t vec;

	if (!table_vec_ok(v, model, ZTFLM_MODEL_METADATA, &vec)) {
		return bad(v, "metadata is not a valid vector of tables");
	}
	for (uint32_t i = 0; i < fb_vec_len(v->b, vec); i++) {
		const uint32_t t = fb_vec_table(v->b, vec, i);
		uint32_t name;
		uint32_t at;

		if (!string_ok(v, t, ZTFLM_METADATA_NAME, &name) ||
		    !field_ok(v, t, ZTFLM_METADATA_BUFFER, 4u, &at)) {
			return bad(v, "metadata %u is malformed", i);
		}
		const uint32_t buffer = at ? fb_u32(v->b, at) : 0;

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

int ztflm_verify(struct ztflm_interpreter *ip)
{
	struct vrf v = {ip, ip->model, ip->model_size};
	uint32_t subgraphs;
	uint32_t sg;
	uint32_t vec;
	int rc;

	if (v.len < 8u) {
		return bad(&v, "%u bytes is too short for a FlatBuffer", v.len);
	}
	const uint32_t model = fb_u32(v.b, 0);

	if ((uint64_t)model + 4u > v.len || !table_ok(&v, model)) {
		return bad(&v, "root table offset %u is not a valid table (not a .tflite file?)",
			   model);
	}
	if (!scalar_ok(&v, model, ZTFLM_MODEL_VERSION, 4u)) {
		return bad(&v, "version field is malformed");
	}
	const uint32_t version = fb_field_u32(v.b, model, ZTFLM_MODEL_VERSION, 0);

	if (version != ZTFLM_SCHEMA_VERSION) {
		return unsupported(&v, "schema version %u, expected %d", version,
				   ZTFLM_SCHEMA_VERSION);
	}
	rc = verify_opcodes(&v, model);
	if (!rc) {
		rc = verify_buffers(&v, model);
	}
	if (rc) {
		return rc;
	}
	if (!table_vec_ok(&v, model, ZTFLM_MODEL_SUBGRAPHS, &subgraphs)) {
		return bad(&v, "subgraphs is not a valid vector of tables");
	}
	if (fb_vec_len(v.b, subgraphs) != 1u) {
		return fb_vec_len(v.b, subgraphs) == 0
			       ? bad(&v, "no subgraph")
			       : unsupported(&v, "%u subgraphs; only single-subgraph models run",
					     fb_vec_len(v.b, subgraphs));
	}
	sg = fb_vec_table(v.b, subgraphs, 0);
	ip->subgraph = sg;
	if (!table_vec_ok(&v, sg, ZTFLM_SUBGRAPH_TENSORS, &ip->tensors) ||
	    !vec_ok(&v, sg, ZTFLM_SUBGRAPH_INPUTS, 4u, &ip->graph_inputs) ||
	    !vec_ok(&v, sg, ZTFLM_SUBGRAPH_OUTPUTS, 4u, &ip->graph_outputs) ||
	    !table_vec_ok(&v, sg, ZTFLM_SUBGRAPH_OPERATORS, &ip->operators) ||
	    !string_ok(&v, sg, ZTFLM_SUBGRAPH_NAME, &vec)) {
		return bad(&v, "subgraph 0 is malformed");
	}
	ip->tensor_count = fb_vec_len(v.b, ip->tensors);
	ip->op_count = fb_vec_len(v.b, ip->operators);
	if (ip->tensor_count > 0xFFFEu || ip->op_count > 0xFFFEu) {
		return unsupported(&v, "%u tensors and %u operators, at most 65534 each",
				   ip->tensor_count, ip->op_count);
	}
	if (ip->op_count == 0) {
		return bad(&v, "subgraph 0 has no operators");
	}
	for (uint32_t i = 0; i < ip->tensor_count; i++) {
		rc = verify_tensor(&v, i, fb_vec_table(v.b, ip->tensors, i));
		if (rc) {
			return rc;
		}
	}
	rc = indices_ok(&v, ip->graph_inputs, 0, ip->tensor_count, "input", -1);
	if (!rc) {
		rc = indices_ok(&v, ip->graph_outputs, 0, ip->tensor_count, "output", -1);
	}
	if (!rc && fb_vec_len(v.b, ip->graph_outputs) == 0) {
		rc = bad(&v, "subgraph 0 has no outputs");
	}
	for (uint32_t i = 0; !rc && i < ip->op_count; i++) {
		rc = verify_operator(&v, i, fb_vec_table(v.b, ip->operators, i));
	}
	if (!rc) {
		rc = verify_offline_plan(&v, model);
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
