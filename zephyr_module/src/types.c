/* Element sizes and names of tensor types. */
#include <ztflm/types.h>

uint32_t ztflm_type_size(uint8_t type)
{
	switch (type) {
	case ZTFLM_FLOAT32:
	case ZTFLM_INT32:
	case ZTFLM_UINT32:
		return 4;
	case ZTFLM_FLOAT16:
	case ZTFLM_INT16:
	case ZTFLM_UINT16:
	case ZTFLM_BFLOAT16:
		return 2;
	case ZTFLM_UINT8:
	case ZTFLM_INT8:
	case ZTFLM_BOOL:
		return 1;
	case ZTFLM_INT64:
	case ZTFLM_FLOAT64:
	case ZTFLM_UINT64:
	case ZTFLM_COMPLEX64:
		return 8;
	case ZTFLM_COMPLEX128:
		return 16;
	default:
		return 0;
	}
}

uint64_t ztflm_type_bytes(uint8_t type, uint64_t elements)
{
	return type == ZTFLM_INT4 ? elements / 2u + elements % 2u : elements * ztflm_type_size(type);
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
