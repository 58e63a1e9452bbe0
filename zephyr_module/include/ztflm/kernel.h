/*
 * The contract between the interpreter and one operator's kernel.
 *
 * A kernel checks its node and computes everything it needs in prepare (op data
 * in the arena tail, scratch buffers planned in the head), then only reads
 * and writes tensor data in eval. Op data must hold fixed-width integers and
 * floats only, never pointers, so the arena is the same size on 32- and 64-bit
 * machines.
 */
#ifndef ZTFLM_KERNEL_H_
#define ZTFLM_KERNEL_H_

#include <ztflm/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ztflm_interpreter;
struct ztflm_op;

/** What a kernel sees of the node it runs; built by the interpreter on the stack. */
struct ztflm_context {
	struct ztflm_interpreter *ip;
	const int32_t *inputs;  /**< tensor indices, -1 for an absent optional input */
	const int32_t *outputs;
	int32_t inputs_count;
	int32_t outputs_count;
	int32_t node;           /**< operator index */
	int32_t op;             /**< builtin code */
	uint32_t options;       /**< model offset of the builtin options table, 0 if none */
	uint8_t options_type;   /**< BuiltinOptions union type */
	bool preparing;
	uint8_t variant;        /**< the compute variant prepare chose (struct ztflm_op) */
	const struct ztflm_op *desc; /**< the operator's descriptor */
	void *op_data;          /**< this node's op data, NULL if none */
};

/* ---- Tensors ------------------------------------------------------------ */

/** View of input i (fails for an absent optional input: check with ztflm_has_input). */
int ztflm_get_input(struct ztflm_context *ctx, int32_t i, struct ztflm_tensor *t);
int ztflm_get_output(struct ztflm_context *ctx, int32_t i, struct ztflm_tensor *t);
bool ztflm_has_input(const struct ztflm_context *ctx, int32_t i);

/** Data of input or output i during eval (fast path, no checks). */
void *ztflm_input_data(const struct ztflm_context *ctx, int32_t i);
void *ztflm_output_data(const struct ztflm_context *ctx, int32_t i);

/** Per-channel zero point of a tensor of this node. */
int32_t ztflm_tensor_zero_point(const struct ztflm_context *ctx, const struct ztflm_tensor *t,
				uint32_t channel);

/* ---- Memory (prepare only) --------------------------------------------- */

/** Zeroed persistent memory for this node's op data, 8-byte aligned; NULL sets an error. */
void *ztflm_alloc_op_data(struct ztflm_context *ctx, uint32_t bytes);

/** How many times the interpreter was reset (allocate counts as one): state follows it. */
uint32_t ztflm_resets(const struct ztflm_context *ctx);

/** Ask for a scratch buffer planned with this node's lifetime; *index is for ztflm_scratch. */
int ztflm_request_scratch(struct ztflm_context *ctx, uint32_t bytes, int32_t *index);

/** The scratch buffer number index of this node, during eval. */
void *ztflm_scratch(const struct ztflm_context *ctx, int32_t index);

/**
 * Make output 0 share the memory of input 0 (views such as RESHAPE); prepare only.
 * The planner then gives both one buffer.
 */
int ztflm_alias_output(struct ztflm_context *ctx);

/* ---- Builtin options ---------------------------------------------------- */

/**
 * Scalar field number field of the builtin options table, or def when the
 * field or the table is absent. Reads are checked against the table's size.
 */
int32_t ztflm_option_i32(const struct ztflm_context *ctx, uint32_t field, int32_t def);
int32_t ztflm_option_i8(const struct ztflm_context *ctx, uint32_t field, int32_t def);
bool ztflm_option_bool(const struct ztflm_context *ctx, uint32_t field, bool def);
float ztflm_option_f32(const struct ztflm_context *ctx, uint32_t field, float def);

/** Int32 vector field of the options table; returns the count, -1 when absent. */
int32_t ztflm_option_i32_vector(const struct ztflm_context *ctx, uint32_t field,
				const int32_t **values);

/* ---- Custom options ----------------------------------------------------- */

/**
 * The node's custom_options bytes (a FlexBuffer for the custom operators here, read with
 * kernels/common/flexbuffer.h): *data and *size, NULL and 0 when the operator has none.
 * The verifier checked that they lie inside the model.
 */
void ztflm_custom_options(const struct ztflm_context *ctx, const uint8_t **data, uint32_t *size);

/**
 * A string option: its bytes in the model and their count, NULL when absent or when it
 * does not lie inside the model (the verifier does not read options tables' strings).
 */
const char *ztflm_option_string(const struct ztflm_context *ctx, uint32_t field, uint32_t *len);

/* ---- Subgraphs (control flow; a build with ZTFLM_SUBGRAPHS > 1) ------- */

/** Runs subgraph index to its end (it is another than every one running: allocate checks). */
int ztflm_invoke_subgraph(struct ztflm_context *ctx, uint32_t index);

/**
 * The count of subgraph index's inputs (outputs when output), and a view of number i of
 * them in t when i is below it.
 */
int ztflm_subgraph_io(struct ztflm_context *ctx, uint32_t index, bool output, uint32_t i,
		      struct ztflm_tensor *t);

/**
 * The id of a resource variable (created by the first VAR_HANDLE naming it, at prepare):
 * input < 0, the node's own (a VAR_HANDLE); else that of the VAR_HANDLE of this subgraph
 * whose output is the node's input number input. Negative: the error, recorded.
 */
int32_t ztflm_resource_id(struct ztflm_context *ctx, int32_t input);

/**
 * At prepare: the node reads (assign false) or writes resource id as tensor t. The first
 * to do so sizes it in the arena tail, filled with t's zero point as TFLM's first
 * assignment; every other must have t's type and bytes.
 */
int ztflm_resource_use(struct ztflm_context *ctx, int32_t id, const struct ztflm_tensor *t,
		       bool assign);

/** The data of resource id (sized: ztflm_resource_use). */
void *ztflm_resource_data(const struct ztflm_context *ctx, int32_t id);

/* ---- Errors ------------------------------------------------------------- */

/**
 * Record an error for this node and return code. The message gets the op
 * name and node index in front. fmt knows %d, %u, %s, %.*s and %%; a string's bytes
 * outside printable ASCII are written \xNN, so the message stays one line.
 */
int ztflm_fail(struct ztflm_context *ctx, int code, const char *fmt, ...);

/** Fail with ZTFLM_ERR_UNSUPPORTED naming a tensor's type. */
int ztflm_fail_type(struct ztflm_context *ctx, const char *what, uint8_t type);

/** Record an error for this node with no message of its own; returns code. */
int ztflm_fail_code(struct ztflm_context *ctx, int code);

#if !ZTFLM_ERROR_STRINGS
/* Messages compiled out (config.h): only the code, node and op are recorded. */
#define ztflm_fail(ctx, code, ...) ztflm_fail_code((ctx), (code))
#define ztflm_fail_type(ctx, what, type) ztflm_fail_code((ctx), ZTFLM_ERR_UNSUPPORTED)
#endif

/** Shorthand for the common checks in prepare. */
#define ZTFLM_CHECK(ctx, cond, code, ...)                                                          \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			return ztflm_fail((ctx), (code), __VA_ARGS__);                             \
		}                                                                                  \
	} while (0)

#ifdef __cplusplus
}
#endif

#endif /* ZTFLM_KERNEL_H_ */
