/*
 * QEMU loader firmware: runs a batch of cases read from a host file over semihosting (the
 * file's path is the semihosting command line). Each case is a model and its input bytes;
 * the loader copies the model into a bounded, 16-byte aligned buffer, runs init, allocate
 * and invoke in the arena the case asks for, and prints per case the runtime's error or the
 * arena used, the instruction ticks and every output as hex. A failing case does not stop the
 * batch. Exit status: 0 when every case ended as its file entry expected, 1 when one did not,
 * 2 when the batch file itself is unreadable or malformed (3 is startup's hard fault).
 *
 * Batch file, little-endian 32-bit words: "ZTB1", case count; then per case "CASE", flags,
 * arena bytes (0: the whole arena buffer), model bytes, input bytes, the model padded to 4,
 * the inputs (graph order, concatenated) padded to 4. Flags: CASE_INPUTS_GIVEN, the expected
 * outcome (CASE_EXPECT_*), CASE_TRAP, which faults on purpose so the tests can show a fault
 * is never taken for a result, and in bits 16 and up the invokes less one: a case of several
 * invokes runs them on one interpreter (stateful operators carry their state), its inputs
 * those of each invoke in turn, its outputs numbered on across invokes.
 */
#include <stdint.h>
#include <string.h>

#include <ztflm/ztflm.h>

#include "console.h"
#include "counter.h"
#include "semihost.h"

#ifndef LOADER_MODEL_MAX
#define LOADER_MODEL_MAX (1024u * 1024u)
#endif
#ifndef LOADER_ARENA_SIZE
#define LOADER_ARENA_SIZE (1024u * 1024u)
#endif

#define BATCH_MAGIC 0x3142545Au /* "ZTB1" */
#define CASE_MAGIC 0x45534143u  /* "CASE" */
#define CASE_INPUTS_GIVEN 0x1u  /* else inputs get the pattern main.c uses */
#define CASE_TRAP 0x100u        /* execute an undefined instruction: tests the fault path */
#define CASE_INVOKES_SHIFT 16
#define CASE_EXPECT_SHIFT 4
#define CASE_EXPECT_MASK 0x3u
enum expect { EXPECT_OK = 0, EXPECT_ERROR = 1, EXPECT_ANY = 2 };

struct case_header {
	uint32_t magic;
	uint32_t flags;
	uint32_t arena;
	uint32_t model_len;
	uint32_t inputs_len;
};

static uint8_t model_buf[LOADER_MODEL_MAX] __attribute__((aligned(16)));
static uint8_t arena_buf[LOADER_ARENA_SIZE] __attribute__((aligned(16)));
static struct ztflm_interpreter ip;

static int32_t batch_fd = -1;

static uint32_t pad4(uint32_t n)
{
	return (n + 3u) & ~3u;
}

static int read_exact(void *buf, uint32_t n)
{
	return n == 0u || semihost_read(batch_fd, buf, n) == 0 ? 0 : -1;
}

static __attribute__((noreturn)) void batch_fail(const char *why)
{
	semihost_puts("ztflm-loader: batch file ");
	semihost_puts(why);
	semihost_puts("\n");
	semihost_exit(2);
}

static void put_runtime_error(void)
{
	const struct ztflm_error *e = ztflm_last_error(&ip);

	put_i32("error ", e->code, " ");
	semihost_puts(e->message);
	semihost_puts("\n");
}

/* The same pattern main.c and firmware.pattern_inputs use: never NaN for floats. */
static void fill_pattern(const struct ztflm_tensor *t)
{
	for (uint32_t k = 0; k < t->bytes; k++) {
		((uint8_t *)t->data)[k] =
			(uint8_t)((k * 37u + 11u) & (t->type == ZTFLM_FLOAT32 ? 0x3Fu : 0xFFu));
	}
}

/* Inputs from the file (sizes must match) or the pattern; 0, or -1 after printing why. */
static int set_inputs(const struct case_header *h, uint32_t invokes)
{
	struct ztflm_tensor t;
	uint32_t total = 0;

	for (uint32_t i = 0; i < ztflm_inputs_count(&ip); i++) {
		if (ztflm_input(&ip, i, &t)) {
			put_runtime_error();
			return -1;
		}
		total += t.bytes;
	}
	if ((h->flags & CASE_INPUTS_GIVEN) && (uint64_t)total * invokes != h->inputs_len) {
		put_u32("refused inputs are ", h->inputs_len, " bytes, ");
		put_u32("the model's inputs take ", total, "\n");
		return -1;
	}
	for (uint32_t i = 0; i < ztflm_inputs_count(&ip); i++) {
		ztflm_input(&ip, i, &t);
		if (!(h->flags & CASE_INPUTS_GIVEN)) {
			fill_pattern(&t);
		} else if (read_exact(t.data, t.bytes)) {
			batch_fail("ends inside a case's inputs");
		}
	}
	return 0;
}

