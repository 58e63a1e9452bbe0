/*
 * ztflm micro_speech: keyword spotting from 16 kHz PCM. TFLM's audio preprocessor (its Signal
 * library front end) turns every 30 ms window of a clip into 40 features, 20 ms apart, and the
 * micro_speech model classifies the 49 rows of a 1 s clip, as TFLM's micro_speech example does.
 */
#include <stdint.h>
#include <string.h>

#include <zephyr/kernel.h>
#include <zephyr/sys/printk.h>

#include <ztflm/ztflm.h>

#include "pre.h"
#include "speech.h"
#include "wav.h"

#define SAMPLE_RATE 16000u
#define STRIDE_SAMPLES 320u /* 20 ms */

static const char *const labels[] = {"silence", "unknown", "yes", "no"};

static const uint8_t wav_yes[] __aligned(4) = {
#include "wav_yes.inc"
};
static const uint8_t wav_no[] __aligned(4) = {
#include "wav_no.inc"
};
static const uint8_t wav_silence[] __aligned(4) = {
#include "wav_silence.inc"
};
static const uint8_t wav_noise[] __aligned(4) = {
#include "wav_noise.inc"
};

static const struct {
	const char *name;
	const uint8_t *data;
	size_t size;
} clips[] = {
	{"yes_1000ms.wav", wav_yes, sizeof(wav_yes)},
	{"no_1000ms.wav", wav_no, sizeof(wav_no)},
	{"silence_1000ms.wav", wav_silence, sizeof(wav_silence)},
	{"noise_1000ms.wav", wav_noise, sizeof(wav_noise)},
};

static uint8_t pre_arena_buf[pre_ARENA_SIZE] __aligned(ZTFLM_ARENA_ALIGN);
static uint8_t speech_arena_buf[speech_ARENA_SIZE] __aligned(ZTFLM_ARENA_ALIGN);

static int fail(const char *what, const struct ztflm_interpreter *ip)
{
	const struct ztflm_error *e = ztflm_last_error(ip);

	/* The message is empty with CONFIG_ZTFLM_ERROR_STRINGS=n; the numbers are always set. */
	printk("micro_speech: FAILED: %s: error %d at node %d (builtin %d): %s\n", what, e->code,
	       (int)e->node, (int)e->op, e->message);
	return 1;
}

/* Sets up ip in arena_buf and checks its arena against the host's plan. */
static int setup(struct ztflm_interpreter *ip, struct ztflm_arena *arena, uint8_t *arena_buf,
		 uint32_t size, const uint8_t *model, uint32_t model_len,
		 const struct ztflm_op_resolver *resolver, const char *name)
{
	ztflm_arena_init(arena, arena_buf, size);
	if (ztflm_init(ip, model, model_len, resolver, arena) || ztflm_allocate(ip)) {
		return fail(name, ip);
	}
	const uint32_t used = ztflm_arena_used(arena) - arena->pad;

	printk("arena: %s %u bytes (host plan %u)\n", name, used, size);
	if (used != size) {
		printk("micro_speech: FAILED: the %s arena differs from the host plan\n", name);
		return 1;
	}
	return 0;
}

/*
 * One clip: the preprocessor over every whole window, from its reset state and with no reset
 * between windows (its noise estimate carries over), each window's features a row of the
 * classifier's input (rows left over stay zero), then the classifier.
 */
static int recognize(struct ztflm_interpreter *pre, struct ztflm_interpreter *speech,
		     const uint8_t *pcm, size_t samples, uint32_t *windows)
{
	struct ztflm_tensor pre_in;
	struct ztflm_tensor pre_out;
	struct ztflm_tensor features;

	if (ztflm_reset(pre) || ztflm_input(pre, 0, &pre_in) || ztflm_output(pre, 0, &pre_out) ||
	    ztflm_input(speech, 0, &features)) {
		return fail("tensors", pre);
	}
	const size_t window = pre_in.bytes / sizeof(int16_t);
	const size_t rows = features.bytes / pre_out.bytes;

	memset(features.data, 0, features.bytes);
	*windows = 0;
	for (size_t at = 0; samples >= window && at <= samples - window && *windows < rows;
	     at += STRIDE_SAMPLES) {
		/* Little-endian int16 samples, as the targets store them. */
		memcpy(pre_in.data, pcm + 2u * at, pre_in.bytes);
		if (ztflm_invoke(pre)) {
			return fail("preprocessor", pre);
		}
		memcpy((uint8_t *)features.data + *windows * pre_out.bytes, pre_out.data,
		       pre_out.bytes);
		(*windows)++;
	}
	if (ztflm_invoke(speech)) {
		return fail("micro_speech", speech);
	}
	return 0;
}

int main(void)
{
	static struct ztflm_interpreter pre;
	static struct ztflm_interpreter speech;
	struct ztflm_arena pre_arena;
	struct ztflm_arena speech_arena;
	struct ztflm_tensor scores;
	uint32_t cycles = 0;

	printk("ztflm micro_speech: kernels %s\n", CONFIG_ZTFLM_KERNEL_OVERLAY);
	if (setup(&pre, &pre_arena, pre_arena_buf, sizeof(pre_arena_buf), pre_model,
		  pre_model_len, &pre_resolver, "preprocessor") ||
	    setup(&speech, &speech_arena, speech_arena_buf, sizeof(speech_arena_buf),
		  speech_model, speech_model_len, &speech_resolver, "micro_speech")) {
		return 1;
	}
	if (ztflm_output(&speech, 0, &scores) || scores.elements != ARRAY_SIZE(labels)) {
		printk("micro_speech: FAILED: the classifier does not give %u scores\n",
		       (unsigned int)ARRAY_SIZE(labels));
		return 1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(clips); i++) {
		const uint8_t *pcm;
		size_t samples;
		uint32_t windows = 0;
		const int status = wav_pcm16(clips[i].data, clips[i].size, SAMPLE_RATE, &pcm,
					     &samples);

		if (status != WAV_OK) {
			printk("micro_speech: FAILED: %s is not 16 kHz 16-bit mono PCM (%d)\n",
			       clips[i].name, status);
			return 1;
		}
		const uint32_t start = k_cycle_get_32();

		if (recognize(&pre, &speech, pcm, samples, &windows)) {
			return 1;
		}
		cycles += k_cycle_get_32() - start;

		const int8_t *s = scores.data;
		size_t best = 0;

		printk("%s: %u windows, scores", clips[i].name, windows);
		for (size_t k = 0; k < scores.elements; k++) {
			printk(" %d", s[k]);
			best = s[k] > s[best] ? k : best;
		}
		printk(" -> %s\n", labels[best]);
	}
	printk("cycles per clip: %u\n", cycles / (uint32_t)ARRAY_SIZE(clips));
	printk("micro_speech: done\n");
	return 0;
}
