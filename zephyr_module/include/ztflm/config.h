/* Build options of the runtime, set with -D (on Zephyr, from Kconfig). */
#ifndef ZTFLM_CONFIG_H_
#define ZTFLM_CONFIG_H_

/*
 * ZTFLM_ERROR_STRINGS 0 compiles every error message out, for the smallest flash: an
 * error still records its code, node, builtin op and bytes needed, its message is empty,
 * and the port's log hook (port.h) writes the numbers with the platform's formatter.
 */
#ifndef ZTFLM_ERROR_STRINGS
#define ZTFLM_ERROR_STRINGS 1
#endif

#if !ZTFLM_ERROR_STRINGS && !defined(ZTFLM_NO_OP_NAMES)
#define ZTFLM_NO_OP_NAMES
#endif

/*
 * ZTFLM_VERIFY_MODEL 0 trusts the model: init locates its tables without checking them
 * (less flash and init time, for models built into the firmware and verified on the host).
 * A malformed model is then undefined behaviour. Keep it 1 for any model from outside.
 */
#ifndef ZTFLM_VERIFY_MODEL
#define ZTFLM_VERIFY_MODEL 1
#endif

/*
 * ZTFLM_TYPES is a mask of the tensor types (bit 1 << enum ztflm_type) whose compute variants
 * are built: a variant for a type outside it keeps its place in its operator's list but
 * links no code, and a node of that type is refused at allocate like one of an unsupported
 * type. `ztflm convert` writes the mask a model needs (NAME_TYPES) and `ztflm arena
 * --kconfig` the Kconfig line; the default builds every type.
 */
#ifndef ZTFLM_TYPES
#define ZTFLM_TYPES 0xFFFFFFFFu
#endif

/*
 * ZTFLM_SUBGRAPHS is the most subgraphs a model may have: control flow (IF, WHILE, CALL_ONCE)
 * runs subgraphs other than the first. 1 builds the single-subgraph core, which a model
 * without control flow needs; `ztflm convert` writes the count a model needs (NAME_SUBGRAPHS)
 * and `ztflm arena --kconfig` the Kconfig line. At most 255.
 */
#ifndef ZTFLM_SUBGRAPHS
#define ZTFLM_SUBGRAPHS 1
#endif

/*
 * ZTFLM_WHILE_MAX_ITERATIONS bounds the iterations of one WHILE node in one invoke: more is
 * an error naming the node, so a model whose condition never turns false cannot hang the
 * caller. 0 leaves it unbounded, as in TFLM (the default on a device, where a watchdog is
 * the usual guard); the host library, the CLI and the fuzzers build 1,000,000.
 */
#ifndef ZTFLM_WHILE_MAX_ITERATIONS
#define ZTFLM_WHILE_MAX_ITERATIONS 0u
#endif

/* Drops a message argument list when messages are compiled out. */
#if ZTFLM_ERROR_STRINGS
#define ZTFLM_MSG(...) __VA_ARGS__
#else
#define ZTFLM_MSG(...) NULL
#endif

/* Marks a parameter that only a message uses. */
#define ZTFLM_MSG_ONLY(x) ((void)(x))

#endif /* ZTFLM_CONFIG_H_ */
