/*
 * The runtime's float functions (kernels/common/mathf.h) against what TFLM's x86-64 build
 * computes, bit for bit, NaN sign and payload included: the unary ones against the host C
 * library (glibc on the oracle's machine) on all 2^32 inputs, fmodf against the x87 fprem
 * instruction TFLM's build inlines, on 2^27 pairs (random bit patterns, and operands of
 * every exponent distance). Prints the mismatches of each (the first few in full) and exits
 * 1 unless there are none. x86-64 only.
 * Usage: test_mathf [THREADS [STRIDE]]: an odd STRIDE > 1 checks every STRIDE-th input and
 * pair only (make test-c's quick run); the default, 1, checks them all.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
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

struct unary {
	const char *name;
	float (*ours)(float);
	float (*libm)(float);
};

static float libm_floorf(float x)
{
	return floorf(x);
}

static float libm_ceilf(float x)
{
	return ceilf(x);
}

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

static const struct unary unaries[] = {
	{"floorf", ztflm_floorf, libm_floorf},
	{"ceilf", ztflm_ceilf, libm_ceilf},
};

struct slice {
	const struct unary *fn; /* NULL: fmodf pairs */
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

static void note(struct slice *s, uint32_t a, uint32_t b)
{
	if (s->mismatches < SHOWN) {
		s->shown[s->mismatches][0] = a;
		s->shown[s->mismatches][1] = b;
	}
	s->mismatches++;
}

/* A pseudo-random pair for index i (splitmix64): half random bits, half one operand's
 * exponent a small distance from the other's, where the long division is longest. */
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
		if (s->fn != NULL) {
			const uint32_t u = (uint32_t)((s->first + i) * s->stride);
			const float x = from_bits(u);

			if (bits(s->fn->ours(x)) != bits(s->fn->libm(x))) {
				note(s, u, 0);
			}
			continue;
		}
		uint32_t a;
		uint32_t b;

		pair((s->first + i) * s->stride, &a, &b);
		if (bits(ztflm_fmodf(from_bits(a), from_bits(b))) !=
		    bits(x87_fmodf(from_bits(a), from_bits(b)))) {
			note(s, a, b);
		}
	}
	return NULL;
}

/* Runs fn (NULL: fmodf) over total cases on threads; returns the mismatches. */
static uint64_t run(const struct unary *fn, uint64_t total, long threads, uint32_t stride)
{
	struct slice slices[MAX_THREADS];
	pthread_t ids[MAX_THREADS];
	uint64_t mismatches = 0;

	for (long t = 0; t < threads; t++) {
		const uint64_t begin = total * (uint64_t)t / (uint64_t)threads;
		const uint64_t end = total * (uint64_t)(t + 1) / (uint64_t)threads;

		slices[t] = (struct slice){
			.fn = fn, .stride = stride, .first = begin, .count = end - begin};
		if (pthread_create(&ids[t], NULL, check, &slices[t]) != 0) {
			fprintf(stderr, "test_mathf: cannot start thread %ld\n", t);
			exit(2);
		}
	}
	for (long t = 0; t < threads; t++) {
		pthread_join(ids[t], NULL);
		for (uint64_t m = 0; m < slices[t].mismatches && m < SHOWN; m++) {
			const uint32_t a = slices[t].shown[m][0];
			const uint32_t b = slices[t].shown[m][1];

			if (fn != NULL) {
				printf("mismatch: %s(%a) (0x%08x): libm 0x%08x ours 0x%08x\n", fn->name,
				       (double)from_bits(a), a, bits(fn->libm(from_bits(a))),
				       bits(fn->ours(from_bits(a))));
			} else {
				printf("mismatch: fmodf(0x%08x, 0x%08x): x87 0x%08x ours 0x%08x\n", a,
				       b, bits(x87_fmodf(from_bits(a), from_bits(b))),
				       bits(ztflm_fmodf(from_bits(a), from_bits(b))));
			}
		}
		mismatches += slices[t].mismatches;
	}
	printf("test_mathf: %s: %llu %s, %llu mismatches\n", fn != NULL ? fn->name : "fmodf",
	       (unsigned long long)total, fn != NULL ? "inputs" : "pairs",
	       (unsigned long long)mismatches);
	return mismatches;
}

int main(int argc, char **argv)
{
	long threads = argc > 1 ? strtol(argv[1], NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
	const long stride = argc > 2 ? strtol(argv[2], NULL, 10) : 1;
	uint64_t mismatches = 0;

	if (threads < 1 || threads > MAX_THREADS) {
		threads = threads < 1 ? 1 : MAX_THREADS;
	}
	if (stride < 1 || stride % 2 == 0 || stride > 65535) {
		fprintf(stderr, "test_mathf: STRIDE must be odd, 1 to 65535\n");
		return 2;
	}
	for (size_t f = 0; f < sizeof(unaries) / sizeof(unaries[0]); f++) {
		mismatches += run(&unaries[f], (UINT64_C(1) << 32) / (uint64_t)stride, threads,
				  (uint32_t)stride);
	}
	mismatches += run(NULL, PAIRS / (uint64_t)stride, threads, (uint32_t)stride);
	return mismatches == 0 ? 0 : 1;
}
