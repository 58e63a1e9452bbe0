"""TFLM's Signal library, each operator alone through the model builder with its FlexBuffer
options (every parameter TFLM reads), bit-exact with the tflite-micro package; the stateful
ones over consecutive invokes and across resets. Inputs TFLM would index outside a tensor
with (its kernels check no parameter) are refused at prepare, each test saying why."""
from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, Optional

import numpy as np
import pytest
from conftest import shared_model
from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

import oracle
import ztflm
from modelbuilder import ModelBuilder

ROOT = Path(__file__).resolve().parents[2]
TYPE_CODE = {np.int16: 7, np.int32: 2, np.float32: 0}
I16 = np.iinfo(np.int16)


def single(name: str, inputs: list[tuple[list[int], Any]], outputs: list[tuple[list[int], Any]],
           options: Any = None, consts: Optional[dict[int, np.ndarray]] = None) -> bytes:
    """One custom operator: inputs (shape, dtype) are graph inputs unless consts gives their
    data; every output is a graph output."""
    b = ModelBuilder()
    consts = consts or {}
    ins = [b.const(consts[i]) if i in consts else b.input(shape, dtype)
           for i, (shape, dtype) in enumerate(inputs)]
    outs = [b.tensor(shape, dtype) for shape, dtype in outputs]
    b.custom(name, ins, outs, {} if options is None else options)
    for o in outs:
        b.output(o)
    return b.build()


def refused(model: bytes, match: str, code: ztflm.Status = ztflm.Status.MODEL) -> None:
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(model)
    assert err.value.code == code, err.value


def preprocessor_tensor(index: int) -> np.ndarray:
    """A constant of the TFLM audio preprocessor (int8) by tensor index: its filter bank
    configuration (9 to 13) and PCAN gain table (8)."""
    data = shared_model("tflm_audio_preprocessor_int8").read_bytes()
    m = schema.ModelT.InitFromPackedBuf(data, 0)
    t = m.subgraphs[0].tensors[index]
    return np.frombuffer(bytes(m.buffers[t.buffer].data), np.int16).reshape(t.shape)


# ---- SignalWindow ------------------------------------------------------------------------------

@pytest.mark.parametrize("shape,wlen", [([480], 480), ([1, 480], 480), ([2, 3, 8], 8), ([5], 1)])
@pytest.mark.parametrize("shift", [0, 1, 12, 15, 31])
def test_window_like_tflm(shape, wlen, shift):
    """Weights over the whole int16 range: products saturate both ways at small shifts."""
    model = single("SignalWindow", [(shape, np.int16), ([wlen], np.int16)], [(shape, np.int16)],
                   {"shift": shift})
    oracle.assert_bit_exact(model, n_random=2, seed=shift)


@pytest.mark.parametrize("options,inputs,out,match", [
    ({"shift": 32}, ([8], [8]), [8], "'shift' is 32, outside 0 to 31"),
    ({"shift": -1}, ([8], [8]), [8], "'shift' is -1, outside 0 to 31"),
    ({"shift": 1}, ([10], [4]), [10], "not a whole number of windows of 4"),
    ({"shift": 1}, ([10], [0]), [10], "not a whole number of windows of 0"),
    ({"shift": 1}, ([8], [8]), [2, 4], "same rank"),
    ({"shift": 1}, ([8], [8]), [6], "output has 6 elements, input 8"),
])
def test_window_refuses_what_tflm_indexes_past(options, inputs, out, match):
    """TFLM shifts by the option unchecked (undefined past 31), loops in steps of the
    weights' length (past the input's end, or forever for length 0) and writes the input's
    size into the output."""
    refused(single("SignalWindow", [(inputs[0], np.int16), (inputs[1], np.int16)],
                   [(out, np.int16)], options), match)


# ---- SignalFftAutoScale ------------------------------------------------------------------------

AUTO_SCALE_EDGES = [
    [0, 0, 0],               # all zero: GCC's most significant bit of 0 is 32, scale 0
    [1, -1, 0],              # the largest shift, 14
    [-32768, 5, 3],          # TFLM's MaxAbs16 stores 32768 as -32768, then 5 beats it
    [5, -32768, 3],          # ... and here -32768 comes last: the maximum stays negative
    [16384, -16384, 1],
    [-16385, 100, 7],
]


