/* A custom operator's FlexBuffer options, with errors naming the node (custom_options.h). */
#include "common/custom_options.h"

/* A reader failure at byte where of the options. */
static int bad(struct ztflm_context *ctx, int status, uint32_t where)
{
	ZTFLM_MSG_ONLY(status);
	ZTFLM_MSG_ONLY(where);
	return ztflm_fail(ctx, ZTFLM_ERR_MODEL, "custom options: %s at byte %u",
			  ztflm_flex_status_name(status), where);
}

/* A value of the wrong type for key. */
static int bad_type(struct ztflm_context *ctx, const char *key, const struct ztflm_flex *v,
		    const char *wanted)
{
	ZTFLM_MSG_ONLY(key);
	ZTFLM_MSG_ONLY(v);
	ZTFLM_MSG_ONLY(wanted);
	return ztflm_fail(ctx, ZTFLM_ERR_MODEL,
			  "custom option '%s' has FlexBuffer type %u of width %u, not %s", key,
			  (unsigned int)v->type, (unsigned int)v->width, wanted);
}

static int out_of_range(struct ztflm_context *ctx, const char *key, int64_t v, int32_t lo,
			int32_t hi)
{
	ZTFLM_MSG_ONLY(key);
	ZTFLM_MSG_ONLY(lo);
	ZTFLM_MSG_ONLY(hi);
	/* The message formatter takes 32-bit integers: a value beyond them is shown clamped. */
	const int shown = v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : (int)v;

	ZTFLM_MSG_ONLY(shown);
	return ztflm_fail(ctx, ZTFLM_ERR_MODEL, "custom option '%s' is %d, outside %d to %d", key,
			  shown, (int)lo, (int)hi);
}

int ztflm_options_map(struct ztflm_context *ctx, struct ztflm_flex_map *map)
{
	const uint8_t *data;
	uint32_t size;
	uint32_t where = 0;
	struct ztflm_flex root;

	ztflm_custom_options(ctx, &data, &size);
	ZTFLM_CHECK(ctx, size > 0, ZTFLM_ERR_MODEL, "custom options are missing");
	int rc = ztflm_flex_root(data, size, &root, &where);

	if (rc == ZTFLM_FLEX_OK) {
		rc = ztflm_flex_map(&root, map, &where);
	}
	return rc == ZTFLM_FLEX_OK ? ZTFLM_OK : bad(ctx, rc, where);
}

int ztflm_options_exactly(struct ztflm_context *ctx, const char *const *keys, uint32_t count,
			  struct ztflm_flex *values)
{
	struct ztflm_flex_map map;
	const int rc = ztflm_options_map(ctx, &map);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	for (uint32_t i = 0; i < count; i++) {
		ZTFLM_CHECK(ctx, ztflm_flex_find(&map, keys[i], &values[i]) == ZTFLM_FLEX_OK,
			    ZTFLM_ERR_MODEL, "custom option '%s' is missing", keys[i]);
	}
	/* Every key found, in a map of ascending keys: key i is entry i when none is extra. */
	ZTFLM_CHECK(ctx, map.size == count, ZTFLM_ERR_MODEL,
		    "custom options hold %u keys, not the %u this operator reads by position",
		    map.size, count);
	return ZTFLM_OK;
}

int ztflm_options_slot_int(struct ztflm_context *ctx, const struct ztflm_flex *v, const char *key,
			   int32_t lo, int32_t hi, int32_t *out)
{
	int64_t value;

	/* An indirect or unsigned value whose slot reads otherwise fails the comparison. */
	if (v->type == ZTFLM_FLEX_FLOAT || ztflm_flex_int(v, &value, NULL) != ZTFLM_FLEX_OK ||
	    value != ztflm_flex_slot_int(v)) {
		return bad_type(ctx, key, v, "an integer TFLM reads in place");
	}
	if (value < lo || value > hi) {
		return out_of_range(ctx, key, value, lo, hi);
	}
	*out = (int32_t)value;
	return ZTFLM_OK;
}

int ztflm_options_slot_bool(struct ztflm_context *ctx, const struct ztflm_flex *v,
			    const char *key, bool *out)
{
	return ztflm_flex_bool(v, out, NULL) == ZTFLM_FLEX_OK ? ZTFLM_OK
							      : bad_type(ctx, key, v, "a bool");
}

/* The value of key into v; *found false (and OK) when it is absent and not required. */
static int lookup(struct ztflm_context *ctx, const struct ztflm_flex_map *map, const char *key,
		  bool required, struct ztflm_flex *v, bool *found)
{
	*found = ztflm_flex_find(map, key, v) == ZTFLM_FLEX_OK;
	ZTFLM_CHECK(ctx, *found || !required, ZTFLM_ERR_MODEL, "custom option '%s' is missing",
		    key);
	return ZTFLM_OK;
}

int ztflm_options_int(struct ztflm_context *ctx, const struct ztflm_flex_map *map,
		      const char *key, bool required, int32_t def, int32_t lo, int32_t hi,
		      int32_t *out)
{
	struct ztflm_flex v;
	bool found;
	const int rc = lookup(ctx, map, key, required, &v, &found);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	if (!found) {
		return def < lo || def > hi ? out_of_range(ctx, key, def, lo, hi)
					    : (*out = def, ZTFLM_OK);
	}
	return ztflm_options_value_int(ctx, &v, key, lo, hi, out);
}

int ztflm_options_value_int(struct ztflm_context *ctx, const struct ztflm_flex *v, const char *key,
			    int32_t lo, int32_t hi, int32_t *out)
{
	int64_t value = 0;
	uint32_t where = 0;
	const int rc = ztflm_flex_int(v, &value, &where);

	if (rc == ZTFLM_FLEX_BAD_TYPE) {
		return bad_type(ctx, key, v, "an integer");
	}
	if (rc != ZTFLM_FLEX_OK) {
		return bad(ctx, rc, where);
	}
	if (value < lo || value > hi) {
		return out_of_range(ctx, key, value, lo, hi);
	}
	*out = (int32_t)value;
	return ZTFLM_OK;
}

int ztflm_options_float(struct ztflm_context *ctx, const struct ztflm_flex_map *map,
			const char *key, bool required, float def, float *out)
{
	struct ztflm_flex v;
	bool found;
	double value;
	uint32_t where = 0;
	int rc = lookup(ctx, map, key, required, &v, &found);

	if (rc != ZTFLM_OK || !found) {
		*out = def;
		return rc;
	}
	rc = ztflm_flex_float(&v, &value, &where);
	if (rc == ZTFLM_FLEX_BAD_TYPE) {
		return bad_type(ctx, key, &v, "a number");
	}
	if (rc != ZTFLM_FLEX_OK) {
		return bad(ctx, rc, where);
	}
	*out = (float)value;
	return ZTFLM_OK;
}

int ztflm_options_bool(struct ztflm_context *ctx, const struct ztflm_flex_map *map,
		       const char *key, bool required, bool def, bool *out)
{
	struct ztflm_flex v;
	bool found;
	const int rc = lookup(ctx, map, key, required, &v, &found);

	if (rc != ZTFLM_OK || !found) {
		*out = def;
		return rc;
	}
	return ztflm_options_slot_bool(ctx, &v, key, out);
}
