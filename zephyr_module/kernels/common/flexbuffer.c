/* The verified FlexBuffer reader (flexbuffer.h). */
#include <string.h>

#include "common/flexbuffer.h"

/* Little-endian unsigned integer of width bytes at p (the caller checked the bounds). */
static uint64_t read_u(const uint8_t *p, uint8_t width)
{
	uint64_t v = 0;

	for (uint8_t i = width; i > 0; i--) {
		v = (v << 8) | p[i - 1u];
	}
	return v;
}

static int64_t read_i(const uint8_t *p, uint8_t width)
{
	const uint64_t v = read_u(p, width);
	const uint32_t unused = 64u - 8u * width;

	/* Sign-extend from the top bit of the width, without shifting a negative value. */
	return unused ? (int64_t)(v ^ (UINT64_C(1) << (63u - unused))) -
				(int64_t)(UINT64_C(1) << (63u - unused))
		      : (int64_t)v;
}

static bool valid_width(uint64_t w)
{
	return w == 1u || w == 2u || w == 4u || w == 8u;
}

/* n bytes at pos fit in the buffer. */
static bool fits(uint32_t len, uint32_t pos, uint64_t n)
{
	return pos <= len && n <= (uint64_t)(len - pos);
}

static int fail(int status, uint32_t at, uint32_t *where)
{
	if (where) {
		*where = at;
	}
	return status;
}

/* The position an offset slot points back to. */
static int deref(const uint8_t *buf, uint32_t slot, uint8_t width, uint32_t *target,
		 uint32_t *where)
{
	const uint64_t off = read_u(buf + slot, width);

	if (off > slot) {
		return fail(ZTFLM_FLEX_BAD_OFFSET, slot, where);
	}
	*target = slot - (uint32_t)off;
	return ZTFLM_FLEX_OK;
}

static void value_of(const uint8_t *buf, uint32_t len, uint32_t slot, uint8_t width, uint8_t packed,
		     struct ztflm_flex *v)
{
	v->buf = buf;
	v->len = len;
	v->at = slot;
	v->width = width;
	v->type = (uint8_t)(packed >> 2);
	v->bits = (uint8_t)(1u << (packed & 3u));
}

int ztflm_flex_root(const uint8_t *buf, uint32_t len, struct ztflm_flex *root, uint32_t *where)
{
	if (!buf || len < 3u) {
		return fail(ZTFLM_FLEX_TRUNCATED, 0, where);
	}
	const uint8_t width = buf[len - 1u];

	if (!valid_width(width)) {
		return fail(ZTFLM_FLEX_BAD_WIDTH, len - 1u, where);
	}
	if (len - 2u < width) {
		return fail(ZTFLM_FLEX_TRUNCATED, len - 1u, where);
	}
	value_of(buf, len, len - 2u - width, width, buf[len - 2u], root);
	return ZTFLM_FLEX_OK;
}

/* Key j of the map: its position, checked to end with a NUL inside the buffer. */
static int key_at(const struct ztflm_flex_map *m, uint32_t j, uint32_t *key, uint32_t *where)
{
	const uint32_t slot = m->keys + j * m->key_width;
	const int rc = deref(m->buf, slot, m->key_width, key, where);

	if (rc != ZTFLM_FLEX_OK) {
		return rc;
	}
	if (*key >= m->len || !memchr(m->buf + *key, 0, m->len - *key)) {
		return fail(ZTFLM_FLEX_BAD_KEY, slot, where);
	}
	return ZTFLM_FLEX_OK;
}

int ztflm_flex_map(const struct ztflm_flex *v, struct ztflm_flex_map *m, uint32_t *where)
{
	const uint8_t *buf = v->buf;
	const uint32_t len = v->len;
	const uint8_t w = v->bits;
	uint32_t at;
	uint32_t keys;
	int rc;

	if (v->type != ZTFLM_FLEX_MAP) {
		return fail(ZTFLM_FLEX_BAD_TYPE, v->at, where);
	}
	rc = deref(buf, v->at, v->width, &at, where);
	if (rc != ZTFLM_FLEX_OK) {
		return rc;
	}
	/* Before the values: the keys' offset, the keys' width and the size, w bytes each. */
	if (at < 3u * w) {
		return fail(ZTFLM_FLEX_TRUNCATED, at, where);
	}
	const uint64_t size = read_u(buf + at - w, w);
	const uint64_t key_width = read_u(buf + at - 2u * w, w);

	/* The values, then one type byte per value. */
	if (size > UINT32_MAX / 16u || !fits(len, at, size * (w + 1u))) {
		return fail(ZTFLM_FLEX_TRUNCATED, at - w, where);
	}
	if (!valid_width(key_width)) {
		return fail(ZTFLM_FLEX_BAD_WIDTH, at - 2u * w, where);
	}
	rc = deref(buf, at - 3u * w, w, &keys, where);
	if (rc != ZTFLM_FLEX_OK) {
		return rc;
	}
	/* The keys are a typed vector of their own: its size first, equal to the map's. */
	if (keys < key_width || !fits(len, keys, size * key_width)) {
		return fail(ZTFLM_FLEX_TRUNCATED, keys, where);
	}
	if (read_u(buf + keys - key_width, (uint8_t)key_width) != size) {
		return fail(ZTFLM_FLEX_TRUNCATED, keys - (uint32_t)key_width, where);
	}
	m->buf = buf;
	m->len = len;
	m->values = at;
	m->types = at + (uint32_t)size * w;
	m->keys = keys;
	m->size = (uint32_t)size;
	m->width = w;
	m->key_width = (uint8_t)key_width;
	for (uint32_t j = 0, prev = 0; j < m->size; j++) {
		uint32_t key;

		rc = key_at(m, j, &key, where);
		if (rc != ZTFLM_FLEX_OK) {
			return rc;
		}
		if (j > 0 && strcmp((const char *)buf + prev, (const char *)buf + key) >= 0) {
			return fail(ZTFLM_FLEX_BAD_KEY, keys + j * m->key_width, where);
		}
		prev = key;
	}
	return ZTFLM_FLEX_OK;
}

