/*
 * The FlexBuffer reader (kernels/common/flexbuffer.c) on real custom options: it reads what
 * the writers wrote, refuses each kind of damage with its own status, and reads every
 * damaged copy (each byte set to each of its 256 values, each truncation from either end)
 * without going outside the buffer: the copies are exactly sized heap blocks, so
 * AddressSanitizer stops any read past them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/flexbuffer.h"

static int checks;
static int failures;

#define EXPECT(cond, ...)                                                                          \
	do {                                                                                       \
		checks++;                                                                          \
		if (!(cond)) {                                                                     \
			failures++;                                                                \
			printf("FAIL line %d: ", __LINE__);                                        \
			printf(__VA_ARGS__);                                                       \
			printf("\n");                                                              \
		}                                                                                  \
	} while (0)

/* Options of tflm_audio_preprocessor_int8.tflite (SignalWindow, SignalRfft, spectral
 * subtraction), and two written with flatbuffers' Python flexbuffers.Builder: the
 * detection post-process's (doubles among them) and one of indirect values. */
static const char *const BUFFERS[] = {
	"73686966740001070101010c04022401",
	"54006666745f6c656e67746800020e0d020001000200070000020505062501",
	"616c7465726e6174655f6f6e655f6d696e75735f736d6f6f7468696e6700616c7465726e6174655f736d"
	"6f6f7468696e6700636c616d70696e67006d696e5f7369676e616c5f72656d61696e696e67006e756d5f"
	"6368616e6e656c73006f6e655f6d696e75735f736d6f6f7468696e6700736d6f6f7468696e6700736d6f"
	"6f7468696e675f6269747300737065637472616c5f7375627472616374696f6e5f626974730009a58875"
	"6d594d3a3123090001000900293cd703000033032800673e99010a000e000505690505050505051b2501",
	"6d61785f646574656374696f6e73006d61785f636c61737365735f7065725f646574656374696f6e0064"
	"6574656374696f6e735f7065725f636c617373007573655f726567756c61725f6e6d73006e6d735f7363"
	"6f72655f7468726573686f6c64006e6d735f696f755f7468726573686f6c64006e756d5f636c61737365"
	"7300795f7363616c6500785f7363616c6500685f7363616c6500775f7363616c65000b781294a4435833"
	"6a11222b000000000f0000000000000001000000000000000b0000000000000064000000000000000000"
	"00000000144001000000000000000a00000000000000333333333333e33f333333333333d33f5a000000"
	"000000000000000000000000000000000000144000000000000024400000000000002440070f07070f0f"
	"076b0f0f0f632701",
	"6100fb620063000000002040030d0b0a03000100030014002c011200180922092501",
};
#define N_BUFFERS (sizeof(BUFFERS) / sizeof(BUFFERS[0]))

static uint8_t *from_hex(const char *hex, uint32_t *len)
{
	*len = (uint32_t)strlen(hex) / 2u;
	uint8_t *b = malloc(*len ? *len : 1u);

	for (uint32_t i = 0; i < *len; i++) {
		unsigned int v;

		sscanf(hex + 2u * i, "%2x", &v);
		b[i] = (uint8_t)v;
	}
	return b;
}

/* Everything a kernel could read of a buffer; returns the first failure's status. */
static int read_all(const uint8_t *buf, uint32_t len)
{
	struct ztflm_flex root;
	struct ztflm_flex_map map;
	uint32_t where = 0;
	int rc = ztflm_flex_root(buf, len, &root, &where);

	if (rc == ZTFLM_FLEX_OK) {
		rc = ztflm_flex_map(&root, &map, &where);
	}
	if (rc != ZTFLM_FLEX_OK) {
		EXPECT(where < len || len == 0, "fault position %u outside %u bytes", where, len);
		return rc;
	}
	for (uint32_t i = 0; i < map.size; i++) {
		struct ztflm_flex v;
		struct ztflm_flex found;
		const char *key;
		int64_t n;
		double d;
		bool b;

		ztflm_flex_at(&map, i, &v, &key);
		EXPECT(ztflm_flex_find(&map, key, &found) == ZTFLM_FLEX_OK && found.at == v.at,
		       "key %u not found again", i);
		(void)ztflm_flex_int(&v, &n, &where);
		(void)ztflm_flex_float(&v, &d, &where);
		(void)ztflm_flex_bool(&v, &b, &where);
		(void)ztflm_flex_slot_int(&v);
	}
	return ZTFLM_FLEX_OK;
}

