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
#include <ztflm/kernel.h>
#include <ztflm/resolver.h>

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

static const struct ztflm_kernel nop = {nop_prepare, nop_eval};
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

struct life {
	int first;
	int last;
};

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
	const uint32_t n = ztflm_tensors_count(&ip);
	struct life *life = calloc(n, sizeof(*life));
	struct ztflm_tensor t;
	struct ztflm_tensor u;

	for (uint32_t i = 0; i < n; i++) {
		life[i].first = 1 << 30;
		life[i].last = -1;
	}
	/* Lifetimes from the graph through the public API only. */
	for (uint32_t k = 0; k < ztflm_inputs_count(&ip); k++) {
		ztflm_input(&ip, k, &t);
		life[t.index].first = 0;
		if (life[t.index].last < 0) {
			life[t.index].last = 0;
		}
	}
	for (uint32_t k = 0; k < ztflm_outputs_count(&ip); k++) {
		ztflm_output(&ip, k, &t);
		life[t.index].last = (int)ztflm_nodes_count(&ip);
	}
	/* Operators' tensors: use the kernel context the interpreter would build. */
	for (uint32_t node = 0; node < ztflm_nodes_count(&ip); node++) {
		int32_t code;
		const int32_t *in;
		const int32_t *out;
		int32_t n_in;
		int32_t n_out;

		ztflm_node(&ip, node, &code, &in, &n_in, &out, &n_out);
		for (int32_t k = 0; k < n_in + n_out; k++) {
			const int32_t ti = k < n_in ? in[k] : out[k - n_in];

			if (ti < 0) {
				continue;
			}
			if ((int)node < life[ti].first) {
				life[ti].first = (int)node;
			}
			if ((int)node > life[ti].last) {
				life[ti].last = (int)node;
			}
		}
	}
	for (uint32_t i = 0; i < n; i++) {
		ztflm_tensor(&ip, i, &t);
		if (t.is_const || t.is_variable || life[i].last < 0) {
			continue;
		}
		const uint8_t *a0 = t.data;

		if (!a0 || a0 < arena.base || a0 + t.bytes > arena.base + ztflm_head_bytes(&ip)) {
			printf("FAIL %s: tensor %u outside the head\n", path, i);
			failures++;
			continue;
		}
		for (uint32_t j = i + 1; j < n; j++) {
			ztflm_tensor(&ip, j, &u);
			if (u.is_const || u.is_variable || life[j].last < 0 || u.data == t.data) {
				continue; /* aliases share on purpose */
			}
			const uint8_t *b0 = u.data;
			const int alive = life[i].first <= life[j].last && life[j].first <= life[i].last;
			const int overlap = a0 < b0 + u.bytes && b0 < a0 + t.bytes;

			if (alive && overlap) {
				printf("FAIL %s: tensors %u and %u overlap while both alive\n", path, i,
				       j);
				failures++;
			}
		}
	}
	free(life);

	/* Exactly used bytes runs; one byte less fails and names the size. */
	unsigned char *exact = aligned_alloc(16, (used + 15) & ~15u);

	uint32_t head = 0;
	uint32_t tail = 0;

	ztflm_arena_init(&arena, exact, used);
	if (ztflm_init(&ip, model, len, r, &arena) || ztflm_allocate(&ip) ||
	    ztflm_arena_used(&arena) != used) {
		printf("FAIL %s: exact arena of %u bytes: %s\n", path, used,
		       ztflm_last_error(&ip)->message);
		failures++;
	}
	head = ztflm_head_bytes(&ip);
	tail = ztflm_tail_bytes(&ip);
	ztflm_arena_init(&arena, exact, used - 1);
	if (ztflm_init(&ip, model, len, r, &arena) == ZTFLM_OK && ztflm_allocate(&ip) == ZTFLM_OK) {
		printf("FAIL %s: arena of %u bytes (one short) accepted\n", path, used - 1);
		failures++;
	} else if (ztflm_last_error(&ip)->code != ZTFLM_ERR_ARENA ||
		   ztflm_last_error(&ip)->needed != used) {
		printf("FAIL %s: one byte short: %s (needed %u)\n", path,
		       ztflm_last_error(&ip)->message, ztflm_last_error(&ip)->needed);
		failures++;
	}
	free(exact);
	printf("%s %s: arena %u (head %u, tail %u)\n", failures ? "FAIL" : "ok", path, used, head,
	       tail);
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
		regs[r.count].kernel = &nop;
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
