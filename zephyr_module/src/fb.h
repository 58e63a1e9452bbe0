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

/*
 * Loads at any alignment. On a little-endian target memcpy compiles to one load (the
 * Cortex-M3 and later load unaligned words natively); elsewhere bytes are assembled.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
static inline uint16_t fb_u16(const uint8_t *b, uint32_t at)
{
	uint16_t x;

	memcpy(&x, b + at, sizeof(x));
	return x;
}

static inline uint32_t fb_u32(const uint8_t *b, uint32_t at)
{
	uint32_t x;

	memcpy(&x, b + at, sizeof(x));
	return x;
}
#else
static inline uint16_t fb_u16(const uint8_t *b, uint32_t at)
{
	return (uint16_t)(b[at] | (b[at + 1] << 8));
}

static inline uint32_t fb_u32(const uint8_t *b, uint32_t at)
{
	return (uint32_t)b[at] | ((uint32_t)b[at + 1] << 8) | ((uint32_t)b[at + 2] << 16) |
	       ((uint32_t)b[at + 3] << 24);
}
#endif

static inline int32_t fb_i32(const uint8_t *b, uint32_t at)
{
	return (int32_t)fb_u32(b, at);
}

static inline uint64_t fb_u64(const uint8_t *b, uint32_t at)
{
	return (uint64_t)fb_u32(b, at) | ((uint64_t)fb_u32(b, at + 4) << 32);
}

/* Position of field number field of the table at t, 0 when absent (model.c: one copy). */
uint32_t ztflm_fb_field(const uint8_t *b, uint32_t t, uint32_t field);

static inline uint32_t fb_field(const uint8_t *b, uint32_t t, uint32_t field)
{
	return ztflm_fb_field(b, t, field);
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
