/*
 * Plans every model given on the command line (with kernels that do nothing, or with -r the
 * real kernels of this build, skipping models they cannot run), then proves
 * the plan: every tensor alive at the same time as another has its own bytes, everything
 * lies inside the head, and the exact arena size works while one byte less fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ztflm/ztflm.h>
#include <ztflm/op.h>
#include <ztflm/resolver.h>

#include "plan_check.h"

static int nop_prepare(struct ztflm_context *ctx)
{
	(void)ctx;
	return ZTFLM_OK;
}

static int nop_eval(struct ztflm_context *ctx)
{
	(void)ctx;
	return ZTFLM_OK;
}

static const struct ztflm_op nop = {.prepare = nop_prepare, .eval = nop_eval};
static struct ztflm_op_registration regs[256];

static unsigned char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;

	if (!f) {
		return NULL;
	}
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = aligned_alloc(16, (*len + 15) & ~(size_t)15);
	if (fread(buf, 1, *len, f) != *len) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static int check_model(const char *path, const struct ztflm_op_resolver *r)
{
	size_t len;
	unsigned char *model = read_file(path, &len);
	static unsigned char big[4 << 20] __attribute__((aligned(16)));
	struct ztflm_arena arena;
	struct ztflm_interpreter ip;
	int failures = 0;

	if (!model) {
		printf("FAIL %s: cannot read\n", path);
		return 1;
	}
	ztflm_arena_init(&arena, big, sizeof(big));
	if (ztflm_init(&ip, model, len, r, &arena) == ZTFLM_ERR_UNSUPPORTED &&
	    (r == &ztflm_all_ops_resolver ||
	     strstr(ztflm_last_error(&ip)->message, "custom operator"))) {
		/* Custom operators have names the nop resolver cannot register. */
		printf("skip %s: %s\n", path, ztflm_last_error(&ip)->message);
		free(model);
		return -1;
	}
	if (ip.error.code || ztflm_allocate(&ip)) {
		printf("FAIL %s: %s\n", path, ztflm_last_error(&ip)->message);
		free(model);
		return 1;
	}
	const uint32_t used = ztflm_arena_used(&arena);
	struct plan_life *life = calloc(ztflm_tensors_count(&ip), sizeof(*life));

	failures += plan_check_layout(path, &ip, &arena, life);
	free(life);

	/* Exactly used bytes runs; one byte less fails and names the size. An allocation of
	 * exactly that size lets the sanitizers catch any byte beyond it. */
	unsigned char *exact = aligned_alloc(16, (used + 15) & ~15u);

	failures += plan_check_exact(path, &ip, &arena, model, len, r, exact, used);
	free(exact);
	printf("%s %s: arena %u (head %u, tail %u)\n", failures ? "FAIL" : "ok", path, used,
	       ztflm_head_bytes(&ip), ztflm_tail_bytes(&ip));
	free(model);
	return failures;
}

int main(int argc, char **argv)
{
	struct ztflm_op_resolver r = {regs, 0};
	int failures = 0;
	int skipped = 0;

	for (int code = 0; code < 256; code++) {
		regs[r.count].builtin_code = code;
		regs[r.count].custom_name = NULL;
		regs[r.count].op = &nop;
		r.count++;
	}
	const struct ztflm_op_resolver *use = &r;
	int first = 1;

	if (argc > 1 && strcmp(argv[1], "-r") == 0) {
		use = &ztflm_all_ops_resolver;
		first = 2;
	}
	for (int i = first; i < argc; i++) {
		const int rc = check_model(argv[i], use);

		skipped += rc < 0;
		failures += rc > 0;
	}
	printf("%d passed, %d failed, %d skipped\n", argc - first - failures - skipped, failures,
	       skipped);
	return failures != 0;
}
