/*
 * An operator is a descriptor and its compute variants.
 *
 * The descriptor (struct ztflm_op) says what a node of the operator must look like (arity,
 * optional inputs, the options table it reads, which tensors share a type and which are
 * quantized), how its parameters are derived (parse), and its compute variants in order of
 * preference. The generic prepare (ztflm_op_prepare) does every check the descriptor
 * states, lets parse fill the parameters in the arena tail, then picks the first variant
 * written for the node's types whose can_run accepts the parameters, and plans that
 * variant's scratch. Eval runs the chosen variant.
 *
 * An overlay adds its variants ahead of the reference ones in the descriptor's list, each
 * wrapped in ZTFLM_ARM_DSP(), ZTFLM_ARM_MVE() or ZTFLM_CMSIS_NN(), which the build turns on
 * (ZTFLM_OVERLAY_ARM_DSP=1, ...). A variant that cannot run a node leaves it to the next
 * one, so the reference variant is the fallback of every overlay, per node.
 */
#ifndef ZTFLM_OP_H_
#define ZTFLM_OP_H_

#include <ztflm/compiler.h>
#include <ztflm/builtin_ops.h>
#include <ztflm/kernel.h>
#include <ztflm/schema.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Any type: a variant that takes every type, or a node with no output. */
#define ZTFLM_TYPE_ANY 0xFFu

/** Inputs and outputs the generic prepare loads for parse; later ones parse reads itself. */
#define ZTFLM_IO_INPUTS 6
#define ZTFLM_IO_OUTPUTS 2

/** Tensor sets of a descriptor: input i (i < 24) and output i (i < 8). */
#define ZTFLM_IN(i) (1u << (i))
#define ZTFLM_OUT(i) (1u << (24 + (i)))
#define ZTFLM_ALL_IN 0x00FFFFFFu
#define ZTFLM_ALL_OUT 0xFF000000u

/** The node's first inputs and outputs, loaded by the generic prepare. */
struct ztflm_io {
	struct ztflm_tensor in[ZTFLM_IO_INPUTS];   /**< index -1 when absent or not loaded */
	struct ztflm_tensor out[ZTFLM_IO_OUTPUTS];
};

/** One way to compute an operator, for the node types it names. */
struct ztflm_variant {
	/** Compute the outputs: params is the node's parameters, as parse left them. */
	int (*eval)(struct ztflm_context *ctx, const void *params);
	/** Whether this variant can run a node with these parameters; NULL: every node. */
	bool (*can_run)(const void *params);
	/** Scratch bytes this variant needs (scratch index 0 of the node); NULL: none. */
	uint32_t (*scratch_bytes)(const void *params);
	const char *name;  /**< "conv_2d_s8_arm_dsp"; NULL when messages are compiled out */
	uint8_t type;      /**< type of the selecting input, or ZTFLM_TYPE_ANY */
	uint8_t out_type;  /**< type of output 0, or ZTFLM_TYPE_ANY */
};

struct ztflm_op {
	/** ztflm_op_prepare and ztflm_op_eval, or an operator's own (control flow). */
	int (*prepare)(struct ztflm_context *ctx);
	int (*eval)(struct ztflm_context *ctx);
	/**
	 * Check what the descriptor cannot state and fill the parameters: params_bytes of
	 * zeroed op data when params_bytes > 0, else NULL and parse allocates its own
	 * (ztflm_alloc_op_data, once) when its size depends on the node. NULL: nothing to do.
	 */
	int (*parse)(struct ztflm_context *ctx, const struct ztflm_io *io, void *params);
	/**
	 * Set the state a stateful operator keeps in its op data to its initial value, before
	 * the first eval after allocate or a ztflm_reset, like variable tensors. Its op data
	 * then starts with a uint32_t the op layer keeps (the resets it has seen). NULL: no state.
	 */
	void (*reset)(void *params);
	const struct ztflm_variant *const *variants; /**< in order of preference */
	const char *custom_name;  /**< NULL for a builtin */
	int16_t builtin;          /**< enum ztflm_builtin_op (ZTFLM_OP_CUSTOM for custom ops) */
	uint16_t params_bytes;
	uint32_t optional;        /**< inputs that may be absent (index -1) */
	uint32_t same_type;       /**< tensors whose type must equal the selecting input's */
	uint32_t quantized;       /**< tensors that need a valid per-tensor quantization when
				   *   their type is int8, int16 or uint8 */
	uint8_t options;          /**< BuiltinOptions tag the operator reads, 0 for none */
	uint8_t inputs_min;
	uint8_t inputs_max;
	uint8_t outputs_min;
	uint8_t outputs_max;
	uint8_t type_input;       /**< the input whose type selects the variant */
	uint8_t variants_count;
};

/** Checks the node against its descriptor, parses it and picks its variant. */
int ztflm_op_prepare(struct ztflm_context *ctx);

/** Runs the variant prepare picked. */
int ztflm_op_eval(struct ztflm_context *ctx);

/** ztflm_op_eval after resetting the node's state when the interpreter was reset since. */
int ztflm_op_eval_stateful(struct ztflm_context *ctx);

/** The chosen variant's scratch buffer during eval (NULL if it asked for none). */
void *ztflm_op_scratch(const struct ztflm_context *ctx);

