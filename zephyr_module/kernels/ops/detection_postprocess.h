/*
 * TFLite_Detection_PostProcess: the SSD head of TFLite object-detection models (box decoding
 * against anchors, then non-max suppression, fast or per class), as TFLM's
 * detection_postprocess.cc computes it, float32 only as TFLM runs it.
 */
#ifndef ZTFLM_KERNELS_OPS_DETECTION_POSTPROCESS_H_
#define ZTFLM_KERNELS_OPS_DETECTION_POSTPROCESS_H_

#include <stdbool.h>
#include <stdint.h>

#include <ztflm/op.h>

struct ztflm_detection_postprocess_params {
	uint32_t boxes;                /**< anchors: box encodings' dimension 1 */
	uint32_t box_stride;           /**< floats per box encoding (dimension 2, >= 4) */
	uint32_t classes;              /**< num_classes, >= 1 */
	uint32_t label_offset;         /**< 1 when the scores hold a background class first */
	uint32_t max_detections;
	uint32_t categories;           /**< fast NMS: min(max_classes_per_detection, classes) */
	uint32_t detections_per_class; /**< regular NMS */
	uint32_t entries;              /**< detections the outputs hold (zeroed first) */
	float score_threshold;
	float iou_threshold;
	float scale[4];                /**< y, x, h, w */
	bool regular;
};

/** Scratch of a node: its layout, in this order, each part a multiple of 4 bytes. */
uint32_t ztflm_detection_postprocess_scratch(const void *params);

extern const struct ztflm_variant ztflm_detection_postprocess_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_DETECTION_POSTPROCESS_H_ */
