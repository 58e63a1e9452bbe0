/*
 * QEMU test firmware: runs the embedded model on fixed inputs and prints every output as
 * hex over semihosting, with the arena it used, so the host can compare bit for bit.
 */
#include <stdint.h>
#include <string.h>

#include <ztflm/ztflm.h>

#include "semihost.h"

extern const uint8_t fw_model[];
extern const uint32_t fw_model_len;

/* The resolver of `ztflm convert` output links only the model's kernels; default: all. */
#ifdef FW_RESOLVER
extern const struct ztflm_op_resolver FW_RESOLVER;
#else
#define FW_RESOLVER ztflm_all_ops_resolver
#endif

#ifndef FW_ARENA_SIZE
#define FW_ARENA_SIZE (192u * 1024u)
#endif

#ifndef FW_EMPTY_HARNESS
static uint8_t arena_buf[FW_ARENA_SIZE] __attribute__((aligned(16)));
#endif

static void put_hex(const uint8_t *p, uint32_t n)
{
	static const char digits[] = "0123456789abcdef";
	char line[65];
	uint32_t k = 0;

	for (uint32_t i = 0; i < n; i++) {
		line[k++] = digits[p[i] >> 4];
		line[k++] = digits[p[i] & 15u];
		if (k == 64) {
			line[k] = '\0';
			semihost_puts(line);
			k = 0;
		}
	}
	line[k] = '\0';
	semihost_puts(line);
}

static void put_u32(const char *label, uint32_t v)
{
	char buf[12];
	int n = 11;

	buf[n] = '\0';
	do {
		buf[--n] = (char)('0' + v % 10u);
		v /= 10u;
	} while (v);
	semihost_puts(label);
	semihost_puts(&buf[n]);
	semihost_puts("\n");
}

#if defined(FW_MPS3_AN547)
/*
 * MPS3 AN547: the SSE-300 has no CMSDK timer 0; the FPGAIO COUNTER register counts up at
 * 20 MHz (QEMU's FPGAIO prescale clock), so under -icount shift=0 a tick is 50 instructions.
 */
#define FPGAIO_COUNTER (*(volatile uint32_t *)0x49302018u)

static void timer_start(void)
{
}

static uint32_t timer_ticks(uint32_t since)
{
	return FPGAIO_COUNTER - since;
}

static uint32_t timer_now(void)
{
	return FPGAIO_COUNTER;
}
#elif defined(__riscv)
/* RV32: minstret, which QEMU under -icount counts exactly: a tick is one instruction. */
static void timer_start(void)
{
}

static uint32_t timer_now(void)
{
	uint32_t v;

	__asm__ volatile(".option push\n\t.option arch, +zicsr\n\tcsrr %0, minstret\n\t.option pop"
			 : "=r"(v));
	return v;
}

static uint32_t timer_ticks(uint32_t since)
{
	return timer_now() - since;
}
#else
/*
 * CMSDK timer 0 of the MPS2 boards, counting down at the 25 MHz system clock. Under QEMU
 * with -icount shift=0 every instruction takes 1 ns, so 40 instructions make one tick.
 */
#define TIMER0_CTRL (*(volatile uint32_t *)0x40000000u)
#define TIMER0_VALUE (*(volatile uint32_t *)0x40000004u)
#define TIMER0_RELOAD (*(volatile uint32_t *)0x40000008u)

static void timer_start(void)
{
	TIMER0_RELOAD = 0xFFFFFFFFu;
	TIMER0_VALUE = 0xFFFFFFFFu;
	TIMER0_CTRL = 1u;
}

static uint32_t timer_ticks(uint32_t since)
{
	return since - TIMER0_VALUE;
}

static uint32_t timer_now(void)
{
	return TIMER0_VALUE;
}
#endif

#ifdef FW_EMPTY_HARNESS
/*
 * The harness alone (startup, console, timer, hex output), for make bench: an image's
 * runtime flash is its flash minus the model minus this.
 */
int main(void)
{
	static const uint8_t out[4];

	timer_start();
	const uint32_t t0 = timer_now();

	put_u32("ticks ", timer_ticks(t0));
	put_u32("output ", 0);
	put_hex(out, sizeof(out));
	semihost_puts("\nend\n");
	return 0;
}
#else
/*
 * FW_INVOKES above 1 runs a stateful model as a stream: that many invokes back to back, then
 * ztflm_reset and the same invokes again, printing every invoke's outputs.
 */
#ifndef FW_INVOKES
#define FW_INVOKES 1
#endif

/* The same pattern the host test feeds, shifted by the step: small values, never NaN. */
static void fill_input(const struct ztflm_tensor *t, uint32_t step)
{
	for (uint32_t k = 0; k < t->bytes; k++) {
		((uint8_t *)t->data)[k] = (uint8_t)((k * 37u + 11u + step * 29u) &
						    (t->type == ZTFLM_FLOAT32 ? 0x3Fu : 0xFFu));
	}
}

static int failed(struct ztflm_interpreter *ip)
{
	semihost_puts("error: ");
	semihost_puts(ztflm_last_error(ip)->message);
	semihost_puts("\n");
	return 1;
}

int main(void)
{
	struct ztflm_arena arena;
	struct ztflm_interpreter ip;
	struct ztflm_tensor t;

	ztflm_arena_init(&arena, arena_buf, sizeof(arena_buf));
	if (ztflm_init(&ip, fw_model, fw_model_len, &FW_RESOLVER, &arena) ||
	    ztflm_allocate(&ip)) {
		return failed(&ip);
	}
	put_u32("arena ", ztflm_arena_used(&arena));
	for (uint32_t n = 0; n < (FW_INVOKES > 1 ? 2u : 1u) * FW_INVOKES; n++) {
		if (n == FW_INVOKES && ztflm_reset(&ip)) {
			return failed(&ip);
		}
		for (uint32_t i = 0; i < ztflm_inputs_count(&ip); i++) {
			ztflm_input(&ip, i, &t);
			fill_input(&t, n % FW_INVOKES);
		}
		timer_start();
		const uint32_t t0 = timer_now();
		const int rc = ztflm_invoke(&ip);
		const uint32_t ticks = timer_ticks(t0);

		if (rc < 0) {
			return failed(&ip);
		}
		if (rc == ZTFLM_STOPPED) {
			put_u32("stopped ", n); /* CIRCULAR_BUFFER between strides, as TFLM's abort */
		}
		if (n == 0) {
			put_u32("ticks ", ticks);
		}
		for (uint32_t i = 0; i < ztflm_outputs_count(&ip); i++) {
			ztflm_output(&ip, i, &t);
			put_u32("output ", i);
			put_hex(t.data, t.bytes);
			semihost_puts("\nend\n");
		}
	}
	return 0;
}
#endif /* FW_EMPTY_HARNESS */
