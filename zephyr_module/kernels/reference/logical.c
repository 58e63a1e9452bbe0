/* The logical operators' reference variants: bytes read as C truth values, 0 or 1 out. */
#include "ops/logical.h"

#define AND_OF(p, x, y) ((void)(p), (uint8_t)((x) && (y)))
#define OR_OF(p, x, y) ((void)(p), (uint8_t)((x) || (y)))

static inline uint8_t not_of(const struct ztflm_unary *p, uint8_t x)
{
	(void)p;
	return (uint8_t)!x;
}

ZTFLM_BINARY_PLAIN_VARIANT(logical_and_bool_ref, ZTFLM_BOOL, uint8_t, ZTFLM_BOOL, uint8_t, AND_OF);
ZTFLM_BINARY_PLAIN_VARIANT(logical_or_bool_ref, ZTFLM_BOOL, uint8_t, ZTFLM_BOOL, uint8_t, OR_OF);
ZTFLM_UNARY_VARIANT(logical_not_bool_ref, struct ztflm_unary, ZTFLM_BOOL, uint8_t, ZTFLM_BOOL,
		    uint8_t, not_of);
