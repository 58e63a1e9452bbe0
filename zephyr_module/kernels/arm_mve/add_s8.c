/*
 * ADD of int8 tensors with broadcasting (Helium): four elements at a time through TFLM's
 * general quantized path (both inputs to a common scale with left_shift bits of headroom,
 * summed, rescaled to the output), each rescale a VQRDMULH and a rounding shift. An input
 * broadcast along the innermost dimension is duplicated; a row without broadcast runs whole
 * vectors alone. Other strides, and a range that is not ordered, are left to the reference
 * variant.
 */
#include "arm_mve/mve.h"
#include "ops/add_sub.h"

/* Four lanes (k of them valid) of inputs already loaded as int32. */
static inline ztflm_v4 four(const struct ztflm_add_sub_params *p, ztflm_v4 x, ztflm_v4 y)
{
	const ztflm_v4 s1 = ztflm_v4_mbqm_smaller(
		ztflm_v4_shl(ztflm_v4_add_n(x, p->input1_offset), p->left_shift),
		p->input1_multiplier, p->input1_shift);
	const ztflm_v4 s2 = ztflm_v4_mbqm_smaller(
		ztflm_v4_shl(ztflm_v4_add_n(y, p->input2_offset), p->left_shift),
		p->input2_multiplier, p->input2_shift);
	const ztflm_v4 raw = ztflm_v4_add_n(
		ztflm_v4_mbqm_smaller(ztflm_v4_add(s1, s2), p->output_multiplier, p->output_shift),
		p->output_offset);

	return ztflm_v4_clamp(raw, p->act.q.min, p->act.q.max);
}

static inline __attribute__((always_inline)) void
row(const struct ztflm_add_sub_params *p, const int8_t *x, uint32_t sa, const int8_t *y,
    uint32_t sb, uint32_t n, int8_t *out)
{
	uint32_t i = 0;

	if (sa == 1u && sb == 1u) {
		/* No broadcast: whole vectors without a lane count or a choice per step. */
		for (; i + 4u <= n; i += 4u) {
			ztflm_v4_store_s8(out + i,
					  four(p, ztflm_v4_load_s8(x + i, 4u),
					       ztflm_v4_load_s8(y + i, 4u)),
					  4u);
		}
	}
	const ztflm_v4 xd = ztflm_v4_dup(x[0]);
	const ztflm_v4 yd = ztflm_v4_dup(y[0]);

	for (; i < n; i += 4u) {
		const uint32_t k = n - i < 4u ? n - i : 4u;
		const ztflm_v4 vx = sa != 0u ? ztflm_v4_load_s8(x + i, k) : xd;
		const ztflm_v4 vy = sb != 0u ? ztflm_v4_load_s8(y + i, k) : yd;

		ztflm_v4_store_s8(out + i, four(p, vx, vy), k);
	}
}

static void add_row(const void *params, const void *x, uint32_t sa, const void *y, uint32_t sb,
		    void *out, uint32_t n)
{
	/* A local copy: the int8 output stores cannot alias it, so its fields stay in registers. */
	const struct ztflm_add_sub_params p = *(const struct ztflm_add_sub_params *)params;

	row(&p, x, sa, y, sb, n, out);
}

/* Rows of contiguous or duplicated values and an ordered range; any other node (a stride
 * along the innermost dimension) runs the reference variant. */
static bool can_run(const void *params)
{
	const struct ztflm_add_sub_params *p = params;
	const struct ztflm_bcast *b = ztflm_binary_bcast(params, sizeof(*p));
	const struct ztflm_bcast_dim *d = ztflm_bcast_dims(b);

	return p->act.q.min <= p->act.q.max &&
	       (b->ndims == 0 || (d[0].a_stride <= 1u && d[0].b_stride <= 1u));
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_binary_eval(ctx, params, sizeof(struct ztflm_add_sub_params), 1u, 1u,
				 add_row);
}

ZTFLM_VARIANT(add_s8_arm_mve, ZTFLM_INT8, ZTFLM_INT8, eval, can_run, NULL);
