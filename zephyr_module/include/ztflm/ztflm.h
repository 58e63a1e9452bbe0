/* ztflm public API: run a .tflite model in place from flash inside one caller-provided arena. */
#ifndef ZTFLM_ZTFLM_H_
#define ZTFLM_ZTFLM_H_

#include <ztflm/resolver.h>
#include <ztflm/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ZTFLM_ERROR_MESSAGE_LEN 128
#define ZTFLM_ARENA_ALIGN 16

/* ZTFLM_PROFILER 1 (CONFIG_ZTFLM_PROFILER on Zephyr) times every operator's eval. */
#ifndef ZTFLM_PROFILER
#define ZTFLM_PROFILER 0
#endif

#if ZTFLM_PROFILER
/**
 * Profiler callback: called after each operator's eval with its node index, builtin code and
 * the ztflm_port_cycles() it took (the counter's wrap-around is harmless below 2^32 cycles).
 */
typedef void (*ztflm_profile_fn)(void *user, uint32_t node, int32_t builtin, uint32_t cycles);
#endif

/** The last error of an interpreter: what went wrong and where. */
struct ztflm_error {
	int32_t code;       /**< enum ztflm_status */
	int32_t node;       /**< operator index, -1 when no operator is involved */
	int32_t op;         /**< builtin code of that operator, -1 when none */
	uint32_t needed;    /**< for ZTFLM_ERR_ARENA: arena bytes needed (0 if unknown) */
	char message[ZTFLM_ERROR_MESSAGE_LEN]; /**< one line, includes op name and node */
};

/**
 * One arena, shared by one or more interpreters: planned tensors from the head
 * (shared by all tenants, who must not run at the same time), persistent data
 * stacked from the tail, one tenant after the other.
 */
struct ztflm_arena {
	uint8_t *base;      /**< first usable byte, aligned to ZTFLM_ARENA_ALIGN */
	uint32_t size;      /**< usable bytes from base */
	uint32_t pad;       /**< bytes skipped at the start of the buffer to align base */
	uint32_t head_used; /**< largest planned head over all tenants */
	uint32_t tail_used; /**< bytes of the tail stack */
};

#if ZTFLM_SUBGRAPHS > 1
/** Where one subgraph's tables are, and where its tensors and nodes start in the tail tables. */
struct ztflm_subgraph {
	uint32_t tensors; /* vector of Tensor tables */
	uint32_t operators;
	uint32_t inputs;
	uint32_t outputs;
	uint16_t tensor_base; /* its first tensor's place among all subgraphs' tensors */
	uint16_t op_base;     /* its first node's place among all subgraphs' nodes */
};

/** A resource variable (VAR_HANDLE): its names in the model, its data in the arena tail. */
struct ztflm_resource {
	uint32_t container; /* model offset of its container's bytes */
	uint32_t name;      /* and of its shared name's */
	uint16_t container_len;
	uint16_t name_len;
	uint32_t loc;       /* arena offset of its data, ZTFLM_LOC_NONE until sized */
	uint32_t bytes;
	uint8_t type;
	int8_t fill;        /* its bytes after a reset: the zero point it was assigned with */
	uint8_t assigned;   /* an ASSIGN_VARIABLE writes it */
	uint8_t read;       /* a READ_VARIABLE reads it */
};
#endif

/** Interpreter state; fields are private, allocate it statically or on the stack. */
struct ztflm_interpreter {
	const uint8_t *model;
	uint32_t model_size;
	const struct ztflm_op_resolver *resolver;
	struct ztflm_arena *arena;
	/* Model offsets of the verified tables. */
	uint32_t subgraph;
	uint32_t tensors;      /* vector of Tensor tables */
	uint32_t operators;    /* vector of Operator tables */
	uint32_t buffers;      /* vector of Buffer tables */
	uint32_t opcodes;      /* vector of OperatorCode tables */
	uint32_t graph_inputs; /* vector of int32 */
	uint32_t graph_outputs;
	uint32_t offline_plan; /* first offset of the OfflineMemoryAllocation metadata, 0 if none */
	uint32_t tensor_count;
	uint32_t op_count;
	uint32_t opcode_count;
	/* Persistent tables in the arena tail. */
	uint32_t *tensor_loc;             /* per tensor: where its data lives; NULL until planned */
	uint32_t *node_op_data;           /* per node: what prepare chose (src/internal.h) */
	uint16_t *node_scratch;           /* per node: first scratch index */
	uint32_t *scratch_loc;            /* per scratch buffer: arena offset */
	uint16_t *opcode_kernel;          /* per opcode: index into the resolver plus one */
	uint32_t scratch_count;
	uint32_t *scratch_tmp;            /* scratch sizes while preparing (arena head) */
	uint32_t variables;               /* arena offset of the top of the variable tensors */
	uint32_t head_bytes;              /* this interpreter's planned head */
	uint32_t tail_bytes;              /* this interpreter's persistent part */
	uint32_t tail_mark;               /* arena tail_used before this interpreter */
	uint32_t resets;                  /* ztflm_reset calls: stateful operators follow it */
	uint8_t state;
#if ZTFLM_SUBGRAPHS > 1
	/* The fields above describe subgraph current; ztflm_subgraph_enter switches them. */
	uint8_t subgraph_count;
	uint8_t current;
	uint32_t *node_time; /* per node: its first and last step, nested calls inside */
	struct ztflm_resource *resources; /* in the tail, one per VAR_HANDLE node at most */
	uint16_t resource_count;
	uint16_t resource_max;
	struct ztflm_subgraph sg[ZTFLM_SUBGRAPHS];
#endif
	struct ztflm_error error;
#if ZTFLM_PROFILER
	ztflm_profile_fn profile;
	void *profile_user;
#endif
};

