/* Console helpers of the QEMU test firmware: numbers and hex dumps over semihosting. */
#ifndef ZTFLM_TESTS_QEMU_CONSOLE_H_
#define ZTFLM_TESTS_QEMU_CONSOLE_H_

#include <stdint.h>

#include "semihost.h"

/* Bytes as lowercase hex, 64 digits a line, ending with a newline. */
static inline void put_hex(const uint8_t *p, uint32_t n)
{
	static const char digits[] = "0123456789abcdef";
	char line[66];
	uint32_t k = 0;

	for (uint32_t i = 0; i < n; i++) {
		line[k++] = digits[p[i] >> 4];
		line[k++] = digits[p[i] & 15u];
		if (k == 64 && i + 1 < n) {
			line[k++] = '\n';
			line[k] = '\0';
			semihost_puts(line);
			k = 0;
		}
	}
	line[k++] = '\n';
	line[k] = '\0';
	semihost_puts(line);
}

/* Decimal text of v into buf (12 bytes); returns the first digit. */
static inline const char *fmt_i32(char *buf, int32_t v)
{
	uint32_t u = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
	int n = 11;

	buf[n] = '\0';
	do {
		buf[--n] = (char)('0' + u % 10u);
		u /= 10u;
	} while (u);
	if (v < 0) {
		buf[--n] = '-';
	}
	return &buf[n];
}

/* label, v as an unsigned decimal, suffix. */
static inline void put_u32(const char *label, uint32_t v, const char *suffix)
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
	semihost_puts(suffix);
}

static inline void put_i32(const char *label, int32_t v, const char *suffix)
{
	char buf[12];

	semihost_puts(label);
	semihost_puts(fmt_i32(buf, v));
	semihost_puts(suffix);
}

#endif /* ZTFLM_TESTS_QEMU_CONSOLE_H_ */