@pytest.mark.parametrize("size", [1, 7, 480])
def test_fft_auto_scale_like_tflm(size):
    model = single("SignalFftAutoScale", [([size], np.int16)],
                   [([size], np.int16), ([], np.int32)])
    oracle.assert_bit_exact(model, n_random=3, seed=size)
    rng = np.random.default_rng(size)
    for scale in (1, 3, 300, 32767):  # every shift from 0 to 14
        oracle.assert_bit_exact(model, [rng.integers(-scale, scale, size, np.int16)])


@pytest.mark.parametrize("values", AUTO_SCALE_EDGES, ids=str)
def test_fft_auto_scale_quirks_like_tflm(values):
    model = single("SignalFftAutoScale", [([3], np.int16)], [([3], np.int16), ([], np.int32)])
    oracle.assert_bit_exact(model, [np.array(values, np.int16)])


@pytest.mark.parametrize("out,scale,match", [
    ([6], [], "output has 6 elements, input 8"),
    ([8], [1], "output 1 has 1 dimensions, not 0"),
    ([2, 4], [], "output has 2 dimensions, not 1"),
])
def test_fft_auto_scale_refuses_other_shapes(out, scale, match):
    """TFLM takes the length from the output and reads that much input."""
    refused(single("SignalFftAutoScale", [([8], np.int16)],
                   [(out, np.int16), (scale, np.int32)]), match)


# ---- SignalRfft, SignalIrfft -------------------------------------------------------------------

# Radix 4, 2, 3 and 5 stages in every order kiss_fft factors them into, and the model's 512.
FFT_LENGTHS = [4, 6, 8, 10, 12, 16, 18, 20, 24, 30, 36, 40, 50, 60, 64, 90, 96, 100, 120, 128,
               250, 256, 480, 512]


def rfft_model(dtype: Any, fft_length: int, in_shape: list[int], inverse: bool = False,
               out_shape: Optional[list[int]] = None, options: Any = None) -> bytes:
    last = fft_length if inverse else fft_length + 2
    out_shape = out_shape if out_shape is not None else [*in_shape[:-1], last]
    return single("SignalIrfft" if inverse else "SignalRfft", [(in_shape, dtype)],
                  [(out_shape, dtype)],
                  options or {"T": TYPE_CODE[dtype], "fft_length": fft_length})


@pytest.mark.parametrize("dtype", [np.int16, np.int32, np.float32], ids=lambda t: t.__name__)
@pytest.mark.parametrize("fft_length", FFT_LENGTHS)
def test_rfft_like_tflm(dtype, fft_length):
    """Full-scale integers (every fixed-point stage saturates and wraps as kiss_fft's C
    does), rows padded with zeros and whole, one row and three."""
    oracle.assert_bit_exact(rfft_model(dtype, fft_length, [fft_length]), n_random=2)
    short = max(1, fft_length - 3)
    oracle.assert_bit_exact(rfft_model(dtype, fft_length, [3, short]), n_random=1, seed=1)


@pytest.mark.parametrize("dtype", [np.int16, np.int32, np.float32], ids=lambda t: t.__name__)
@pytest.mark.parametrize("fft_length", FFT_LENGTHS)
def test_irfft_like_tflm(dtype, fft_length):
    oracle.assert_bit_exact(rfft_model(dtype, fft_length, [fft_length + 2], inverse=True),
                            n_random=2)
    oracle.assert_bit_exact(rfft_model(dtype, fft_length, [2, 1, fft_length + 2], inverse=True),
                            n_random=1, seed=1)


def test_rfft_of_the_preprocessor_window_like_tflm():
    """SignalRfft as the audio preprocessor runs it: 480 auto-scaled samples into 512."""
    model = rfft_model(np.int16, 512, [480])
    rng = np.random.default_rng(7)
    for bits in (4, 9, 15):
        oracle.assert_bit_exact(model, [rng.integers(-(1 << bits), 1 << bits, 480, np.int16)])


@pytest.mark.parametrize("fft_length,match,code", [
    (7, "fft_length 7 is not an even number", ztflm.Status.MODEL),
    (0, "fft_length 0 is not an even number", ztflm.Status.MODEL),
    (-8, "fft_length -8 is not an even number", ztflm.Status.MODEL),
    (2, "fft_length 2 needs a radix-1 stage", ztflm.Status.UNSUPPORTED),
    (14, "fft_length 14 needs a radix-7 stage", ztflm.Status.UNSUPPORTED),
    (44, "fft_length 44 needs a radix-11 stage", ztflm.Status.UNSUPPORTED),
])
def test_rfft_refuses_lengths_tflm_crashes_on(fft_length, match, code):
    """kiss_fftr returns no state for an odd length, which TFLM then uses; a prime factor
    above 5 (or the single point of length 2) takes kiss_fft's generic stage, whose scratch
    TFLM's patch allocates as NULL and then writes."""
    refused(rfft_model(np.int16, fft_length, [4], out_shape=[max(fft_length, 0) + 2]), match,
            code)


