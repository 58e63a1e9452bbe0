/* Greedy first-fit memory planner: TFLM's largest-first order and a few others, smallest wins. */
#include <string.h>

#include <ztflm/compiler.h>
#include <ztflm/planner.h>

enum plan_order {
	ORDER_SIZE,          /* TFLM's greedy planner: largest first */
	ORDER_SIZE_LIFETIME, /* largest size times lifetime first */
	ORDER_FIRST_USE,     /* earliest first, then largest */
	ORDER_LIFETIME,      /* longest lived first, then largest */
	ORDER_COUNT,
};

static uint32_t align_up(uint32_t v, uint32_t a)
{
	return (v + a - 1u) & ~(a - 1u);
}

/* The order's key of a buffer: larger keys go first, equal keys largest size first. */
static uint64_t key(const struct ztflm_plan_buffer *b, enum plan_order order)
{
	const uint64_t lifetime = (uint32_t)(b->last - b->first + 1);

	switch (order) {
	case ORDER_SIZE_LIFETIME:
		return b->size * lifetime;
	case ORDER_FIRST_USE:
		return (uint64_t)((int64_t)INT32_MAX - b->first); /* earliest first */
	case ORDER_LIFETIME:
		return lifetime;
	default:
		return 0;
	}
}

/* True when buffer a should be placed before buffer b. */
static int before(const struct ztflm_plan_buffer *a, const struct ztflm_plan_buffer *b,
		  enum plan_order order)
{
	const uint64_t ka = key(a, order);
	const uint64_t kb = key(b, order);

	return ka != kb ? ka > kb : a->size > b->size;
}

static int overlap_in_time(const struct ztflm_plan_buffer *a, const struct ztflm_plan_buffer *b)
{
	return a->first <= b->last && b->first <= a->last;
}

/* Insert index i into by_offset[0..n), kept sorted by offset. */
static void insert_by_offset(const struct ztflm_plan_buffer *bufs, uint16_t *by_offset, uint32_t n,
			     uint16_t i)
{
	uint32_t k = n;

	while (k > 0 && bufs[by_offset[k - 1]].offset > bufs[i].offset) {
		by_offset[k] = by_offset[k - 1];
		k--;
	}
	by_offset[k] = i;
}

/*
 * Ends stop at PLAN_LIMIT: with sizes and preset offsets below 2^30 (planner.h), no sum below
 * passes 2^32. A plan that would go further is reported as PLAN_TOO_LARGE.
 */
#define PLAN_LIMIT 0x80000000u
#define PLAN_TOO_LARGE 0xFFFFFFFFu

static uint32_t place_all(struct ztflm_plan_buffer *bufs, uint32_t count, uint16_t *order,
			  uint16_t *by_offset, const uint8_t *preset, enum plan_order mode)
{
	uint32_t n_order = 0;
	uint32_t placed = 0;
	uint32_t high = 0;

	/* Offline-planned buffers keep their offsets and are placed first. */
	for (uint32_t i = 0; i < count; i++) {
		if (preset[i]) {
			insert_by_offset(bufs, by_offset, placed++, (uint16_t)i);
			if (bufs[i].offset + bufs[i].size > high) {
				high = bufs[i].offset + bufs[i].size;
			}
			continue;
		}
		/* Insertion sort keeps equal keys in index order, so every run is deterministic. */
		uint32_t k = n_order;

		while (k > 0 && before(&bufs[i], &bufs[order[k - 1]], mode)) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = (uint16_t)i;
		n_order++;
	}

	for (uint32_t o = 0; o < n_order; o++) {
		struct ztflm_plan_buffer *b = &bufs[order[o]];
		uint32_t candidate = 0;

		for (uint32_t k = 0; k < placed; k++) {
			const struct ztflm_plan_buffer *p = &bufs[by_offset[k]];

			if (!overlap_in_time(b, p)) {
				continue;
			}
			if (p->offset >= candidate + b->size) {
				break;
			}
			if (p->offset + p->size > candidate) {
				candidate = align_up(p->offset + p->size, b->align);
			}
		}
		if (candidate + b->size > PLAN_LIMIT) {
			return PLAN_TOO_LARGE;
		}
		b->offset = candidate;
		insert_by_offset(bufs, by_offset, placed++, order[o]);
		if (candidate + b->size > high) {
			high = candidate + b->size;
		}
	}
	return high;
}

uint32_t ztflm_plan_scratch_bytes(uint32_t count)
{
	/* order and by_offset (uint16 each), preset flags (uint8). */
	return ((count * 2u + 3u) & ~3u) * 2u + ((count + 3u) & ~3u);
}

ZTFLM_COLD
uint32_t ztflm_plan(struct ztflm_plan_buffer *bufs, uint32_t count, void *scratch)
{
	const uint32_t u16_bytes = (count * 2u + 3u) & ~3u;
	uint16_t *order = scratch;
	uint16_t *by_offset = (uint16_t *)((uint8_t *)scratch + u16_bytes);
	uint8_t *preset = (uint8_t *)scratch + 2u * u16_bytes;
	uint32_t best_high = 0;
	int best = 0;

	if (count == 0) {
		return 0;
	}
	for (uint32_t i = 0; i < count; i++) {
		preset[i] = bufs[i].offset != ZTFLM_PLAN_UNPLACED;
	}
	for (int mode = 0; mode < ORDER_COUNT; mode++) {
		const uint32_t high =
			place_all(bufs, count, order, by_offset, preset, (enum plan_order)mode);

		if (mode == 0 || high < best_high) {
			best_high = high;
			best = mode;
		}
	}
	/* Each order places deterministically: run the smallest one again to keep its offsets. */
	return place_all(bufs, count, order, by_offset, preset, (enum plan_order)best);
}
