/*
 * A custom operator's FlexBuffer options, read at prepare through the verified reader
 * (flexbuffer.h); every failure is the node's error (ZTFLM_ERR_MODEL), naming the key.
 */
#ifndef ZTFLM_KERNELS_COMMON_CUSTOM_OPTIONS_H_
#define ZTFLM_KERNELS_COMMON_CUSTOM_OPTIONS_H_

#include <ztflm/kernel.h>

#include "common/flexbuffer.h"

/** The node's options map: custom_options must hold a FlexBuffer whose root is a map. */
int ztflm_options_map(struct ztflm_context *ctx, struct ztflm_flex_map *map);

/**
 * The options map holds exactly the count keys of keys (in ascending order) and nothing
 * else; values[i] gets the value of keys[i]. TFLM's Signal kernels read their parameters by
 * position in the map (FlexbufferWrapper), so a map with a key more or less would give them
 * other parameters than its keys say: such a map is refused.
 */
int ztflm_options_exactly(struct ztflm_context *ctx, const char *const *keys, uint32_t count,
			  struct ztflm_flex *values);

/**
 * An integer parameter read by position, as TFLM's FlexbufferWrapper reads it (the slot
 * as a signed integer of its width): v must hold an INT, UINT or BOOL whose value is what
 * that read gives, inside [lo, hi].
 */
int ztflm_options_slot_int(struct ztflm_context *ctx, const struct ztflm_flex *v, const char *key,
			   int32_t lo, int32_t hi, int32_t *out);

/** A truth parameter read by position (nonzero slot): v must hold a BOOL, INT or UINT. */
int ztflm_options_slot_bool(struct ztflm_context *ctx, const struct ztflm_flex *v,
			    const char *key, bool *out);

/**
 * Parameters read by key (flexbuffers::Map lookups): the value of key as AsInt64 gives it,
 * inside [lo, hi]; def when the map has no such key and required is false.
 */
int ztflm_options_int(struct ztflm_context *ctx, const struct ztflm_flex_map *map,
		      const char *key, bool required, int32_t def, int32_t lo, int32_t hi,
		      int32_t *out);

/** The value v of key as AsInt64 gives it, inside [lo, hi]. */
int ztflm_options_value_int(struct ztflm_context *ctx, const struct ztflm_flex *v, const char *key,
			    int32_t lo, int32_t hi, int32_t *out);

/** The value of key as AsFloat gives it (a double rounded to float, as TFLM does). */
int ztflm_options_float(struct ztflm_context *ctx, const struct ztflm_flex_map *map,
			const char *key, bool required, float def, float *out);

/** The value of key as AsBool gives it. */
int ztflm_options_bool(struct ztflm_context *ctx, const struct ztflm_flex_map *map,
		       const char *key, bool required, bool def, bool *out);

#endif /* ZTFLM_KERNELS_COMMON_CUSTOM_OPTIONS_H_ */