@pytest.mark.parametrize("inverse,in_shape,out_shape,match", [
    (False, [20], [18], "rows of 20 samples and 18 bins, not at most fft_length 16 and 18"),
    (False, [16], [16], "rows of 16 samples and 16 bins"),
    (False, [2, 16], [3, 18], "2 input rows and 3 output rows"),
    (False, [16], [1, 18], "same rank"),
    (True, [16], [16], "rows of 16 bins and 16 samples, not 18 and fft_length 16"),
    (True, [18], [14], "rows of 18 bins and 14 samples"),
])
def test_rfft_refuses_rows_tflm_would_overrun(inverse, in_shape, out_shape, match):
    """TFLM copies each input row into an fft_length scratch and writes a whole FFT into each
    output row, whatever the tensors' sizes."""
    refused(rfft_model(np.int16, 16, in_shape, inverse, out_shape), match)


@pytest.mark.parametrize("options,match", [
    ({"T": 2, "fft_length": 16}, "'T' is 2, the tensors are INT16"),
    ({"T": 7}, "'fft_length' is missing"),
    ({"fft_length": 16}, "'T' is missing"),
    ({"T": 7, "fft_length": 16, "extra": 1}, "hold 3 keys, not the 2 this operator reads"),
    ({"T": 7, "fft_length": 16.0}, "'fft_length' has FlexBuffer type 3"),
])
def test_rfft_refuses_options_tflm_misreads(options, match):
    """TFLM reads fft_length as the map's second value whatever its key: a map with a key more
    or less, or a double, gives it another length."""
    refused(rfft_model(np.int16, 16, [16], options=options), match)


# ---- SignalEnergy ------------------------------------------------------------------------------

def energy_written(start: int, end: int, size: int):
    mask = np.zeros(size, bool)
    mask[start:end] = True
    return lambda k, outs: [mask]


@pytest.mark.parametrize("start,end", [(0, 257), (5, 241), (3, 3), (200, 100), (0, 1),
                                       (256, 257)])
def test_energy_like_tflm(start, end):
    """TFLM writes the bins [start, end) only; the rest is whatever its arena held, and zeros
    here. Full-scale inputs: -32768 in both parts sums past int32, which TFLM wraps."""
    model = single("SignalEnergy", [([514], np.int16)], [([257], np.uint32)],
                   {"end_index": end, "start_index": start})
    oracle.assert_bit_exact(model, n_random=2, written=energy_written(start, end, 257))
    edge = np.full(514, -32768, np.int16)
    oracle.assert_bit_exact(model, [edge], written=energy_written(start, end, 257))


@pytest.mark.parametrize("options,shapes,match", [
    ({"end_index": 258, "start_index": 0}, ([514], [257]), "'end_index' is 258, outside 0 to 257"),
    ({"end_index": 10, "start_index": -1}, ([514], [257]), "'start_index' is -1"),
    ({"end_index": 100, "start_index": 0}, ([514], [50]), "'end_index' is 100, outside 0 to 50"),
    ({"end_index": 100, "start_index": 0}, ([100], [257]), "'end_index' is 100, outside 0 to 50"),
    ({"end_index": 5}, ([10], [5]), "'start_index' is missing"),
])
def test_energy_refuses_bins_outside_the_tensors(options, shapes, match):
    refused(single("SignalEnergy", [(shapes[0], np.int16)], [(shapes[1], np.uint32)], options),
            match)


# ---- SignalFilterBank --------------------------------------------------------------------------

def filter_bank_model(channels: int, spectrum: int, config: list[np.ndarray],
                      weights_const: bool = True, out: Optional[int] = None) -> bytes:
    consts = {3: config[2], 4: config[3], 5: config[4]}
    if weights_const:
        consts |= {1: config[0], 2: config[1]}
    inputs = [([spectrum], np.uint32)] + [([len(c)], np.int16) for c in config]
    return single("SignalFilterBank", inputs, [([channels if out is None else out], np.uint64)],
                  {"num_channels": channels}, consts)


