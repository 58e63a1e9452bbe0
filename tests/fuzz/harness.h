/* The run every fuzz target shares: a model through init, allocate and invoke, with counters. */
#ifndef ZTFLM_FUZZ_HARNESS_H_
#define ZTFLM_FUZZ_HARNESS_H_

#include <stddef.h>
#include <stdint.h>

/* How inputs are filled before invoke. */
enum fuzz_fill {
	FUZZ_FILL_FIXED,  /* input i: every byte i * 37 + 1 */
	FUZZ_FILL_HASHED, /* bytes from a generator seeded by a hash of the model */
};

/*
 * Copies the model to an exactly sized heap buffer (so reads past its end are caught),
 * runs it and counts how far it got. Besides the sanitizers' findings, it aborts when an
 * error message is not one line of printable ASCII, and when the model's bytes changed (a
 * constant handed out as an input, a write into model data). With ZTFLM_FUZZ_STATS=1 in
 * the environment the counters are printed to stderr at exit.
 */
void fuzz_run_model(const uint8_t *data, size_t size, enum fuzz_fill fill);

#endif /* ZTFLM_FUZZ_HARNESS_H_ */
