/* Declarations shared by the runtime's own source files; not part of the API. */
#ifndef ZTFLM_SRC_INTERNAL_H_
#define ZTFLM_SRC_INTERNAL_H_

#include <stdarg.h>

#include <ztflm/kernel.h>
#include <ztflm/ztflm.h>

/* Where a tensor's data lives (interpreter tensor_loc entries). */
#define ZTFLM_LOC_NONE 0xFFFFFFFFu  /* no data (unused, or not planned yet) */
#define ZTFLM_LOC_CONST 0x80000000u /* | model offset */
#define ZTFLM_LOC_ALIAS 0x40000000u /* | tensor index; only while allocating */
#define ZTFLM_LOC_MASK 0x3FFFFFFFu

/* Largest model and arena ztflm accepts: offsets must fit ZTFLM_LOC_MASK. */
#define ZTFLM_MAX_SIZE 0x3FFFFFF0u

enum ztflm_state {
	ZTFLM_STATE_NONE = 0,
	ZTFLM_STATE_INITIALIZED = 1,
	ZTFLM_STATE_ALLOCATED = 2,
	ZTFLM_STATE_FAILED = 3,
};

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

/* verify.c: checks the whole model and fills the interpreter's table offsets. */
int ztflm_verify(struct ztflm_interpreter *ip);

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

/* arena.c */
void *ztflm_tail_alloc(struct ztflm_interpreter *ip, uint32_t bytes, uint32_t align);
uint32_t ztflm_align_up(uint32_t v, uint32_t align);

/* planner.c: buffers with lifetimes [first, last] placed at offsets (see planner.h). */

#endif /* ZTFLM_SRC_INTERNAL_H_ */
