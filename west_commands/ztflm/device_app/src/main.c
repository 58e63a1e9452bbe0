/*
 * Shell I/O test app: one model, embedded at build time by `ztflm convert`, behind the
 * `ztflm` shell command, so a host can load inputs, invoke and read outputs over a console.
 * Every reply ends with one line "ztflm: ok ..." or "ztflm: error CODE MESSAGE".
 */
#include <string.h>

#include <zephyr/kernel.h>
#include <zephyr/shell/shell.h>

#include <ztflm/ztflm.h>

#include "dut.h"

#define HEX_LINE_BYTES 64u

/* Exactly the arena `ztflm convert` computed for this build's kernel overlay: a model that
 * needs one byte more fails at setup and says so. */
static uint8_t arena_buf[dut_ARENA_SIZE] __aligned(ZTFLM_ARENA_ALIGN);
static struct ztflm_arena arena;
static struct ztflm_interpreter ip;
static int setup_status = ZTFLM_ERR_STATE;

#if CONFIG_ZTFLM_PROFILER
/* Cycles of every operator in the last invoke, for `ztflm profile`. */
#define PROFILE_NODES 256u
static uint32_t op_cycles[PROFILE_NODES];
static int32_t op_builtin[PROFILE_NODES];

static void on_op(void *user, uint32_t node, int32_t builtin, uint32_t cycles)
{
	ARG_UNUSED(user);
	if (node < PROFILE_NODES) {
		op_cycles[node] = cycles;
		op_builtin[node] = builtin;
	}
}
#endif

static int reply_error(const struct shell *sh, int code, const char *message)
{
	shell_print(sh, "ztflm: error %d %s", code, message);
	return -EINVAL;
}

static int reply_last_error(const struct shell *sh)
{
	const struct ztflm_error *e = ztflm_last_error(&ip);

	return reply_error(sh, e->code, e->message);
}

static int ready(const struct shell *sh)
{
	return setup_status == ZTFLM_OK ? 0 : reply_last_error(sh);
}

/* Decimal only; no strtoul, whose errno is thread-local storage in picolibc. */
static int parse_u32(const char *text, uint32_t *value)
{
	uint64_t v = 0;

	if (*text == '\0') {
		return -EINVAL;
	}
	for (; *text != '\0'; text++) {
		if (*text < '0' || *text > '9') {
			return -EINVAL;
		}
		v = v * 10u + (uint64_t)(*text - '0');
		if (v > UINT32_MAX) {
			return -EINVAL;
		}
	}
	*value = (uint32_t)v;
	return 0;
}