def random_filter_bank(rng: np.random.Generator, channels: int, spectrum: int,
                       weights: int) -> list[np.ndarray]:
    """Weights over the whole int16 range (negative ones wrap into uint64 in TFLM), widths 0
    to 12, some channels empty."""
    widths = rng.integers(-2, 12, channels + 1).astype(np.int16)
    span = np.maximum(widths, 0)
    freq = np.array([rng.integers(0, spectrum - w + 1) for w in span], np.int16)
    start = np.array([rng.integers(0, weights - w + 1) for w in span], np.int16)
    w = rng.integers(I16.min, I16.max, weights, np.int16, endpoint=True)
    u = rng.integers(I16.min, I16.max, weights, np.int16, endpoint=True)
    return [w, u, freq, start, widths]


def test_filter_bank_of_the_preprocessor_like_tflm():
    """The micro_speech preprocessor's 40 mel channels over full-range uint32 energies."""
    config = [preprocessor_tensor(i) for i in (13, 12, 11, 10, 9)]
    oracle.assert_bit_exact(filter_bank_model(40, 257, config), n_random=3)


@pytest.mark.parametrize("channels,spectrum,weights", [(1, 16, 16), (7, 40, 30), (40, 257, 316)])
def test_filter_bank_like_tflm(channels, spectrum, weights):
    rng = np.random.default_rng(channels)
    config = random_filter_bank(rng, channels, spectrum, weights)
    oracle.assert_bit_exact(filter_bank_model(channels, spectrum, config), n_random=2)
    # Weights computed at run time are fine: only the channel layout is checked up front.
    oracle.assert_bit_exact(filter_bank_model(channels, spectrum, config, weights_const=False),
                            n_random=1)


@pytest.mark.parametrize("tensor,channel,value,match", [
    (2, 1, -1, "channel 1 reads bins -1"),
    (2, 3, 20, "channel 3 reads bins 20 to"),
    (3, 2, 29, "channel 2 reads bins .* and weights 29 to"),
    (3, 0, -3, "weights -3 to"),
])
def test_filter_bank_refuses_channels_past_the_tensors(tensor, channel, value, match):
    """TFLM indexes the spectrum and the weights with these int16 starts and widths as they
    are: a negative start, or one whose channel runs past the end, reads outside."""
    config = [np.zeros(30, np.int16), np.zeros(30, np.int16), np.zeros(5, np.int16),
              np.zeros(5, np.int16), np.full(5, 2, np.int16)]
    config[tensor][channel] = value
    refused(filter_bank_model(4, 21, config), match)


def test_filter_bank_refuses_a_layout_it_cannot_check():
    config = random_filter_bank(np.random.default_rng(0), 4, 20, 20)
    b = ModelBuilder()
    ins = [b.input([20], np.uint32), b.const(config[0]), b.const(config[1]),
           b.input([5], np.int16), b.const(config[3]), b.const(config[4])]
    out = b.tensor([4], np.uint64)
    b.custom("SignalFilterBank", ins, [out], {"num_channels": 4})
    b.output(out)
    refused(b.build(), "channel starts must be a constant tensor", ztflm.Status.UNSUPPORTED)
    refused(filter_bank_model(4, 20, config, out=3), "output has 3 elements for 4 channels")
    config[4] = config[4][:4]
    refused(filter_bank_model(4, 20, config), "channel widths has 4 entries for 4 channels")


# ---- SignalFilterBankSquareRoot ----------------------------------------------------------------

@pytest.mark.parametrize("shift", [0, 1, 7, 15, 31, 32, 33, -1, 100])
def test_filter_bank_square_root_like_tflm(shift):
    """Shifts from a tensor: TFLM's x86 build shifts by the low 5 bits (past 31 is undefined
    in C), and so does every ztflm build. Values on both sides of 2^32, where TFLM switches to
    its 32-bit root."""
    model = single("SignalFilterBankSquareRoot", [([40], np.uint64), ([], np.int32)],
                   [([40], np.uint32)])
    rng = np.random.default_rng(shift & 0xFF)
    values = np.concatenate([
        rng.integers(0, 2**64 - 1, 20, np.uint64, endpoint=True),
        np.array([0, 1, 2, 3, 2**32 - 1, 2**32, 2**32 + 1, 2**64 - 1, 2**62, 2**31,
                  0xFFFF * 0xFFFF, 0xFFFF * 0xFFFF + 1, 0xFFFE0001 + 0x1FFFE, 99, 2**40, 7,
                  2**33 - 1, 4, 5, 6], np.uint64)])
    oracle.assert_bit_exact(model, [values, np.array(shift, np.int32)])


