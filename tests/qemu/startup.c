/* Minimal Cortex-M startup for the QEMU test firmware: vector table, .data/.bss, main, exit. */
#include <stdint.h>

#include "semihost.h"

extern uint32_t __data_load, __data_start, __data_end, __bss_start, __bss_end, __stack_top;

int main(void);

static void fault(void)
{
	semihost_puts("ztflm-fw: hard fault\n");
	semihost_exit(3);
}

void reset_handler(void)
{
	const uint32_t *src = &__data_load;

	for (uint32_t *dst = &__data_start; dst < &__data_end;) {
		*dst++ = *src++;
	}
	for (uint32_t *dst = &__bss_start; dst < &__bss_end;) {
		*dst++ = 0;
	}
#if defined(__ARM_FP)
	/* Full access to the FPU (CP10, CP11) before any float instruction. */
	*(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;
	__asm__ volatile("dsb\n\tisb");
#endif
	semihost_exit(main());
}

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
	(void (*)(void))(&__stack_top), reset_handler, fault, fault, fault, fault, fault, 0, 0, 0,
	0, fault, fault, 0, fault, fault,
};
