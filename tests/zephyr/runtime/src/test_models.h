/* The models of the runtime suite, converted and given host-runner vectors at build time. */
#ifndef ZTFLM_TESTS_TEST_MODELS_H_
#define ZTFLM_TESTS_TEST_MODELS_H_

#include <stdint.h>

#include <ztflm/resolver.h>

struct test_model {
	const char *name;
	const uint8_t *model;
	const uint32_t *model_len;
	const struct ztflm_op_resolver *resolver; /* exactly the model's ops */
	uint32_t host_arena;                      /* the host runner's exact arena */
	uint32_t vectors;
	uint32_t input_bytes;  /* every input of one vector, one after the other */
	uint32_t output_bytes; /* every output of one vector, one after the other */
	const uint8_t *inputs;
	const uint8_t *outputs;
};

extern const struct test_model test_models[];
extern const uint32_t test_models_count;

#endif /* ZTFLM_TESTS_TEST_MODELS_H_ */
