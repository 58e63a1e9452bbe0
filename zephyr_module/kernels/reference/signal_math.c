/* Integer math of the Signal library (reference/signal_math.h). */
#include "reference/signal_math.h"

uint16_t ztflm_sqrt32(uint32_t num)
{
	if (num == 0u) {
		return 0;
	}
	uint32_t res = 0;
	const uint32_t top = (32u - ztflm_msb32(num)) | 1u;
	uint32_t bit = 1u << (31u - top);

	for (uint32_t i = (31u - top) / 2u + 1u; i > 0; i--) {
		if (num >= res + bit) {
			num -= res + bit;
			res = (res >> 1) + bit;
		} else {
			res >>= 1;
		}
		bit >>= 2;
	}
	/* Round up when the remainder says so, unless that would pass 16 bits. */
	if (num > res && res != 0xFFFFu) {
		res++;
	}
	return (uint16_t)res;
}

uint32_t ztflm_sqrt64(uint64_t num)
{
	/* Below 2^32 TFLM takes the 32-bit root (off by one near 2^32, as TFLM). */
	if ((num >> 32) == 0u) {
		return ztflm_sqrt32((uint32_t)num);
	}
	uint64_t res = 0;
	const uint32_t top = (64u - ztflm_msb64(num)) | 1u;
	uint64_t bit = UINT64_C(1) << (63u - top);

	for (uint32_t i = (63u - top) / 2u + 1u; i > 0; i--) {
		if (num >= res + bit) {
			num -= res + bit;
			res = (res >> 1) + bit;
		} else {
			res >>= 1;
		}
		bit >>= 2;
	}
	if (num > res && res != 0xFFFFFFFFu) {
		res++;
	}
	return (uint32_t)res;
}

/*
 * log2(1 + i / 128) - i / 128 in 16 fraction bits, rounded, for i = 0 to 128, and a 0 past
 * the end (tests/host/test_op_signal.py recomputes it).
 */
static const uint16_t log_lut[130] = {
	0, 224, 442, 654, 861, 1063, 1259, 1450, 1636, 1817, 1992, 2163,
	2329, 2490, 2646, 2797, 2944, 3087, 3224, 3358, 3487, 3611, 3732, 3848,
	3960, 4068, 4172, 4272, 4368, 4460, 4549, 4633, 4714, 4791, 4864, 4934,
	5001, 5063, 5123, 5178, 5231, 5280, 5326, 5368, 5408, 5444, 5477, 5507,
	5533, 5557, 5578, 5595, 5610, 5622, 5631, 5637, 5640, 5641, 5638, 5633,
	5626, 5615, 5602, 5586, 5568, 5547, 5524, 5498, 5470, 5439, 5406, 5370,
	5332, 5291, 5249, 5203, 5156, 5106, 5054, 5000, 4944, 4885, 4825, 4762,
	4697, 4630, 4561, 4490, 4416, 4341, 4264, 4184, 4103, 4020, 3935, 3848,
	3759, 3668, 3575, 3481, 3384, 3286, 3186, 3084, 2981, 2875, 2768, 2659,
	2549, 2437, 2323, 2207, 2090, 1971, 1851, 1729, 1605, 1480, 1353, 1224,
	1094, 963, 830, 695, 559, 421, 282, 142, 0, 0,
};

uint32_t ztflm_log32(uint32_t x, uint32_t out_scale)
{
	const uint32_t integer = ztflm_msb32(x) - 1u;
	/* The fraction below the top bit, in 16 bits, with the table's correction. */
	int32_t frac = (int32_t)(x - (uint32_t)(UINT64_C(1) << integer));

	if (integer < 16u) {
		frac = (int32_t)((uint32_t)frac << (16u - integer));
	} else {
		frac >>= integer - 16u;
	}
	const uint32_t seg = (uint32_t)frac >> 9;
	const int32_t c0 = log_lut[seg];
	const int32_t c1 = log_lut[seg + 1u];
	const int32_t rel = ((c1 - c0) * (frac - (int32_t)(512u * seg))) >> 16;
	const uint32_t fraction = (uint32_t)(frac + c0 + rel);
	const uint32_t log2 = (integer << 16) + fraction;
	/* ln 2 = 45426 / 65536. */
	const uint32_t loge = (uint32_t)((UINT64_C(45426) * log2 + 32768u) >> 16);

	return (out_scale * loge + 32768u) >> 16;
}