# ---- SignalFilterBankSpectralSubtraction -------------------------------------------------------

SPECTRAL = {"alternate_one_minus_smoothing": 15401, "alternate_smoothing": 983,
            "clamping": False, "min_signal_remaining": 819, "num_channels": 40,
            "one_minus_smoothing": 15975, "smoothing": 409, "smoothing_bits": 10,
            "spectral_subtraction_bits": 14}


def spectral_model(options: dict[str, Any], channels: int = 40) -> bytes:
    return single("SignalFilterBankSpectralSubtraction", [([channels], np.uint32)],
                  [([channels], np.uint32), ([channels], np.uint32)], options)


def quiet_samples(rng: np.random.Generator, n: int, channels: int, bits: int) -> list:
    """Channel energies below 2^bits: those the smoothing shift does not overflow."""
    return [[rng.integers(0, 1 << bits, channels, np.uint32)] for _ in range(n)]


@pytest.mark.parametrize("changes", [
    {},
    {"clamping": True},
    {"smoothing_bits": 0, "spectral_subtraction_bits": 0},
    {"smoothing_bits": 31, "spectral_subtraction_bits": 63},
    {"alternate_smoothing": 0, "alternate_one_minus_smoothing": 0, "min_signal_remaining": 0},
    {"smoothing": -1, "one_minus_smoothing": 2**31 - 1, "clamping": True},
], ids=lambda c: ",".join(c) or "model")
def test_spectral_subtraction_is_stateful_like_tflm(changes):
    """Twelve consecutive invokes without a reset on either side (the noise estimate is
    state), then the same samples each after a reset."""
    model = spectral_model(SPECTRAL | changes)
    rng = np.random.default_rng(len(changes))
    samples = quiet_samples(rng, 6, 40, 22) + [[rng.integers(0, 2**32, 40, np.uint32)]
                                                for _ in range(6)]
    oracle.assert_bit_exact(model, samples=samples, sequence=True)
    oracle.assert_bit_exact(model, samples=samples[:4])


@pytest.mark.parametrize("changes,match", [
    ({"smoothing_bits": 32}, "'smoothing_bits' is 32, outside 0 to 31"),
    ({"spectral_subtraction_bits": 64}, "'spectral_subtraction_bits' is 64, outside 0 to 63"),
    ({"num_channels": 41}, "input has 40 elements and output 0 40, not num_channels 41"),
    ({"num_channels": -1}, "'num_channels' is -1"),
    ({"clamping": 1.5}, "'clamping' has FlexBuffer type 3 .*not a bool"),
])
def test_spectral_subtraction_refuses_what_tflm_misuses(changes, match):
    """Shifts past their operand's width are undefined; TFLM sizes the noise estimate by
    num_channels and loops over it whatever the tensors hold."""
    refused(spectral_model(SPECTRAL | changes), match)


# ---- SignalPCAN --------------------------------------------------------------------------------

def pcan_model(snr_shift: int, lut: Optional[np.ndarray], channels: int = 40,
               lut_len: int = 125) -> bytes:
    consts = {2: lut} if lut is not None else {}
    return single("SignalPCAN", [([channels], np.uint32), ([channels], np.uint32),
                                 ([lut_len], np.int16)], [([channels], np.uint32)],
                  {"snr_shift": snr_shift}, consts)


def pcan_inputs(rng: np.random.Generator, channels: int) -> list[np.ndarray]:
    """Noise estimates at 0, 1, 2 (the table's head) and in every octave up to 2^32."""
    noise = (rng.integers(0, 2**32, channels, np.uint64) >> rng.integers(0, 32, channels, np.uint64)
             ).astype(np.uint32)
    noise[:3] = [0, 1, 2]
    return [rng.integers(0, 2**32, channels, np.uint32), noise]


@pytest.mark.parametrize("snr_shift", [0, 6, 12, 40, 63])
def test_pcan_with_the_preprocessor_gain_table_like_tflm(snr_shift):
    model = pcan_model(snr_shift, preprocessor_tensor(8))
    rng = np.random.default_rng(snr_shift)
    for _ in range(3):
        oracle.assert_bit_exact(model, pcan_inputs(rng, 40))


