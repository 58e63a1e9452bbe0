/*
 * ztflm_fmodf against what TFLM's x86-64 build computes (GCC inlines fmodf as the x87 fprem
 * instruction, whose NaN choice is not glibc's), bit for bit, NaN sign and payload included,
 * on 2^27 pairs: random bit patterns, and operands a small exponent distance apart, where the
 * long division is longest. Prints the mismatches (the first few in full) and exits 1 unless
 * there are none. x86-64 only.
 * Usage: test_fmodf [STRIDE]: an odd STRIDE > 1 checks every STRIDE-th pair only.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/mathf.h"

#define MAX_THREADS 64
#define SHOWN 4
#define PAIRS (UINT64_C(1) << 27)

/* fmodf as GCC inlines it without math errno: fprem until its partial remainder is final. */
static float x87_fmodf(float x, float y)
{
	long double r = x;
	const long double d = y;

	__asm__("1: fprem\n\tfnstsw %%ax\n\ttestb $4, %%ah\n\tjnz 1b"
		: "+t"(r)
		: "u"(d)
		: "ax", "cc");
	return (float)r;
}

struct slice {
	uint32_t stride;
	uint64_t first;
	uint64_t count;
	uint64_t mismatches;
	uint32_t shown[SHOWN][2];
};

static uint32_t bits(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof(u));
	return u;
}

static float from_bits(uint32_t u)
{
	float f;

	memcpy(&f, &u, sizeof(f));
	return f;
}

/* A pseudo-random pair for index i (splitmix64): half random bits, half one operand's
 * exponent a small distance from the other's. */
static void pair(uint64_t i, uint32_t *a, uint32_t *b)
{
	uint64_t z = (i + 1) * UINT64_C(0x9e3779b97f4a7c15);

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	z ^= z >> 31;
	*a = (uint32_t)z;
	*b = (uint32_t)(z >> 32);
	if (i & 1u) {
		const uint32_t ea = (*a >> 23) & 0xffu;
		const uint32_t distance = (uint32_t)(z >> 56) % 40u;

		*b = (*b & 0x807fffffu) | ((ea > distance ? ea - distance : 0u) << 23);
	}
}

static void *check(void *arg)
{
	struct slice *s = arg;

	for (uint64_t i = 0; i < s->count; i++) {
		uint32_t a;
		uint32_t b;

		pair((s->first + i) * s->stride, &a, &b);
		if (bits(ztflm_fmodf(from_bits(a), from_bits(b))) !=
		    bits(x87_fmodf(from_bits(a), from_bits(b)))) {
			if (s->mismatches < SHOWN) {
				s->shown[s->mismatches][0] = a;
				s->shown[s->mismatches][1] = b;
			}
			s->mismatches++;
		}
	}
	return NULL;
}

int main(int argc, char **argv)
{
	const long stride = argc > 1 ? strtol(argv[1], NULL, 10) : 1;
	long threads = sysconf(_SC_NPROCESSORS_ONLN);
	struct slice slices[MAX_THREADS];
	pthread_t ids[MAX_THREADS];
	uint64_t mismatches = 0;

	if (stride < 1 || stride % 2 == 0 || stride > 65535) {
		fprintf(stderr, "test_fmodf: STRIDE must be odd, 1 to 65535\n");
		return 2;
	}
	threads = threads < 1 ? 1 : (threads > MAX_THREADS ? MAX_THREADS : threads);
	const uint64_t total = PAIRS / (uint64_t)stride;

	for (long t = 0; t < threads; t++) {
		const uint64_t begin = total * (uint64_t)t / (uint64_t)threads;
		const uint64_t end = total * (uint64_t)(t + 1) / (uint64_t)threads;

		slices[t] = (struct slice){.stride = (uint32_t)stride, .first = begin,
					   .count = end - begin};
		if (pthread_create(&ids[t], NULL, check, &slices[t]) != 0) {
			fprintf(stderr, "test_fmodf: cannot start thread %ld\n", t);
			return 2;
		}
	}
	for (long t = 0; t < threads; t++) {
		pthread_join(ids[t], NULL);
		for (uint64_t m = 0; m < slices[t].mismatches && m < SHOWN; m++) {
			const uint32_t a = slices[t].shown[m][0];
			const uint32_t b = slices[t].shown[m][1];

			printf("mismatch: fmodf(0x%08x, 0x%08x): x87 0x%08x ours 0x%08x\n", a, b,
			       bits(x87_fmodf(from_bits(a), from_bits(b))),
			       bits(ztflm_fmodf(from_bits(a), from_bits(b))));
		}
		mismatches += slices[t].mismatches;
	}
	printf("test_fmodf: %llu pairs, %llu mismatches\n", (unsigned long long)total,
	       (unsigned long long)mismatches);
	return mismatches == 0 ? 0 : 1;
}
