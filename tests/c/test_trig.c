/*
 * The FFT twiddles' sine and cosine (kernels/common/trig.c) against the host libm's, which
 * TFLM's own twiddles come from (glibc): every phase of every FFT length the Signal library
 * runs (2, 3 and 5 smooth) up to MAX_N complex points, forward and inverse, mapped to each
 * twiddle type (int16, int32 and float32, as kiss_fft maps them), must be the same. The
 * libm's value itself is not always the correctly rounded one trig.c computes: the count of
 * those differences is printed, and none may survive a mapping.
 * Usage: test_trig [MAX_N]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/trig.h"

static double map_f32(double v)
{
	return (double)(float)v;
}

static double map_s16(double v)
{
	return floor(0.5 + 32767 * v);
}

static double map_s32(double v)
{
	return floor(0.5 + 2147483647 * v);
}

static int smooth(int n)
{
	while (n % 2 == 0) {
		n /= 2;
	}
	while (n % 3 == 0) {
		n /= 3;
	}
	while (n % 5 == 0) {
		n /= 5;
	}
	return n == 1;
}

int main(int argc, char **argv)
{
	static double (*const maps[3])(double) = {map_f32, map_s16, map_s32};
	const double pi = 3.14159265358979323846264338327950288;
	const int max_n = argc > 1 ? atoi(argv[1]) : 2048;
	long values = 0;
	long libm_not_exact = 0;
	long failures = 0;

	for (int n = 2; n <= max_n; n++) {
		if (!smooth(n)) {
			continue;
		}
		/* kiss_fft's phases: n of the complex FFT, n / 2 of the real split. */
		for (int inverse = 0; inverse < 2; inverse++) {
			for (int i = 0; i < n + n / 2; i++) {
				double phase = i < n ? -2 * pi * (double)i / (double)n
						     : -pi * ((double)(i - n + 1) / (double)n + .5);

				if (inverse) {
					phase *= -1;
				}
				for (int sine = 0; sine < 2; sine++) {
					const double ref = sine ? sin(phase) : cos(phase);
					const double exact = ztflm_trig_exact(phase, sine);

					values++;
					libm_not_exact += memcmp(&ref, &exact, sizeof(ref)) != 0;
					for (int m = 0; m < 3; m++) {
						const double ours = ztflm_trig(phase, sine, maps[m]);
						const double theirs = maps[m](ref);

						if (memcmp(&ours, &theirs, sizeof(ours)) != 0) {
							if (failures++ < 10) {
								printf("FAIL n=%d i=%d %s map %d: %a, "
								       "libm %a\n",
								       n, i, sine ? "sin" : "cos", m,
								       ours, theirs);
							}
						}
					}
				}
			}
		}
	}
	printf("trig: %ld phases up to n=%d, libm off the correctly rounded value in %ld, "
	       "%ld twiddles differ\n",
	       values, max_n, libm_not_exact, failures);
	return failures ? 1 : 0;
}