static void check_values(void)
{
	uint32_t len;
	uint8_t *b = from_hex(BUFFERS[2], &len);
	struct ztflm_flex root;
	struct ztflm_flex_map map;
	struct ztflm_flex v;
	int64_t n = 0;
	bool flag = true;

	EXPECT(ztflm_flex_root(b, len, &root, NULL) == 0 && ztflm_flex_map(&root, &map, NULL) == 0,
	       "spectral subtraction options refused");
	EXPECT(map.size == 9, "%u keys", map.size);
	EXPECT(ztflm_flex_find(&map, "alternate_one_minus_smoothing", &v) == 0 &&
		       ztflm_flex_int(&v, &n, NULL) == 0 && n == 15401,
	       "alternate_one_minus_smoothing %lld", (long long)n);
	EXPECT(ztflm_flex_find(&map, "clamping", &v) == 0 && v.type == ZTFLM_FLEX_BOOL &&
		       ztflm_flex_bool(&v, &flag, NULL) == 0 && !flag,
	       "clamping");
	EXPECT(ztflm_flex_find(&map, "spectral_subtraction_bits", &v) == 0 &&
		       ztflm_flex_slot_int(&v) == 14,
	       "spectral_subtraction_bits");
	EXPECT(ztflm_flex_find(&map, "smoothing_bit", &v) == ZTFLM_FLEX_MISSING, "prefix found");
	EXPECT(ztflm_flex_find(&map, "zzz", &v) == ZTFLM_FLEX_MISSING, "zzz found");
	free(b);

	b = from_hex(BUFFERS[3], &len);
	double d = 0;

	EXPECT(ztflm_flex_root(b, len, &root, NULL) == 0 && ztflm_flex_map(&root, &map, NULL) == 0,
	       "detection options refused");
	EXPECT(ztflm_flex_find(&map, "nms_iou_threshold", &v) == 0 &&
		       ztflm_flex_float(&v, &d, NULL) == 0 && d == 0.6,
	       "nms_iou_threshold %g", d);
	EXPECT(ztflm_flex_find(&map, "num_classes", &v) == 0 && ztflm_flex_float(&v, &d, NULL) == 0 &&
		       d == 90.0,
	       "an integer read as a number");
	EXPECT(ztflm_flex_find(&map, "y_scale", &v) == 0 &&
		       ztflm_flex_int(&v, &n, NULL) == ZTFLM_FLEX_BAD_TYPE,
	       "a double read as an integer");
	free(b);

	b = from_hex(BUFFERS[4], &len);
	EXPECT(ztflm_flex_root(b, len, &root, NULL) == 0 && ztflm_flex_map(&root, &map, NULL) == 0,
	       "indirect options refused");
	EXPECT(ztflm_flex_find(&map, "a", &v) == 0 && v.type == ZTFLM_FLEX_INDIRECT_INT &&
		       ztflm_flex_int(&v, &n, NULL) == 0 && n == -5 && ztflm_flex_slot_int(&v) != -5,
	       "indirect int %lld", (long long)n);
	EXPECT(ztflm_flex_find(&map, "b", &v) == 0 && ztflm_flex_int(&v, &n, NULL) == 0 && n == 300,
	       "uint");
	EXPECT(ztflm_flex_find(&map, "c", &v) == 0 && ztflm_flex_float(&v, &d, NULL) == 0 &&
		       d == 2.5,
	       "indirect float %g", d);
	free(b);
}

