/* Reads the pixel rows of an uncompressed 8-bit BMP (BITMAPINFOHEADER), bottom-up or top-down. */
#include <string.h>

#include "bmp.h"

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

int bmp_gray8_pixels(const uint8_t *bmp, size_t size, int32_t width, int32_t height,
		     uint8_t *out)
{
	if (size < 54 || bmp[0] != 'B' || bmp[1] != 'M' || le16(bmp + 28) != 8 ||
	    le32(bmp + 30) != 0) {
		return -1;
	}
	const uint32_t offset = le32(bmp + 10);
	const int32_t w = (int32_t)le32(bmp + 18);
	const int32_t h = (int32_t)le32(bmp + 22);
	const uint32_t stride = ((uint32_t)width + 3u) & ~3u;

	if (w != width || (h != height && h != -height) ||
	    offset > size || size - offset < stride * (uint32_t)height) {
		return -1;
	}
	for (int32_t row = 0; row < height; row++) {
		/* A positive height stores the bottom row first. */
		const int32_t src = h > 0 ? height - 1 - row : row;

		memcpy(out + (size_t)row * (size_t)width, bmp + offset + (size_t)src * stride,
		       (size_t)width);
	}
	return 0;
}
