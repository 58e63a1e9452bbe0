/*
 * Proofs of a memory plan, shared by the host test (test_plan_invariants.c) and the Zephyr
 * ztest suite (tests/zephyr/runtime): every tensor alive at the same time as another has its
 * own bytes, everything lies inside the head, and the exact arena size works while one byte
 * less fails naming the size. Header-only so each build compiles it with its own print.
 */
#ifndef ZTFLM_TESTS_PLAN_CHECK_H_
#define ZTFLM_TESTS_PLAN_CHECK_H_

#include <stddef.h>
#include <stdint.h>

#include <ztflm/ztflm.h>

#ifndef PLAN_CHECK_PRINT
#include <stdio.h>
#define PLAN_CHECK_PRINT printf
#endif

/** First and last operator that touches a tensor; last < 0 when none does. */
struct plan_life {
	int32_t first;
	int32_t last;
};

/* Lifetimes from the graph through the public API only. */
static inline void plan_lifetimes(struct ztflm_interpreter *ip, struct plan_life *life)
{
	const uint32_t n = ztflm_tensors_count(ip);
	struct ztflm_tensor t;

	for (uint32_t i = 0; i < n; i++) {
		life[i].first = 1 << 30;
		life[i].last = -1;
	}
	for (uint32_t k = 0; k < ztflm_inputs_count(ip); k++) {
		ztflm_input(ip, k, &t);
		life[t.index].first = 0;
		if (life[t.index].last < 0) {
			life[t.index].last = 0;
		}
	}
	for (uint32_t k = 0; k < ztflm_outputs_count(ip); k++) {
		ztflm_output(ip, k, &t);
		life[t.index].last = (int32_t)ztflm_nodes_count(ip);
	}
	for (uint32_t node = 0; node < ztflm_nodes_count(ip); node++) {
		int32_t code;
		const int32_t *in;
		const int32_t *out;
		int32_t n_in;
		int32_t n_out;

		ztflm_node(ip, node, &code, &in, &n_in, &out, &n_out);
		for (int32_t k = 0; k < n_in + n_out; k++) {
			const int32_t ti = k < n_in ? in[k] : out[k - n_in];

			if (ti < 0) {
				continue;
			}
			if ((int32_t)node < life[ti].first) {
				life[ti].first = (int32_t)node;
			}
			if ((int32_t)node > life[ti].last) {
				life[ti].last = (int32_t)node;
			}
		}
	}
}

/**
 * The plan of an allocated interpreter: every planned tensor inside the head, no two
 * overlapping while both are alive. life holds ztflm_tensors_count(ip) entries.
 * Returns the number of failures, each printed with name.
 */
static inline int plan_check_layout(const char *name, struct ztflm_interpreter *ip,
				    const struct ztflm_arena *arena, struct plan_life *life)
{
	const uint32_t n = ztflm_tensors_count(ip);
	struct ztflm_tensor t;
	struct ztflm_tensor u;
	int failures = 0;

	plan_lifetimes(ip, life);
	for (uint32_t i = 0; i < n; i++) {
		ztflm_tensor(ip, i, &t);
		if (t.is_const || t.is_variable || life[i].last < 0) {
			continue;
		}
		const uint8_t *a0 = t.data;

		if (!a0 || a0 < arena->base || a0 + t.bytes > arena->base + ztflm_head_bytes(ip)) {
			PLAN_CHECK_PRINT("FAIL %s: tensor %u outside the head\n", name, (unsigned)i);
			failures++;
			continue;
		}
		for (uint32_t j = i + 1; j < n; j++) {
			ztflm_tensor(ip, j, &u);
			if (u.is_const || u.is_variable || life[j].last < 0 || u.data == t.data) {
				continue; /* aliases share on purpose */
			}
			const uint8_t *b0 = u.data;
			const int alive = life[i].first <= life[j].last && life[j].first <= life[i].last;
			const int overlap = a0 < b0 + u.bytes && b0 < a0 + t.bytes;

			if (alive && overlap) {
				PLAN_CHECK_PRINT("FAIL %s: tensors %u and %u overlap while both alive\n",
						 name, (unsigned)i, (unsigned)j);
				failures++;
			}
		}
	}
	return failures;
}

/**
 * Exactly used bytes of buf (16-byte aligned, at least used bytes) plan the model again
 * with the same arena use; used - 1 bytes fail with ZTFLM_ERR_ARENA and needed == used.
 * Leaves ip planned in arena over the exact bytes when that works (arena must outlive ip's
 * use). Returns the number of failures.
 */
static inline int plan_check_exact(const char *name, struct ztflm_interpreter *ip,
				   struct ztflm_arena *arena, const void *model, size_t len,
				   const struct ztflm_op_resolver *r, uint8_t *buf, uint32_t used)
{
	int failures = 0;

	ztflm_arena_init(arena, buf, used - 1);
	if (ztflm_init(ip, model, len, r, arena) == ZTFLM_OK && ztflm_allocate(ip) == ZTFLM_OK) {
		PLAN_CHECK_PRINT("FAIL %s: arena of %u bytes (one short) accepted\n", name,
				 (unsigned)(used - 1));
		failures++;
	} else if (ztflm_last_error(ip)->code != ZTFLM_ERR_ARENA ||
		   ztflm_last_error(ip)->needed != used) {
		PLAN_CHECK_PRINT("FAIL %s: one byte short: %s (needed %u)\n", name,
				 ztflm_last_error(ip)->message,
				 (unsigned)ztflm_last_error(ip)->needed);
		failures++;
	}
	ztflm_arena_init(arena, buf, used);
	if (ztflm_init(ip, model, len, r, arena) || ztflm_allocate(ip) ||
	    ztflm_arena_used(arena) != used) {
		PLAN_CHECK_PRINT("FAIL %s: exact arena of %u bytes: %s\n", name, (unsigned)used,
				 ztflm_last_error(ip)->message);
		failures++;
	}
	return failures;
}

#endif /* ZTFLM_TESTS_PLAN_CHECK_H_ */
