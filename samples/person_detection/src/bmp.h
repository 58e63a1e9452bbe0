/* The pixels of an 8-bit grayscale Windows bitmap, top row first. */
#ifndef BMP_H_
#define BMP_H_

#include <stddef.h>
#include <stdint.h>

/**
 * Copy the width x height pixels of an uncompressed 8-bit BMP into out (rows top-down), each
 * pixel's byte as is, as TFLM's person_detection example feeds its images. Returns 0, or -1
 * when the file is not such a bitmap of exactly that size.
 */
int bmp_gray8_pixels(const uint8_t *bmp, size_t size, int32_t width, int32_t height,
		     uint8_t *out);

#endif /* BMP_H_ */