void ztflm_flex_at(const struct ztflm_flex_map *m, uint32_t i, struct ztflm_flex *v,
		   const char **key)
{
	uint32_t k = 0;

	/* Verified by ztflm_flex_map. */
	(void)key_at(m, i, &k, NULL);
	*key = (const char *)m->buf + k;
	value_of(m->buf, m->len, m->values + i * m->width, m->width, m->buf[m->types + i], v);
}

int ztflm_flex_find(const struct ztflm_flex_map *m, const char *key, struct ztflm_flex *v)
{
	uint32_t lo = 0;
	uint32_t hi = m->size;

	/* The keys are verified to ascend: a binary search, as flexbuffers' own. */
	while (lo < hi) {
		const uint32_t mid = lo + (hi - lo) / 2u;
		const char *k;

		ztflm_flex_at(m, mid, v, &k);
		const int c = strcmp(k, key);

		if (c == 0) {
			return ZTFLM_FLEX_OK;
		}
		if (c < 0) {
			lo = mid + 1u;
		} else {
			hi = mid;
		}
	}
	return ZTFLM_FLEX_MISSING;
}

/* The bytes a scalar is read from: the slot itself, or what an indirect slot points to. */
static int scalar(const struct ztflm_flex *v, uint32_t *at, uint8_t *width, uint32_t *where)
{
	const bool indirect = v->type >= ZTFLM_FLEX_INDIRECT_INT &&
			      v->type <= ZTFLM_FLEX_INDIRECT_FLOAT;

	*at = v->at;
	*width = v->width;
	if (!indirect) {
		return ZTFLM_FLEX_OK;
	}
	const int rc = deref(v->buf, v->at, v->width, at, where);

	if (rc != ZTFLM_FLEX_OK) {
		return rc;
	}
	*width = v->bits;
	return fits(v->len, *at, *width) ? ZTFLM_FLEX_OK : fail(ZTFLM_FLEX_TRUNCATED, *at, where);
}

int ztflm_flex_int(const struct ztflm_flex *v, int64_t *out, uint32_t *where)
{
	uint32_t at;
	uint8_t width;
	const uint8_t t = v->type;

	if (t != ZTFLM_FLEX_INT && t != ZTFLM_FLEX_UINT && t != ZTFLM_FLEX_BOOL &&
	    t != ZTFLM_FLEX_INDIRECT_INT && t != ZTFLM_FLEX_INDIRECT_UINT) {
		return fail(ZTFLM_FLEX_BAD_TYPE, v->at, where);
	}
	const int rc = scalar(v, &at, &width, where);

	if (rc != ZTFLM_FLEX_OK) {
		return rc;
	}
	if (t == ZTFLM_FLEX_INT || t == ZTFLM_FLEX_INDIRECT_INT) {
		*out = read_i(v->buf + at, width);
		return ZTFLM_FLEX_OK;
	}
	const uint64_t u = read_u(v->buf + at, width);

	if (u > (uint64_t)INT64_MAX) {
		return fail(ZTFLM_FLEX_BAD_TYPE, at, where);
	}
	*out = (int64_t)u;
	return ZTFLM_FLEX_OK;
}

int ztflm_flex_float(const struct ztflm_flex *v, double *out, uint32_t *where)
{
	uint32_t at;
	uint8_t width;
	int64_t i;

	if (v->type != ZTFLM_FLEX_FLOAT && v->type != ZTFLM_FLEX_INDIRECT_FLOAT) {
		const int rc = ztflm_flex_int(v, &i, where);

		if (rc == ZTFLM_FLEX_OK) {
			*out = (double)i;
		}
		return rc;
	}
	const int rc = scalar(v, &at, &width, where);

	if (rc != ZTFLM_FLEX_OK) {
		return rc;
	}
	if (width == 4u) {
		const uint32_t bits = (uint32_t)read_u(v->buf + at, 4u);
		float f;

		memcpy(&f, &bits, sizeof(f));
		*out = (double)f;
	} else if (width == 8u) {
		const uint64_t bits = read_u(v->buf + at, 8u);

		memcpy(out, &bits, sizeof(*out));
	} else {
		/* A float narrower than 32 bits: no writer makes one. */
		return fail(ZTFLM_FLEX_BAD_WIDTH, at, where);
	}
	return ZTFLM_FLEX_OK;
}

int ztflm_flex_bool(const struct ztflm_flex *v, bool *out, uint32_t *where)
{
	if (v->type != ZTFLM_FLEX_BOOL && v->type != ZTFLM_FLEX_INT && v->type != ZTFLM_FLEX_UINT) {
		return fail(ZTFLM_FLEX_BAD_TYPE, v->at, where);
	}
	*out = read_u(v->buf + v->at, v->width) != 0u;
	return ZTFLM_FLEX_OK;
}

int64_t ztflm_flex_slot_int(const struct ztflm_flex *v)
{
	return read_i(v->buf + v->at, v->width);
}

const char *ztflm_flex_status_name(int status)
{
	static const char *const names[] = {
		"ok", "truncated", "bad width", "offset out of range", "wrong type", "bad key",
		"missing",
	};

	return status >= 0 && status < (int)(sizeof(names) / sizeof(names[0])) ? names[status]
									  : "error";
}
