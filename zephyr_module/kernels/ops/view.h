/*
 * The view family (SQUEEZE, EXPAND_DIMS): output 0 holds input 0's bytes under another shape.
 * Parse checks the shape and asks the planner to give both one buffer (ztflm_alias_output);
 * where it may not (graph inputs and outputs, variables), the variant copies.
 */
#ifndef ZTFLM_KERNELS_OPS_VIEW_H_
#define ZTFLM_KERNELS_OPS_VIEW_H_

#include <ztflm/op.h>

/** Every type: the bytes, copied only when the output got its own buffer. */
extern const struct ztflm_variant ztflm_view_ref;

#endif /* ZTFLM_KERNELS_OPS_VIEW_H_ */