/* Specific damage, each refused with its status. */
static void check_refusals(void)
{
	uint32_t len;
	uint8_t *b = from_hex(BUFFERS[0], &len);
	struct ztflm_flex root;
	struct ztflm_flex_map map;
	struct ztflm_flex v;
	uint32_t where = 0;
	double d;
	int64_t n;

	/* {"shift": 12}: key "shift\0" at 0; keys vector at 7 (its size, 1, at 6; its slot 7
	 * points back 7 bytes); the map at 11 of width 1, after its keys' offset (8: back 1),
	 * key width (9) and size (10); value 12 at 11, type byte 0x04 (INT) at 12; the root
	 * slot at 13 (back 2), its type 0x24 (MAP) at 14, its width at 15. */
	EXPECT(read_all(b, 0) == ZTFLM_FLEX_TRUNCATED, "empty buffer");
	b[15] = 3;
	EXPECT(ztflm_flex_root(b, len, &root, &where) == ZTFLM_FLEX_BAD_WIDTH && where == 15,
	       "root width 3");
	b[15] = 16;
	EXPECT(read_all(b, len) == ZTFLM_FLEX_BAD_WIDTH, "root width 16");
	b[15] = 1;
	b[13] = 20;
	EXPECT(read_all(b, len) == ZTFLM_FLEX_BAD_OFFSET, "root offset before the start");
	b[13] = 2;
	b[14] = 0x04;
	EXPECT(read_all(b, len) == ZTFLM_FLEX_BAD_TYPE, "an integer root");
	b[14] = 0x24;
	b[10] = 200;
	EXPECT(read_all(b, len) == ZTFLM_FLEX_TRUNCATED, "map size past the end");
	b[10] = 1;
	b[9] = 3;
	EXPECT(read_all(b, len) == ZTFLM_FLEX_BAD_WIDTH, "key width 3");
	b[9] = 1;
	b[6] = 2;
	EXPECT(read_all(b, len) == ZTFLM_FLEX_TRUNCATED, "keys vector of another size");
	b[6] = 1;
	b[7] = 9;
	EXPECT(read_all(b, len) == ZTFLM_FLEX_BAD_OFFSET, "key offset before the start");
	b[7] = 7;
	b[5] = 'x';
	EXPECT(read_all(b, len) == ZTFLM_FLEX_BAD_KEY, "a key without its NUL");
	b[5] = 0;
	EXPECT(read_all(b, len) == ZTFLM_FLEX_OK && ztflm_flex_root(b, len, &root, NULL) == 0 &&
		       ztflm_flex_map(&root, &map, NULL) == 0 &&
		       ztflm_flex_find(&map, "shift", &v) == 0,
	       "repaired");
	/* A float narrower than 32 bits, a map read as an integer. */
	v.type = ZTFLM_FLEX_FLOAT;
	EXPECT(ztflm_flex_float(&v, &d, NULL) == ZTFLM_FLEX_BAD_WIDTH, "one-byte float");
	EXPECT(ztflm_flex_int(&root, &n, NULL) == ZTFLM_FLEX_BAD_TYPE, "map as integer");
	free(b);

	/* {"T": 7, "fft_length": 512}: key slots at 14 and 15; pointing them at each other's
	 * key puts the keys out of order, which a binary search would not find. */
	b = from_hex(BUFFERS[1], &len);
	EXPECT(read_all(b, len) == ZTFLM_FLEX_OK, "rfft options");
	b[14] = 12;
	b[15] = 15;
	EXPECT(read_all(b, len) == ZTFLM_FLEX_BAD_KEY, "keys out of order");
	b[15] = 14;
	EXPECT(read_all(b, len) == ZTFLM_FLEX_BAD_KEY, "a key twice");
	free(b);
}

/* Every byte of every buffer set to every value, and every truncation: no read outside. */
static void check_damage(void)
{
	long accepted = 0;
	long refused = 0;

	for (uint32_t k = 0; k < N_BUFFERS; k++) {
		uint32_t len;
		uint8_t *orig = from_hex(BUFFERS[k], &len);

		EXPECT(read_all(orig, len) == ZTFLM_FLEX_OK, "buffer %u refused", k);
		for (uint32_t pos = 0; pos < len; pos++) {
			for (int value = 0; value < 256; value++) {
				uint8_t *b = malloc(len);

				memcpy(b, orig, len);
				b[pos] = (uint8_t)value;
				read_all(b, len) == ZTFLM_FLEX_OK ? accepted++ : refused++;
				free(b);
			}
		}
		for (uint32_t cut = 0; cut < len; cut++) {
			uint8_t *head = malloc(cut ? cut : 1u);
			uint8_t *tail = malloc(cut ? cut : 1u);

			memcpy(head, orig, cut);
			memcpy(tail, orig + len - cut, cut);
			read_all(head, cut) == ZTFLM_FLEX_OK ? accepted++ : refused++;
			read_all(tail, cut) == ZTFLM_FLEX_OK ? accepted++ : refused++;
			free(head);
			free(tail);
		}
		free(orig);
	}
	printf("damaged copies: %ld read, %ld refused\n", accepted, refused);
	EXPECT(refused > 0 && accepted > 0, "no damage told apart");
}

int main(void)
{
	check_values();
	check_refusals();
	check_damage();
	printf("%d checks, %d failures\n", checks, failures);
	return failures ? 1 : 0;
}
