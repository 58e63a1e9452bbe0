/* Reading a FlatBuffer table by a list of its fields, checked when the build verifies models. */
#ifndef ZTFLM_SRC_TABLE_H_
#define ZTFLM_SRC_TABLE_H_

#include <stdbool.h>
#include <stdint.h>

/*
 * What a field holds. Every table the runtime reads is described by a list of its fields
 * (FIELD(number, kind), ending with FIELDS_END), and one function reads them all: scalars
 * inside the table, offsets to vectors, strings and tables inside the buffer.
 */
enum ztflm_field_kind {
	K_S1,   /* 1-byte scalar */
	K_S4,   /* 4-byte scalar */
	K_S8,   /* 8-byte scalar */
	K_V1,   /* vector of bytes */
	K_V4,   /* vector of 4-byte scalars */
	K_V8,   /* vector of 8-byte scalars */
	K_STR,  /* NUL-terminated string */
	K_TAB,  /* table */
	K_TABS, /* vector of tables */
};
#define FIELD(number, kind) ((uint8_t)((number) << 4 | (kind)))
#define FIELDS_END 0xFFu

/* Entries of a ztflm_fields result, indexed by field number: the largest listed one, plus one. */
#define FIELD_SLOTS 9

/* The fields of each table the runtime reads (table.c). */
extern const uint8_t ztflm_model_fields[];
extern const uint8_t ztflm_opcode_fields[];
extern const uint8_t ztflm_buffer_fields[];
extern const uint8_t ztflm_subgraph_fields[];
extern const uint8_t ztflm_tensor_fields[];
extern const uint8_t ztflm_quant_fields[];
extern const uint8_t ztflm_operator_fields[];
extern const uint8_t ztflm_metadata_fields[];

/* Whether a table starts at t: its vtable and inline bytes inside the len bytes of b. */
bool ztflm_table_ok(const uint8_t *b, uint32_t len, uint32_t t);

/*
 * Reads the fields spec lists of the table t (checked with ztflm_table_ok, or trusted).
 * at[number] receives where each is: the scalar's position, or the vector, string or table
 * it refers to; 0 when the field is absent. With ZTFLM_VERIFY_MODEL, false when a field
 * lies outside the buffer or is malformed; without, always true.
 */
bool ztflm_fields(const uint8_t *b, uint32_t len, uint32_t t, const uint8_t *spec, uint32_t *at);

#endif /* ZTFLM_SRC_TABLE_H_ */
