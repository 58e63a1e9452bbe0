/* The interpreter's life: init (verify, locate, resolve), invoke and reset; allocate.c plans. */
#include <string.h>

#include <ztflm/op.h>
#include <ztflm/port.h>

#include "internal.h"

ZTFLM_COLD
int ztflm_init(struct ztflm_interpreter *ip, const void *model, size_t model_size,
	       const struct ztflm_op_resolver *resolver, struct ztflm_arena *arena)
{
	int rc;

	if (!ip) {
		return ZTFLM_ERR_INVALID_ARG;
	}
	memset(ip, 0, sizeof(*ip));
	ip->error.node = -1;
	ip->error.op = -1;
	if (!model || !resolver || !arena || !arena->base) {
		return ztflm_error_set(ip, ZTFLM_ERR_INVALID_ARG, -1,
				       "model, resolver and arena are required");
	}
	if ((uintptr_t)model % 4u) {
		return ztflm_error_set(ip, ZTFLM_ERR_INVALID_ARG, -1,
				       "model must be 4-byte aligned in memory");
	}
	if (model_size > ZTFLM_MAX_SIZE) {
		return ztflm_error_set(ip, ZTFLM_ERR_UNSUPPORTED, -1, "model of %u bytes is too large",
				       (uint32_t)(model_size > 0xFFFFFFFFu ? 0xFFFFFFFFu : model_size));
	}
	ip->model = model;
	ip->model_size = (uint32_t)model_size;
	ip->resolver = resolver;
	ip->arena = arena;
	ip->tail_mark = arena->tail_used;
	/* A trusted model (ZTFLM_VERIFY_MODEL 0: built into the firmware, checked on the host by
	 * `ztflm info` or `ztflm convert`) is only located; the graph checks of allocate still run.
	 */
	rc = ztflm_locate(ip);
#if ZTFLM_VERIFY_MODEL
	if (!rc) {
		rc = ztflm_verify(ip);
	}
#endif
	if (!rc) {
		rc = ztflm_resolve_model(ip);
	}
	if (rc) {
		return ztflm_undo(ip, rc);
	}
	ip->state = ZTFLM_STATE_INITIALIZED;
	return ZTFLM_OK;
}

int ztflm_run_nodes(struct ztflm_interpreter *ip)
{
	for (uint32_t node = 0; node < ip->op_count; node++) {
		const uint32_t info = ip->node_op_data[node];

		if (info >= ZTFLM_NODE_SKIP) {
			continue;
		}
		struct ztflm_context ctx;

		ztflm_node_context(ip, node, &ctx);
		ctx.variant = (uint8_t)(info & ZTFLM_NODE_VARIANT);
		if (info > ZTFLM_NODE_FLAGS) {
			ctx.op_data = ztflm_node_params(ip, info);
		}
#if ZTFLM_PROFILER
		const uint32_t start = ip->profile ? ztflm_port_cycles() : 0u;
#endif
		const int rc = ctx.desc->eval(&ctx);

#if ZTFLM_PROFILER
		if (ip->profile) {
			ip->profile(ip->profile_user, node, ctx.op, ztflm_port_cycles() - start);
		}
#endif
		if (rc) {
			/* ZTFLM_STOPPED ends the invoke without an error. */
			if (rc < 0 && ip->error.code == ZTFLM_OK) {
				ztflm_error_set(ip, rc, (int32_t)node, "eval failed");
			}
			return rc;
		}
	}
	return ZTFLM_OK;
}

int ztflm_invoke(struct ztflm_interpreter *ip)
{
	if (!ip || ip->state != ZTFLM_STATE_ALLOCATED) {
		return ip ? ztflm_error_set(ip, ZTFLM_ERR_STATE, -1, "invoke before allocate")
			  : ZTFLM_ERR_INVALID_ARG;
	}
	ztflm_subgraph_enter(ip, 0); /* a tool may have viewed another (ztflm_view_subgraph) */
	return ztflm_run_nodes(ip);
}

#if ZTFLM_PROFILER
int ztflm_set_profiler(struct ztflm_interpreter *ip, ztflm_profile_fn fn, void *user)
{
	if (!ip || ip->state < ZTFLM_STATE_INITIALIZED || ip->state == ZTFLM_STATE_FAILED) {
		return ip ? ztflm_error_set(ip, ZTFLM_ERR_STATE, -1, "profiler set before init")
			  : ZTFLM_ERR_INVALID_ARG;
	}
	ip->profile = fn;
	ip->profile_user = user;
	return ZTFLM_OK;
}
#endif

int ztflm_reset(struct ztflm_interpreter *ip)
{
	struct ztflm_tensor t;

	if (!ip || ip->state != ZTFLM_STATE_ALLOCATED) {
		return ip ? ztflm_error_set(ip, ZTFLM_ERR_STATE, -1, "reset before allocate")
			  : ZTFLM_ERR_INVALID_ARG;
	}
	/* A stateful operator resets its op data before its next eval (ztflm_op_eval_stateful). */
	ip->resets++;
	for (uint32_t sg = 0; sg < ZTFLM_SUBGRAPH_COUNT(ip); sg++) {
		ztflm_subgraph_enter(ip, sg);
		for (uint32_t i = 0; i < ip->tensor_count; i++) {
			ztflm_tensor_view(ip, i, &t);
			/* TFLM's ResetVariableTensor: int8 to the zero point, everything else 0. */
			if (t.is_variable && t.data) {
				memset(t.data, t.type == ZTFLM_INT8 ? t.zero_point : 0, t.bytes);
			}
		}
	}
	ztflm_subgraph_enter(ip, 0);
#if ZTFLM_SUBGRAPHS > 1
	/* TFLM's ResetAll; CALL_ONCE does not run its initialization again (TFLM's). */
	ztflm_resources_reset(ip);
#endif
	return ZTFLM_OK;
}

