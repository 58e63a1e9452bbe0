"""The catalogue of malformed models (issue 7): the generators the host tests
(tests/host/test_malformed_models.py) and the QEMU tier (tests/qemu/test_malformed_qemu.py)
both run, so both tiers see the same bytes."""
from __future__ import annotations

import struct
from typing import Any, Callable, Iterator, Optional

import numpy as np
from shared_models import MODELS
from stateful_models import lstm

from modelbuilder import ModelBuilder, pack, schema

SMALL = ["tflm_hello_world_int8", "mlperf_kws_dscnn_int8", "tflm_micro_speech_int8"]
ARENA = 1 << 20


def load(name: str) -> bytes:
    return (MODELS / f"{name}.tflite").read_bytes()


def truncations(data: bytes) -> Iterator[tuple[str, bytes]]:
    """The model cut at every 1/64 of its length (0 included, the whole model not)."""
    for k in range(64):
        cut = len(data) * k // 64
        yield f"cut {k}/64", data[:cut]


def byte_flips(data: bytes, trials: int = 150, seed: int = 2024) -> Iterator[tuple[str, bytes]]:
    """1 to 3 random bytes rewritten per trial, landing in the FlatBuffer structure (the first
    and last KiB) and anywhere, in turn."""
    rng = np.random.default_rng(seed)
    for trial in range(trials):
        buf = bytearray(data)
        for _ in range(int(rng.integers(1, 4))):
            region = trial % 3
            if region == 0:
                pos = int(rng.integers(0, min(1024, len(buf))))
            elif region == 1:
                pos = int(rng.integers(max(0, len(buf) - 1024), len(buf)))
            else:
                pos = int(rng.integers(0, len(buf)))
            buf[pos] = int(rng.integers(0, 256))
        yield f"flip trial {trial}", bytes(buf)


def conv_model() -> bytes:
    b = ModelBuilder()
    x = b.input([1, 5, 5, 2], np.int8, scale=0.1, zero_point=0)
    w = b.const(np.ones([3, 3, 3, 2], np.int8), scale=[0.02] * 3, zero_point=[0] * 3,
                quantized_dimension=0)
    bias = b.const(np.zeros([3], np.int32), scale=[0.002] * 3, zero_point=[0] * 3)
    y = b.tensor([1, 5, 5, 3], np.int8, scale=0.2, zero_point=0)
    b.op("CONV_2D", [x, w, bias], [y], "Conv2DOptions", padding="SAME", stride_w=1,
         stride_h=1)
    b.output(y)
    return b.build()


def uoffsets_past_the_end(data: bytes) -> Iterator[tuple[str, bytes]]:
    """Each aligned 32-bit word rewritten to point 8 bytes past the buffer."""
    for pos in range(0, len(data) - 4, 4):
        buf = bytearray(data)
        buf[pos:pos + 4] = struct.pack("<I", len(data) - pos + 8)
        yield f"uoffset at {pos}", bytes(buf)


def vtable_extremes(data: bytes) -> Iterator[tuple[str, bytes]]:
    """Each aligned 16-bit word (vtable entries among them) set to 0xFFFF, 0x8000 and 4."""
    for pos in range(0, len(data) - 2, 2):
        for value in (0xFFFF, 0x8000, 0x0004):
            buf = bytearray(data)
            buf[pos:pos + 2] = struct.pack("<H", value)
            yield f"u16 {value:#x} at {pos}", bytes(buf)


def two_op_builder() -> ModelBuilder:
    """x -> RELU -> h -> RELU -> y"""
    b = ModelBuilder()
    x = b.input([1, 4], np.float32)
    h = b.tensor([1, 4], np.float32)
    y = b.tensor([1, 4], np.float32)
    b.op("RELU", [x], [h])
    b.op("RELU", [h], [y])
    b.output(y)
    return b


def const_add_builder(constant: Optional[np.ndarray] = None) -> tuple[ModelBuilder, int]:
    """x -> ADD(x, c) -> y, float, x and y shaped like the constant c (default [1, 2, 3, 4] of
    shape [1, 4]): (builder, c's index), for cases that move or corrupt c's buffer."""
    if constant is None:
        constant = np.arange(1, 5, dtype=np.float32).reshape(1, 4)
    b = ModelBuilder()
    x = b.input(list(constant.shape), np.float32)
    c = b.const(constant)
    y = b.tensor(list(constant.shape), np.float32)
    b.op("ADD", [x, c], [y], "AddOptions")
    b.output(y)
    return b, c


def _two_op(mutate: Callable[[object], None]) -> Callable[[], bytes]:
    def make() -> bytes:
        m = two_op_builder().model()
        mutate(m)
        return pack(m)
    return make


def _set(path: str, value: object) -> Callable[[object], None]:
    """A mutation setting an attribute path such as "subgraphs.0.operators.1.inputs"."""
    *parents, last = path.split(".")

    def mutate(m: object) -> None:
        obj = m
        for p in parents:
            obj = obj[int(p)] if p.isdigit() else getattr(obj, p)  # type: ignore[index]
        setattr(obj, last, value)
    return mutate


PLACEHOLDER = 0x5A5A5A5A5A5A5A58  # a Buffer.offset easy to find and rewrite in the bytes


def extended(offset: Optional[int] = None, size: int = 16, variable: bool = False) -> bytes:
    """const_add_builder's model with c's data stored after the FlatBuffer, as models over
    2 GB keep it: Buffer.offset and Buffer.size (64-bit fields) instead of Buffer.data. offset
    None puts the data there, at the first 16-byte boundary after the FlatBuffer; a number
    writes that offset and appends nothing. variable marks c a variable tensor."""
    b, c = const_add_builder()
    m = b.model()
    t = m.subgraphs[0].tensors[c]
    t.isVariable = variable
    buf = m.buffers[t.buffer]
    data = bytes(buf.data)
    buf.data, buf.offset, buf.size = None, PLACEHOLDER, size
    flat = pack(m)
    at = flat.find(struct.pack("<Q", PLACEHOLDER))
    assert at > 0 and flat.find(struct.pack("<Q", PLACEHOLDER), at + 1) < 0
    tail = b""
    if offset is None:
        offset = len(flat) + (-len(flat) % 16)
        tail = b"\0" * (offset - len(flat)) + data
    return flat[:at] + struct.pack("<Q", offset) + flat[at + 8:] + tail