/* The case's invokes on the allocated interpreter, each output printed; 0 when all ran. */
static int run(const struct case_header *h, const struct ztflm_arena *arena)
{
	const uint32_t invokes = (h->flags >> CASE_INVOKES_SHIFT) + 1u;
	const uint32_t outputs = ztflm_outputs_count(&ip);
	uint32_t ticks = 0;

	for (uint32_t j = 0; j < invokes; j++) {
		if (set_inputs(h, invokes) != 0) {
			return -1;
		}
		counter_start();
		const uint32_t t0 = counter_read();
		const int irc = ztflm_invoke(&ip);

		ticks = counter_ticks(t0, counter_read());
		if (irc) {
			put_runtime_error();
			return -1;
		}
		if (j == 0) {
			put_u32("arena ", ztflm_arena_used(arena), "\n");
		}
		for (uint32_t k = 0; k < outputs; k++) {
			struct ztflm_tensor t;

			ztflm_output(&ip, k, &t);
			put_u32("output ", j * outputs + k, "\n");
			put_hex(t.data, t.bytes);
			semihost_puts("end\n");
		}
	}
	put_u32("ticks ", ticks, "\n");
	return 0;
}

int main(void)
{
	static char cmdline[256];
	uint32_t header[2];
	uint32_t unexpected = 0;

	if (semihost_cmdline(cmdline, sizeof(cmdline)) != 0) {
		batch_fail("path: no semihosting command line");
	}
	/* The path is the last word of the command line. */
	const char *path = cmdline;

	for (const char *p = cmdline; *p; p++) {
		if (*p == ' ' && p[1]) {
			path = p + 1;
		}
	}
	batch_fd = semihost_open(path, (uint32_t)strlen(path));
	if (batch_fd < 0) {
		semihost_puts("ztflm-loader: cannot open ");
		semihost_puts(path);
		semihost_puts("\n");
		return 2;
	}
	const int32_t flen = semihost_flen(batch_fd);

	if (flen < 0) {
		batch_fail("has no length");
	}
	if (read_exact(header, sizeof(header)) || header[0] != BATCH_MAGIC) {
		batch_fail("does not start with ZTB1");
	}
	put_u32("ztflm-loader: ", header[1], " cases\n");
	uint32_t pos = sizeof(header);

	for (uint32_t i = 0; i < header[1]; i++) {
		struct case_header h;

		if (semihost_seek(batch_fd, pos) || read_exact(&h, sizeof(h)) ||
		    h.magic != CASE_MAGIC) {
			batch_fail("has a broken case header");
		}
		const uint32_t body = pad4(h.model_len) + pad4(h.inputs_len);

		if (h.model_len > (uint32_t)flen || h.inputs_len > (uint32_t)flen ||
		    body > (uint32_t)flen - pos - sizeof(h)) {
			batch_fail("is shorter than a case says");
		}
		put_u32("case ", i, "\n");
		if (h.flags & CASE_TRAP) {
#if defined(__riscv)
			__asm__ volatile("unimp");
#else
			__asm__ volatile("udf #0");
#endif
		}
		int rc = -1;

		if (h.model_len > LOADER_MODEL_MAX) {
			put_u32("refused model of ", h.model_len, " bytes, ");
			put_u32("the loader holds ", LOADER_MODEL_MAX, "\n");
		} else if (h.arena > LOADER_ARENA_SIZE) {
			put_u32("refused arena of ", h.arena, " bytes, ");
			put_u32("the loader has ", LOADER_ARENA_SIZE, "\n");
		} else {
			struct ztflm_arena arena;

			if (read_exact(model_buf, h.model_len)) {
				batch_fail("ends inside a case's model");
			}
			if (semihost_seek(batch_fd, pos + sizeof(h) + pad4(h.model_len))) {
				batch_fail("cannot be positioned");
			}
			ztflm_arena_init(&arena, arena_buf, h.arena ? h.arena : sizeof(arena_buf));
			if (ztflm_init(&ip, model_buf, h.model_len, &ztflm_all_ops_resolver,
				       &arena) ||
			    ztflm_allocate(&ip)) {
				put_runtime_error();
			} else {
				rc = run(&h, &arena);
			}
		}
		const uint32_t expect = (h.flags >> CASE_EXPECT_SHIFT) & CASE_EXPECT_MASK;
		const int as_expected = expect == EXPECT_ANY || (expect == EXPECT_OK) == (rc == 0);

		unexpected += as_expected ? 0u : 1u;
		put_u32("case ", i, rc == 0 ? " ok" : " failed");
		semihost_puts(as_expected ? "\n" : " unexpectedly\n");
		pos += sizeof(h) + body;
	}
	semihost_close(batch_fd);
	put_u32("ztflm-loader: done, ", unexpected, " unexpected\n");
	return unexpected ? 1 : 0;
}
