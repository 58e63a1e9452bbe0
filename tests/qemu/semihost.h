/*
 * Semihosting for the QEMU test firmware, Arm (bkpt 0xab) and RISC-V (the ebreak sequence):
 * console output, read-only host files, the command line, and the exit status QEMU returns
 * to the shell.
 */
#ifndef ZTFLM_TESTS_QEMU_SEMIHOST_H_
#define ZTFLM_TESTS_QEMU_SEMIHOST_H_

#include <stdint.h>

#define SEMIHOST_SYS_OPEN 0x01
#define SEMIHOST_SYS_CLOSE 0x02
#define SEMIHOST_SYS_WRITE0 0x04
#define SEMIHOST_SYS_READ 0x06
#define SEMIHOST_SYS_SEEK 0x0A
#define SEMIHOST_SYS_FLEN 0x0C
#define SEMIHOST_SYS_GET_CMDLINE 0x15
#define SEMIHOST_SYS_EXIT_EXTENDED 0x20

#if defined(__riscv)
static inline int32_t semihost_call(int32_t op, const void *arg)
{
	register int32_t a0 __asm__("a0") = op;
	register const void *a1 __asm__("a1") = arg;

	/* The three instructions must be uncompressed (machine mode: no pages to cross). */
	__asm__ volatile(".option push\n\t.option norvc\n\t"
			 "slli x0, x0, 0x1f\n\tebreak\n\tsrai x0, x0, 7\n\t.option pop"
			 : "+r"(a0) : "r"(a1) : "memory");
	return a0;
}
#else
static inline int32_t semihost_call(int32_t op, const void *arg)
{
	register int32_t r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = arg;

	__asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}
#endif

static inline void semihost_puts(const char *s)
{
	semihost_call(SEMIHOST_SYS_WRITE0, s);
}

/** Open a host file read-only (binary); a handle, or -1. */
static inline int32_t semihost_open(const char *path, uint32_t len)
{
	const uint32_t args[3] = {(uint32_t)(uintptr_t)path, 1u /* "rb" */, len};

	return semihost_call(SEMIHOST_SYS_OPEN, args);
}

/** Read up to n bytes; returns how many were NOT read (0 when all were), -1 on error. */
static inline int32_t semihost_read(int32_t fd, void *buf, uint32_t n)
{
	const uint32_t args[3] = {(uint32_t)fd, (uint32_t)(uintptr_t)buf, n};

	return semihost_call(SEMIHOST_SYS_READ, args);
}

/** Move to an absolute position; 0 on success. */
static inline int32_t semihost_seek(int32_t fd, uint32_t pos)
{
	const uint32_t args[2] = {(uint32_t)fd, pos};

	return semihost_call(SEMIHOST_SYS_SEEK, args);
}

/** Length of an open file, -1 on error. */
static inline int32_t semihost_flen(int32_t fd)
{
	const uint32_t args[1] = {(uint32_t)fd};

	return semihost_call(SEMIHOST_SYS_FLEN, args);
}

static inline void semihost_close(int32_t fd)
{
	const uint32_t args[1] = {(uint32_t)fd};

	semihost_call(SEMIHOST_SYS_CLOSE, args);
}

/** The command line (QEMU: the -semihosting-config arg= values joined by spaces). */
static inline int32_t semihost_cmdline(char *buf, uint32_t size)
{
	uint32_t args[2] = {(uint32_t)(uintptr_t)buf, size};

	return semihost_call(SEMIHOST_SYS_GET_CMDLINE, args);
}

__attribute__((noreturn)) static inline void semihost_exit(int code)
{
	/* SYS_EXIT_EXTENDED: ADP_Stopped_ApplicationExit with the status. */
	const uint32_t args[2] = {0x20026u, (uint32_t)code};

	semihost_call(SEMIHOST_SYS_EXIT_EXTENDED, args);
	for (;;) {
	}
}

#endif /* ZTFLM_TESTS_QEMU_SEMIHOST_H_ */