LARGEST_TENSOR = 0x3FFFFFF0  # ZTFLM_MAX_SIZE: the most bytes a tensor may have


def plan_past_2_32() -> bytes:
    """Four int8 tensors of LARGEST_TENSOR bytes and one of 60, each a graph input and a graph
    output, so all five live at once beside a RELU: the plan spans 2^32 - 4 bytes, which a
    32-bit sum wraps to a plan that fits any arena. Nothing in the file is large."""
    b = ModelBuilder()
    x = b.input([1, 4], np.float32)
    y = b.tensor([1, 4], np.float32)
    b.op("RELU", [x], [y])
    b.output(y)
    for size in [LARGEST_TENSOR] * 4 + [60]:
        t = b.input([size], np.int8)
        b.output(t)
    return b.build()


def const_graph_io(kind: str) -> bytes:
    """const_add_builder's model with its constant c also a graph input or a graph output."""
    b, c = const_add_builder()
    m = b.model()
    g = m.subgraphs[0]
    if kind == "input":
        g.inputs = [*g.inputs, c]
    else:
        g.outputs = [*g.outputs, c]
    return pack(m)


# A custom op name that would forge a second error line and clear the screen.
HOSTILE_NAME = "Evil\nztflm: error: forged\r\x1b[2J"


def custom_op(name: str) -> bytes:
    """x -> CUSTOM op name -> y, which no resolver has."""
    b = ModelBuilder()
    x = b.input([1, 4], np.float32)
    y = b.tensor([1, 4], np.float32)
    b.op("CUSTOM", [x], [y], custom_name=name)
    b.output(y)
    return b.build()


def one_op(name: str, inputs: list, out_shape: list, options: Optional[str] = None,
           dtype: type = np.float32, **fields: object) -> Callable[[], bytes]:
    """A one-operator model: inputs are shapes (graph inputs of dtype) or arrays (constants)."""
    def make() -> bytes:
        b = ModelBuilder()
        ins = [b.input(i, dtype) if isinstance(i, list) else b.const(i) for i in inputs]
        y = b.tensor(out_shape, dtype)
        b.op(name, ins, [y], options, **fields)
        b.output(y)
        return b.build()
    return make


def _i32(*values: object) -> np.ndarray:
    return np.array(values, np.int32)


def _arg_max_past_the_rank() -> bytes:
    b = ModelBuilder()
    x = b.input([2, 3], np.float32)
    y = b.tensor([2], np.int32)
    b.op("ARG_MAX", [x, b.const(_i32(2))], [y], "ArgMaxOptions", output_type=2)
    b.output(y)
    return b.build()


def _int16_batch_matmul(out_scale: float) -> bytes:
    b = ModelBuilder()
    x = b.input([3, 5], np.int16, scale=1.0, zero_point=0)
    w = b.input([5, 2], np.int16, scale=1.0, zero_point=0)
    y = b.tensor([3, 2], np.int16, scale=out_scale, zero_point=0)
    b.op("BATCH_MATMUL", [x, w], [y], "BatchMatMulOptions")
    b.output(y)
    return b.build()


