/*
 * Minimal RV32 startup for the QEMU test firmware (virt, machine mode, -bios none): global,
 * thread and stack pointers, .bss and .tbss zeroed, a trap handler, main, exit status over
 * semihosting.
 */
#include <stdint.h>

#include "semihost.h"

extern uint32_t __bss_start, __bss_end, __tbss_start, __tbss_end;

int main(void);

/* Any trap (illegal instruction, misaligned or faulting access) ends the run: status 3. */
__attribute__((interrupt("machine"), aligned(4))) static void trap(void)
{
	semihost_puts("ztflm-fw: hard fault\n");
	semihost_exit(3);
}

__attribute__((noreturn, used)) void reset_c(void)
{
	for (uint32_t *p = &__tbss_start; p < &__tbss_end; p++) {
		*p = 0;
	}
	for (uint32_t *p = &__bss_start; p < &__bss_end; p++) {
		*p = 0;
	}
	__asm__ volatile(".option push\n\t.option arch, +zicsr\n\tcsrw mtvec, %0\n\t.option pop"
			 : : "r"(&trap));
	semihost_exit(main());
}

__attribute__((naked, section(".text.start"))) void _start(void)
{
	__asm__ volatile(".option push\n\t.option norelax\n\t"
			 "la gp, __global_pointer$\n\t.option pop\n\t"
			 "la tp, __tls_base\n\t"
			 "la sp, __stack_top\n\t"
			 "j reset_c");
}
