/*
 * The per-operator profiler (built with -DZTFLM_PROFILER=1): one callback per operator, in
 * node order, with the node's builtin code; outputs identical with and without it; setting it
 * before init is refused. Usage: test_profiler MODEL.tflite...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ztflm/ztflm.h>

#if !ZTFLM_PROFILER
#error "build with -DZTFLM_PROFILER=1"
#endif

struct record {
	uint32_t calls;
	uint32_t next_node;
	int errors;
	struct ztflm_interpreter *ip;
};

static void on_op(void *user, uint32_t node, int32_t builtin, uint32_t cycles)
{
	struct record *r = user;
	int32_t want;
	const int32_t *in;
	const int32_t *out;
	int32_t nin;
	int32_t nout;

	(void)cycles;
	if (node != r->next_node || ztflm_node(r->ip, node, &want, &in, &nin, &out, &nout) ||
	    builtin != want) {
		fprintf(stderr, "node %u builtin %d: expected node %u\n", node, builtin,
			r->next_node);
		r->errors++;
	}
	r->next_node = node + 1;
	r->calls++;
}

static unsigned char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;

	if (f && !fseek(f, 0, SEEK_END)) {
		*len = (size_t)ftell(f);
		rewind(f);
		buf = aligned_alloc(16, (*len + 15) & ~(size_t)15);
		if (buf && fread(buf, 1, *len, f) != *len) {
			free(buf);
			buf = NULL;
		}
	}
	if (f) {
		fclose(f);
	}
	return buf;
}

/* Fill every input with a fixed pattern, invoke, and copy output 0. */
static int run(struct ztflm_interpreter *ip, unsigned char *out, uint32_t *out_bytes)
{
	struct ztflm_tensor t;

	for (uint32_t i = 0; i < ztflm_inputs_count(ip); i++) {
		if (ztflm_input(ip, i, &t)) {
			return -1;
		}
		for (uint32_t b = 0; b < t.bytes; b++) {
			((unsigned char *)t.data)[b] = (unsigned char)(b * 37u + i);
		}
	}
	if (ztflm_invoke(ip) || ztflm_output(ip, 0, &t)) {
		return -1;
	}
	*out_bytes = t.bytes < 4096 ? t.bytes : 4096;
	memcpy(out, t.data, *out_bytes);
	return 0;
}

static int check(const char *path)
{
	static unsigned char arena_buf[4 << 20] __attribute__((aligned(16)));
	static unsigned char plain[4096];
	static unsigned char timed[4096];
	struct ztflm_interpreter ip;
	struct ztflm_arena arena;
	struct record r = {0, 0, 0, &ip};
	uint32_t n_plain;
	uint32_t n_timed;
	size_t len;
	unsigned char *model = read_file(path, &len);

	if (!model) {
		fprintf(stderr, "%s: cannot read\n", path);
		return 1;
	}
	ztflm_arena_init(&arena, arena_buf, sizeof(arena_buf));
	memset(&ip, 0, sizeof(ip));
	if (ztflm_set_profiler(&ip, on_op, &r) != ZTFLM_ERR_STATE) {
		fprintf(stderr, "%s: profiler accepted before init\n", path);
		return 1;
	}
	if (ztflm_init(&ip, model, len, &ztflm_all_ops_resolver, &arena) ||
	    ztflm_allocate(&ip) || run(&ip, plain, &n_plain) ||
	    ztflm_set_profiler(&ip, on_op, &r) || run(&ip, timed, &n_timed)) {
		fprintf(stderr, "%s: %s\n", path, ztflm_last_error(&ip)->message);
		free(model);
		return 1;
	}
	const uint32_t nodes = ztflm_nodes_count(&ip);

	free(model);
	if (r.errors || r.calls != nodes || n_plain != n_timed || memcmp(plain, timed, n_plain)) {
		fprintf(stderr, "%s: %u callbacks for %u nodes, %d errors, outputs %s\n", path,
			r.calls, nodes, r.errors, memcmp(plain, timed, n_plain) ? "differ" : "equal");
		return 1;
	}
	printf("%s: %u operators profiled\n", path, r.calls);
	return 0;
}

int main(int argc, char **argv)
{
	int failures = 0;

	for (int i = 1; i < argc; i++) {
		failures += check(argv[i]);
	}
	return failures || argc < 2;
}
