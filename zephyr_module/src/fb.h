/* FlatBuffer primitives: little-endian loads and table/vector lookups on a model in place. */
#ifndef ZTFLM_SRC_FB_H_
#define ZTFLM_SRC_FB_H_

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/*
 * Offsets are uint32 positions from the start of the model. The unchecked
 * lookups here are only used on positions the verifier (verify.c) accepted.
 */

static inline uint16_t fb_u16(const uint8_t *b, uint32_t at)
{
	return (uint16_t)(b[at] | (b[at + 1] << 8));
}

static inline uint32_t fb_u32(const uint8_t *b, uint32_t at)
{
	return (uint32_t)b[at] | ((uint32_t)b[at + 1] << 8) | ((uint32_t)b[at + 2] << 16) |
	       ((uint32_t)b[at + 3] << 24);
}

static inline int32_t fb_i32(const uint8_t *b, uint32_t at)
{
	return (int32_t)fb_u32(b, at);
}

static inline uint64_t fb_u64(const uint8_t *b, uint32_t at)
{
	return (uint64_t)fb_u32(b, at) | ((uint64_t)fb_u32(b, at + 4) << 32);
}

/* Position of field number field of the table at t, 0 when absent. */
static inline uint32_t fb_field(const uint8_t *b, uint32_t t, uint32_t field)
{
	const uint32_t vt = (uint32_t)((int64_t)t - fb_i32(b, t));
	const uint32_t vsize = fb_u16(b, vt);
	const uint32_t slot = 4u + 2u * field;

	if (slot + 2u > vsize) {
		return 0;
	}
	const uint32_t off = fb_u16(b, vt + slot);

	return off ? t + off : 0;
}

static inline uint32_t fb_field_u32(const uint8_t *b, uint32_t t, uint32_t field, uint32_t def)
{
	const uint32_t at = fb_field(b, t, field);

	return at ? fb_u32(b, at) : def;
}

static inline int32_t fb_field_i32(const uint8_t *b, uint32_t t, uint32_t field, int32_t def)
{
	const uint32_t at = fb_field(b, t, field);

	return at ? fb_i32(b, at) : def;
}

static inline uint8_t fb_field_u8(const uint8_t *b, uint32_t t, uint32_t field, uint8_t def)
{
	const uint32_t at = fb_field(b, t, field);

	return at ? b[at] : def;
}

/* Target of an offset field (table, vector or string), 0 when absent. */
static inline uint32_t fb_field_ref(const uint8_t *b, uint32_t t, uint32_t field)
{
	const uint32_t at = fb_field(b, t, field);

	return at ? at + fb_u32(b, at) : 0;
}

/* Vector at v: element count and the position of the first element. */
static inline uint32_t fb_vec_len(const uint8_t *b, uint32_t v)
{
	return v ? fb_u32(b, v) : 0;
}

static inline uint32_t fb_vec_data(uint32_t v)
{
	return v + 4u;
}

/* Table number i of a vector of tables. */
static inline uint32_t fb_vec_table(const uint8_t *b, uint32_t v, uint32_t i)
{
	const uint32_t at = v + 4u + 4u * i;

	return at + fb_u32(b, at);
}

#endif /* ZTFLM_SRC_FB_H_ */
