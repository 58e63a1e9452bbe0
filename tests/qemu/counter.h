/*
 * A deterministic instruction counter for the QEMU test firmware (run under -icount shift=0).
 * Arm MPS2: CMSDK timer 0 counting down at the 25 MHz system clock; every instruction takes
 * 1 ns, so one tick is 40 instructions (firmware.py scales); MPS3 AN547: the FPGAIO counter.
 * RISC-V: minstret, which QEMU under -icount counts exactly, one tick per instruction.
 */
#ifndef ZTFLM_TESTS_QEMU_COUNTER_H_
#define ZTFLM_TESTS_QEMU_COUNTER_H_

#include <stdint.h>

#if defined(__riscv)
static inline void counter_start(void)
{
}

static inline uint32_t counter_read(void)
{
	uint32_t v;

	__asm__ volatile(".option push\n\t.option arch, +zicsr\n\tcsrr %0, minstret\n\t.option pop"
			 : "=r"(v));
	return v;
}

/* Ticks between two reads; minstret counts up. */
static inline uint32_t counter_ticks(uint32_t t0, uint32_t t1)
{
	return t1 - t0;
}
#elif defined(FW_MPS3_AN547)
/* MPS3 AN547: the FPGAIO COUNTER counts up at 20 MHz (50 instructions a tick). */
#define COUNTER_FPGAIO (*(volatile uint32_t *)0x49302018u)

static inline void counter_start(void)
{
}

static inline uint32_t counter_read(void)
{
	return COUNTER_FPGAIO;
}

static inline uint32_t counter_ticks(uint32_t t0, uint32_t t1)
{
	return t1 - t0;
}
#else
#define COUNTER_TIMER0_CTRL (*(volatile uint32_t *)0x40000000u)
#define COUNTER_TIMER0_VALUE (*(volatile uint32_t *)0x40000004u)
#define COUNTER_TIMER0_RELOAD (*(volatile uint32_t *)0x40000008u)

static inline void counter_start(void)
{
	/*
	 * Stopped first, so every start counts from the CTRL write: a running timer would restart
	 * at the VALUE write instead, a few instructions earlier, and a loader's first case would
	 * read a tick apart from the next ones whenever the count sits by a tick boundary.
	 */
	COUNTER_TIMER0_CTRL = 0u;
	COUNTER_TIMER0_RELOAD = 0xFFFFFFFFu;
	COUNTER_TIMER0_VALUE = 0xFFFFFFFFu;
	COUNTER_TIMER0_CTRL = 1u;
}

static inline uint32_t counter_read(void)
{
	return COUNTER_TIMER0_VALUE;
}

/* Ticks between two reads; the timer counts down. */
static inline uint32_t counter_ticks(uint32_t t0, uint32_t t1)
{
	return t0 - t1;
}
#endif

#endif /* ZTFLM_TESTS_QEMU_COUNTER_H_ */
