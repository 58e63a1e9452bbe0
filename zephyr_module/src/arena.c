/* The arena: a caller buffer with planned tensors from the head and persistent data from the tail. */
#include <string.h>

#include "internal.h"

int ztflm_arena_init(struct ztflm_arena *arena, void *buf, size_t size)
{
	if (!arena || !buf) {
		return ZTFLM_ERR_INVALID_ARG;
	}
	const uintptr_t start = (uintptr_t)buf;
	const uintptr_t aligned = (start + ZTFLM_ARENA_ALIGN - 1u) & ~(uintptr_t)(ZTFLM_ARENA_ALIGN - 1u);
	const size_t pad = (size_t)(aligned - start);

	memset(arena, 0, sizeof(*arena));
	if (size > ZTFLM_MAX_SIZE) {
		size = ZTFLM_MAX_SIZE;
	}
	arena->pad = (uint32_t)pad;
	arena->base = (uint8_t *)aligned;
	/* The tail grows down from an 8-byte aligned end. */
	arena->size = size > pad ? (uint32_t)((size - pad) & ~(size_t)7u) : 0u;
	return ZTFLM_OK;
}

uint32_t ztflm_arena_used(const struct ztflm_arena *arena)
{
	if (!arena) {
		return 0;
	}
	/* The tail is rounded to 8 because the usable size is (see ztflm_arena_init). */
	return arena->pad + arena->head_used + ztflm_align_up(arena->tail_used, 8u);
}

/* Zeroed memory from the tail, or NULL when it would run into the planned head. */
void *ztflm_tail_alloc(struct ztflm_interpreter *ip, uint32_t bytes, uint32_t align)
{
	struct ztflm_arena *a = ip->arena;

	/* tail_used stays below 2^30 (ZTFLM_MAX_SIZE), so a bounded request cannot wrap. */
	if (bytes > ZTFLM_MAX_SIZE) {
		return NULL;
	}
	const uint32_t used = ztflm_align_up(a->tail_used + bytes, align);

	if (used > a->size || a->size - used < a->head_used) {
		ip->tail_bytes += used - a->tail_used; /* still counted: it says how much is needed */
		return NULL;
	}
	ip->tail_bytes += used - a->tail_used;
	a->tail_used = used;
	uint8_t *p = a->base + a->size - used;

	memset(p, 0, bytes);
	return p;
}
