/* Reading a FlatBuffer table by a list of its fields, checked when the build verifies models. */
#include <ztflm/schema.h>

#include "fb.h"
#include "internal.h"
#include "table.h"

const uint8_t ztflm_model_fields[] = {
	FIELD(ZTFLM_MODEL_VERSION, K_S4), FIELD(ZTFLM_MODEL_OPERATOR_CODES, K_TABS),
	FIELD(ZTFLM_MODEL_SUBGRAPHS, K_TABS), FIELD(ZTFLM_MODEL_BUFFERS, K_TABS),
	FIELD(ZTFLM_MODEL_METADATA, K_TABS), FIELDS_END,
};
const uint8_t ztflm_opcode_fields[] = {
	FIELD(ZTFLM_OPCODE_DEPRECATED_BUILTIN_CODE, K_S1), FIELD(ZTFLM_OPCODE_CUSTOM_CODE, K_STR),
	FIELD(ZTFLM_OPCODE_VERSION, K_S4), FIELD(ZTFLM_OPCODE_BUILTIN_CODE, K_S4), FIELDS_END,
};
const uint8_t ztflm_buffer_fields[] = {
	FIELD(ZTFLM_BUFFER_DATA, K_V1), FIELD(ZTFLM_BUFFER_OFFSET, K_S8),
	FIELD(ZTFLM_BUFFER_SIZE, K_S8), FIELDS_END,
};
const uint8_t ztflm_subgraph_fields[] = {
	FIELD(ZTFLM_SUBGRAPH_TENSORS, K_TABS), FIELD(ZTFLM_SUBGRAPH_INPUTS, K_V4),
	FIELD(ZTFLM_SUBGRAPH_OUTPUTS, K_V4), FIELD(ZTFLM_SUBGRAPH_OPERATORS, K_TABS),
	FIELD(ZTFLM_SUBGRAPH_NAME, K_STR), FIELDS_END,
};
const uint8_t ztflm_tensor_fields[] = {
	FIELD(ZTFLM_TENSOR_SHAPE, K_V4),	FIELD(ZTFLM_TENSOR_TYPE, K_S1),
	FIELD(ZTFLM_TENSOR_BUFFER, K_S4),	FIELD(ZTFLM_TENSOR_NAME, K_STR),
	FIELD(ZTFLM_TENSOR_QUANTIZATION, K_TAB), FIELD(ZTFLM_TENSOR_IS_VARIABLE, K_S1),
	FIELD(ZTFLM_TENSOR_SPARSITY, K_TAB),	FIELDS_END,
};
const uint8_t ztflm_quant_fields[] = {
	FIELD(ZTFLM_QUANT_SCALE, K_V4),		 FIELD(ZTFLM_QUANT_ZERO_POINT, K_V8),
	FIELD(ZTFLM_QUANT_MIN, K_V4),		 FIELD(ZTFLM_QUANT_MAX, K_V4),
	FIELD(ZTFLM_QUANT_DETAILS_TYPE, K_S1),	 FIELD(ZTFLM_QUANT_DETAILS, K_TAB),
	FIELD(ZTFLM_QUANT_QUANTIZED_DIMENSION, K_S4), FIELDS_END,
};
const uint8_t ztflm_operator_fields[] = {
	FIELD(ZTFLM_OPERATOR_OPCODE_INDEX, K_S4),	  FIELD(ZTFLM_OPERATOR_INPUTS, K_V4),
	FIELD(ZTFLM_OPERATOR_OUTPUTS, K_V4),		  FIELD(ZTFLM_OPERATOR_INTERMEDIATES, K_V4),
	FIELD(ZTFLM_OPERATOR_BUILTIN_OPTIONS_TYPE, K_S1), FIELD(ZTFLM_OPERATOR_BUILTIN_OPTIONS, K_TAB),
	FIELD(ZTFLM_OPERATOR_CUSTOM_OPTIONS, K_V1),	  FIELDS_END,
};
const uint8_t ztflm_metadata_fields[] = {
	FIELD(ZTFLM_METADATA_NAME, K_STR), FIELD(ZTFLM_METADATA_BUFFER, K_S4), FIELDS_END,
};
_Static_assert(ZTFLM_MODEL_METADATA < FIELD_SLOTS && ZTFLM_OPCODE_BUILTIN_CODE < FIELD_SLOTS &&
		       ZTFLM_BUFFER_SIZE < FIELD_SLOTS && ZTFLM_SUBGRAPH_NAME < FIELD_SLOTS &&
		       ZTFLM_TENSOR_SPARSITY < FIELD_SLOTS &&
		       ZTFLM_QUANT_QUANTIZED_DIMENSION < FIELD_SLOTS &&
		       ZTFLM_OPERATOR_INTERMEDIATES < FIELD_SLOTS && ZTFLM_METADATA_BUFFER < FIELD_SLOTS,
	       "a listed field number is outside the ztflm_fields result");

