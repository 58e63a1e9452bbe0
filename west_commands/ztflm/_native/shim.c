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

/* The op table (kernels.h) as built into this library, so installed tools need no source tree. */
struct zpy_op {
	const char *name;    /* BUILTIN_NAME, or the custom operator's name */
	const char *op_name; /* the descriptor is ztflm_op_<op_name> */
	const struct ztflm_op *op;
};

static const struct zpy_op zpy_ops[] = {
#define ZPY_X_OP(NAME, name) {#NAME, #name, &ztflm_op_##name},
#define ZPY_X_CUSTOM(custom, name) {custom, #name, &ztflm_op_##name},
	ZTFLM_OPS(ZPY_X_OP)
	ZTFLM_CUSTOM_OPS(ZPY_X_CUSTOM)
#undef ZPY_X_OP
#undef ZPY_X_CUSTOM
};

uint32_t zpy_kernel_count(void)
{
	return (uint32_t)(sizeof(zpy_ops) / sizeof(zpy_ops[0]));
}

/* Operator name (kernel 0) or descriptor name (kernel 1) of entry index; NULL past the end. */
const char *zpy_kernel_name(uint32_t index, int kernel)
{
	if (index >= zpy_kernel_count()) {
		return NULL;
	}
	return kernel ? zpy_ops[index].op_name : zpy_ops[index].name;
}

/*
 * What the descriptor of entry index states: builtin code, options tag, inputs min and max,
 * outputs min and max, variant count, optional inputs, same-type set, quantized set.
 * Returns 0, or -1 past the end.
 */
int zpy_op_info(uint32_t index, int64_t info[10])
{
	if (index >= zpy_kernel_count()) {
		return -1;
	}
	const struct ztflm_op *op = zpy_ops[index].op;

	info[0] = op->builtin;
	info[1] = op->options;
	info[2] = op->inputs_min;
	info[3] = op->inputs_max;
	info[4] = op->outputs_min;
	info[5] = op->outputs_max;
	info[6] = op->prepare == ztflm_op_prepare ? op->variants_count : 0;
	info[7] = op->optional;
	info[8] = op->same_type;
	info[9] = op->quantized;
	return 0;
}

/* Name, input type and output type of variant v of entry index; NULL past the end. */
const char *zpy_op_variant(uint32_t index, uint32_t v, uint8_t *type, uint8_t *out_type)
{
	if (index >= zpy_kernel_count()) {
		return NULL;
	}
	const struct ztflm_op *op = zpy_ops[index].op;

	if (op->prepare != ztflm_op_prepare || v >= op->variants_count) {
		return NULL;
	}
	*type = op->variants[v]->type;
	*out_type = op->variants[v]->out_type;
	return op->variants[v]->name;
}
