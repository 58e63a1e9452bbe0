/* Buffers and helpers shared by the runtime suites. */
#ifndef ZTFLM_TESTS_RUNTIME_COMMON_H_
#define ZTFLM_TESTS_RUNTIME_COMMON_H_

#include <stdint.h>

#include <ztflm/ztflm.h>

#include "test_models.h"

/* Room for the largest test model, or for two tenants side by side. */
#define BIG_ARENA_BYTES (40u * 1024u)
#define MAX_TENSORS 128u

extern uint8_t big_arena[BIG_ARENA_BYTES];

/* Plans m alone in the first size bytes of big_arena; returns ztflm's status. */
int plan_model(struct ztflm_interpreter *ip, struct ztflm_arena *arena, const struct test_model *m,
	       const struct ztflm_op_resolver *r, uint32_t size);

/* Runs vector k of m on ip and compares every output with the host runner, byte for byte. */
void expect_vector_bit_exact(struct ztflm_interpreter *ip, const struct test_model *m, uint32_t k);

#endif /* ZTFLM_TESTS_RUNTIME_COMMON_H_ */
