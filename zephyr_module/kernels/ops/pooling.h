/* AVERAGE_POOL_2D, MAX_POOL_2D and L2_POOL_2D: parameters, the window walk they share, their variants. */
#ifndef ZTFLM_KERNELS_OPS_POOLING_H_
#define ZTFLM_KERNELS_OPS_POOLING_H_

#include <stdbool.h>
#include <stdint.h>

#include <ztflm/op.h>
#include <ztflm/schema.h>

#include "common/quant.h"

struct ztflm_pool_params {
	int32_t batches;
	int32_t input_h;
	int32_t input_w;
	int32_t depth;
	int32_t output_h;
	int32_t output_w;
	int32_t stride_h;
	int32_t stride_w;
	int32_t filter_h;
	int32_t filter_w;
	int32_t pad_h;
	int32_t pad_w;
	union {
		struct {
			int32_t min;
			int32_t max;
		} q; /**< int8, int16 */
		struct {
			float min;
			float max;
		} f;
	} act;
};

/** Checks a node of a pooling operator and fills its parameters (ops/pooling.c). */
int ztflm_pool_parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params);

/** The descriptor of pooling operator NAME (AVERAGE_POOL_2D, MAX_POOL_2D, L2_POOL_2D) over its variants. */
#define ZTFLM_POOL_OP(NAME, table)                                                                 \
	{                                                                                          \
		ZTFLM_OP_GENERIC,                                                                  \
		.builtin = ZTFLM_OP_##NAME,                                                        \
		.options = ZTFLM_OPTIONS_POOL_2D,                                                  \
		.inputs_min = 1,                                                                   \
		.inputs_max = 1,                                                                   \
		.outputs_min = 1,                                                                  \
		.outputs_max = 1,                                                                  \
		.same_type = ZTFLM_OUT(0),                                                         \
		.params_bytes = sizeof(struct ztflm_pool_params),                                  \
		.parse = ztflm_pool_parse,                                                         \
		ZTFLM_OP_VARIANTS(table),                                                          \
	}

/* The part of the input one output position sees: its window clipped to the input. */
struct ztflm_pool_span {
	uint32_t offset; /**< element index of its top-left pixel, channel 0 */
	int32_t rows;
	int32_t cols;
};

static inline int32_t ztflm_pool_clip(int32_t o, int32_t stride, int32_t pad, int32_t filter,
				      int32_t in, int32_t *first)
{
	/* In 64 bits: a hostile filter size must not overflow; prepare proved o * stride < in. */
	const int64_t origin = (int64_t)o * stride - pad;
	const int64_t lo = origin < 0 ? 0 : origin;
	const int64_t hi = origin + filter < in ? origin + filter : in;

	*first = (int32_t)lo;
	return hi > lo ? (int32_t)(hi - lo) : 0;
}

static inline struct ztflm_pool_span ztflm_pool_span(const struct ztflm_pool_params *p,
						     int32_t b, int32_t oy, int32_t ox)
{
	struct ztflm_pool_span s;
	int32_t y;
	int32_t x;

	s.rows = ztflm_pool_clip(oy, p->stride_h, p->pad_h, p->filter_h, p->input_h, &y);
	s.cols = ztflm_pool_clip(ox, p->stride_w, p->pad_w, p->filter_w, p->input_w, &x);
	s.offset = (((uint32_t)b * (uint32_t)p->input_h + (uint32_t)y) * (uint32_t)p->input_w +
		    (uint32_t)x) * (uint32_t)p->depth;
	return s;
}

/**
 * The fold ACC name(p, x, s, acc) over one channel's window (x at its top-left value):
 * acc = step(acc, v) for every value v, rows then columns, TFLM's order.
 */
#define ZTFLM_POOL_FOLD(name, T, ACC, step)                                                        \
	static inline ACC name(const struct ztflm_pool_params *p, const T *x,                      \
			       const struct ztflm_pool_span *s, ACC acc)                           \
	{                                                                                          \
		const uint32_t depth = (uint32_t)p->depth;                                         \
		const uint32_t row_stride = (uint32_t)p->input_w * depth;                          \
                                                                                                   \
		for (int32_t r = 0; r < s->rows; r++) {                                            \
			const T *v = x + (uint32_t)r * row_stride;                                 \
                                                                                                   \
			for (int32_t c = s->cols; c > 0; c--) {                                    \
				acc = step(acc, *v);                                               \
				v += depth;                                                        \
			}                                                                          \
		}                                                                                  \
		return acc;                                                                        \
	}

