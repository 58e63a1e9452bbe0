/*
 * A verified FlexBuffer reader: the maps custom operators keep their parameters in
 * (Operator.custom_options), read in place.
 *
 * FlexBuffers (flatbuffers/flexbuffers.h) store a value as a slot of its parent's byte
 * width and a packed type byte (type << 2 | log2 of the bit width); offset types (strings,
 * keys, maps, vectors) hold in the slot the distance back to their data. The buffer ends with
 * the root: its slot, its packed type, its byte width.
 *
 * Nothing here trusts the bytes: every width is one of 1, 2, 4, 8, every offset points back
 * inside the buffer, every length fits what is left of it, every key ends with a NUL inside
 * it and a map's keys are strictly ascending (the order the format requires; a reader that
 * binary-searches, like TFLM's, misses keys otherwise). Bounds are checked without sums that
 * can wrap 32 bits. A failure is a status (ZTFLM_FLEX_*) and the byte it was found at, which
 * the caller turns into its own error; nothing is printed or allocated.
 *
 * Usage: ztflm_flex_root, ztflm_flex_map, then ztflm_flex_find or ztflm_flex_at, then read
 * the value with ztflm_flex_int, ztflm_flex_float or ztflm_flex_bool (the value semantics
 * of flexbuffers' AsInt64, AsDouble, AsBool), or ztflm_flex_slot_int for the raw slot as
 * TFLM's FlexbufferWrapper reads it.
 */
#ifndef ZTFLM_KERNELS_COMMON_FLEXBUFFER_H_
#define ZTFLM_KERNELS_COMMON_FLEXBUFFER_H_

#include <stdbool.h>
#include <stdint.h>

/* Value types (flexbuffers::Type) the reader knows; other codes are refused. */
enum ztflm_flex_type {
	ZTFLM_FLEX_NULL = 0,
	ZTFLM_FLEX_INT = 1,
	ZTFLM_FLEX_UINT = 2,
	ZTFLM_FLEX_FLOAT = 3,
	ZTFLM_FLEX_KEY = 4,
	ZTFLM_FLEX_STRING = 5,
	ZTFLM_FLEX_INDIRECT_INT = 6,
	ZTFLM_FLEX_INDIRECT_UINT = 7,
	ZTFLM_FLEX_INDIRECT_FLOAT = 8,
	ZTFLM_FLEX_MAP = 9,
	ZTFLM_FLEX_VECTOR = 10,
	ZTFLM_FLEX_BLOB = 25,
	ZTFLM_FLEX_BOOL = 26,
};

/* Why a buffer was refused. */
enum ztflm_flex_status {
	ZTFLM_FLEX_OK = 0,
	ZTFLM_FLEX_TRUNCATED = 1, /* a length or position runs past the end */
	ZTFLM_FLEX_BAD_WIDTH = 2, /* a byte width that is not 1, 2, 4 or 8 */
	ZTFLM_FLEX_BAD_OFFSET = 3, /* an offset that points outside the buffer */
	ZTFLM_FLEX_BAD_TYPE = 4,  /* a value of another type than asked for */
	ZTFLM_FLEX_BAD_KEY = 5,   /* a key without its NUL, or keys out of order */
	ZTFLM_FLEX_MISSING = 6,   /* no such key */
};

/* One value: the slot its parent stores it in. */
struct ztflm_flex {
	const uint8_t *buf;
	uint32_t len;
	uint32_t at;     /* position of the slot */
	uint8_t width;   /* byte width of the slot */
	uint8_t type;    /* enum ztflm_flex_type */
	uint8_t bits;    /* byte width the packed type names (of the data, for offset types) */
};

/* A verified map: size keys and values, values of one byte width. */
struct ztflm_flex_map {
	const uint8_t *buf;
	uint32_t len;
	uint32_t values;   /* position of value 0 */
	uint32_t types;    /* position of the packed type bytes */
	uint32_t keys;     /* position of key slot 0 */
	uint32_t size;
	uint8_t width;     /* byte width of the values */
	uint8_t key_width; /* byte width of the key slots */
};

/**
 * The root value of len bytes at buf. On failure *where is the byte position at fault
 * (for this and every call below that takes where).
 */
int ztflm_flex_root(const uint8_t *buf, uint32_t len, struct ztflm_flex *root, uint32_t *where);

/** The map v points to, every key and type byte checked. */
int ztflm_flex_map(const struct ztflm_flex *v, struct ztflm_flex_map *m, uint32_t *where);

/** The value of key (ZTFLM_FLEX_MISSING when the map has none). */
int ztflm_flex_find(const struct ztflm_flex_map *m, const char *key, struct ztflm_flex *v);

/** Entry i (< m->size): its value, and its key (NUL-terminated inside the buffer). */
void ztflm_flex_at(const struct ztflm_flex_map *m, uint32_t i, struct ztflm_flex *v,
		   const char **key);

/**
 * An integer as flexbuffers' AsInt64 gives it: INT, UINT, BOOL, and their indirect forms;
 * a UINT above INT64_MAX and every other type is ZTFLM_FLEX_BAD_TYPE.
 */
int ztflm_flex_int(const struct ztflm_flex *v, int64_t *out, uint32_t *where);

/** A number as AsDouble gives it: FLOAT (4 or 8 bytes), INT, UINT, and their indirect forms. */
int ztflm_flex_float(const struct ztflm_flex *v, double *out, uint32_t *where);

/** A truth value as AsBool gives it: BOOL, INT or UINT, nonzero for true. */
int ztflm_flex_bool(const struct ztflm_flex *v, bool *out, uint32_t *where);

/**
 * The slot itself as a signed integer of its width, whatever its type: what TFLM's
 * FlexbufferWrapper::ElementAsInt64 reads (its Signal kernels read parameters so).
 */
int64_t ztflm_flex_slot_int(const struct ztflm_flex *v);

/** What a status means, for messages ("truncated", "bad width", ...). */
const char *ztflm_flex_status_name(int status);

#endif /* ZTFLM_KERNELS_COMMON_FLEXBUFFER_H_ */
