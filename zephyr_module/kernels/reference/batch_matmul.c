/* BATCH_MATMUL, reference variants: one strided loop nest, an accumulator per type family. */
#include "common/quant.h"
#include "ops/batch_matmul.h"

/*
 * TFLM's float sum: from 0, rhs * lhs added in depth order (its GEMM takes the RHS first).
 * No NaN guard: the addition keeps the sum's payload once it is NaN, as TFLM's x86 build.
 */
static inline float product_f32(const struct ztflm_batch_matmul_params *p, float l, float r)
{
	(void)p;
	return r * l;
}

static inline float finish_f32(const struct ztflm_batch_matmul_params *p, float acc)
{
	(void)p;
	return acc;
}

/* Quantized sums wrap as TFLM's int32 (int8) and int64 (int16) accumulators do on its hosts. */
static inline uint32_t product_s8(const struct ztflm_batch_matmul_params *p, int8_t l, int8_t r)
{
	return (uint32_t)(((int32_t)r + p->rhs_offset) * ((int32_t)l + p->lhs_offset));
}

static inline int8_t finish_s8(const struct ztflm_batch_matmul_params *p, uint32_t acc)
{
	const int32_t y = ztflm_mbqm((int32_t)acc, p->multiplier, p->shift) + p->out_offset;

	return (int8_t)ztflm_clamp_i32(y, INT8_MIN, INT8_MAX);
}

/* Zero points are 0 for int16 (prepare checked). */
static inline uint64_t product_s16(const struct ztflm_batch_matmul_params *p, int16_t l,
				   int16_t r)
{
	(void)p;
	return (uint64_t)(int64_t)((int32_t)r * (int32_t)l);
}

/*
 * TFLM MultiplyByQuantizedMultiplier of an int64: the multiplier cut to 16 bits, one
 * rounding shift (the shift is -31 to 14, prepare refused more: 1 <= total <= 46).
 */
static inline int16_t finish_s16(const struct ztflm_batch_matmul_params *p, uint64_t acc)
{
	const int32_t reduced = p->multiplier < 0x7FFF0000 ? (p->multiplier + (1 << 15)) >> 16
							   : 0x7FFF;
	const int32_t total_shift = 15 - p->shift;
	const uint64_t x = acc * (uint64_t)(int64_t)reduced + ((uint64_t)1 << (total_shift - 1));
	/* Arithmetic shift of the wrapped product, then TFLM's truncation to int32. */
	const int64_t s = (int64_t)x >> total_shift;
	const int32_t y = (int32_t)(uint32_t)(uint64_t)s;

	return (int16_t)ztflm_clamp_i32(y, INT16_MIN, INT16_MAX);
}

/* The variant ztflm_<id>: the batch nest, each matrix by id##_matrix, outputs in order. */
#define BATCH_MATMUL_VARIANT(id, type, T)                                                          \
	static int id##_eval(struct ztflm_context *ctx, const void *params)                        \
	{                                                                                          \
		const struct ztflm_batch_matmul_params p =                                         \
			*(const struct ztflm_batch_matmul_params *)params;                         \
		const T *lhs = ztflm_input_data(ctx, 0);                                           \
		const T *rhs = ztflm_input_data(ctx, 1);                                           \
		T *out = ztflm_output_data(ctx, 0);                                                \
                                                                                                   \
		for (uint32_t b0 = 0; b0 < p.batches[0]; b0++) {                                   \
			for (uint32_t b1 = 0; b1 < p.batches[1]; b1++) {                           \
				for (uint32_t b2 = 0; b2 < p.batches[2]; b2++) {                   \
					const T *l = lhs + b0 * p.lhs_batch[0] +                   \
						     b1 * p.lhs_batch[1] + b2 * p.lhs_batch[2];    \
					const T *r = rhs + b0 * p.rhs_batch[0] +                   \
						     b1 * p.rhs_batch[1] + b2 * p.rhs_batch[2];    \
                                                                                                   \
					out = id##_matrix(&p, l, r, out);                          \
				}                                                                  \
			}                                                                          \
		}                                                                                  \
		return ZTFLM_OK;                                                                   \
	}                                                                                          \
	ZTFLM_VARIANT(id, type, type, id##_eval, NULL, NULL)

/*
 * One matrix of the nest: rows x cols outputs, each finish() of the sum of product() over the
 * depth; returns the next output.
 */
#define BATCH_MATMUL_MATRIX(id, T, ACC, TOUT, product, finish)                                     \
	static inline TOUT *id##_matrix(const struct ztflm_batch_matmul_params *p, const T *l,     \
					const T *r, TOUT *out)                                     \
	{                                                                                          \
		for (uint32_t i = 0; i < p->rows; i++) {                                           \
			const T *row = l + i * p->lhs_row;                                         \
                                                                                                   \
			for (uint32_t j = 0; j < p->cols; j++) {                                   \
				const T *col = r + j * p->rhs_col;                                 \
				ACC acc = 0;                                                       \
                                                                                                   \
				for (uint32_t k = 0; k < p->depth; k++) {                          \
					acc = acc + product(p, row[k * p->lhs_depth],              \
							    col[k * p->rhs_depth]);                \
				}                                                                  \
				*out++ = finish(p, acc);                                           \
			}                                                                          \
		}                                                                                  \
		return out;                                                                        \
	}

#define BATCH_MATMUL(id, type, T, ACC, product, finish)                                            \
	BATCH_MATMUL_MATRIX(id, T, ACC, T, product, finish)                                        \
	BATCH_MATMUL_VARIANT(id, type, T)

BATCH_MATMUL(batch_matmul_s8_ref, ZTFLM_INT8, int8_t, uint32_t, product_s8, finish_s8);
BATCH_MATMUL(batch_matmul_s16_ref, ZTFLM_INT16, int16_t, uint64_t, product_s16, finish_s16);
BATCH_MATMUL(batch_matmul_f32_ref, ZTFLM_FLOAT32, float, float, product_f32, finish_f32);