# Issue 13, parts B and D: each operator's parameter checks, name -> (bytes, the error they
# give).
# Without them each of these reads or writes outside a tensor in TFLM or in a kernel here.
SPATIAL_PARAMETERS: dict[str, tuple[Callable[[], bytes], str]] = {
    "GATHER axis outside the input": (
        one_op("GATHER", [[4, 3], [2, 2]], [4, 2, 2], "GatherOptions", axis=2),
        "axis 2 is outside an input of rank 2"),
    "GATHER constant position outside its axis": (
        one_op("GATHER", [[4, 3], _i32(1, 4)], [2, 3], "GatherOptions"),
        r"index 1 is 4, outside \[0, 4\)"),
    "GATHER_ND index depth above the params' rank": (
        one_op("GATHER_ND", [[4, 3], _i32([0, 1, 2])], [1], "GatherNdOptions"),
        "indices have 3 components for params of rank 2"),
    "EMBEDDING_LOOKUP constant id below the table": (
        one_op("EMBEDDING_LOOKUP", [_i32(0, -1), [5, 3]], [2, 3]),
        r"index 1 is -1, outside \[0, 5\)"),
    "MIRROR_PAD reflected padding as large as its dimension": (
        one_op("MIRROR_PAD", [[3, 2], _i32([3, 0], [0, 0])], [6, 2], "MirrorPadOptions"),
        "padding 3 and 0 of dimension 0: not within 0..2"),
    "SPACE_TO_DEPTH block size 0": (
        one_op("SPACE_TO_DEPTH", [[1, 4, 4, 1]], [1, 4, 4, 1], "SpaceToDepthOptions"),
        "block size 0 is not positive"),
    "DEPTH_TO_SPACE block size whose square wraps 32 bits": (
        one_op("DEPTH_TO_SPACE", [[0, 1, 1, 1]], [0, 65536, 65536, 0], "DepthToSpaceOptions",
               block_size=65536),
        "block size 65536 is not positive or too large"),
    "SPACE_TO_BATCH_ND batches past int32": (
        one_op("SPACE_TO_BATCH_ND", [[1, 0, 0, 1], _i32(65536, 65536), _i32([0, 0], [0, 0])],
               [1, 0, 0, 1], "SpaceToBatchNDOptions"),
        "output batches overflow int32"),
    "BATCH_TO_SPACE_ND block shape whose product wraps 32 bits": (
        one_op("BATCH_TO_SPACE_ND", [[4, 1, 1, 1], _i32(65536, 65536), _i32([0, 0], [0, 0])],
               [0, 65536, 65536, 1], "BatchToSpaceNDOptions"),
        "input batches 4 are not a multiple of 65536 x 65536 blocks"),
    "BATCH_TO_SPACE_ND short block shape": (
        one_op("BATCH_TO_SPACE_ND", [[4, 2, 2, 1], _i32(2), _i32([0, 0], [0, 0])],
               [1, 4, 4, 1], "BatchToSpaceNDOptions"),
        "block shape has 1 values, not 2"),
    "RESIZE_BILINEAR size of one value": (
        one_op("RESIZE_BILINEAR", [[1, 2, 2, 1], _i32(4)], [1, 4, 4, 1],
               "ResizeBilinearOptions"),
        "the size must be an int32 tensor of 2 values"),
    "RESIZE_NEAREST_NEIGHBOR of an empty input to a full output": (
        one_op("RESIZE_NEAREST_NEIGHBOR", [[1, 0, 2, 1], _i32(4, 4)], [1, 4, 4, 1],
               "ResizeNearestNeighborOptions"),
        "an empty input cannot be resized to 4 x 4"),
    "AVERAGE_POOL_2D int16 window whose int32 sum TFLM can overflow": (
        one_op("AVERAGE_POOL_2D", [[1, 1, 65537, 1]], [1, 1, 1, 1], "Pool2DOptions",
               dtype=np.int16, padding="VALID", stride_h=1, stride_w=1, filter_height=1,
               filter_width=65537),
        "int16 window of 1 x 65537 values may overflow"),
    "TRANSPOSE_CONV output shape that is not the output's": (
        one_op("TRANSPOSE_CONV", [_i32(1, 8, 9, 1), np.ones([1, 3, 3, 1], np.float32),
                                  [1, 4, 4, 1]], [1, 8, 8, 1], "TransposeConvOptions",
               stride_h=2, stride_w=2),
        "output shape value 2 is 9 but the output's dimension is 8"),
    "TRANSPOSE_CONV input the output's window does not give": (
        one_op("TRANSPOSE_CONV", [_i32(1, 8, 8, 1), np.ones([1, 3, 3, 1], np.float32),
                                  [1, 5, 4, 1]], [1, 8, 8, 1], "TransposeConvOptions",
               stride_h=2, stride_w=2),
        "input is 5 x 4, but the convolution it transposes gives 4 x 4"),
    "ARG_MAX axis past the rank": (_arg_max_past_the_rank, "axis 2 is out of range for rank 2"),
    "BATCH_MATMUL depths that differ": (
        one_op("BATCH_MATMUL", [[3, 5], [4, 2]], [3, 2], "BatchMatMulOptions"),
        "LHS depth 5 is not RHS depth 4"),
    "BATCH_MATMUL batches that do not broadcast": (
        one_op("BATCH_MATMUL", [[2, 3, 5], [3, 5, 2]], [3, 3, 2], "BatchMatMulOptions"),
        "batch dimension 0: LHS has 2, RHS 3, neither 1"),
    "BATCH_MATMUL adjoint depth that differs": (
        one_op("BATCH_MATMUL", [[3, 5], [5, 2]], [5, 2], "BatchMatMulOptions", adj_x=True),
        "LHS depth 3 is not RHS depth 5"),
    "BATCH_MATMUL rank 6": (
        one_op("BATCH_MATMUL", [[1, 1, 1, 1, 3, 5], [5, 2]], [1, 1, 1, 1, 3, 2],
               "BatchMatMulOptions"),
        "LHS rank 6 and RHS rank 2 must be 2 to 5"),
    "BATCH_MATMUL int16 rescale shift past 14": (
        lambda: _int16_batch_matmul(1.0 / 40000), "int16 output rescale shift 16 is above 14"),
    "CUMSUM axis past the rank": (
        one_op("CUMSUM", [[2, 3], _i32(-3)], [2, 3], "CumsumOptions"),
        "axis -3 is out of range for rank 2"),
    "L2_NORMALIZATION rank 5": (
        one_op("L2_NORMALIZATION", [[1, 1, 1, 2, 3]], [1, 1, 1, 2, 3], "L2NormOptions"),
        "input rank 5 is not 1 to 4"),
    "L2_POOL_2D stride 0": (
        one_op("L2_POOL_2D", [[1, 4, 4, 1]], [1, 2, 2, 1], "Pool2DOptions", padding="VALID",
               stride_h=0, stride_w=2, filter_height=2, filter_width=2),
        "invalid window"),
    "LOG_SOFTMAX output of another shape": (
        one_op("LOG_SOFTMAX", [[2, 3]], [3, 2], "LogSoftmaxOptions"),
        "output dimension 0 is 3, not 2"),
    "SUM axis past the rank": (
        one_op("SUM", [[2, 3], _i32(3)], [2], "ReducerOptions"),
        "axis 3 is out of range for rank 2"),
    "REDUCE_MAX output of another rank": (
        one_op("REDUCE_MAX", [[2, 3], _i32(1)], [2, 1, 1], "ReducerOptions", keep_dims=True),
        "output has rank 3 but the reduction has rank 2"),
}


def signal_window(options: Any) -> bytes:
    """x, constant weights -> SignalWindow -> y: a custom operator whose FlexBuffer options
    (a dict, or the bytes as given) hold one integer, 'shift'."""
    b = ModelBuilder()
    x = b.input([8], np.int16)
    w = b.const(np.ones(8, np.int16))
    y = b.tensor([8], np.int16)
    b.custom("SignalWindow", [x, w], [y], options)
    b.output(y)
    return b.build()