/**
 * Checks a quantized tensor (int8, int16, uint8): quantized, scale positive and finite,
 * zero point inside its type's range. what names it in the message ("input 1").
 */
int ztflm_check_quant(struct ztflm_context *ctx, const char *what, const struct ztflm_tensor *t);

/**
 * Checks that output 0 has the shape the operator derives: rank dimensions, dims[k] each
 * (operators whose output shape TFLM computes at prepare, where ztflm plans the model's).
 */
int ztflm_check_output_shape(struct ztflm_context *ctx, const struct ztflm_io *io,
			     const int32_t *dims, int32_t rank);

/** The compute variant ztflm_<id> for a selecting-input type and an output type. */
/* Whether a variant for this type (or ZTFLM_TYPE_ANY) is built (ZTFLM_TYPES, config.h). */
#define ZTFLM_TYPE_BUILT(t)                                                                        \
	((uint32_t)(t) == ZTFLM_TYPE_ANY || ((ZTFLM_TYPES) >> ((uint32_t)(t) & 31u)) & 1u)

/* A variant whose types are not built has no functions, so the linker drops its code. */
#define ZTFLM_VARIANT_FN(in_type, output_type, fn)                                                 \
	(ZTFLM_TYPE_BUILT(in_type) && ZTFLM_TYPE_BUILT(output_type) ? (fn) : NULL)

#define ZTFLM_VARIANT(id, in_type, output_type, eval_fn, can_run_fn, scratch_fn)                   \
	const struct ztflm_variant ztflm_##id = {                                                  \
		.eval = ZTFLM_VARIANT_FN(in_type, output_type, eval_fn),                           \
		.can_run = ZTFLM_VARIANT_FN(in_type, output_type, can_run_fn),                     \
		.scratch_bytes = ZTFLM_VARIANT_FN(in_type, output_type, scratch_fn),               \
		.name = ZTFLM_MSG(#id),                                                            \
		.type = (in_type),                                                                 \
		.out_type = (output_type),                                                         \
	}

/* A variant for weights of another type than its input (packed int4): its functions are built
 * only when the weights' type is built too. */
#define ZTFLM_VARIANT_WEIGHTS(id, in_type, output_type, weights_type, eval_fn, can_run_fn,         \
			      scratch_fn)                                                          \
	ZTFLM_VARIANT(id, in_type, output_type, ZTFLM_VARIANT_FN(weights_type, weights_type, eval_fn), \
		      ZTFLM_VARIANT_FN(weights_type, weights_type, can_run_fn),                    \
		      ZTFLM_VARIANT_FN(weights_type, weights_type, scratch_fn))

#if ZTFLM_OVERLAY_ARM_DSP
#define ZTFLM_ARM_DSP(...) __VA_ARGS__,
#else
#define ZTFLM_ARM_DSP(...)
#endif
#if ZTFLM_OVERLAY_ARM_MVE
#define ZTFLM_ARM_MVE(...) __VA_ARGS__,
#else
#define ZTFLM_ARM_MVE(...)
#endif
#if ZTFLM_OVERLAY_CMSIS_NN
#define ZTFLM_CMSIS_NN(...) __VA_ARGS__,
#else
#define ZTFLM_CMSIS_NN(...)
#endif

/*
 * A reference variant an overlay variant of the same types always runs before (no can_run, or
 * variants whose can_run cover every node prepare accepts): left out of the table when that
 * overlay is built, so its code does not link. Every overlay test then runs without it.
 */
#if ZTFLM_OVERLAY_ARM_MVE
#define ZTFLM_UNLESS_ARM_MVE(...)
#else
#define ZTFLM_UNLESS_ARM_MVE(...) __VA_ARGS__,
#endif
#if ZTFLM_OVERLAY_ARM_DSP || ZTFLM_OVERLAY_ARM_MVE
#define ZTFLM_UNLESS_ARM_DSP_OR_MVE(...)
#else
#define ZTFLM_UNLESS_ARM_DSP_OR_MVE(...) __VA_ARGS__,
#endif

/** Variants of one operator in one build: the interpreter keeps the choice in 4 bits. */
#define ZTFLM_MAX_VARIANTS 16

/** The variant table of a descriptor: ZTFLM_OP_VARIANTS(conv_2d_variants). */
#define ZTFLM_OP_VARIANTS(table)                                                                   \
	.variants = (table),                                                                       \
	.variants_count = (uint8_t)(sizeof(table) / sizeof((table)[0]) +                           \
				    0u * sizeof(struct {                                           \
					    _Static_assert(sizeof(table) / sizeof((table)[0]) <=   \
								   ZTFLM_MAX_VARIANTS,             \
							   "too many variants");                   \
					    int unused;                                            \
				    }))

/** The generic prepare and eval; every descriptor but control flow's starts with it. */
#define ZTFLM_OP_GENERIC .prepare = ztflm_op_prepare, .eval = ztflm_op_eval

/* A stateful operator's: the generic prepare, its state reset before an eval that follows a
 * reset (reset_fn, see struct ztflm_op). Other operators' evals never look for state. */
#define ZTFLM_OP_STATEFUL(reset_fn)                                                                \
	.prepare = ztflm_op_prepare, .eval = ztflm_op_eval_stateful, .reset = (reset_fn)

#ifdef __cplusplus
}
#endif

#endif /* ZTFLM_OP_H_ */
