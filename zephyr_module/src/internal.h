/* Declarations shared by the runtime's own source files; not part of the API. */
#ifndef ZTFLM_SRC_INTERNAL_H_
#define ZTFLM_SRC_INTERNAL_H_

#include <stdarg.h>

#include <ztflm/compiler.h>
#include <ztflm/kernel.h>
#include <ztflm/ztflm.h>

/* Where a tensor's data lives once allocate has planned it (tensor_loc entries). */
#define ZTFLM_LOC_NONE 0xFFFFFFFFu  /* no data */
#define ZTFLM_LOC_CONST 0x80000000u /* | model offset; without it, an arena offset */
#define ZTFLM_LOC_MASK 0x3FFFFFFFu

/*
 * A node's record (node_op_data), written by prepare: the compute variant it chose (bits
 * 0-3), whether output 0 shares input 0's buffer (ztflm_alias_output), and four times its op
 * data's distance from the arena end above them (0: none; op data is 8-byte aligned and
 * the arena size a multiple of 8, so the distance times four leaves bits 0-4 free). A node
 * whose outputs are all empty is NODE_SKIP (its alias bit kept): eval does not run it.
 */
#define ZTFLM_NODE_VARIANT 15u
#define ZTFLM_NODE_ALIAS 16u
#define ZTFLM_NODE_FLAGS 31u
#define ZTFLM_NODE_DATA_SHIFT 2u
/* Above any op data distance: ZTFLM_MAX_SIZE << ZTFLM_NODE_DATA_SHIFT is below it. */
#define ZTFLM_NODE_SKIP 0xFFFFFFE0u

/* The op data a node's record locates, NULL for none. */
static inline void *ztflm_node_params(const struct ztflm_interpreter *ip, uint32_t info)
{
	return info > ZTFLM_NODE_FLAGS ? ip->arena->base + ip->arena->size -
						 ((info & ~ZTFLM_NODE_FLAGS) >> ZTFLM_NODE_DATA_SHIFT)
				       : NULL;
}

/*
 * Per tensor while allocating (graph.c, memory_plan.c): the first operator that writes it
 * and the last one that reads it. A graph input is written at 0, a graph output read at the
 * operator count. A tensor with no place of its own in the head (a constant, a variable, an
 * output sharing its input's buffer) is first written ZTFLM_LIFE_UNPLANNED.
 */
struct ztflm_life {
	uint16_t first; /* ZTFLM_LIFE_UNSET until written */
	uint16_t last;
};
#define ZTFLM_LIFE_UNSET 0xFFFFu
#define ZTFLM_LIFE_UNPLANNED 0xFFFEu /* above any operator index (at most 65534 of them) */

/* The tail's word per tensor: its lifetime while allocating, then its location (tensor_loc). */
union ztflm_tensor_word {
	struct ztflm_life life;
	uint32_t loc;
};

/* Largest model and arena ztflm accepts: offsets must fit ZTFLM_LOC_MASK. */
#define ZTFLM_MAX_SIZE 0x3FFFFFF0u

enum ztflm_state {
	ZTFLM_STATE_NONE = 0,
	ZTFLM_STATE_INITIALIZED = 1,
	ZTFLM_STATE_ALLOCATED = 2,
	ZTFLM_STATE_FAILED = 3,
};

/*
 * Subgraphs (subgraph.c). The interpreter's tables and tail slices describe the current
 * subgraph; ztflm_subgraph_enter switches them. A tensor's or node's place among all
 * subgraphs' is its subgraph's base plus its index. A single-subgraph build has none of it.
 */
#if ZTFLM_SUBGRAPHS > 1
#define ZTFLM_SUBGRAPH_COUNT(ip) ((uint32_t)(ip)->subgraph_count)
#define ZTFLM_TENSOR_BASE(ip) ((uint32_t)(ip)->sg[(ip)->current].tensor_base)
#define ZTFLM_OP_BASE(ip) ((uint32_t)(ip)->sg[(ip)->current].op_base)
void ztflm_subgraph_enter(struct ztflm_interpreter *ip, uint32_t index);
/* Every subgraph's tables (init), or a refusal of more than ZTFLM_SUBGRAPHS of them. */
int ztflm_subgraphs_locate(struct ztflm_interpreter *ip, uint32_t subgraphs);
/* Tensors and nodes of all subgraphs. */
uint32_t ztflm_tensor_total(const struct ztflm_interpreter *ip);
uint32_t ztflm_op_total(const struct ztflm_interpreter *ip);
/* The subgraphs node (of the current subgraph) runs: their count, at most 2, into to. */
int ztflm_node_calls(struct ztflm_interpreter *ip, uint32_t node, uint32_t *to);
/* Resource variables: their table (allocate), the check after prepare, reset. */
int ztflm_resources_place(struct ztflm_interpreter *ip);
int ztflm_resources_check(struct ztflm_interpreter *ip);
void ztflm_resources_reset(struct ztflm_interpreter *ip);
#else
#define ZTFLM_SUBGRAPH_COUNT(ip) 1u
#define ZTFLM_TENSOR_BASE(ip) 0u
#define ZTFLM_OP_BASE(ip) 0u
#define ztflm_subgraph_enter(ip, index) ((void)(ip), (void)(index))
#define ztflm_tensor_total(ip) ((ip)->tensor_count)
#define ztflm_op_total(ip) ((ip)->op_count)
#endif
/* Runs the current subgraph's nodes in order (interpreter.c). */
int ztflm_run_nodes(struct ztflm_interpreter *ip);

