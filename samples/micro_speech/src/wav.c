/* Finds the PCM samples of a WAV file (wav.h). */
#include <stdbool.h>
#include <string.h>

#include "wav.h"

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

int wav_pcm16(const uint8_t *wav, size_t len, uint32_t rate, const uint8_t **pcm, size_t *count)
{
	bool fmt_ok = false;
	size_t at = 12;

	if (len < 12 || memcmp(wav, "RIFF", 4) != 0 || memcmp(wav + 8, "WAVE", 4) != 0) {
		return WAV_NOT_RIFF;
	}
	/* Chunks: a 4-byte id, a 4-byte size, the data, a pad byte after an odd size. */
	while (len - at >= 8) {
		const uint8_t *id = wav + at;
		const uint32_t size = le32(wav + at + 4);

		at += 8;
		if (size > len - at) {
			return WAV_TRUNCATED;
		}
		if (memcmp(id, "fmt ", 4) == 0) {
			/* PCM (1), one channel, the rate, 16 bits per sample. */
			if (size < 16 || le16(wav + at) != 1 || le16(wav + at + 2) != 1 ||
			    le32(wav + at + 4) != rate || le16(wav + at + 14) != 16) {
				return WAV_NOT_PCM16;
			}
			fmt_ok = true;
		} else if (memcmp(id, "data", 4) == 0) {
			if (!fmt_ok) {
				return WAV_NO_DATA;
			}
			*pcm = wav + at;
			*count = size / 2u;
			return WAV_OK;
		}
		at += size;
		if (size % 2u && at < len) {
			at++;
		}
	}
	return WAV_NO_DATA;
}
