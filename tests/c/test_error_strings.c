/*
 * Errors with messages compiled in and out (ZTFLM_ERROR_STRINGS): the same code, node,
 * builtin op and bytes needed either way; the message names the op when compiled in and is
 * empty when compiled out (the port's log hook then writes the numbers: the Makefile runs
 * this with ZTFLM_LOG=1 and checks what the host port wrote).
 * Usage: test_error_strings <shared models dir> <tests/models dir>
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ztflm/resolver.h>
#include <ztflm/ztflm.h>

static int failures;

#define EXPECT(cond)                                                                           \
	do {                                                                                   \
		if (!(cond)) {                                                                 \
			fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__, #cond);   \
			failures++;                                                            \
		}                                                                              \
	} while (0)

static void *read_file(const char *dir, const char *name, size_t *size)
{
	char path[1024];
	FILE *f;
	void *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(2);
	}
	buf = aligned_alloc(16, ((size_t)n + 15u) & ~(size_t)15u);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		exit(2);
	}
	fclose(f);
	*size = (size_t)n;
	return buf;
}

static _Alignas(16) uint8_t arena_buf[512 * 1024];

/* An op the resolver lacks: BIDIRECTIONAL_SEQUENCE_LSTM (52) at node 0, at init. */
static void unsupported_op(const char *dir)
{
	struct ztflm_arena arena;
	struct ztflm_interpreter ip;
	size_t size;
	void *model = read_file(dir, "unsupported/bidirectional_sequence_lstm.tflite", &size);

	ztflm_arena_init(&arena, arena_buf, sizeof(arena_buf));
	EXPECT(ztflm_init(&ip, model, size, &ztflm_all_ops_resolver, &arena) ==
	       ZTFLM_ERR_UNSUPPORTED);
	const struct ztflm_error *e = ztflm_last_error(&ip);

	EXPECT(e->code == ZTFLM_ERR_UNSUPPORTED && e->node == 0 && e->op == 52);
#if ZTFLM_ERROR_STRINGS
	EXPECT(strstr(e->message, "BIDIRECTIONAL_SEQUENCE_LSTM (builtin 52) at node 0") != NULL);
#else
	EXPECT(e->message[0] == '\0');
#endif
	free(model);
}

/* An arena one byte short of the exact size: ZTFLM_ERR_ARENA with the bytes needed. */
static void arena_short(const char *dir)
{
	struct ztflm_arena arena;
	struct ztflm_interpreter ip;
	size_t size;
	void *model = read_file(dir, "mlperf_kws_dscnn_int8.tflite", &size);

	ztflm_arena_init(&arena, arena_buf, sizeof(arena_buf));
	EXPECT(ztflm_init(&ip, model, size, &ztflm_all_ops_resolver, &arena) == ZTFLM_OK);
	EXPECT(ztflm_allocate(&ip) == ZTFLM_OK);
	const uint32_t used = ztflm_arena_used(&arena);

	ztflm_arena_init(&arena, arena_buf, used - 1u);
	EXPECT(ztflm_init(&ip, model, size, &ztflm_all_ops_resolver, &arena) == ZTFLM_OK);
	EXPECT(ztflm_allocate(&ip) == ZTFLM_ERR_ARENA);
	EXPECT(ztflm_last_error(&ip)->code == ZTFLM_ERR_ARENA);
	EXPECT(ztflm_last_error(&ip)->needed == used);
#if !ZTFLM_ERROR_STRINGS
	EXPECT(ztflm_last_error(&ip)->message[0] == '\0');
#endif
	free(model);
}

/* A malformed model (truncated): ZTFLM_ERR_MODEL, no node. */
static void truncated(const char *dir)
{
	struct ztflm_arena arena;
	struct ztflm_interpreter ip;
	size_t size;
	void *model = read_file(dir, "tflm_hello_world_int8.tflite", &size);

	ztflm_arena_init(&arena, arena_buf, sizeof(arena_buf));
	EXPECT(ztflm_init(&ip, model, size / 2u, &ztflm_all_ops_resolver, &arena) ==
	       ZTFLM_ERR_MODEL);
	EXPECT(ztflm_last_error(&ip)->node == -1);
	free(model);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s <shared models dir> <tests/models dir>\n", argv[0]);
		return 2;
	}
	unsupported_op(argv[2]);
	arena_short(argv[1]);
	truncated(argv[1]);
	printf("error strings %s: %s\n", ZTFLM_ERROR_STRINGS ? "on" : "off",
	       failures ? "FAILED" : "passed");
	return failures ? 1 : 0;
}
