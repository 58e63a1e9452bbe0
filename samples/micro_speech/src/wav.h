/* The 16-bit mono PCM samples of a WAV file held in memory. */
#ifndef ZTFLM_SAMPLE_WAV_H_
#define ZTFLM_SAMPLE_WAV_H_

#include <stddef.h>
#include <stdint.h>

/* Why a WAV file was refused. */
enum wav_status {
	WAV_OK = 0,
	WAV_NOT_RIFF = 1,   /* no RIFF/WAVE header */
	WAV_TRUNCATED = 2,  /* a chunk runs past the end */
	WAV_NOT_PCM16 = 3,  /* not 16-bit PCM mono at the rate asked for */
	WAV_NO_DATA = 4,    /* no fmt chunk before the data chunk, or no data chunk */
};

/**
 * The samples of the len bytes at wav: *pcm points to the data chunk's first byte (little
 * endian int16 samples, not necessarily aligned) and *count is their number. Every chunk
 * size is checked against len without sums that can wrap.
 */
int wav_pcm16(const uint8_t *wav, size_t len, uint32_t rate, const uint8_t **pcm,
	      size_t *count);

#endif /* ZTFLM_SAMPLE_WAV_H_ */
