"""scripts/bench_tflm.py's pure parts (rows, make lists, the resolver header, the link's
symbols) and the figures files it wrote, which make bench reads; the TFLM build itself runs
only with make bench-tflm TFLM_PATH=..."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import bench  # noqa: E402
import bench_tflm as bt  # noqa: E402

ANCHOR_LINES = """\
| model | core | kernels | instructions / invoke | arena B | runtime flash B |
|---|---|---|---:|---:|---:|
| mlperf_kws_dscnn_int8 | M4 | reference | 42,212,767 | 22,772 | 42,044 |
| mlperf_kws_dscnn_int8 | M3 | CMSIS-NN | 10,534,481 | 22,820 | 46,304 |
| mlperf_kws_dscnn_int8 | M4 | arm_dsp | 1 | 2 | 3 |
"""


def test_rows_read_back_as_written() -> None:
    rows = bt.parse_rows(ANCHOR_LINES)
    assert rows == [bt.Row("mlperf_kws_dscnn_int8", "m4", "reference", 42212767, 22772, 42044),
                    bt.Row("mlperf_kws_dscnn_int8", "m3", "cmsis_nn", 10534481, 22820, 46304)]
    assert [r.markdown() for r in rows] == ANCHOR_LINES.splitlines()[2:4]
    assert bt.parse_rows("\n".join(r.markdown() for r in rows)) == rows


def test_merge_replaces_same_rows_and_keeps_the_others() -> None:
    first = bt.merge_table("", bt.parse_rows(ANCHOR_LINES), "# Figures\n\nWhy.\n")
    assert first.startswith("# Figures\n\nWhy.\n\n| model |")
    newer = bt.Row("mlperf_kws_dscnn_int8", "m4", "reference", 5, 6, 7)
    other = bt.Row("tflm_keyword_scrambled", "m4", "reference", 8, 9, 10)
    merged = bt.merge_table(first, [newer, other], "unused")
    assert merged.startswith("# Figures\n\nWhy.\n\n")
    assert set(bt.parse_rows(merged)) == {newer, other, bt.parse_rows(ANCHOR_LINES)[1]}
    assert merged.count("| model |") == 1


def test_make_list_reads_a_tflm_source_list() -> None:
    text = ("X := a\nMICROLITE_CC_KERNEL_SRCS := \\\n"
            "$(TENSORFLOW_ROOT)tensorflow/lite/micro/kernels/add.cc \\\n"
            "$(TENSORFLOW_ROOT)tensorflow/lite/micro/kernels/conv.cc\n\nY := b\n")
    assert bt.make_list(text, "MICROLITE_CC_KERNEL_SRCS") == [
        "tensorflow/lite/micro/kernels/add.cc", "tensorflow/lite/micro/kernels/conv.cc"]
    with pytest.raises(bt.BenchError, match="no MISSING list"):
        bt.make_list(text, "MISSING")


def test_specialize_prefers_the_optimized_directory(tmp_path: Path) -> None:
    (tmp_path / "conv.cc").write_text("")
    assert bt.specialize(["k/conv.cc", "k/add.cc"], tmp_path) == [str(tmp_path / "conv.cc"),
                                                                  "k/add.cc"]
    assert bt.specialize(["k/conv.cc"], tmp_path / "absent") == ["k/conv.cc"]


RESOLVER = """
  TfLiteStatus AddConv2D(
      const TFLMRegistration& registration = Register_CONV_2D()) {
    return AddBuiltin(BuiltinOperator_CONV_2D, registration, ParseConv2D);
  }
  TfLiteStatus AddAssignVariable(const TFLMRegistration& registration =
                                     tflite::Register_ASSIGN_VARIABLE()) {
    return AddBuiltin(BuiltinOperator_ASSIGN_VARIABLE, registration,
                      ParseAssignVariable);
  }
  TfLiteStatus AddCircularBuffer() {
    return AddCustom("CIRCULAR_BUFFER", tflite::Register_CIRCULAR_BUFFER());
  }
