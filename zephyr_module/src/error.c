/* Error recording: a small formatter (no printf in the library) and the interpreter's last error. */
#include <ztflm/port.h>
#include <ztflm/resolver.h>

#include "internal.h"

#if ZTFLM_ERROR_STRINGS
struct out {
	char *buf;
	uint32_t cap;
	uint32_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1u < o->cap) {
		o->buf[o->len++] = c;
	}
}

/*
 * Strings can come from the model (a custom op's name, a tensor's): any byte outside
 * printable ASCII is written \xNN and a backslash \\, so a message stays one line of plain
 * text a terminal shows as it is. A counted string (%.*s) also shows its NUL bytes.
 */
static void put_str(struct out *o, const char *s, uint32_t len, bool counted)
{
	static const char hex[] = "0123456789abcdef";

	for (uint32_t i = 0; s && i < len && (counted || s[i] != '\0') && o->len + 1u < o->cap;
	     i++) {
		const uint8_t c = (uint8_t)s[i];

		if (c >= 0x20u && c < 0x7fu && c != '\\') {
			put(o, (char)c);
			continue;
		}
		put(o, '\\');
		if (c == '\\') {
			put(o, '\\');
			continue;
		}
		put(o, 'x');
		put(o, hex[c >> 4]);
		put(o, hex[c & 15u]);
	}
}

static void put_uint(struct out *o, uint32_t v)
{
	char digits[10];
	int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10u);
		v /= 10u;
	} while (v);
	while (n) {
		put(o, digits[--n]);
	}
}

void ztflm_format(char *buf, uint32_t cap, const char *fmt, va_list ap)
{
	struct out o = {buf, cap, 0};

	if (cap == 0) {
		return;
	}
	for (; fmt && *fmt; fmt++) {
		if (*fmt != '%' || fmt[1] == '\0') {
			put(&o, *fmt);
			continue;
		}
		switch (*++fmt) {
		case 'd': {
			const int v = va_arg(ap, int);

			if (v < 0) {
				put(&o, '-');
				put_uint(&o, 0u - (uint32_t)v);
			} else {
				put_uint(&o, (uint32_t)v);
			}
			break;
		}
		case 'u':
			put_uint(&o, va_arg(ap, unsigned int));
			break;
		case 's':
			put_str(&o, va_arg(ap, const char *), UINT32_MAX, false);
			break;
		case '.':
			/* %.*s: a string of the given length, NUL bytes included. */
			if (fmt[1] == '*' && fmt[2] == 's') {
				const int len = va_arg(ap, int);
				const char *str = va_arg(ap, const char *);

				put_str(&o, str, len > 0 ? (uint32_t)len : 0u, true);
				fmt += 2;
				break;
			}
			put(&o, *fmt);
			break;
		default:
			put(&o, *fmt);
			break;
		}
	}
	buf[o.len] = '\0';
}

static void format_into(char *buf, uint32_t cap, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ztflm_format(buf, cap, fmt, ap);
	va_end(ap);
}

#endif

/* Records the code, the node and the node's builtin op (-1 when there is no node). */
static struct ztflm_error *record(struct ztflm_interpreter *ip, int code, int32_t node)
{
	struct ztflm_error *e = &ip->error;

	e->code = code;
	e->node = node;
	e->op = -1;
	e->needed = 0;
	if (node >= 0 && ip->operators && (uint32_t)node < ip->op_count) {
		const uint32_t op_table = ztflm_operator_table(ip, (uint32_t)node);

		/* Verified: builtin codes are never negative. */
		e->op = ztflm_opcode_builtin(ip, ztflm_operator_opcode(ip, op_table));
	}
	return e;
}

#if ZTFLM_ERROR_STRINGS
/* The name a custom operator's node was resolved under, NULL before it is resolved. */
static const char *custom_name(const struct ztflm_interpreter *ip, int32_t node)
{
	if (!ip->opcode_kernel) {
		return NULL;
	}
	const uint32_t opcode = ztflm_operator_opcode(ip, ztflm_operator_table(ip, (uint32_t)node));
	/* One more than the resolver entry, 0 while unresolved (resolver.c). */
	const uint16_t k = ip->opcode_kernel[opcode];

	return k != 0u && k <= ip->resolver->count ? ip->resolver->ops[k - 1u].custom_name : NULL;
}

int ztflm_error_setv(struct ztflm_interpreter *ip, int code, int32_t node, const char *fmt,
		     va_list ap)
{
	struct ztflm_error *e = record(ip, code, node);
	const char *custom = e->op == ZTFLM_OP_CUSTOM ? custom_name(ip, node) : NULL;
	uint32_t used = 0;

	const char *where = "";

#if ZTFLM_SUBGRAPHS > 1
	/* A node of another subgraph than the first is named with it (node numbers restart). */
	char sg[24];

	if (ip->current) {
		format_into(sg, sizeof(sg), " of subgraph %u", (unsigned)ip->current);
		where = sg;
	}
#endif
	e->message[0] = '\0';
	if (custom) {
		format_into(e->message, sizeof(e->message), "%s (custom) at node %d%s: ", custom,
			    (int)node, where);
	} else if (e->op >= 0) {
		format_into(e->message, sizeof(e->message), "%s (builtin %d) at node %d%s: ",
			    ztflm_builtin_name(e->op), (int)e->op, (int)node, where);
	}
	while (e->message[used]) {
		used++;
	}
	ztflm_format(e->message + used, (uint32_t)sizeof(e->message) - used, fmt, ap);
	ztflm_port_log_error(e);
	return code;
}

int(ztflm_error_set)(struct ztflm_interpreter *ip, int code, int32_t node, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	code = ztflm_error_setv(ip, code, node, fmt, ap);
	va_end(ap);
	return code;
}

int ztflm_error_code(struct ztflm_interpreter *ip, int code, int32_t node)
{
	return (ztflm_error_set)(ip, code, node, "error %d", code);
}

int ztflm_error_model(struct ztflm_interpreter *ip, int code, const char *fmt, ...)
{
	va_list ap;
	char msg[ZTFLM_ERROR_MESSAGE_LEN - 8];

	va_start(ap, fmt);
	ztflm_format(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return ztflm_error_set(ip, code, -1, "model: %s", msg);
}
#else
int ztflm_error_code(struct ztflm_interpreter *ip, int code, int32_t node)
{
	/* No text (the message stays empty): the record says what and where, and the port
	 * formats it if it logs.
	 */
	ztflm_port_log_error(record(ip, code, node));
	return code;
}

int ztflm_error_setv(struct ztflm_interpreter *ip, int code, int32_t node, const char *fmt,
		     va_list ap)
{
	(void)fmt;
	(void)ap;
	return ztflm_error_code(ip, code, node);
}

int(ztflm_error_set)(struct ztflm_interpreter *ip, int code, int32_t node, const char *fmt, ...)
{
	(void)fmt;
	return ztflm_error_code(ip, code, node);
}
#endif

const struct ztflm_error *ztflm_last_error(const struct ztflm_interpreter *ip)
{
	return &ip->error;
}

int ztflm_error_arena(struct ztflm_interpreter *ip, uint32_t bytes, bool exact)
{
	const uint32_t needed = ip->arena->pad + bytes;

	ZTFLM_MSG_ONLY(exact);
	ztflm_error_set(ip, ZTFLM_ERR_ARENA, -1,
			exact ? "arena too small: needs %u bytes, has %u"
			      : "arena too small: needs at least %u bytes, has %u",
			needed, ip->arena->pad + ip->arena->size);
	ip->error.needed = needed;
	return ZTFLM_ERR_ARENA;
}
