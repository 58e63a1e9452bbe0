/* CUMSUM, reference variants: one walk along the axis, TFLM's float and int8 sums. */

#include "common/quant.h"
#include "ops/cumsum.h"

#define P struct ztflm_cumsum_params

/* float32: from +0.0, a NaN sum keeping the first NaN's payload as TFLM's x86 build does. */
static inline float start_f32(const P *p)
{
	(void)p;
	return 0.0f;
}

static inline float add_f32(const P *p, float acc, float x)
{
	(void)p;
	return ztflm_add_f32(acc, x);
}

static inline float out_f32(const P *p, float acc)
{
	(void)p;
	return acc;
}

/* int8: each input at twice its scale with 20 bits of headroom. */
static inline int32_t rescale_in(const P *p, int32_t centered)
{
	return ztflm_mbqm_smaller_than_one((int32_t)((uint32_t)centered << 20),
					   p->input_multiplier, p->input_shift);
}

static inline int32_t start_s8(const P *p)
{
	/* TFLM starts from the rescaled input offset, not from zero. */
	return rescale_in(p, p->input_offset);
}

static inline int32_t add_s8(const P *p, int32_t acc, int8_t x)
{
	/* Wrapping: a long axis of extreme values overflows TFLM's int32 sum. */
	return (int32_t)((uint32_t)acc + (uint32_t)rescale_in(p, p->input_offset + x));
}

static inline int32_t out_s8(const P *p, int32_t acc)
{
	const int32_t q = ztflm_mbqm_smaller_than_one(acc, p->output_multiplier, p->output_shift);

	return ztflm_clamp_i32((int32_t)((uint32_t)q + (uint32_t)p->output_offset), INT8_MIN,
			       INT8_MAX);
}

/* The variant ztflm_<name>: every row along the axis summed from start in the direction. */
#define CUMSUM_VARIANT(name, type, T, ACC, start, add, result)                                     \
	static int name##_eval(struct ztflm_context *ctx, const void *params)                      \
	{                                                                                          \
		const P *p = params;                                                               \
		const T *in = ztflm_input_data(ctx, 0);                                            \
		T *out = ztflm_output_data(ctx, 0);                                                \
		uint32_t outer, depth, inner;                                                      \
                                                                                                   \
		if (!ztflm_cumsum_extent(ctx, p, &outer, &depth, &inner)) {                        \
			return ZTFLM_ERR_KERNEL;                                                   \
		}                                                                                  \
		const int32_t step = p->reverse ? -(int32_t)inner : (int32_t)inner;                \
                                                                                                   \
		for (uint32_t o = 0; o < outer; o++) {                                             \
			for (uint32_t i = 0; i < inner; i++) {                                     \
				uint32_t at = o * depth * inner + i;                               \
				ACC acc = start(p);                                                \
                                                                                                   \
				at += p->reverse && depth > 0 ? (depth - 1u) * inner : 0u;         \
				for (uint32_t d = 0; d < depth; d++, at += (uint32_t)step) {       \
					if (p->exclusive) {                                        \
						out[at] = (T)result(p, acc);                       \
						acc = add(p, acc, in[at]);                         \
					} else {                                                   \
						acc = add(p, acc, in[at]);                         \
						out[at] = (T)result(p, acc);                       \
					}                                                          \
				}                                                                  \
			}                                                                          \
		}                                                                                  \
		return ZTFLM_OK;                                                                   \
	}                                                                                          \
	ZTFLM_VARIANT(name, type, type, name##_eval, NULL, NULL)

CUMSUM_VARIANT(cumsum_s8_ref, ZTFLM_INT8, int8_t, int32_t, start_s8, add_s8, out_s8);
CUMSUM_VARIANT(cumsum_f32_ref, ZTFLM_FLOAT32, float, float, start_f32, add_f32, out_f32);