static inline int32_t ztflm_pool_add_i32(int32_t acc, int32_t v)
{
	return acc + v;
}

static inline int32_t ztflm_pool_max_i32(int32_t acc, int32_t v)
{
	return v > acc ? v : acc;
}

ZTFLM_POOL_FOLD(ztflm_pool_sum_s8, int8_t, int32_t, ztflm_pool_add_i32)
ZTFLM_POOL_FOLD(ztflm_pool_max_s8, int8_t, int32_t, ztflm_pool_max_i32)

/** The rounded integer mean of count values summing to acc (half away from zero, as TFLM). */
static inline int32_t ztflm_pool_mean(int32_t acc, int32_t count)
{
	if (count == 0) {
		return 0; /* prepare's window sizes rule this out */
	}
	return acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
}

/*
 * The fused activation in TFLM's order, max then min: a range from a model with a negative
 * scale can be unordered, and then this gives TFLM's bits where a clamp would not.
 */
static inline int32_t ztflm_pool_act(int32_t x, int32_t lo, int32_t hi)
{
	const int32_t y = x > lo ? x : lo;

	return y < hi ? y : hi;
}

/**
 * Whether the int8 activation range is ordered and inside int8 (any valid quantization gives
 * one): then a lane-wise clamp in int8 is the reference's activation. can_run of overlays.
 */
static inline bool ztflm_pool_s8_range_ordered(const void *params)
{
	const struct ztflm_pool_params *p = params;

	return p->act.q.min >= INT8_MIN && p->act.q.min <= p->act.q.max && p->act.q.max <= INT8_MAX;
}

/**
 * The eval function name of a pooling variant over elements of type T: for every output
 * position in order, position(p, x, &span, out) writes its p->depth channels to out, x the
 * window's top-left input value of channel 0.
 */
#define ZTFLM_POOL_EVAL(name, T, position)                                                         \
	static int name(struct ztflm_context *ctx, const void *params)                             \
	{                                                                                          \
		/*                                                                                 \
		 * int8 stores may alias anything: from a local copy, which they cannot, the        \
		 * parameters stay in registers. Wider stores leave them alone anyway.              \
		 */                                                                                \
		const struct ztflm_pool_params copy = *(const struct ztflm_pool_params *)params;   \
		const struct ztflm_pool_params *p =                                                \
			sizeof(T) == 1 ? &copy : (const struct ztflm_pool_params *)params;         \
		const T *in = ztflm_input_data(ctx, 0);                                            \
		T *out = ztflm_output_data(ctx, 0);                                                \
                                                                                                   \
		for (int32_t b = 0; b < p->batches; b++) {                                         \
			for (int32_t oy = 0; oy < p->output_h; oy++) {                             \
				for (int32_t ox = 0; ox < p->output_w; ox++) {                     \
					const struct ztflm_pool_span s =                           \
						ztflm_pool_span(p, b, oy, ox);                     \
                                                                                                   \
					position(p, in + s.offset, &s, out);                       \
					out += p->depth;                                           \
				}                                                                  \
			}                                                                          \
		}                                                                                  \
		return ZTFLM_OK;                                                                   \
	}

extern const struct ztflm_variant ztflm_average_pool_2d_s8_ref;
extern const struct ztflm_variant ztflm_average_pool_2d_s16_ref;
extern const struct ztflm_variant ztflm_average_pool_2d_f32_ref;
extern const struct ztflm_variant ztflm_average_pool_2d_s8_arm_dsp;
extern const struct ztflm_variant ztflm_average_pool_2d_s8_arm_mve;
extern const struct ztflm_variant ztflm_average_pool_2d_s8_cmsis_nn;
extern const struct ztflm_variant ztflm_average_pool_2d_s16_cmsis_nn;
extern const struct ztflm_variant ztflm_l2_pool_2d_f32_ref;
extern const struct ztflm_variant ztflm_max_pool_2d_s8_ref;
extern const struct ztflm_variant ztflm_max_pool_2d_s16_ref;
extern const struct ztflm_variant ztflm_max_pool_2d_f32_ref;
extern const struct ztflm_variant ztflm_max_pool_2d_s8_arm_dsp;
extern const struct ztflm_variant ztflm_max_pool_2d_s8_arm_mve;
extern const struct ztflm_variant ztflm_max_pool_2d_s8_cmsis_nn;
extern const struct ztflm_variant ztflm_max_pool_2d_s16_cmsis_nn;

#endif /* ZTFLM_KERNELS_OPS_POOLING_H_ */