def test_pcan_with_any_gain_table_like_tflm():
    """A table over the whole int16 range (negative gains wrap into uint32 in TFLM), given at
    run time, longer than the 125 entries read."""
    model = pcan_model(6, None, 33, lut_len=130)
    rng = np.random.default_rng(1)
    for _ in range(3):
        lut = rng.integers(I16.min, I16.max, 130, np.int16, endpoint=True)
        oracle.assert_bit_exact(model, [*pcan_inputs(rng, 33), lut])


@pytest.mark.parametrize("snr_shift,lut_len,noise,match", [
    (64, 125, 40, "'snr_shift' is 64, outside 0 to 63"),
    (-1, 125, 40, "'snr_shift' is -1"),
    (6, 124, 40, "gain table has 124 entries, the gain function reads 125"),
    (6, 125, 39, "noise estimate has 39 elements for 40 channels"),
])
def test_pcan_refuses_what_tflm_reads_past(snr_shift, lut_len, noise, match):
    """The gain function reads the table up to entry 124 for an estimate of 2^31 or more."""
    model = single("SignalPCAN", [([40], np.uint32), ([noise], np.uint32),
                                  ([lut_len], np.int16)], [([40], np.uint32)],
                   {"snr_shift": snr_shift})
    refused(model, match)


# ---- SignalFilterBankLog -----------------------------------------------------------------------

@pytest.mark.parametrize("bits,scale", [(3, 64), (0, 1), (0, 65536), (31, 64), (5, 2**31 - 1),
                                        (2, -64)])
def test_filter_bank_log_like_tflm(bits, scale):
    """Output scales whose uint32 product wraps (as in TFLM), and inputs 0, 1, 2 and every
    octave."""
    model = single("SignalFilterBankLog", [([48], np.uint32)], [([48], np.int16)],
                   {"input_correction_bits": bits, "output_scale": scale})
    rng = np.random.default_rng(bits)
    x = rng.integers(0, 2**32, 48, np.uint64) >> rng.integers(0, 32, 48, np.uint64)
    x = x.astype(np.uint32)
    x[:6] = [0, 1, 2, 3, 2**31, 2**32 - 1]
    oracle.assert_bit_exact(model, [x])
    oracle.assert_bit_exact(model, n_random=1)


def test_log_table_is_the_formula():
    """The logarithm's table in reference/signal_math.c: round(2^16 (log2(1 + i/128) -
    i/128)) for i = 0 to 128, and a 0 past the end."""
    text = (ROOT / "zephyr_module/kernels/reference/signal_math.c").read_text()
    body = re.search(r"log_lut\[130\] = \{(.*?)\};", text, re.S)
    assert body
    table = [int(v) for v in re.findall(r"\d+", body[1])]
    assert table == [round(65536 * (math.log2(1 + i / 128) - i / 128)) for i in range(129)] + [0]


def test_filter_bank_log_refuses_a_shift_past_31():
    refused(single("SignalFilterBankLog", [([4], np.uint32)], [([4], np.int16)],
                   {"input_correction_bits": 32, "output_scale": 1}),
            "'input_correction_bits' is 32, outside 0 to 31")


# ---- SignalFramer ------------------------------------------------------------------------------

