/* Reading a verified model in place: tensors, operators, opcodes and constant buffers. */
#include <string.h>

#include <ztflm/op.h>
#include <ztflm/schema.h>

#include "fb.h"
#include "internal.h"

uint32_t ztflm_fb_field(const uint8_t *b, uint32_t t, uint32_t field)
{
	const uint32_t vt = (uint32_t)((int64_t)t - fb_i32(b, t));
	const uint32_t slot = 4u + 2u * field;

	if (slot + 2u > fb_u16(b, vt)) {
		return 0;
	}
	const uint32_t off = fb_u16(b, vt + slot);

	return off ? t + off : 0;
}

uint32_t ztflm_tensor_table(const struct ztflm_interpreter *ip, uint32_t index)
{
	return fb_vec_table(ip->model, ip->tensors, index);
}

uint32_t ztflm_operator_table(const struct ztflm_interpreter *ip, uint32_t index)
{
	return fb_vec_table(ip->model, ip->operators, index);
}

uint32_t ztflm_operator_opcode(const struct ztflm_interpreter *ip, uint32_t op_table)
{
	return fb_field_u32(ip->model, op_table, ZTFLM_OPERATOR_OPCODE_INDEX, 0);
}

int32_t ztflm_opcode_builtin(const struct ztflm_interpreter *ip, uint32_t opcode_index)
{
	const uint32_t t = fb_vec_table(ip->model, ip->opcodes, opcode_index);
	/* Old models only set the int8 field; new ones put 127 there and the real code beside. */
	const int32_t deprecated =
		(int8_t)fb_field_u8(ip->model, t, ZTFLM_OPCODE_DEPRECATED_BUILTIN_CODE, 0);
	const int32_t code = fb_field_i32(ip->model, t, ZTFLM_OPCODE_BUILTIN_CODE, 0);

	return code > deprecated ? code : deprecated;
}

bool ztflm_tensor_const_data(const struct ztflm_interpreter *ip, uint32_t tensor_table,
			     uint32_t *offset, uint32_t *size)
{
	const uint8_t *b = ip->model;
	const uint32_t index = fb_field_u32(b, tensor_table, ZTFLM_TENSOR_BUFFER, 0);
	const uint32_t buf = fb_vec_table(b, ip->buffers, index);
	const uint32_t data = fb_field_ref(b, buf, ZTFLM_BUFFER_DATA);

	if (data && fb_vec_len(b, data) > 0) {
		*offset = fb_vec_data(data);
		*size = fb_vec_len(b, data);
		return true;
	}
	return false;
}

const int32_t *ztflm_int_vector(const struct ztflm_interpreter *ip, uint32_t vec, int32_t *count)
{
	*count = (int32_t)fb_vec_len(ip->model, vec);
	/* Verified: 4-byte aligned inside the model, which is 4-byte aligned. */
	return vec ? (const int32_t *)(const void *)(ip->model + fb_vec_data(vec)) : NULL;
}

/* Zero point i of the quantization table q (0 when it has fewer); verified to fit int32. */
static int32_t zero_point_of(const uint8_t *b, uint32_t q, uint32_t i)
{
	const uint32_t zp = fb_field_ref(b, q, ZTFLM_QUANT_ZERO_POINT);

	return i < fb_vec_len(b, zp) ? fb_i32(b, fb_vec_data(zp) + 8u * i) : 0;
}

int32_t ztflm_tensor_zp(const struct ztflm_interpreter *ip, uint32_t tensor_table, uint32_t i)
{
	const uint32_t q = fb_field_ref(ip->model, tensor_table, ZTFLM_TENSOR_QUANTIZATION);

	return q ? zero_point_of(ip->model, q, i) : 0;
}

void ztflm_tensor_view(const struct ztflm_interpreter *ip, uint32_t index, struct ztflm_tensor *t)
{
	const uint8_t *b = ip->model;
	const uint32_t tt = ztflm_tensor_table(ip, index);
	const uint32_t q = fb_field_ref(b, tt, ZTFLM_TENSOR_QUANTIZATION);
	const uint32_t loc = ip->tensor_loc ? ip->tensor_loc[index] : ZTFLM_LOC_NONE;
	uint32_t off;
	uint32_t size;

	memset(t, 0, sizeof(*t));
	t->index = (int32_t)index;
	t->dims = ztflm_int_vector(ip, fb_field_ref(b, tt, ZTFLM_TENSOR_SHAPE), &t->dims_count);
	t->type = fb_field_u8(b, tt, ZTFLM_TENSOR_TYPE, 0);
	t->is_variable = fb_field_u8(b, tt, ZTFLM_TENSOR_IS_VARIABLE, 0) != 0;
	t->elements = 1;
	for (int32_t i = 0; i < t->dims_count; i++) {
		t->elements *= (uint32_t)t->dims[i];
	}
	t->bytes = (uint32_t)ztflm_type_bytes(t->type, t->elements);
	/* A variable lives in the arena whatever its buffer holds, as in TFLM: the model is
	 * never written. */
	if (!t->is_variable && ztflm_tensor_const_data(ip, tt, &off, &size)) {
		t->is_const = true;
		t->data = (void *)(uintptr_t)(b + off);
	} else if (loc != ZTFLM_LOC_NONE) {
		/* Planned in the arena, or a constant through an alias (RESHAPE of a constant). */
		t->data = (loc & ZTFLM_LOC_CONST) ? (void *)(uintptr_t)(b + (loc & ZTFLM_LOC_MASK))
						  : ip->arena->base + loc;
	}
	if (q) {
		const uint32_t scales = fb_field_ref(b, q, ZTFLM_QUANT_SCALE);

		t->scale_count = (int32_t)fb_vec_len(b, scales);
		if (t->scale_count > 0) {
			t->scales = (const float *)(const void *)(b + fb_vec_data(scales));
			t->scale = t->scales[0];
			t->zero_point = zero_point_of(b, q, 0);
			t->quantized_dimension =
				fb_field_i32(b, q, ZTFLM_QUANT_QUANTIZED_DIMENSION, 0);
		}
	}
}

void ztflm_node_io(const struct ztflm_interpreter *ip, uint32_t op_table, struct ztflm_context *ctx)
{
	const uint8_t *b = ip->model;

	ctx->inputs = ztflm_int_vector(ip, fb_field_ref(b, op_table, ZTFLM_OPERATOR_INPUTS),
				       &ctx->inputs_count);
	ctx->outputs = ztflm_int_vector(ip, fb_field_ref(b, op_table, ZTFLM_OPERATOR_OUTPUTS),
					&ctx->outputs_count);
	ctx->options_type = fb_field_u8(b, op_table, ZTFLM_OPERATOR_BUILTIN_OPTIONS_TYPE, 0);
	ctx->options = fb_field_ref(b, op_table, ZTFLM_OPERATOR_BUILTIN_OPTIONS);
}

void ztflm_node_context(struct ztflm_interpreter *ip, uint32_t node, struct ztflm_context *ctx)
{
	const uint32_t op_table = ztflm_operator_table(ip, node);
	const uint32_t opcode = ztflm_operator_opcode(ip, op_table);

	/* Each field set, ztflm_node_io the tensors' and options': no memset on every node of
	 * every invoke. */
	ctx->ip = ip;
	ctx->node = (int32_t)node;
	ctx->op = ztflm_opcode_builtin(ip, opcode);
	ctx->preparing = false;
	ctx->variant = 0;
	ctx->desc = ip->resolver->ops[ip->opcode_kernel[opcode] - 1u].op;
	ctx->op_data = NULL;
	ztflm_node_io(ip, op_table, ctx);
}
