/* ztflm keyword_spotting: MLPerf Tiny's DS-CNN on four bundled MFCC inputs, 12 classes. */
#include <stdint.h>
#include <string.h>

#include <zephyr/kernel.h>
#include <zephyr/sys/printk.h>

#include <ztflm/ztflm.h>

#include "kws.h"

static const char *const labels[] = {"down", "go",  "left", "no",  "off",     "on",
				     "right", "stop", "up",   "yes", "silence", "unknown"};

static const int8_t feat_yes[] = {
#include "features_yes.inc"
};
static const int8_t feat_no[] = {
#include "features_no.inc"
};
static const int8_t feat_silence[] = {
#include "features_silence.inc"
};
static const int8_t feat_noise[] = {
#include "features_noise.inc"
};

static const struct {
	const char *name;
	const int8_t *data;
	size_t size;
} inputs[] = {
	{"yes", feat_yes, sizeof(feat_yes)},
	{"no", feat_no, sizeof(feat_no)},
	{"silence", feat_silence, sizeof(feat_silence)},
	{"noise", feat_noise, sizeof(feat_noise)},
};

static uint8_t arena_buf[kws_ARENA_SIZE] __aligned(ZTFLM_ARENA_ALIGN);

#if CONFIG_ZTFLM_PROFILER
/* Cycles of every operator over all inferences (CONFIG_ZTFLM_PROFILER). */
static uint32_t op_cycles[64];
static int32_t op_builtin[64];

static void on_op(void *user, uint32_t node, int32_t builtin, uint32_t cycles)
{
	ARG_UNUSED(user);
	if (node < ARRAY_SIZE(op_cycles)) {
		op_cycles[node] += cycles;
		op_builtin[node] = builtin;
	}
}

static void print_profile(uint32_t nodes, uint32_t runs)
{
	for (uint32_t n = 0; n < nodes && n < ARRAY_SIZE(op_cycles); n++) {
		printk("op %u %s: %u cycles\n", n, ztflm_builtin_name(op_builtin[n]),
		       op_cycles[n] / runs);
	}
	printk("profile: %u operators\n", nodes);
}
#endif

static int fail(const char *what, const struct ztflm_interpreter *ip)
{
	const struct ztflm_error *e = ztflm_last_error(ip);

	/* The message is empty with CONFIG_ZTFLM_ERROR_STRINGS=n; the numbers are always set. */
	printk("keyword_spotting: FAILED: %s: error %d at node %d (builtin %d): %s\n", what, e->code,
	       (int)e->node, (int)e->op, e->message);
	return 1;
}

int main(void)
{
	static struct ztflm_interpreter ip;
	struct ztflm_arena arena;
	struct ztflm_tensor in;
	struct ztflm_tensor out;
	uint32_t cycles = 0;

	printk("ztflm keyword_spotting: kernels %s\n", CONFIG_ZTFLM_KERNEL_OVERLAY);
	ztflm_arena_init(&arena, arena_buf, sizeof(arena_buf));
	if (ztflm_init(&ip, kws_model, kws_model_len, &kws_resolver, &arena) ||
	    ztflm_allocate(&ip)) {
		return fail("setup", &ip);
	}
#if CONFIG_ZTFLM_PROFILER
	ztflm_set_profiler(&ip, on_op, NULL);
#endif
	const uint32_t used = ztflm_arena_used(&arena) - arena.pad;

	printk("arena: %u bytes (host plan %u for the %s kernels)\n", used, kws_ARENA_SIZE,
	       kws_ARENA_KERNELS);
	if (used != kws_ARENA_SIZE) {
		printk("keyword_spotting: FAILED: arena differs from the host plan\n");
		return 1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(inputs); i++) {
		if (ztflm_input(&ip, 0, &in) || ztflm_output(&ip, 0, &out)) {
			return fail("tensor", &ip);
		}
		if (in.bytes != inputs[i].size || out.elements != ARRAY_SIZE(labels)) {
			printk("keyword_spotting: FAILED: input %s does not fit the model\n",
			       inputs[i].name);
			return 1;
		}
		memcpy(in.data, inputs[i].data, in.bytes);

		const uint32_t start = k_cycle_get_32();

		if (ztflm_invoke(&ip)) {
			return fail("invoke", &ip);
		}
		cycles += k_cycle_get_32() - start;

		const int8_t *scores = out.data;
		size_t best = 0;

		printk("%s:", inputs[i].name);
		for (size_t k = 0; k < out.elements; k++) {
			printk(" %d", scores[k]);
			best = scores[k] > scores[best] ? k : best;
		}
		printk(" -> %s\n", labels[best]);
	}
	printk("cycles per inference: %u\n", cycles / (uint32_t)ARRAY_SIZE(inputs));
#if CONFIG_ZTFLM_PROFILER
	print_profile(ztflm_nodes_count(&ip), ARRAY_SIZE(inputs));
#endif
	printk("keyword_spotting: done\n");
	return 0;
}
