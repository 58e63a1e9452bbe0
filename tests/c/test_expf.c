/*
 * ztflm_expf against the host C library's expf (glibc on the oracle's x86-64 machine) for
 * all 2^32 float bit patterns: the same bits, NaN for NaN with the same sign and payload.
 * Prints the number of mismatches (the first few in full) and exits 1 unless it is 0.
 * Usage: test_expf [THREADS]
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/expf.h"

#define MAX_THREADS 64
#define SHOWN 8

struct slice {
	uint32_t first;
	uint64_t count;
	uint64_t mismatches;
	uint64_t nan_mismatches; /* both NaN, other bits */
	uint32_t shown[SHOWN];
};

static uint32_t float_bits(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof(u));
	return u;
}

static void *check(void *arg)
{
	struct slice *s = arg;

	for (uint64_t i = 0; i < s->count; i++) {
		const uint32_t u = s->first + (uint32_t)i;
		float x;

		memcpy(&x, &u, sizeof(x));
		const float want = expf(x);
		const float got = ztflm_expf(x);

		if (float_bits(want) == float_bits(got)) {
			continue;
		}
		if (isnan(want) && isnan(got)) {
			s->nan_mismatches++;
		}
		if (s->mismatches < SHOWN) {
			s->shown[s->mismatches] = u;
		}
		s->mismatches++;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	long threads = argc > 1 ? strtol(argv[1], NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
	struct slice slices[MAX_THREADS];
	pthread_t ids[MAX_THREADS];
	const uint64_t total = UINT64_C(1) << 32;
	uint64_t mismatches = 0;
	uint64_t nan_mismatches = 0;

	if (threads < 1 || threads > MAX_THREADS) {
		threads = threads < 1 ? 1 : MAX_THREADS;
	}
	for (long t = 0; t < threads; t++) {
		const uint64_t begin = total * (uint64_t)t / (uint64_t)threads;
		const uint64_t end = total * (uint64_t)(t + 1) / (uint64_t)threads;

		slices[t] = (struct slice){.first = (uint32_t)begin, .count = end - begin};
		if (pthread_create(&ids[t], NULL, check, &slices[t]) != 0) {
			fprintf(stderr, "test_expf: cannot start thread %ld\n", t);
			return 2;
		}
	}
	for (long t = 0; t < threads; t++) {
		pthread_join(ids[t], NULL);
		for (uint64_t m = 0; m < slices[t].mismatches && m < SHOWN; m++) {
			const uint32_t u = slices[t].shown[m];
			float x;

			memcpy(&x, &u, sizeof(x));
			printf("mismatch: x=%a (0x%08x) expf 0x%08x ztflm_expf 0x%08x\n", (double)x, u,
			       float_bits(expf(x)), float_bits(ztflm_expf(x)));
		}
		mismatches += slices[t].mismatches;
		nan_mismatches += slices[t].nan_mismatches;
	}
	printf("test_expf: %llu inputs, %llu mismatches (%llu of them NaN sign or payload), "
	       "%ld threads\n",
	       (unsigned long long)total, (unsigned long long)mismatches,
	       (unsigned long long)nan_mismatches, threads);
	return mismatches == 0 ? 0 : 1;
}
