/*
 * ztflm's float math functions against the host C library's (glibc on the oracle's x86-64
 * machine) for all 2^32 float bit patterns, or those from FIRST to LAST: the same bits, NaN for
 * NaN with the same sign and payload. Prints the number of mismatches (the first few in full)
 * and exits 1 unless it is 0.
 * Usage: test_mathf FUNCTION [FIRST LAST], FUNCTION one of expf, expm1f, logf, floorf, ceilf,
 * roundf, sinf, cosf, tanhf; FIRST and LAST bit patterns (0x80000000 0xffffffff: every
 * negative float); TEST_MATHF_THREADS threads.
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
#include "common/expm1f.h"
#include "common/logf.h"
#include "common/mathf.h"

#define MAX_THREADS 64
#define SHOWN 8

/* A function of the host's C library and ztflm's version of it. */
struct function {
	const char *name;
	float (*host)(float);
	float (*ours)(float);
};

/*
 * floorf and ceilf as TFLM's build gets them: GCC inlines them, and the inline code passes a
 * signalling NaN on unquieted (glibc's floorf, called, quiets it).
 */
static float inline_floorf(float x)
{
	return floorf(x);
}

static float inline_ceilf(float x)
{
	return ceilf(x);
}

static const struct function functions[] = {
	{"expf", expf, ztflm_expf},
	{"expm1f", expm1f, ztflm_expm1f},
	{"logf", logf, ztflm_logf},
	{"floorf", inline_floorf, ztflm_floorf},
	{"ceilf", inline_ceilf, ztflm_ceilf},
	{"roundf", roundf, ztflm_roundf},
	{"sinf", sinf, ztflm_sinf},
	{"cosf", cosf, ztflm_cosf},
	{"tanhf", tanhf, ztflm_tanhf},
};

struct slice {
	const struct function *f;
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
		const float want = s->f->host(x);
		const float got = s->f->ours(x);

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
	const struct function *f = NULL;

	for (size_t i = 0; argc > 1 && i < sizeof(functions) / sizeof(functions[0]); i++) {
		f = strcmp(argv[1], functions[i].name) == 0 ? &functions[i] : f;
	}
	if (f == NULL) {
		fprintf(stderr, "usage: test_mathf expf|expm1f|logf|floorf|ceilf|roundf|sinf|cosf|tanhf "
				"[FIRST LAST]\n");
		return 2;
	}
	const char *env = getenv("TEST_MATHF_THREADS");
	long threads = env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
	const uint64_t first = argc > 3 ? strtoull(argv[2], NULL, 0) : 0u;
	const uint64_t last = argc > 3 ? strtoull(argv[3], NULL, 0) : UINT32_MAX;
	struct slice slices[MAX_THREADS];
	pthread_t ids[MAX_THREADS];
	const uint64_t total = last >= first && last <= UINT32_MAX ? last - first + 1u : 0u;
	uint64_t mismatches = 0;
	uint64_t nan_mismatches = 0;

	if (threads < 1 || threads > MAX_THREADS) {
		threads = threads < 1 ? 1 : MAX_THREADS;
	}
	for (long t = 0; t < threads; t++) {
		const uint64_t begin = total * (uint64_t)t / (uint64_t)threads;
		const uint64_t end = total * (uint64_t)(t + 1) / (uint64_t)threads;

		slices[t] = (struct slice){.f = f, .first = (uint32_t)(first + begin),
					   .count = end - begin};
		if (pthread_create(&ids[t], NULL, check, &slices[t]) != 0) {
			fprintf(stderr, "test_mathf: cannot start thread %ld\n", t);
			return 2;
		}
	}
	for (long t = 0; t < threads; t++) {
		pthread_join(ids[t], NULL);
		for (uint64_t m = 0; m < slices[t].mismatches && m < SHOWN; m++) {
			const uint32_t u = slices[t].shown[m];
			float x;

			memcpy(&x, &u, sizeof(x));
			printf("mismatch: x=%a (0x%08x) %s 0x%08x ztflm_%s 0x%08x\n", (double)x, u,
			       f->name, float_bits(f->host(x)), f->name, float_bits(f->ours(x)));
		}
		mismatches += slices[t].mismatches;
		nan_mismatches += slices[t].nan_mismatches;
	}
	printf("test_mathf %s: %llu inputs from 0x%08llx, %llu mismatches (%llu of them NaN sign or "
	       "payload), %ld threads\n",
	       f->name, (unsigned long long)total, (unsigned long long)first, (unsigned long long)mismatches,
	       (unsigned long long)nan_mismatches, threads);
	return mismatches == 0 && total > 0 ? 0 : 1;
}
