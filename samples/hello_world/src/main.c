/* ztflm hello_world: the TFLM sine model on Zephyr, int8 in, int8 out, printed as integers. */
#include <stdint.h>

#include <zephyr/kernel.h>
#include <zephyr/sys/printk.h>

#include <ztflm/ztflm.h>

#include "hello_world.h"

/* int8 inputs across the model's range: x = (q + 128) * 0.0245, from 0 to about 6.2. */
static const int8_t inputs[] = {-128, -96, -64, -32, 0, 32, 64, 96};

static uint8_t arena_buf[hello_world_ARENA_SIZE]
	__aligned(ZTFLM_ARENA_ALIGN);

static int fail(const char *what, const struct ztflm_interpreter *ip)
{
	const struct ztflm_error *e = ztflm_last_error(ip);

	/* The message is empty with CONFIG_ZTFLM_ERROR_STRINGS=n; the numbers are always set. */
	printk("hello_world: FAILED: %s: error %d at node %d (builtin %d): %s\n", what, e->code,
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

	printk("ztflm hello_world: kernels %s\n", CONFIG_ZTFLM_KERNEL_OVERLAY);
	ztflm_arena_init(&arena, arena_buf, sizeof(arena_buf));
	if (ztflm_init(&ip, hello_world_model, hello_world_model_len, &hello_world_resolver,
		       &arena)) {
		return fail("init", &ip);
	}
	if (ztflm_allocate(&ip)) {
		return fail("allocate", &ip);
	}
	const uint32_t used = ztflm_arena_used(&arena) - arena.pad;

	printk("arena: %u bytes (host plan %u for the %s kernels)\n", used, hello_world_ARENA_SIZE,
	       hello_world_ARENA_KERNELS);
	if (used != hello_world_ARENA_SIZE) {
		printk("hello_world: FAILED: arena differs from the host plan\n");
		return 1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(inputs); i++) {
		if (ztflm_input(&ip, 0, &in) || ztflm_output(&ip, 0, &out)) {
			return fail("tensor", &ip);
		}
		((int8_t *)in.data)[0] = inputs[i];

		const uint32_t start = k_cycle_get_32();

		if (ztflm_invoke(&ip)) {
			return fail("invoke", &ip);
		}
		cycles += k_cycle_get_32() - start;
		printk("x %d -> y %d\n", inputs[i], ((const int8_t *)out.data)[0]);
	}
	printk("cycles per inference: %u\n", cycles / (uint32_t)ARRAY_SIZE(inputs));
	printk("hello_world: done\n");
	return 0;
}