def framer_written(size: int, step: int, prefill: bool, frames: int, rows: int):
    """TFLM writes a frame once frame_size samples are in (prefill puts in size - step): the
    first ceil(size / step) - 1 frames of each row are not written without prefill."""
    missing = 0 if prefill else -(-size // step) - 1

    def written(k: int, outs: list[np.ndarray]) -> list[Optional[np.ndarray]]:
        mask = np.ones(outs[0].shape, bool).reshape(rows, frames, size)
        for f in range(frames):
            if k * frames + f < missing:
                mask[:, f, :] = False
        return [mask.reshape(outs[0].shape), None]
    return written


@pytest.mark.parametrize("size,step,prefill", [(400, 160, False), (400, 160, True),
                                               (5, 5, False), (3, 1, False), (7, 2, True),
                                               (2, 6, False), (12, 4, True)])
@pytest.mark.parametrize("rows", [1, 2])
def test_framer_is_stateful_like_tflm(size, step, prefill, rows):
    """Three frames an invoke in one row, two in each of two."""
    frames = 3 if rows == 1 else 2
    in_shape = [frames * step] if rows == 1 else [rows, frames * step]
    model = single("SignalFramer", [(in_shape, np.int16)],
                   [([*in_shape[:-1], frames, size], np.int16), ([], np.bool_)],
                   {"frame_size": size, "frame_step": step, "prefill": prefill})
    written = framer_written(size, step, prefill, frames, rows)
    rng = np.random.default_rng(size)
    samples = [[rng.integers(I16.min, I16.max, in_shape, np.int16)] for _ in range(6)]
    oracle.assert_bit_exact(model, samples=samples, sequence=True, written=written)
    # After each reset the frames start over (the zeros of prefill included).
    oracle.assert_bit_exact(model, samples=samples[:3], written=lambda k, o: written(0, o))


@pytest.mark.parametrize("options,out,match", [
    ({"frame_size": 4, "frame_step": 0, "prefill": False}, [1, 4], "'frame_step' is 0"),
    ({"frame_size": 0, "frame_step": 4, "prefill": False}, [3, 0], "'frame_size' is 0"),
    ({"frame_size": 4, "frame_step": 5, "prefill": False}, [2, 4], "not a multiple of frame_step"),
    ({"frame_size": 2, "frame_step": 4, "prefill": True}, [3, 2], "prefill needs frame_size 2 at"),
    ({"frame_size": 4, "frame_step": 4, "prefill": False}, [3, 5], "not 3 frames of 4"),
    ({"frame_size": 4, "frame_step": 4, "prefill": False}, [12], "needs an output of rank 2"),
])
def test_framer_refuses_what_tflm_overruns(options, out, match):
    """A prefill of frame_size - frame_step zeros is a huge size_t in TFLM when negative; it
    writes frames of frame_size into the output whatever the output's shape."""
    refused(single("SignalFramer", [([12], np.int16)], [(out, np.int16), ([], np.bool_)],
                   options), match)


# ---- SignalStacker -----------------------------------------------------------------------------

@pytest.mark.parametrize("channels,left,right,step", [(40, 3, 0, 3), (4, 0, 0, 1), (4, 2, 2, 1),
                                                     (3, 1, 4, 6), (5, 0, 3, 2)])
def test_stacker_is_stateful_like_tflm(channels, left, right, step):
    size = channels * (left + right + 1)
    model = single("SignalStacker", [([channels], np.int16)],
                   [([size], np.int16), ([], np.bool_)],
                   {"num_channels": channels, "stacker_left_context": left,
                    "stacker_right_context": right, "stacker_step": step})
    rng = np.random.default_rng(channels + left)
    samples = [[rng.integers(I16.min, I16.max, channels, np.int16)] for _ in range(12)]

    def written(k: int, outs: list[np.ndarray]) -> list[Optional[np.ndarray]]:
        # TFLM writes output 0 only when output 1 says so.
        return [np.full(size, bool(outs[1])), None]
    oracle.assert_bit_exact(model, samples=samples, sequence=True, written=written)
    oracle.assert_bit_exact(model, samples=samples[:3], written=written)


@pytest.mark.parametrize("values,size,match", [
    ((0, 1, 1, 1), 0, "'num_channels' is 0"),
    ((4, 1, 1, 0), 12, "'stacker_step' is 0"),
    ((4, 1, 1, 4), 12, "stacker_step 4 is more than the 3 frames stacked"),
    ((4, -1, 1, 1), 4, "'stacker_left_context' is -1"),
    ((4, 1, 1, 1), 8, "output has 8 elements, not num_channels"),
])
def test_stacker_refuses_what_tflm_overruns(values, size, match):
    """A step of 0 never frees room (TFLM then writes past its state); one past the frames
    held reads behind them."""
    refused(single("SignalStacker", [([4], np.int16)], [([size], np.int16), ([], np.bool_)],
                   dict(zip(["num_channels", "stacker_left_context", "stacker_right_context",
                             "stacker_step"], values))), match)


# ---- SignalDelay -------------------------------------------------------------------------------

@pytest.mark.parametrize("delay", [0, 1, 5, 20])
@pytest.mark.parametrize("shape", [[8], [3, 8]], ids=["8", "3x8"])
def test_delay_is_stateful_like_tflm(delay, shape):
    model = single("SignalDelay", [(shape, np.int16)], [(shape, np.int16)],
                   {"delay_length": delay})
    rng = np.random.default_rng(delay)
    samples = [[rng.integers(I16.min, I16.max, shape, np.int16)] for _ in range(6)]
    oracle.assert_bit_exact(model, samples=samples, sequence=True)
    oracle.assert_bit_exact(model, samples=samples[:3])


@pytest.mark.parametrize("delay,shape,out,match", [
    (-1, [8], [8], "'delay_length' is -1"),
    (2, [8], [7], "output has 7 elements, input 8"),
    (2, [], [], "nonzero innermost dimension"),
    (2, [3, 0], [3, 0], "nonzero innermost dimension"),
])
def test_delay_refuses_what_tflm_misuses(delay, shape, out, match):
    """TFLM divides by the innermost dimension and writes the input's size to the output."""
    refused(single("SignalDelay", [(shape, np.int16)], [(out, np.int16)],
                   {"delay_length": delay}), match)


# ---- SignalOverlapAdd --------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", [np.int16, np.float32], ids=lambda t: t.__name__)
@pytest.mark.parametrize("shape,step", [([1, 8], 4), ([3, 8], 8), ([2, 6], 0), ([2, 3, 10], 3),
                                        ([1, 512], 160)])
def test_overlap_add_is_stateful_like_tflm(dtype, shape, step):
    """int16 sums saturate (full-range inputs); float32 ones round in TFLM's order."""
    out = [*shape[:-2], shape[-2] * step]
    model = single("SignalOverlapAdd", [(shape, dtype)], [(out, dtype)],
                   {"T": TYPE_CODE[dtype], "frame_step": step})
    rng = np.random.default_rng(step)
    samples = [oracle.random_inputs(ztflm.Interpreter.from_bytes(model), rng) for _ in range(5)]
    oracle.assert_bit_exact(model, samples=samples, sequence=True)
    oracle.assert_bit_exact(model, samples=samples[:3])


@pytest.mark.parametrize("options,shape,out,match", [
    ({"T": 7, "frame_step": 9}, [2, 8], [18], "frame_step 9 is more than the frame's 8"),
    ({"T": 7, "frame_step": 4}, [2, 8], [6], "not 2 frames of 4"),
    ({"T": 7, "frame_step": 4}, [8], [4], "at least 2"),
    ({"T": 0, "frame_step": 4}, [2, 8], [8], "'T' is 0, the tensors are INT16"),
    ({"frame_step": 4}, [2, 8], [8], "'T' is missing"),
])
def test_overlap_add_refuses_what_tflm_overruns(options, shape, out, match):
    """TFLM moves frame_size - frame_step samples of its state (a huge size_t past the frame)
    and writes frame_step per frame whatever the output's shape."""
    refused(single("SignalOverlapAdd", [(shape, np.int16)], [(out, np.int16)], options), match)


# ---- Custom options ----------------------------------------------------------------------------

@pytest.mark.parametrize("options,match", [
    (b"", "custom options are missing"),
    (b"\x00\x01", "custom options: truncated at byte 0"),
    (b"\x0c\x04\x03", "custom options: bad width at byte 2"),
    (b"\x0c\x04\x01", "custom options: wrong type at byte 0"),
    (bytes.fromhex("73686966740001070101010c04022401")[:-3] + b"\x20\x24\x01",
     "custom options: offset out of range at byte 13"),
])
def test_malformed_options_are_named_with_op_and_node(options, match):
    model = single("SignalWindow", [([8], np.int16), ([8], np.int16)], [([8], np.int16)],
                   options)
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(model)
    assert str(err.value).startswith("SignalWindow (custom) at node 0: "), err.value


@pytest.mark.parametrize("value,ok", [
    ({"kind": "IndirectInt", "value": 3}, False),  # TFLM reads the slot: the offset
    ({"kind": "UInt", "value": 3}, True),
    ({"kind": "Bool", "value": True}, True),
    ({"kind": "Float", "value": 3.0}, False),
    ({"kind": "String", "value": "3"}, False),
])
def test_an_integer_parameter_is_taken_as_tflm_reads_it(value, ok):
    """TFLM's Signal kernels read each parameter as the raw signed slot of its map: an
    indirect value (its offset), a float or a string would give another number than the map
    holds, and are refused; integers and bools read as themselves run."""
    from flatbuffers import flexbuffers
    b = flexbuffers.Builder()
    with b.Map():
        getattr(b, value["kind"])("shift", value["value"])
    model = single("SignalWindow", [([8], np.int16), ([8], np.int16)], [([8], np.int16)],
                   bytes(b.Finish()))
    if ok:
        oracle.assert_bit_exact(model, n_random=1)
    else:
        refused(model, "'shift' has FlexBuffer type")