/*
 * Positions are checked in 32 bits without overflow: init accepts at most ZTFLM_MAX_SIZE
 * (under 2^30) bytes and the checks below start from 8, so "x > len - y" never wraps.
 */

#if ZTFLM_VERIFY_MODEL
ZTFLM_COLD
bool ztflm_table_ok(const uint8_t *b, uint32_t len, uint32_t t)
{
	if (t % 4u || t > len - 4u) {
		return false;
	}
	/* A negative soffset puts the vtable after the table: t + 2^31 still fits 32 bits. */
	const uint32_t vt = t - fb_u32(b, t);

	if (vt % 2u || vt > len - 4u) {
		return false;
	}
	const uint32_t vsize = fb_u16(b, vt);
	const uint32_t tsize = fb_u16(b, vt + 2u);

	return vsize >= 4u && vsize % 2u == 0 && vsize <= len - vt && tsize >= 4u &&
	       tsize <= len - t;
}

/* log2 of the bytes of a scalar kind inline, or of one element of a vector kind. */
static const uint8_t kind_shift[] = {0, 2, 3, 0, 2, 3, 0, 2, 2};

/* The target of the offset at position at (at + 4 <= len), or 0 when it is outside. */
static uint32_t target(const uint8_t *b, uint32_t len, uint32_t at)
{
	const uint32_t rel = fb_u32(b, at);

	return rel > len - 4u - at ? 0u : at + rel;
}

/* A vector, string or table at to (0 when its offset pointed outside), checked. */
static bool target_ok(const uint8_t *b, uint32_t len, uint32_t to, uint32_t kind)
{
	const uint32_t shift = kind_shift[kind];

	if (kind == K_TAB) {
		return ztflm_table_ok(b, len, to);
	}
	const uint32_t room = len - 4u - to;
	const uint32_t count = fb_u32(b, to);

	/* 0 is never a valid vector. */
	if (to == 0 || to % 4u || count > room >> shift) {
		return false;
	}
	const uint32_t end = to + 4u + (count << shift);

	if (kind == K_STR && (end == len || b[end] != 0)) {
		return false;
	}
	for (uint32_t k = 0; kind == K_TABS && k < count; k++) {
		if (!ztflm_table_ok(b, len, target(b, len, to + 4u + 4u * k))) {
			return false;
		}
	}
	return true;
}
#else
ZTFLM_COLD
bool ztflm_table_ok(const uint8_t *b, uint32_t len, uint32_t t)
{
	(void)b;
	(void)len;
	(void)t;
	return true;
}
#endif

ZTFLM_COLD
bool ztflm_fields(const uint8_t *b, uint32_t len, uint32_t t, const uint8_t *spec, uint32_t *at)
{
	const uint32_t vt = t - fb_u32(b, t);
	const uint32_t vsize = fb_u16(b, vt);

	(void)len;
	for (; *spec != FIELDS_END; spec++) {
		const uint32_t kind = *spec & 15u;
		const uint32_t number = *spec >> 4u;
		const uint32_t slot = 4u + 2u * number;
		const uint32_t off = slot + 2u <= vsize ? fb_u16(b, vt + slot) : 0u;

		at[number] = 0;
		if (off == 0) {
			continue;
		}
#if ZTFLM_VERIFY_MODEL
		const uint32_t size = kind <= K_S8 ? 1u << kind_shift[kind] : 4u;

		if (off < 4u || off + size > fb_u16(b, vt + 2u)) {
			return false;
		}
		if (kind <= K_S8) {
			at[number] = t + off;
			continue;
		}
		at[number] = target(b, len, t + off);
		if (!target_ok(b, len, at[number], kind)) {
			return false;
		}
#else
		at[number] = t + off + (kind <= K_S8 ? 0u : fb_u32(b, t + off));
#endif
	}
	return true;
}