"""


def test_resolver_header_uses_type_registrations_only_when_declared_and_unambiguous() -> None:
    methods = bt.add_methods(RESOLVER)
    assert methods == {"CONV_2D": "AddConv2D", "ASSIGN_VARIABLE": "AddAssignVariable"}
    h = bt.ops_header({"CONV_2D": {"INT8"}, "ASSIGN_VARIABLE": {"INT8", "INT16"}}, methods,
                      {"Register_CONV_2D_INT8"})
    assert "#define TFLM_OP_COUNT 2\n" in h
    assert "(r).AddConv2D(tflite::Register_CONV_2D_INT8());" in h
    assert "(r).AddAssignVariable();" in h
    # Two input types, or a type without its own registration: the default one.
    h = bt.ops_header({"CONV_2D": {"INT8", "INT16"}}, methods, {"Register_CONV_2D_INT8"})
    assert "(r).AddConv2D();" in h
    h = bt.ops_header({"CONV_2D": {"INT16"}}, methods, {"Register_CONV_2D_INT8"})
    assert "(r).AddConv2D();" in h
    with pytest.raises(bt.BenchError, match="no method for CUSTOM"):
        bt.ops_header({"CUSTOM": set()}, methods, set())


def test_model_ops_lists_every_operator_with_its_input_types() -> None:
    model = ROOT.parent / "shared" / "models" / "mlperf_kws_dscnn_int8.tflite"
    if not model.is_file():
        pytest.skip(f"no {model}")
    ops = bt.model_ops(model.read_bytes())
    assert ops == {"CONV_2D": {"INT8"}, "DEPTHWISE_CONV_2D": {"INT8"},
                   "AVERAGE_POOL_2D": {"INT8"}, "RESHAPE": {"INT8"},
                   "FULLY_CONNECTED": {"INT8"}, "SOFTMAX": {"INT8"}}
    # int8 in, int16 out: no one-type registration runs it (TFLM's CMSIS-NN SOFTMAX_INT8
    # writes int8).
    scrambled = model.with_name("tflm_keyword_scrambled.tflite")
    assert bt.model_ops(scrambled.read_bytes())["SOFTMAX"] == {"MIXED"}


def test_undefined_symbols_and_where_they_are_defined() -> None:
    ld = ("ld: x.o: in function `main':\nrunner.cc:(.text+0x1): undefined reference to "
          "`tflite::MicroInterpreter::Invoke()'\nrunner.cc:(.text+0x9): undefined reference "
          "to `tflite::kConvBiasTensor'\nrunner.cc:(.text+0x1): undefined reference to "
          "`tflite::MicroInterpreter::Invoke()'\n")
    assert bt.undefined_symbols(ld) == ["tflite::MicroInterpreter::Invoke()",
                                        "tflite::kConvBiasTensor"]
    method = bt.symbol_patterns("tflite::MicroInterpreter::Invoke()")
    assert method[0].search("TfLiteStatus MicroInterpreter::Invoke() {\n")
    assert not method[0].search("  return interpreter.MicroInterpreter::Invoke();\n")
    free = bt.symbol_patterns("tflite::Register_CONV_2D()")

    def defines(text: str) -> bool:
        return any(p.search(text) for p in free)

    assert defines("TFLMRegistration Register_CONV_2D() {\n")
    assert defines("TfLiteStatus Register_CONV_2D(TfLiteContext* context,\n")
    assert not defines("TFLMRegistration Register_CONV_2D();\n")
    assert not defines("  return Register_CONV_2D(\n")
    constant = bt.symbol_patterns("tflite::kConvBiasTensor")[-1]
    assert constant.search("const int kConvBiasTensor = 2;\n")
    assert not constant.search("extern const int kConvBiasTensor;\n")
    assert not constant.search("constexpr int kConvBiasTensor = 2;\n")
    assert not constant.search("static const int kConvBiasTensor = 2;\n")
    assert not constant.search("  if (x == kConvBiasTensor) {\n")


def test_outputs_compare_exactly_except_float_last_bits() -> None:
    ints = np.array([1, -2, 3], np.int8)
    floats = np.array([0.5, 0.25], np.float32)
    near = floats.view(np.int32) + np.array([2, -3], np.int32)
    assert bt.compare({0: ints.tobytes()}, [ints]) == "identical"
    assert bt.compare({0: ints.tobytes()[::-1]}, [ints]).startswith("NO")
    assert bt.compare({}, [ints]).startswith("NO")
    assert bt.compare({0: near.tobytes()}, [floats]).startswith("float outputs within 3 ULP")
    assert bt.compare({0: near.tobytes()[:4]}, [floats]).startswith("NO")


def figures_files() -> list[Path]:
    return [bt.FIGURES, *sorted(bench.firmware.REPO_MODELS.glob("*/TFLM.md"))]


def test_committed_figures_parse_whole() -> None:
    """Every table line of the files make bench-tflm wrote is a row make bench reads."""
    for path in figures_files():
        lines = [line for line in path.read_text().splitlines() if line.startswith("| ")
                 and not line.startswith(("| model |", "|---"))]
        assert lines and len(bt.parse_rows("\n".join(lines))) == len(lines), path


def test_make_bench_has_tflm_figures_for_its_stateful_and_16x8_models() -> None:
    figures = bench.tflm_figures()
    for model in [*bench.STATEFUL, *bench.MODELS_16X8]:
        assert (model, "m4", "reference") in figures, model
    # ANCHORS.md's rows win over make bench-tflm's re-measurement of the same model.
    if bench.ANCHORS.exists():
        kws = ("mlperf_kws_dscnn_int8", "m4", "reference")
        assert figures[kws] == bench.anchors(bench.ANCHORS)[kws]
