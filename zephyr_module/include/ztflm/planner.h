/* The memory planner of record: offsets for buffers with known sizes and lifetimes. */
#ifndef ZTFLM_PLANNER_H_
#define ZTFLM_PLANNER_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ZTFLM_PLAN_UNPLACED 0xFFFFFFFFu

/** One buffer to place: alive from operator first to operator last, inclusive. */
struct ztflm_plan_buffer {
	uint32_t size;   /**< bytes, already rounded up to align */
	uint32_t align;  /**< power of two */
	int32_t first;
	int32_t last;
	uint32_t offset; /**< out; preset (offline plan) if != ZTFLM_PLAN_UNPLACED on entry */
};

/** Working memory ztflm_plan needs for count buffers. */
uint32_t ztflm_plan_scratch_bytes(uint32_t count);

/**
 * Place every buffer so that no two alive at the same time overlap, trying
 * TFLM's greedy order (largest first) and others, keeping the smallest plan.
 * scratch is ztflm_plan_scratch_bytes(count) bytes, 4-byte aligned. Sizes and preset
 * offsets are below 2^30 (ZTFLM_MAX_SIZE). Returns the bytes the plan spans, or 0xFFFFFFFF
 * when it would pass 2^31 (the offsets are then not all set).
 */
uint32_t ztflm_plan(struct ztflm_plan_buffer *buffers, uint32_t count, void *scratch);

#ifdef __cplusplus
}
#endif

#endif /* ZTFLM_PLANNER_H_ */
