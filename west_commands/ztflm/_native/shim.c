/* Host glue for the Python bindings: sizes of the public structs, so ctypes never guesses. */
#include <ztflm/ztflm.h>

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