def svdf(rank: int = 1, memory: int = 2, bias: bool = True) -> bytes:
    """x [1, 4] -> SVDF (4 filters, float32) -> y [1, 4 / rank]; an empty memory makes the time
    weights a graph input (an empty constant has no data)."""
    b = ModelBuilder()
    x = b.input([1, 4], np.float32)
    wf = b.const(np.ones((4, 4), np.float32))
    wt = b.const(np.ones((4, memory), np.float32)) if memory else b.input([4, 0], np.float32)
    bi = b.const(np.zeros(4 // max(rank, 1), np.float32)) if bias else -1
    st = b.tensor([1, 4 * memory], np.float32, is_variable=True)
    y = b.tensor([1, 4 // max(rank, 1)], np.float32)
    b.op("SVDF", [x, wf, wt, bi, st], [y], "SVDFOptions", rank=rank)
    b.output(y)
    return b.build()


def _flex(edit: Callable[[bytearray], object]) -> Callable[[], bytes]:
    """SignalWindow with its options {"shift": 3} edited in place. Their 16 bytes: the key
    "shift" (0-5), the keys vector (6, 7), the map (8: keys offset, 9: keys width, 10: size,
    11: value, 12: packed type) and the root (13: offset, 14: packed type, 15: width)."""
    def make() -> bytes:
        data = bytearray.fromhex("73686966740001070101010304022401")
        edit(data)
        return signal_window(bytes(data))
    return make


# Damaged custom options (issue 16): name -> (model, the error it must give).
FLEXBUFFER: dict[str, tuple[Callable[[], bytes], str]] = {
    "custom options map larger than its bytes": (
        _flex(lambda d: d.__setitem__(10, 0x7f)), "custom options: truncated at byte 10"),
    "custom options root of width 3": (
        _flex(lambda d: d.__setitem__(15, 3)), "custom options: bad width at byte 15"),
    "custom options root offset before the start": (
        _flex(lambda d: d.__setitem__(13, 0x7f)),
        "custom options: offset out of range at byte 13"),
    "custom options cut to their last 13 bytes": (
        _flex(lambda d: d.__delitem__(slice(0, 3))),
        "custom options: offset out of range at byte 4"),
    "custom option of a float where TFLM reads an integer": (
        lambda: signal_window({"shift": 1.5}), "custom option 'shift' has FlexBuffer type 3"),
    "custom option missing": (
        lambda: signal_window({"other": 1}), "custom option 'shift' is missing"),
    "custom options keys out of order": (
        lambda: signal_window(bytes.fromhex("616c70686100736869667400020d08020102010304040424"
                                            "01").replace(b"alpha", b"zlpha")),
        "custom options: bad key at byte 14"),
}


def detection(boxes: int = 6, anchors: int = 6, entries: int = 3, **options: Any) -> bytes:
    """TFLite_Detection_PostProcess on 3 classes and a background: options changed by
    options, anchors for anchors boxes, outputs of entries detections."""
    b = ModelBuilder()
    box = b.input([1, boxes, 4], np.float32)
    cls = b.input([1, boxes, 4], np.float32)
    a = b.const(np.tile(np.array([0.5, 0.5, 0.2, 0.2], np.float32), (anchors, 1)))
    outs = [b.tensor([1, entries, 4], np.float32), b.tensor([1, entries], np.float32),
            b.tensor([1, entries], np.float32), b.tensor([1], np.float32)]
    b.custom("TFLite_Detection_PostProcess", [box, cls, a], outs,
             {"max_detections": 3, "max_classes_per_detection": 1, "nms_score_threshold": 0.3,
              "nms_iou_threshold": 0.5, "num_classes": 3, "y_scale": 10.0, "x_scale": 10.0,
              "h_scale": 5.0, "w_scale": 5.0, **options})
    for t in outs:
        b.output(t)
    return b.build()


# Detection post-process parameters TFLM overruns or fails on: name -> (model, error).
DETECTION: dict[str, tuple[Callable[[], bytes], str]] = {
    "detection post-process with fewer anchors than boxes": (
        lambda: detection(anchors=5), "anchors hold 20 values, not 4 for each of 6 boxes"),
    "detection post-process outputs smaller than max_detections": (
        lambda: detection(entries=2), "outputs too small"),
    "detection post-process with 2 classes per detection in converter-sized outputs": (
        lambda: detection(entries=6, max_classes_per_detection=2), "outputs too small"),
    "detection post-process num_classes beyond the scores": (
        lambda: detection(num_classes=5), "scores hold 4 classes for num_classes 5"),
    "detection post-process IoU threshold of 0": (
        lambda: detection(nms_iou_threshold=0.0), "'nms_iou_threshold' must be in"),
}


Quant = tuple[Optional[float], int]


def elementwise(name: str, shapes: list[list[int]], out_shape: list[int], dtype: type = np.float32,
                quant: Optional[list[Quant]] = None, out: Optional[type] = None,
                out_quant: Quant = (None, 0)) -> Callable[[], bytes]:
    """One element-wise operator over graph inputs of shapes, dtype and quant (scale, zero
    point) each, into out_shape of type out (dtype by default)."""
    def make() -> bytes:
        b = ModelBuilder()
        qs = quant or [(None, 0)] * len(shapes)
        ins = [b.input(s, dtype, scale=q[0], zero_point=q[1]) for s, q in zip(shapes, qs)]
        y = b.tensor(out_shape, out or dtype, scale=out_quant[0], zero_point=out_quant[1])
        b.op(name, ins, [y])
        b.output(y)
        return b.build()
    return make


# Issue 13, part C: the arithmetic, comparison and logic operators' parameter checks, name ->
# (bytes, the error after "OP (builtin N) at node 0: "). Each is an input TFLM aborts on,
# computes wrongly or would read or write outside a tensor on.
ELEMENTWISE_PARAMETERS: dict[str, tuple[Callable[[], bytes], str]] = {
    "LESS int8 input scale of 1 (TFLM aborts)": (
        elementwise("LESS", [[2], [2]], [2], np.int8, [(0.1, 0), (1.0, 0)], np.bool_),
        "input 1's scale is not below 1"),
    "EQUAL broadcast into an output of another shape": (
        elementwise("EQUAL", [[4, 1], [1, 5]], [5, 4], out=np.bool_),
        "output dimension 0 is 5 but the inputs broadcast to 4"),
    "GREATER broadcast at rank 8": (
        elementwise("GREATER", [[2, 1, 3, 1, 2, 2, 1, 2], [1, 3, 1, 2, 1, 2, 2, 1]],
                    [2, 3, 3, 2, 2, 2, 2, 2], out=np.bool_),
        "rank 8: TFLM runs element-wise binary operators up to rank 7"),
    "LOGICAL_NOT output of another size": (
        elementwise("LOGICAL_NOT", [[2, 3]], [7], np.bool_),
        "input has 6 elements but output has 7"),
    "ADD_N inputs of two shapes": (
        elementwise("ADD_N", [[2, 3], [3, 2]], [2, 3]), "input 1's shape is not input 0's"),
    "RSQRT int16 zero point other than 0": (
        elementwise("RSQRT", [[4]], [4], np.int16, [(0.1, 2)], out_quant=(0.1, 0)),
        "int16 tensor 0 needs a zero point of 0, not 2"),
    "DIV int8 scale ratio past 2^23": (
        elementwise("DIV", [[4], [4]], [4], np.int8, [(1000.0, 0), (1e-4, 0)],
                    out_quant=(1e-4, 0)),
        r"input 0's scale over input 1's and the output's is outside 2\^-26 to 2\^23"),
}



def _if_edit(edit: Callable[[Any], object]) -> Callable[[], bytes]:
    """control_flow_models.if_model with its object-API model edited before packing."""
    def make() -> bytes:
        from control_flow_models import if_model

        m = schema.ModelT.InitFromPackedBuf(if_model(), 0)
        edit(m)
        return pack(m)
    return make


def _while_edit(edit: Callable[[Any], object]) -> Callable[[], bytes]:
    def make() -> bytes:
        from control_flow_models import while_model

        m = schema.ModelT.InitFromPackedBuf(while_model(), 0)
        edit(m)
        return pack(m)
    return make


def _if_op(m: Any) -> Any:
    return m.subgraphs[0].operators[0]


def _while_op(m: Any) -> Any:
    return m.subgraphs[0].operators[2]


def _call_once_into(m: Any, into: int, init: int) -> None:
    """A CALL_ONCE of subgraph init put first into subgraph into."""
    code = schema.OperatorCodeT()
    code.builtinCode = schema.BuiltinOperator.CALL_ONCE
    code.deprecatedBuiltinCode = 127  # past int8: the code is in builtinCode
    code.version = 1
    m.operatorCodes.append(code)
    op = schema.OperatorT()
    op.opcodeIndex = len(m.operatorCodes) - 1
    op.inputs, op.outputs = [], []
    op.builtinOptionsType = schema.BuiltinOptions.CallOnceOptions
    op.builtinOptions = schema.CallOnceOptionsT()
    op.builtinOptions.initSubgraphIndex = init
    m.subgraphs[into].operators.insert(0, op)


def _branch_tensor(m: Any, sg: int, **changes: Any) -> None:
    for k, v in changes.items():
        setattr(m.subgraphs[sg].tensors[0], k, v)


def self_calling_branch() -> bytes:
    """IF(c, c, x) into subgraph 1, which does the same IF into itself: arities agree, so
    TFLM's prepare passes and its planner recurses without end."""
    b = ModelBuilder()
    graphs = [b, b.subgraph()]
    for g in graphs:
        c = g.input([1], np.bool_)
        x = g.input([2], np.float32)
        y = g.tensor([2], np.float32)
        g.op("IF", [c, c, x], [y], "IfOptions", then_subgraph_index=1, else_subgraph_index=1)
        g.output(y)
    return b.build()


# Issue 14: subgraphs and control flow. TFLM recurses without end on a subgraph that calls
# itself, reads IfOptions it does not have, and reads a loop's condition past its outputs:
# ztflm refuses each, naming what is wrong.
CONTROL_FLOW: dict[str, tuple[Callable[[], bytes], str]] = {
    "IF whose then branch is the caller (recursion)": (
        _if_edit(lambda m: setattr(_if_op(m).builtinOptions, "thenSubgraphIndex", 0)),
        "subgraph 0 calls subgraph 0, which is running \\(recursion\\)"),
    "IF branches calling each other (indirect recursion)": (
        _if_edit(lambda m: (_call_once_into(m, 1, 2), _call_once_into(m, 2, 1))),
        "subgraph 2 calls subgraph 1, which is running \\(recursion\\)"),
    "IF branch calling itself": (
        lambda: self_calling_branch(), "subgraph 1 calls subgraph 1, which is running"),
    "CALL_ONCE of its own subgraph": (
        _if_edit(lambda m: _call_once_into(m, 1, 1)),
        "subgraph 1 calls subgraph 1, which is running \\(recursion\\)"),
    "IF subgraph index past the last": (
        _if_edit(lambda m: setattr(_if_op(m).builtinOptions, "elseSubgraphIndex", 3)),
        "subgraph index 3 outside 0..2"),
    "IF negative subgraph index": (
        _if_edit(lambda m: setattr(_if_op(m).builtinOptions, "thenSubgraphIndex", -1)),
        "subgraph index -1 outside 0..2"),
    "IF with WhileOptions": (
        _if_edit(lambda m: (setattr(_if_op(m), "builtinOptionsType",
                                    schema.BuiltinOptions.WhileOptions),
                            setattr(_if_op(m), "builtinOptions", schema.WhileOptionsT()))),
        "its options are not IF options"),
    "IF without options": (
        _if_edit(lambda m: (setattr(_if_op(m), "builtinOptionsType", 0),
                            setattr(_if_op(m), "builtinOptions", None))),
        "its options are not IF options"),
    "IF branch with one input too many": (
        _if_edit(lambda m: setattr(m.subgraphs[1], "inputs", [*m.subgraphs[1].inputs, 0])),
        "has 1 inputs for the 2 inputs of subgraph 1"),
    "IF branch input of another type": (
        _if_edit(lambda m: _branch_tensor(m, 2, type=schema.TensorType.INT32)),
        "input 1 is FLOAT32 of rank 2, input 0 of subgraph 2 INT32 of rank 2"),
    "IF branch input of another shape": (
        _if_edit(lambda m: _branch_tensor(m, 1, shape=[3, 2])),
        "input 1 has dimension 0 of 2, subgraph 1's input 0 has 3"),
    "IF condition of two elements": (
        _if_edit(lambda m: setattr(m.subgraphs[0].tensors[0], "shape", [2])),
        "the condition \\(input 0\\) is BOOL of 2 elements, not one bool"),
    "WHILE cond giving an int32": (
        _while_edit(lambda m: setattr(m.subgraphs[1].tensors[3], "type",
                                      schema.TensorType.INT32)),
        "cond subgraph 1 must give a bool as its output 0"),
    "WHILE with more inputs than outputs": (
        _while_edit(lambda m: setattr(_while_op(m), "inputs", [*_while_op(m).inputs, 1])),
        "has 3 inputs and 2 outputs: a loop's must pair up"),
    "WHILE body giving another shape": (
        _while_edit(lambda m: setattr(m.subgraphs[2].tensors[4], "shape", [4])),
        "output 1 has dimension 0 of 3, subgraph 2's output 1 has 4"),
}



def _variable_edit(edit: Callable[[Any], object], dtype: Any = np.float32) -> Callable[[], bytes]:
    """control_flow_models.variable_model with its object-API model edited before packing:
    subgraph 0 is CALL_ONCE, VAR_HANDLE, READ_VARIABLE, MUL, ADD, VAR_HANDLE, ASSIGN_VARIABLE;
    subgraph 1 VAR_HANDLE, ASSIGN_VARIABLE of a constant."""
    def make() -> bytes:
        from control_flow_models import variable_model

        m = schema.ModelT.InitFromPackedBuf(variable_model(dtype), 0)
        edit(m)
        return pack(m)
    return make


def _drop_assigns(m: Any) -> None:
    for g in m.subgraphs:
        g.operators = [op for op in g.operators
                       if m.operatorCodes[op.opcodeIndex].builtinCode
                       != schema.BuiltinOperator.ASSIGN_VARIABLE]


def _flex(options: dict) -> bytes:
    from flatbuffers import flexbuffers
    return bytes(flexbuffers.Dumps(options))


def circular_buffer(cycles: object = 2, in_shape: tuple[int, ...] = (1, 1, 1, 4),
                    out_shape: tuple[int, ...] = (1, 3, 1, 4), dtype: Any = np.int8,
                    out_dtype: Any = None, valid: Optional[tuple[list[int], Any]] = None,
                    options: Optional[bytes] = None) -> bytes:
    """A CIRCULAR_BUFFER node (TFLM's custom streaming operator) over graph input and
    output: cycles_max given as cycles (None: no options), or options as raw bytes."""
    b = ModelBuilder()
    i = b.input(list(in_shape), dtype, scale=0.5, zero_point=3)
    outs = [b.tensor(list(out_shape), out_dtype or dtype, scale=0.5, zero_point=3,
                     is_variable=True)]
    if valid is not None:
        outs.append(b.tensor(*valid))
    if options is None:
        options = b"" if cycles is None else _flex({"cycles_max": cycles})
    b.custom("CIRCULAR_BUFFER", [i], outs, options)
    for o in outs:
        b.output(o)
    return b.build()


# Issue 14: CIRCULAR_BUFFER's options and shapes. TFLM picks a missing or non-positive
# cycles_max from a process-wide count, reads dimensions 0 to 3 whatever the rank, memmoves a
# negative size without a slot and shifts only the first batch; ztflm refuses each.
CIRCULAR_BUFFER: dict[str, tuple[Callable[[], bytes], str]] = {
    "circular buffer without options": (
        lambda: circular_buffer(None), "custom option 'cycles_max' is missing"),
    "circular buffer with cycles_max 0": (
        lambda: circular_buffer(0), "'cycles_max' is 0, outside 1"),
    "circular buffer with a negative cycles_max": (
        lambda: circular_buffer(-3), "'cycles_max' is -3, outside 1"),
    "circular buffer with a float cycles_max": (
        lambda: circular_buffer(2.0), "'cycles_max' has FlexBuffer type"),
    "circular buffer with another key": (
        lambda: circular_buffer(options=_flex({"a": 5, "cycles_max": 2})),
        "custom options hold 2 keys"),
    "circular buffer of rank 3": (
        lambda: circular_buffer(in_shape=(1, 1, 4), out_shape=(1, 3, 4)),
        "input and output need rank 4, not 3 and 3"),
    "circular buffer input of 2 rows": (
        lambda: circular_buffer(in_shape=(1, 2, 1, 4)),
        r"input \[1, 2, 1, 4\] does not fit output \[1, 3, 1, 4\]"),
    "circular buffer of another depth": (
        lambda: circular_buffer(out_shape=(1, 3, 1, 5)), "does not fit output"),
    "circular buffer of batch 2": (
        lambda: circular_buffer(in_shape=(2, 1, 1, 4), out_shape=(2, 3, 1, 4)),
        r"needs a batch of 1 and 1 slot or more \(output \[2, 3"),
    "circular buffer without a slot": (
        lambda: circular_buffer(out_shape=(1, 0, 1, 4)), "1 slot or more"),
    "circular buffer whose valid output is int8": (
        lambda: circular_buffer(valid=([1], np.int8)), "output 1 must be one bool"),
    "circular buffer whose valid output has 2 bools": (
        lambda: circular_buffer(valid=([2], np.bool_)), "output 1 must be one bool"),
}


# Issue 14: resource variables. TFLM copies from a variable no assignment allocated (a null
# buffer), and checks a read's size only in debug builds: ztflm refuses each.
RESOURCE_VARIABLES: dict[str, tuple[Callable[[], bytes], str]] = {
    "resource variable read but never assigned": (
        _variable_edit(_drop_assigns), "resource variable 'state' is read but never assigned"),
    "resource variable assigned another type": (
        _variable_edit(lambda m: setattr(m.subgraphs[1].tensors[1], "type",
                                         schema.TensorType.INT32)),
        "variable 0 is 16 bytes of FLOAT32, not 16 of INT32"),
    "resource variable assigned another size": (
        _variable_edit(lambda m: (setattr(m.subgraphs[1].tensors[1], "shape", [1, 2]),
                                  setattr(m.buffers[m.subgraphs[1].tensors[1].buffer], "data",
                                          np.zeros(8, np.uint8)))),
        "variable 0 is 16 bytes of FLOAT32, not 8 of FLOAT32"),
    "READ_VARIABLE of a tensor no VAR_HANDLE writes": (
        _variable_edit(lambda m: setattr(m.subgraphs[0].operators[2], "inputs", [0])),
        "input 0 is FLOAT32 of 4 elements, not one resource"),
    "VAR_HANDLE without a shared name": (
        _variable_edit(lambda m: setattr(m.subgraphs[0].operators[1].builtinOptions,
                                         "sharedName", None)),
        "VAR_HANDLE node 1 has no shared name inside the model"),
}


# Semantically malformed two-op models: name -> bytes (the host tests pin each one's error).
SEMANTIC: dict[str, Callable[[], bytes]] = {
    "operator input out of range": _two_op(_set("subgraphs.0.operators.1.inputs", [99])),
    "negative operator output": _two_op(_set("subgraphs.0.operators.0.outputs", [-1])),
    "graph input out of range": _two_op(_set("subgraphs.0.inputs", [7])),
    "opcode index out of range": _two_op(_set("subgraphs.0.operators.0.opcodeIndex", 5)),
    "buffer index out of range": _two_op(_set("subgraphs.0.tensors.1.buffer", 40)),
    "negative dimension": _two_op(_set("subgraphs.0.tensors.1.shape", [1, -4])),
    "byte size overflows 32 bits": _two_op(_set("subgraphs.0.tensors.2.shape",
                                                [65536, 65536, 4])),
    "no subgraph": _two_op(_set("subgraphs", [])),
    "no operators": _two_op(_set("subgraphs.0.operators", [])),
    "schema version 2": _two_op(_set("version", 2)),
    "unknown builtin": _two_op(lambda m: (_set("operatorCodes.0.builtinCode", 250)(m),
                                          _set("operatorCodes.0.deprecatedBuiltinCode", 127)(m))),
    "33 subgraphs": _two_op(lambda m: setattr(m, "subgraphs", [m.subgraphs[0]] * 33)),
    "operators out of order": _two_op(lambda m: m.subgraphs[0].operators.reverse()),
    "tensor written twice, output never produced": _two_op(
        _set("subgraphs.0.operators.1.outputs", [1])),
    # Issue 11: each of these passed the runtime's checks and read or wrote out of bounds.
    "buffer offset near 2^64 wraps its bounds check": lambda: extended(2**64 - 16),
    "variable tensor whose buffer offset wraps to 12 bytes before the model":
        lambda: extended(2**64 - 12, variable=True),
    "activations spanning 2^32 bytes": plan_past_2_32,
    "constant graph input": lambda: const_graph_io("input"),
    "constant graph output": lambda: const_graph_io("output"),
    "custom op name with control characters": lambda: custom_op(HOSTILE_NAME),
    **{name: make for name, (make, _) in SPATIAL_PARAMETERS.items()},
    **{name: make for name, (make, _) in FLEXBUFFER.items()},
    **{name: make for name, (make, _) in DETECTION.items()},
    # Issue 14: TFLM divides by the rank, shifts an empty state past its end, and crashes
    # without a bias; ztflm refuses each.
    "SVDF of rank 0": lambda: svdf(rank=0),
    "SVDF with an empty state": lambda: svdf(memory=0),
    "SVDF without a bias": lambda: svdf(bias=False),
    **{name: make for name, (make, _) in CONTROL_FLOW.items()},
    **{name: make for name, (make, _) in RESOURCE_VARIABLES.items()},
    # The verifier refuses a state whose 2^32 values wrap a 32-bit count before the LSTM sees it.
    "LSTM cell state of 65536 x 65536 values": lambda: lstm(edit=_lstm_shape("c", [65536, 65536])),

    **{name: make for name, (make, _) in CIRCULAR_BUFFER.items()},
    **{name: make for name, (make, _) in ELEMENTWISE_PARAMETERS.items()},
}


def one_op(op: str, inputs: list, outputs: list, options: Optional[str] = None,
           **fields: object) -> Callable[[], bytes]:
    """A model of one operator: each input a (shape, dtype) graph input or an array (a
    constant), each output a (shape, dtype) graph output."""
    def make() -> bytes:
        b = ModelBuilder()
        ins = [b.const(i) if isinstance(i, np.ndarray) else b.input(*i) for i in inputs]
        outs = [b.tensor(*o) for o in outputs]
        b.op(op, ins, outs, options, **fields)
        for o in outs:
            b.output(o)
        return b.build()
    return make


def _i32(*v: int) -> np.ndarray:
    return np.array(v, np.int32)


def _lstm_absent(i: int) -> Callable[[ModelBuilder, dict], None]:
    def edit(b: ModelBuilder, t: dict) -> None:
        b.operators[0].inputs[i] = -1
    return edit


def _lstm_shape(name: str, shape: list) -> Callable[[ModelBuilder, dict], None]:
    def edit(b: ModelBuilder, t: dict) -> None:
        b.tensors[t[name]].shape = shape
    return edit


def _lstm_constant_state(b: ModelBuilder, t: dict) -> None:
    """The hidden state a plain constant: TFLM asserts is_variable."""
    b.operators[0].inputs[18] = b.const(np.zeros((2, 4), np.int8), scale=2 ** -7, zero_point=3)


F32 = np.float32
# Issue 13: each operator's parameter checks, as (model, the error's words, status name).
OPERATOR_PARAMETERS: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "strided slice stride 0": (one_op(
        "STRIDED_SLICE", [([2, 3], F32), _i32(0, 0), _i32(2, 3), _i32(0, 1)], [([2, 3], F32)],
        "StridedSliceOptions"), "stride 0 is 0", "MODEL"),
    "strided slice shrinking an index past its axis": (one_op(
        "STRIDED_SLICE", [([2, 3], F32), _i32(5, 0), _i32(6, 3), _i32(1, 1)], [([3], F32)],
        "StridedSliceOptions", shrink_axis_mask=1), "shrunk index 5 is outside", "MODEL"),
    "strided slice stride -2^31 from begin 2^31 - 1": (one_op(
        "STRIDED_SLICE", [([2, 3], F32), _i32(2**31 - 1, 0), _i32(-2**31, 3), _i32(-2**31, 1)],
        [([2, 3], F32)], "StridedSliceOptions"), "output dimension 0 is 2, the slice's is 1",
        "MODEL"),
    "strided slice of more than 8 axes through new axes": (one_op(
        "STRIDED_SLICE", [([2], F32), _i32(*[0] * 9), _i32(*[2] * 9), _i32(*[1] * 9)],
        [([2] + [1] * 7, F32)], "StridedSliceOptions", new_axis_mask=0x1FE),
        "the slice has more than 8 axes", "MODEL"),
    "slice begin past 32 bits": (one_op(
        "SLICE", [([2, 3], F32), np.array([2**40, 0], np.int64), np.array([1, 3], np.int64)],
        [([1, 3], F32)]), "begin 2147483647 is outside 0..2 on axis 0", "MODEL"),
    "slice size -2": (one_op(
        "SLICE", [([2, 3], F32), _i32(0, 0), _i32(2, -2)], [([2, 3], F32)]),
        "size -2 from 0 on axis 1", "MODEL"),
    "squeeze of an axis of 3": (one_op(
        "SQUEEZE", [([1, 3], F32)], [([1], F32)], "SqueezeOptions", squeeze_dims=[1]),
        "not an axis of size 1", "MODEL"),
    "expand_dims axis past the rank": (one_op(
        "EXPAND_DIMS", [([2, 3], F32), _i32(5)], [([2, 3, 1], F32)]),
        "axis 5 is outside -3..2", "MODEL"),
    "pack values_count other than its inputs": (one_op(
        "PACK", [([2], F32), ([2], F32)], [([3, 2], F32)], "PackOptions", values_count=3),
        "values_count is 3 for 2 inputs", "MODEL"),
    "unpack num 0": (one_op(
        "UNPACK", [([2, 3], F32)], [([3], F32), ([3], F32)], "UnpackOptions", num=0),
        "num is 0 for 2 outputs", "MODEL"),
    "split axis outside the input": (one_op(
        "SPLIT", [_i32(2), ([4, 6], F32)], [([4, 3], F32), ([4, 3], F32)]),
        "axis 2 is outside the rank 2 input", "MODEL"),
    "split_v outputs short of the input": (one_op(
        "SPLIT_V", [([4, 6], F32), _i32(2, 3), _i32(1)], [([4, 2], F32), ([4, 3], F32)]),
        "the outputs add up to 5 along axis 1, the input has 6", "MODEL"),
    "reverse_v2 repeating an axis": (one_op(
        "REVERSE_V2", [([2, 3], F32), _i32(1, -1)], [([2, 3], F32)]),
        "axis entry 1 is -1: not an unused axis", "MODEL"),
    "broadcast_to a shape the input does not broadcast to": (one_op(
        "BROADCAST_TO", [([2, 3], F32), _i32(4, 3)], [([4, 3], F32)]),
        "input dimension 0 \\(2\\) does not broadcast to 4", "MODEL"),
    "broadcast_args output of another length": (one_op(
        "BROADCAST_ARGS", [([2], np.int32), ([3], np.int32)], [([2], np.int32)]),
        "the output must have shape \\[3\\]", "MODEL"),
    "select_v2 int8 condition": (one_op(
        "SELECT_V2", [([3], np.int8), ([3], F32), ([3], F32)], [([3], F32)]),
        "the condition has type INT8", "MODEL"),
    "fill dims other than the output's": (one_op(
        "FILL", [_i32(2, 4), ([], F32)], [([2, 3], F32)]),
        "dims entry 1 is not the output's dimension 3", "MODEL"),
    "dynamic_update_slice update larger than the operand": (one_op(
        "DYNAMIC_UPDATE_SLICE", [([3, 4], F32), ([4, 2], F32), ([2], np.int32)],
        [([3, 4], F32)]), "update dimension 0 \\(4\\) is larger than the operand's", "MODEL"),
    "cast to int64": (one_op("CAST", [([3], F32)], [([3], np.int64)]),
                      "output type INT64 is not supported", "UNSUPPORTED"),
    "shape output of another length": (one_op("SHAPE", [([2, 3], F32)], [([3], np.int32)]),
                                       "the output must have shape \\[2\\]", "MODEL"),
    # Issue 14: UNIDIRECTIONAL_SEQUENCE_LSTM's checks (tests/stateful_models.py's builder).
    "LSTM with a peephole, which TFLM refuses": (
        lambda: lstm(extra=(9,)), "input 9 is present", "UNSUPPORTED"),
    "LSTM without the input gate's weights": (lambda: lstm(edit=_lstm_absent(1)), "input 1",
                                              "MODEL"),
    "LSTM hidden state a constant, not a variable": (
        lambda: lstm(edit=_lstm_constant_state), "must be variable tensors", "MODEL"),
    "LSTM output steps other than the input's": (
        lambda: lstm(edit=_lstm_shape("y", [2, 4, 4])), "output must be", "MODEL"),
    "LSTM hidden state batches other than the input's": (
        lambda: lstm(edit=_lstm_shape("h", [3, 4])), "must hold 2 x 4 values", "MODEL"),
}
SEMANTIC.update({label: make for label, (make, _, _) in OPERATOR_PARAMETERS.items()})
