/* Host glue for the Python bindings: struct sizes and the kernel table, so ctypes never guesses. */
#include <ztflm/kernels.h>
#include <ztflm/ztflm.h>

/* The runtime's size limit is internal to it; the tools read it here instead of copying it. */
#include "../../../zephyr_module/src/internal.h"

enum zpy_struct {
	ZPY_INTERPRETER = 0,
	ZPY_ARENA = 1,
	ZPY_TENSOR = 2,
	ZPY_ERROR = 3,
};

size_t zpy_sizeof(int which)
{
	switch (which) {
	case ZPY_INTERPRETER:
		return sizeof(struct ztflm_interpreter);
	case ZPY_ARENA:
		return sizeof(struct ztflm_arena);
	case ZPY_TENSOR:
		return sizeof(struct ztflm_tensor);
	case ZPY_ERROR:
		return sizeof(struct ztflm_error);
	default:
		return 0;
	}
}

/* The largest model and arena the runtime accepts (a larger arena is cut to this size). */
uint32_t zpy_max_size(void)
{
	return ZTFLM_MAX_SIZE;
}

/* kernels.h as built into this library, so installed tools need no source tree. */
static const char *const zpy_kernels[][2] = {
#define ZPY_X_KERNEL(NAME, name) {#NAME, #name},
	ZTFLM_KERNELS(ZPY_X_KERNEL)
#undef ZPY_X_KERNEL
};

uint32_t zpy_kernel_count(void)
{
	return (uint32_t)(sizeof(zpy_kernels) / sizeof(zpy_kernels[0]));
}

/* Builtin name and kernel name of entry index; NULL past the end. */
const char *zpy_kernel_name(uint32_t index, int kernel)
{
	if (index >= zpy_kernel_count()) {
		return NULL;
	}
	return zpy_kernels[index][kernel ? 1 : 0];
}