/** Prepare an arena over buf; the start is aligned up to ZTFLM_ARENA_ALIGN. */
int ztflm_arena_init(struct ztflm_arena *arena, void *buf, size_t size);

/** Bytes of the buffer in use: alignment pad, shared head and the tail stack. */
uint32_t ztflm_arena_used(const struct ztflm_arena *arena);

/**
 * Verify a model in place and resolve its operators. The model must stay valid
 * and unchanged as long as the interpreter is used, and be 4-byte aligned.
 */
int ztflm_init(struct ztflm_interpreter *ip, const void *model, size_t model_size,
	       const struct ztflm_op_resolver *resolver, struct ztflm_arena *arena);

/** Prepare every operator and plan every tensor into the arena. */
int ztflm_allocate(struct ztflm_interpreter *ip);

/**
 * Run the model once: ZTFLM_OK, ZTFLM_STOPPED when an operator ended it early (not an
 * error: CIRCULAR_BUFFER waiting for its next stride), or an error.
 */
int ztflm_invoke(struct ztflm_interpreter *ip);

/**
 * Start over: zero every variable tensor (state of LSTM-like models) and put every stateful
 * operator (the Signal library's framer, delay, stacker, overlap-add, noise estimate) back
 * to its initial state, as TFLM's MicroInterpreter::Reset does. Allocate ends with it.
 */
int ztflm_reset(struct ztflm_interpreter *ip);

uint32_t ztflm_inputs_count(const struct ztflm_interpreter *ip);
uint32_t ztflm_outputs_count(const struct ztflm_interpreter *ip);

/** Fill a view of graph input or output number index. */
int ztflm_input(struct ztflm_interpreter *ip, uint32_t index, struct ztflm_tensor *t);
int ztflm_output(struct ztflm_interpreter *ip, uint32_t index, struct ztflm_tensor *t);

/** Fill a view of any tensor of the subgraph (tools and tests). */
int ztflm_tensor(struct ztflm_interpreter *ip, uint32_t tensor_index, struct ztflm_tensor *t);

#if ZTFLM_SUBGRAPHS > 1
/** Number of subgraphs of the model (after init); ztflm_invoke runs subgraph 0. */
uint32_t ztflm_subgraphs_count(const struct ztflm_interpreter *ip);

/**
 * What the queries below describe (tools): the tensors, nodes, inputs and outputs of
 * subgraph index, until another is viewed. ztflm_invoke and ztflm_reset view subgraph 0.
 */
int ztflm_view_subgraph(struct ztflm_interpreter *ip, uint32_t index);
#endif

/** Number of tensors and operators of the model (after init). */
uint32_t ztflm_tensors_count(const struct ztflm_interpreter *ip);
uint32_t ztflm_nodes_count(const struct ztflm_interpreter *ip);

/** Name of a tensor as stored in the model, "" when it has none. */
const char *ztflm_tensor_name(const struct ztflm_interpreter *ip, uint32_t tensor_index);

/** Operator number node: builtin code and tensor indices (in the model; -1 = absent input). */
int ztflm_node(struct ztflm_interpreter *ip, uint32_t node, int32_t *builtin,
	       const int32_t **inputs, int32_t *inputs_count, const int32_t **outputs,
	       int32_t *outputs_count);

/**
 * Name of the compute variant allocate chose for node ("conv_2d_s8_arm_dsp"), or "" before
 * allocate, for a node that runs nothing, or with messages compiled out.
 */
const char *ztflm_node_kernel(const struct ztflm_interpreter *ip, uint32_t node);

/**
 * The registered name of node's custom operator ("SignalWindow"), "" for a builtin one or
 * before allocate: what a tool needs to name the operators a model registers.
 */
const char *ztflm_node_custom_name(const struct ztflm_interpreter *ip, uint32_t node);

/** Per-channel zero point number channel of a tensor (0 when absent). */
int32_t ztflm_zero_point(const struct ztflm_interpreter *ip, uint32_t tensor_index,
			 uint32_t channel);

/** This interpreter's planned head bytes (the arena's head is the largest of all tenants). */
uint32_t ztflm_head_bytes(const struct ztflm_interpreter *ip);

/** This interpreter's persistent tail bytes. */
uint32_t ztflm_tail_bytes(const struct ztflm_interpreter *ip);

#if ZTFLM_PROFILER
/** Set (or clear, with NULL) the per-operator profiler, after ztflm_init. */
int ztflm_set_profiler(struct ztflm_interpreter *ip, ztflm_profile_fn fn, void *user);
#endif

/** Last error; code ZTFLM_OK when none. */
const struct ztflm_error *ztflm_last_error(const struct ztflm_interpreter *ip);

#ifdef __cplusplus
}
#endif

#endif /* ZTFLM_ZTFLM_H_ */