static int hex_nibble(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

static int cmd_info(const struct shell *sh, size_t argc, char **argv)
{
	struct ztflm_tensor t;

	ARG_UNUSED(argc);
	ARG_UNUSED(argv);
	if (ready(sh)) {
		return -EINVAL;
	}
	shell_print(sh, "model %s bytes %u", DUT_MODEL_NAME, (unsigned int)dut_model_len);
	shell_print(sh, "arena used %u head %u tail %u buffer %u host %u",
		    (unsigned int)ztflm_arena_used(&arena), (unsigned int)ztflm_head_bytes(&ip),
		    (unsigned int)ztflm_tail_bytes(&ip), (unsigned int)sizeof(arena_buf),
		    (unsigned int)dut_ARENA_SIZE);
	shell_print(sh, "kernels %s host %s", CONFIG_ZTFLM_KERNEL_OVERLAY, dut_ARENA_KERNELS);
	shell_print(sh, "clock %u", (unsigned int)sys_clock_hw_cycles_per_sec());
	for (uint32_t i = 0; i < ztflm_inputs_count(&ip); i++) {
		ztflm_input(&ip, i, &t);
		shell_print(sh, "input %u type %u bytes %u", (unsigned int)i, t.type,
			    (unsigned int)t.bytes);
	}
	for (uint32_t i = 0; i < ztflm_outputs_count(&ip); i++) {
		ztflm_output(&ip, i, &t);
		shell_print(sh, "output %u type %u bytes %u", (unsigned int)i, t.type,
			    (unsigned int)t.bytes);
	}
	shell_print(sh, "ztflm: ok");
	return 0;
}

/* ztflm input INDEX OFFSET HEX: bytes into input tensor INDEX from OFFSET. */
static int cmd_input(const struct shell *sh, size_t argc, char **argv)
{
	struct ztflm_tensor t;
	uint32_t index;
	uint32_t offset;
	const char *hex = argv[3];
	const size_t digits = strlen(hex);

	ARG_UNUSED(argc);
	if (ready(sh)) {
		return -EINVAL;
	}
	if (parse_u32(argv[1], &index) || parse_u32(argv[2], &offset)) {
		return reply_error(sh, ZTFLM_ERR_INVALID_ARG, "index and offset are numbers");
	}
	if (ztflm_input(&ip, index, &t)) {
		return reply_last_error(sh);
	}
	if (digits % 2u || offset > t.bytes || digits / 2u > t.bytes - offset) {
		return reply_error(sh, ZTFLM_ERR_INVALID_ARG, "bytes beyond the input tensor");
	}
	uint8_t *dst = (uint8_t *)t.data + offset;

	for (size_t k = 0; k < digits; k += 2) {
		const int hi = hex_nibble(hex[k]);
		const int lo = hex_nibble(hex[k + 1]);

		if (hi < 0 || lo < 0) {
			return reply_error(sh, ZTFLM_ERR_INVALID_ARG, "not a hex digit");
		}
		dst[k / 2u] = (uint8_t)(hi << 4 | lo);
	}
	shell_print(sh, "ztflm: ok %u", (unsigned int)(digits / 2u));
	return 0;
}

static int cmd_invoke(const struct shell *sh, size_t argc, char **argv)
{
	ARG_UNUSED(argc);
	ARG_UNUSED(argv);
	if (ready(sh)) {
		return -EINVAL;
	}
	const uint32_t start = k_cycle_get_32();
	const int rc = ztflm_invoke(&ip);
	const uint32_t cycles = k_cycle_get_32() - start;

	/* ZTFLM_STOPPED: an operator ended the invoke early (CIRCULAR_BUFFER between strides),
	 * not an error; the host's runner stops at the same invoke. */
	if (rc < 0) {
		return reply_last_error(sh);
	}
	shell_print(sh, "ztflm: ok cycles %u%s", (unsigned int)cycles,
		    rc == ZTFLM_STOPPED ? " stopped" : "");
	return 0;
}

/* ztflm output INDEX: the output tensor as lines "data OFFSET HEX". */
static int cmd_output(const struct shell *sh, size_t argc, char **argv)
{
	static const char digits[] = "0123456789abcdef";
	char line[2u * HEX_LINE_BYTES + 1u];
	struct ztflm_tensor t;
	uint32_t index;

	ARG_UNUSED(argc);
	if (ready(sh)) {
		return -EINVAL;
	}
	if (parse_u32(argv[1], &index)) {
		return reply_error(sh, ZTFLM_ERR_INVALID_ARG, "index is a number");
	}
	if (ztflm_output(&ip, index, &t)) {
		return reply_last_error(sh);
	}
	const uint8_t *src = t.data;

	for (uint32_t off = 0; off < t.bytes; off += HEX_LINE_BYTES) {
		const uint32_t n = MIN(HEX_LINE_BYTES, t.bytes - off);

		for (uint32_t k = 0; k < n; k++) {
			line[2u * k] = digits[src[off + k] >> 4];
			line[2u * k + 1u] = digits[src[off + k] & 15u];
		}
		line[2u * n] = '\0';
		shell_print(sh, "data %u %s", (unsigned int)off, line);
	}
	shell_print(sh, "ztflm: ok %u", (unsigned int)t.bytes);
	return 0;
}

/* ztflm profile: lines "op NODE NAME CYCLES" for the last invoke (CONFIG_ZTFLM_PROFILER). */
static int cmd_profile(const struct shell *sh, size_t argc, char **argv)
{
	ARG_UNUSED(argc);
	ARG_UNUSED(argv);
	if (ready(sh)) {
		return -EINVAL;
	}
#if CONFIG_ZTFLM_PROFILER
	const uint32_t nodes = MIN(ztflm_nodes_count(&ip), PROFILE_NODES);

	for (uint32_t n = 0; n < nodes; n++) {
		shell_print(sh, "op %u %s %u", (unsigned int)n, ztflm_builtin_name(op_builtin[n]),
			    (unsigned int)op_cycles[n]);
	}
	shell_print(sh, "ztflm: ok %u", (unsigned int)nodes);
	return 0;
#else
	return reply_error(sh, ZTFLM_ERR_INVALID_ARG, "built without CONFIG_ZTFLM_PROFILER");
#endif
}

static int cmd_reset(const struct shell *sh, size_t argc, char **argv)
{
	ARG_UNUSED(argc);
	ARG_UNUSED(argv);
	if (ready(sh)) {
		return -EINVAL;
	}
	if (ztflm_reset(&ip)) {
		return reply_last_error(sh);
	}
	shell_print(sh, "ztflm: ok");
	return 0;
}

SHELL_STATIC_SUBCMD_SET_CREATE(ztflm_cmds,
	SHELL_CMD_ARG(info, NULL, "model, arena, inputs and outputs", cmd_info, 1, 0),
	SHELL_CMD_ARG(input, NULL, "INDEX OFFSET HEX: load input bytes", cmd_input, 4, 0),
	SHELL_CMD_ARG(invoke, NULL, "run the model once, print cycles", cmd_invoke, 1, 0),
	SHELL_CMD_ARG(output, NULL, "INDEX: print an output as hex", cmd_output, 2, 0),
	SHELL_CMD_ARG(profile, NULL, "cycles of every operator in the last invoke", cmd_profile,
		      1, 0),
	SHELL_CMD_ARG(reset, NULL, "zero the variable tensors", cmd_reset, 1, 0),
	SHELL_SUBCMD_SET_END);

SHELL_CMD_REGISTER(ztflm, &ztflm_cmds, "the embedded ztflm model", NULL);

int main(void)
{
	ztflm_arena_init(&arena, arena_buf, sizeof(arena_buf));
	setup_status = ztflm_init(&ip, dut_model, dut_model_len, &dut_resolver, &arena);
#if CONFIG_ZTFLM_PROFILER
	if (setup_status == ZTFLM_OK) {
		setup_status = ztflm_set_profiler(&ip, on_op, NULL);
	}
#endif
	if (setup_status == ZTFLM_OK) {
		setup_status = ztflm_allocate(&ip);
	}
	if (setup_status) {
		printk("ztflm: error %d %s\n", setup_status, ztflm_last_error(&ip)->message);
	} else {
		printk("ztflm: ready %s arena %u\n", DUT_MODEL_NAME,
		       (unsigned int)ztflm_arena_used(&arena));
	}
	return 0;
}
