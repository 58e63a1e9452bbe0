/* Arm semihosting: console output and the exit status QEMU returns to the shell. */
#ifndef ZTFLM_TESTS_QEMU_SEMIHOST_H_
#define ZTFLM_TESTS_QEMU_SEMIHOST_H_

#include <stdint.h>

static inline int32_t semihost_call(int32_t op, const void *arg)
{
	register int32_t r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = arg;

	__asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}

static inline void semihost_puts(const char *s)
{
	semihost_call(0x04, s); /* SYS_WRITE0 */
}

__attribute__((noreturn)) static inline void semihost_exit(int code)
{
	/* SYS_EXIT_EXTENDED: ADP_Stopped_ApplicationExit with the status. */
	const uint32_t args[2] = {0x20026u, (uint32_t)code};

	semihost_call(0x20, args);
	for (;;) {
	}
}

#endif /* ZTFLM_TESTS_QEMU_SEMIHOST_H_ */
