/* ztflm person_detection: TFLM's person model on two bundled 96x96 grayscale images. */
#include <stdint.h>

#include <zephyr/kernel.h>
#include <zephyr/sys/printk.h>

#include <ztflm/ztflm.h>

#include "bmp.h"
#include "person_detect.h"

/* The model's two scores: index 0 "no person", index 1 "person". */
static const char *const labels[] = {"no person", "person"};

static const uint8_t image_person[] = {
#include "image_person.inc"
};
static const uint8_t image_no_person[] = {
#include "image_no_person.inc"
};

static const struct {
	const char *name;
	const uint8_t *bmp;
	size_t size;
} inputs[] = {
	{"person.bmp", image_person, sizeof(image_person)},
	{"no_person.bmp", image_no_person, sizeof(image_no_person)},
};

static uint8_t arena_buf[person_detect_ARENA_SIZE]
	__aligned(ZTFLM_ARENA_ALIGN);

static int fail(const char *what, const struct ztflm_interpreter *ip)
{
	const struct ztflm_error *e = ztflm_last_error(ip);

	/* The message is empty with CONFIG_ZTFLM_ERROR_STRINGS=n; the numbers are always set. */
	printk("person_detection: FAILED: %s: error %d at node %d (builtin %d): %s\n", what, e->code,
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

	printk("ztflm person_detection: kernels %s\n", CONFIG_ZTFLM_KERNEL_OVERLAY);
	ztflm_arena_init(&arena, arena_buf, sizeof(arena_buf));
	if (ztflm_init(&ip, person_detect_model, person_detect_model_len,
		       &person_detect_resolver, &arena) ||
	    ztflm_allocate(&ip)) {
		return fail("setup", &ip);
	}
	const uint32_t used = ztflm_arena_used(&arena) - arena.pad;

	printk("arena: %u bytes (host plan %u for the %s kernels)\n", used, person_detect_ARENA_SIZE,
	       person_detect_ARENA_KERNELS);
	if (used != person_detect_ARENA_SIZE) {
		printk("person_detection: FAILED: arena differs from the host plan\n");
		return 1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(inputs); i++) {
		if (ztflm_input(&ip, 0, &in) || ztflm_output(&ip, 0, &out)) {
			return fail("tensor", &ip);
		}
		/* The input is int8[1, 96, 96, 1]; the image's bytes go in unchanged, like TFLM's. */
		if (in.dims_count != 4 || out.elements != ARRAY_SIZE(labels) ||
		    bmp_gray8_pixels(inputs[i].bmp, inputs[i].size, in.dims[2], in.dims[1],
				     in.data)) {
			printk("person_detection: FAILED: %s does not fit the model\n",
			       inputs[i].name);
			return 1;
		}

		const uint32_t start = k_cycle_get_32();

		if (ztflm_invoke(&ip)) {
			return fail("invoke", &ip);
		}
		cycles += k_cycle_get_32() - start;

		const int8_t *scores = out.data;

		printk("%s: no person %d, person %d -> %s\n", inputs[i].name, scores[0], scores[1],
		       labels[scores[1] > scores[0] ? 1 : 0]);
	}
	printk("cycles per inference: %u\n", cycles / (uint32_t)ARRAY_SIZE(inputs));
	printk("person_detection: done\n");
	return 0;
}
