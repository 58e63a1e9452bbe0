/* Element sizes and names of tensor types. */
#include <ztflm/types.h>

/*
 * Element sizes in nibbles, so INT4 (two elements a byte) is one more row: 0 for a type
 * without a size (STRING, VARIANT).
 */
static const uint8_t nibbles[] = {
	[ZTFLM_FLOAT32] = 8, [ZTFLM_FLOAT16] = 4,    [ZTFLM_INT32] = 8,  [ZTFLM_UINT8] = 2,
	[ZTFLM_INT64] = 16,  [ZTFLM_BOOL] = 2,       [ZTFLM_INT16] = 4,  [ZTFLM_COMPLEX64] = 16,
	[ZTFLM_INT8] = 2,    [ZTFLM_FLOAT64] = 16,   [ZTFLM_COMPLEX128] = 32,
	[ZTFLM_UINT64] = 16, [ZTFLM_UINT32] = 8,     [ZTFLM_UINT16] = 4, [ZTFLM_INT4] = 1,
	[ZTFLM_BFLOAT16] = 4,
	/* A resource (VAR_HANDLE's output) holds its variable's id: an int32. */
	[ZTFLM_RESOURCE] = 8,
};

uint64_t ztflm_type_bytes(uint8_t type, uint32_t elements)
{
	const uint32_t n = type < sizeof(nibbles) ? nibbles[type] : 0u;

	/* An odd count of INT4 elements rounds up; every other size is a whole byte. */
	return ((uint64_t)elements * n + 1u) / 2u;
}

uint32_t ztflm_type_size(uint8_t type)
{
	/* Two elements take the nibbles of one: halved, INT4's one nibble has no byte size. */
	return (uint32_t)ztflm_type_bytes(type, 2u) >> 1;
}

const char *ztflm_type_name(uint8_t type)
{
	static const char *const names[] = {
		"FLOAT32", "FLOAT16", "INT32",  "UINT8",    "INT64",   "STRING", "BOOL",
		"INT16",   "COMPLEX64", "INT8", "FLOAT64",  "COMPLEX128", "UINT64", "RESOURCE",
		"VARIANT", "UINT32",  "UINT16", "INT4",     "BFLOAT16",
	};

	return type < sizeof(names) / sizeof(names[0]) ? names[type] : "UNKNOWN";
}