/* error.c */
int ztflm_error_set(struct ztflm_interpreter *ip, int code, int32_t node, const char *fmt, ...);
int ztflm_error_setv(struct ztflm_interpreter *ip, int code, int32_t node, const char *fmt,
		     va_list ap);
/* The error without a message of its own (the only kind when messages are compiled out). */
int ztflm_error_code(struct ztflm_interpreter *ip, int code, int32_t node);
void ztflm_format(char *out, uint32_t cap, const char *fmt, va_list ap);
#if !ZTFLM_ERROR_STRINGS
#define ztflm_error_set(ip, code, node, ...) ztflm_error_code((ip), (code), (node))
#endif
/* A malformed model (ZTFLM_ERR_MODEL) or one this build does not run: "model: ..." */
#if ZTFLM_ERROR_STRINGS
int ztflm_error_model(struct ztflm_interpreter *ip, int code, const char *fmt, ...);
#else
#define ztflm_error_model(ip, code, ...) ztflm_error_code((ip), (code), -1)
#endif
/* A short arena: the bytes it needs after its alignment pad, exactly or at least. */
int ztflm_error_arena(struct ztflm_interpreter *ip, uint32_t bytes, bool exact);

/* locate.c: the model's table offsets into the interpreter (checked as read if verifying). */
int ztflm_locate(struct ztflm_interpreter *ip);

/* verify.c: checks every table the interpreter reads through them (ZTFLM_VERIFY_MODEL). */
int ztflm_verify(struct ztflm_interpreter *ip);

/* allocate.c: gives back the tail of a failed init or allocate; returns rc. */
int ztflm_undo(struct ztflm_interpreter *ip, int rc);

/* resolver.c: every opcode a node uses to the resolver's operator (init). */
int ztflm_resolve_model(struct ztflm_interpreter *ip);

/* model.c: reading a verified model. */
uint32_t ztflm_tensor_table(const struct ztflm_interpreter *ip, uint32_t index);
uint32_t ztflm_operator_table(const struct ztflm_interpreter *ip, uint32_t index);
uint32_t ztflm_operator_opcode(const struct ztflm_interpreter *ip, uint32_t op_table);
int32_t ztflm_opcode_builtin(const struct ztflm_interpreter *ip, uint32_t opcode_index);
/* Model offset of a constant tensor's data and its size; false when it has none. */
bool ztflm_tensor_const_data(const struct ztflm_interpreter *ip, uint32_t tensor_table,
			     uint32_t *offset, uint32_t *size);
void ztflm_tensor_view(const struct ztflm_interpreter *ip, uint32_t index, struct ztflm_tensor *t);
int32_t ztflm_tensor_zp(const struct ztflm_interpreter *ip, uint32_t tensor_table, uint32_t i);
const int32_t *ztflm_int_vector(const struct ztflm_interpreter *ip, uint32_t vec, int32_t *count);
/* The op's inputs and outputs, as int32 vectors in the model. */
void ztflm_node_io(const struct ztflm_interpreter *ip, uint32_t op_table, struct ztflm_context *ctx);
/* The node as its kernel sees it; after init, when every opcode has its operator. */
void ztflm_node_context(struct ztflm_interpreter *ip, uint32_t node, struct ztflm_context *ctx);

/* api.c: a view of graph input or output number index (ztflm_input, ztflm_output). */
int ztflm_io_view(struct ztflm_interpreter *ip, bool output, uint32_t index,
		  struct ztflm_tensor *t);

/* graph.c: data flows forward (checked), and each tensor's lifetime (allocate). */
int ztflm_graph_check(struct ztflm_interpreter *ip, struct ztflm_life *life);
/* After prepare: an output sharing its input's buffer hands its uses over to it. */
void ztflm_graph_share(struct ztflm_interpreter *ip, struct ztflm_life *life);

/* memory_plan.c: places the used planned tensors and the scratch buffers; fills tensor_loc. */
int ztflm_plan_memory(struct ztflm_interpreter *ip, struct ztflm_life *life);

/* arena.c */
void *ztflm_tail_alloc(struct ztflm_interpreter *ip, uint32_t bytes, uint32_t align);

static inline uint32_t ztflm_align_up(uint32_t v, uint32_t align)
{
	return (v + align - 1u) & ~(align - 1u);
}

#endif /* ZTFLM_SRC_INTERNAL_H_ */
