"""STRIDED_SLICE is bit-exact with TFLM on every mask, negative strides and indices, clamping,
empty slices (which TFLM refuses beside other axes) and every type TFLM slices (float32, int8,
int16, int32, bool); computes the
ellipsis, new-axis and offset options (which TFLM ignores) as TFLite defines them, checked
against numpy's indexing where TFLM refuses the node; and refuses what TFLM would run as
another slice or not run at all (a shrunk axis with a negative stride, fewer entries than axes)."""
from __future__ import annotations

from typing import Any, Optional

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

# One entry of a slice spec: ("s", begin, end, stride, begin_masked, end_masked), ("i", index)
# (a shrunk axis; ("i", index, "masked") with its begin mask bit set), ("...",) (ellipsis;
# ("...", "masked") with its begin and end mask bits set) or ("new",) (new axis).
Entry = tuple[Any, ...]


def encode(spec: list[Entry]) -> tuple[list[int], list[int], list[int], dict[str, int]]:
    """begin, end, strides and the option masks of a spec."""
    begin, end, strides = [], [], []
    masks = dict(begin_mask=0, end_mask=0, ellipsis_mask=0, new_axis_mask=0,
                 shrink_axis_mask=0)
    for i, e in enumerate(spec):
        if e[0] == "s":
            _, b, n, s, bm, em = e
            begin.append(b)
            end.append(0 if n is None else n)
            strides.append(s)
            masks["begin_mask"] |= bm << i
            masks["end_mask"] |= em << i
        elif e[0] == "i":
            begin.append(e[1])
            end.append(e[1] + 1)
            strides.append(1)
            masks["shrink_axis_mask"] |= 1 << i
            masks["begin_mask"] |= (e[2:] == ("masked",)) << i
        else:
            begin.append(0)
            end.append(0)
            strides.append(1)
            masks["ellipsis_mask" if e[0] == "..." else "new_axis_mask"] |= 1 << i
            if e[1:] == ("masked",):
                # begin and end masks too: TFLM, which ignores the ellipsis, takes it whole
                masks["begin_mask"] |= 1 << i
                masks["end_mask"] |= 1 << i
    return begin, end, strides, masks


def numpy_index(spec: list[Entry], shape: list[int], offset: bool = False) -> tuple[Any, ...]:
    """The spec as a numpy index (offset: end counts from the clamped begin, TFLite's rule)."""
    index: list[Any] = []
    axis = 0
    for e in spec:
        if e[0] == "s":
            _, b, n, s, bm, em = e
            start = None if bm else b
            if offset:
                start = slice(start, None, s).indices(shape[axis])[0]
                n = start + n
            index.append(slice(start, None if em else n, s))
            axis += 1
        elif e[0] == "i":
            index.append(e[1])
            axis += 1
        elif e[0] == "...":
            index.append(Ellipsis)
            axis = len(shape) - sum(1 for f in spec[spec.index(e) + 1:] if f[0] in "si")
        else:
            index.append(None)
    return tuple(index)


def build(shape: list[int], spec: list[Entry], dtype: Any = np.float32,
          out_shape: Optional[list[int]] = None, offset: bool = False,
          const: bool = True, index_dtype: Any = np.int32) -> bytes:
    begin, end, strides, masks = encode(spec)
    if out_shape is None:
        out_shape = list(np.zeros(shape, np.int8)[numpy_index(spec, shape, offset)].shape)
    b = ModelBuilder()
    x = b.input(shape, dtype)
    vectors = [np.array(v, index_dtype) for v in (begin, end, strides)]
    ins = [b.const(v) if const else b.input([len(v)], index_dtype) for v in vectors]
    y = b.tensor(out_shape, dtype)
    b.op("STRIDED_SLICE", [x, *ins], [y], "StridedSliceOptions", offset=offset, **masks)
    b.output(y)
    return b.build()


def sample(shape: list[int], dtype: Any) -> np.ndarray:
    rng = np.random.default_rng(len(shape))
    if np.dtype(dtype) == np.bool_:
        return rng.integers(0, 2, shape).astype(np.bool_)
    return (np.arange(int(np.prod(shape))).reshape(shape) * 7 % 251 - 120).astype(dtype)


def tflm_outputs(model: bytes, x: np.ndarray) -> Optional[np.ndarray]:
    """TFLM's output, None when it refuses the node (at prepare or invoke)."""
    try:
        return oracle.run_tflm(model, [x])[0]
    except RuntimeError:
        return None


def check(shape: list[int], spec: list[Entry], dtype: Any = np.float32,
          offset: bool = False) -> str:
    """ztflm runs the slice numpy computes, bit-exact with TFLM wherever TFLM runs it; it
    refuses only where TFLM runs it as another slice. Returns how it went."""
    model = build(shape, spec, dtype, offset=offset)
    x = sample(shape, dtype)
    want = x[numpy_index(spec, shape, offset)]
    theirs = tflm_outputs(model, x)
    try:
        ours = oracle.run_ztflm(model, [x])[0]
    except ztflm.Error as e:
        assert theirs is not None and theirs.tobytes() != want.tobytes(), (
            f"ztflm refused ({e}) a slice TFLM runs correctly or refuses too")
        assert "TFLM runs this node as another slice" in str(e)
        return "refused"
    assert ours.shape == want.shape and ours.tobytes() == want.tobytes()
    if theirs is None:
        # TFLM takes an output with a 0 beside other dimensions for a dynamic tensor.
        return "empty" if want.size == 0 and len(want.shape) > 1 else "tflm refuses"
    oracle.assert_bit_exact(model, inputs=[x])
    return "bit-exact"


def full(dim: int) -> Entry:
    return ("s", 0, dim, 1, 0, 0)


# Per-axis patterns on an axis of 5 (or any size): ranges, negative indices, clamping,
# reversed and strided walks, masks over nonsense indices, empty results, shrinks.
PATTERNS: list[Entry] = [
    ("s", 0, 5, 1, 0, 0), ("s", 1, -1, 1, 0, 0), ("s", -3, 100, 1, 0, 0),
    ("s", -100, 2, 2, 0, 0), ("s", 4, 0, -1, 0, 0), ("s", -1, -100, -2, 0, 0),
    ("s", 7, -7, 3, 1, 1), ("s", 9, 9, -1, 1, 1), ("s", 3, 1, 1, 0, 0), ("s", 1, 3, -1, 0, 0),
    ("s", 2, 0, -3, 0, 1), ("s", 0, 3, 5, 1, 0), ("i", 0), ("i", -1), ("i", 2),
]


@pytest.mark.parametrize("shape", [[5], [3, 5], [2, 5, 3], [2, 3, 1, 5]],
                         ids=lambda s: "x".join(map(str, s)))
def test_every_pattern_on_every_axis_like_tflm(shape: list[int]) -> None:
    rng = np.random.default_rng(len(shape))
    outcomes = set()
    for pattern in PATTERNS:
        for axis in range(len(shape)):
            spec = [full(d) for d in shape]
            spec[axis] = pattern
            if pattern[0] == "i" and abs(pattern[1] + 0.5) > shape[axis]:
                continue
            outcomes.add(check(shape, spec))
        # and a random mix of patterns over all the axes
        mix = [PATTERNS[int(i)] for i in rng.integers(0, len(PATTERNS), len(shape))]
        mix = [p if p[0] != "i" or abs(p[1] + 0.5) < d else full(d) for p, d in zip(mix, shape)]
        outcomes.add(check(shape, mix))
    assert "bit-exact" in outcomes and outcomes <= {"bit-exact", "empty"}


@pytest.mark.parametrize("dtype", [np.float32, np.int8, np.int16, np.int32, np.bool_])
def test_every_type_tflm_slices_like_tflm(dtype: Any) -> None:
    shape = [3, 4, 5]
    for spec in ([("s", 2, -4, -1, 0, 0), ("i", 1), ("s", 1, 5, 2, 0, 0)],
                 [full(3), ("s", 3, 0, -1, 0, 1), ("s", 0, 5, 1, 0, 0)],
                 [("s", 0, 0, 1, 1, 1), ("s", 1, 2, 1, 0, 0), ("i", -1)]):
        assert check(shape, spec, dtype) == "bit-exact"


def test_an_int64_input_is_refused_like_tflm() -> None:
    model = build([2, 3], [full(2), full(3)], np.int64)
    assert tflm_outputs(model, np.zeros([2, 3], np.int64)) is None
    with pytest.raises(ztflm.Error, match="INT64 input and INT64 output are not supported"):
        ztflm.Interpreter.from_bytes(model)


def test_an_empty_slice_is_bit_exact_and_an_empty_axis_beside_others_runs() -> None:
    """TFLM runs an output of shape [0] and refuses a 0 beside other axes (its check for
    dynamic tensors); ztflm gives the empty output."""
    assert check([5], [("s", 3, 1, 1, 0, 0)]) == "bit-exact"
    assert check([4, 3], [("s", 3, 1, 1, 0, 0), full(3)]) == "empty"
    assert check([0, 3], [full(0), ("s", 1, 3, 1, 0, 0)]) == "empty"
    # the strides past the 0 would wrap 32 bits (70000 * 70000 > 2^31)
    assert check([0, 70000, 70000], [full(0), ("s", 69999, 1, -1, 0, 0), full(70000)]) == "empty"


# Where TFLM reads the entries literally (one per axis, masks by entry) and TFLite does not.
@pytest.mark.parametrize("shape,spec,offset,outcome", [
    # an ellipsis entry in the place of one axis: whole in TFLite, TFLM reads begin and end
    ([3, 4], [("...",), ("s", 1, 3, 1, 0, 0)], False, "tflm refuses"),
    ([3, 4], [("s", 0, 3, 1, 1, 1), ("...",)], False, "tflm refuses"),
    ([3, 4], [("s", 2, 0, -1, 0, 0), ("...", "masked")], False, "bit-exact"),
    # new axes: TFLM counts one axis fewer than the output has
    ([3, 4], [("new",), full(3), full(4)], False, "tflm refuses"),
    ([3, 4], [full(3), ("new",), ("s", 3, 0, -2, 0, 0)], False, "tflm refuses"),
    ([2, 3, 4], [("i", 1), ("...",), ("new",)], False, "tflm refuses"),
    # a shrunk axis takes begin's index, masked or not; TFLM's eval takes the mask's 0
    ([3, 4], [("i", 2, "masked"), full(4)], False, "refused"),
    ([3, 4], [full(3), ("i", 0, "masked")], False, "bit-exact"),
    # offset: end counts from begin; where begin is 0 or the end clamps, TFLM agrees
    ([5, 6], [("s", 0, 3, 1, 0, 0), ("s", 1, 4, 1, 0, 0)], True, "tflm refuses"),
    ([5, 6], [("s", 0, 3, 1, 0, 0), ("s", 2, 10, 1, 0, 0)], True, "bit-exact"),
    ([5, 6], [("s", 4, -3, -1, 0, 0), full(6)], True, "tflm refuses"),
])
def test_options_tflm_ignores_are_tflites(shape: list[int], spec: list[Entry], offset: bool,
                                          outcome: str) -> None:
    assert check(shape, spec, offset=offset) == outcome


def test_an_ellipsis_tflm_would_read_as_a_reversed_axis_is_refused() -> None:
    """Entry 0 is an ellipsis (axis 0 whole) whose begin, end and stride say -1, -4, -1: TFLM
    reverses axis 0 into an output of the same shape."""
    b = ModelBuilder()
    x = b.input([3, 4], np.float32)
    cs = [b.const(np.array(v, np.int32)) for v in ([-1, 0], [-4, 4], [-1, 1])]
    y = b.tensor([3, 4], np.float32)
    b.op("STRIDED_SLICE", [x, *cs], [y], "StridedSliceOptions", ellipsis_mask=1)
    b.output(y)
    model = b.build()
    data = sample([3, 4], np.float32)
    assert np.array_equal(tflm_outputs(model, data), data[::-1])
    with pytest.raises(ztflm.Error, match="TFLM runs this node as another slice") as err:
        ztflm.Interpreter.from_bytes(model)
    assert err.value.code == ztflm.Status.UNSUPPORTED


@pytest.mark.parametrize("shape", [[2, 3, 2, 2, 3], [2, 1, 2, 3, 1, 2, 2, 2]])
def test_ranks_above_4_which_tflm_refuses_slice_like_numpy(shape: list[int]) -> None:
    spec = [("s", 1, None, -1, 0, 1) if d > 1 else ("i", 0) for d in shape]
    spec[-1] = ("s", 0, 2, 1, 0, 0)
    assert check(shape, spec) == "tflm refuses"


def test_a_shrunk_axis_with_a_negative_stride_is_refused_as_tflm_writes_nothing() -> None:
    begin, end, strides, masks = encode([full(2), ("i", 1), full(4)])
    b = ModelBuilder()
    x = b.input([2, 3, 4], np.float32)
    cs = [b.const(np.array(v, np.int32)) for v in (begin, end, [1, -1, 1])]
    y = b.tensor([2, 4], np.float32)
    b.op("STRIDED_SLICE", [x, *cs], [y], "StridedSliceOptions", **masks)
    b.output(y)
    model = b.build()
    x = sample([2, 3, 4], np.float32)
    theirs = tflm_outputs(model, x)
    assert theirs is not None and not np.array_equal(theirs, x[:, 1])
    with pytest.raises(ztflm.Error, match="shrinks an axis with stride -1: TFLM writes nothing"):
        ztflm.Interpreter.from_bytes(model)


def test_fewer_entries_than_axes_are_refused_as_tflm_reads_past_them() -> None:
    with pytest.raises(ztflm.Error, match="begin has 2 entries for an input of rank 3") as err:
        ztflm.Interpreter.from_bytes(build([2, 3, 4], [("...",), ("i", 0)]))
    assert err.value.code == ztflm.Status.MODEL


@pytest.mark.parametrize("spec,out_shape,match", [
    ([("s", 0, 2, 0, 0, 0), full(3)], [2, 3], "stride 0 is 0"),
    ([("i", 2), full(3)], [3], "shrunk index 2 is outside an axis of 2"),
    ([("i", -3), full(3)], [3], "shrunk index -3 is outside"),
    ([("...",), ("...",)], [2, 3], "ellipsis_mask has more than one bit"),
    ([full(2), full(3), full(1)], [2, 3], "entry 2 is past the input's 2 axes"),
    ([full(2), ("s", 0, 2, 1, 0, 0)], [2, 3], "output dimension 1 is 3, the slice's is 2"),
    ([full(2), ("i", 0)], [2, 1], "output rank 2 is not the slice's 1"),
])
def test_a_malformed_slice_is_refused(spec: list[Entry], out_shape: list[int],
                                      match: str) -> None:
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(build([2, 3], spec, out_shape=out_shape))
    assert err.value.code == ztflm.Status.MODEL


@pytest.mark.parametrize("kwargs", [dict(const=False), dict(index_dtype=np.int64)],
                         ids=["computed", "int64"])
def test_indices_computed_at_run_time_or_int64_are_refused_like_tflm(kwargs: Any) -> None:
    model = build([2, 3], [full(2), full(3)], out_shape=[2, 3], **kwargs)
    with pytest.raises(ztflm.Error, match="must be constant int32 tensors") as err:
        ztflm.Interpreter.from_bytes(model)
    assert err.value.code == ztflm.Status.UNSUPPORTED


def test_each_type_runs_its_reference_variant() -> None:
    for dtype, name in [(np.int8, "strided_slice_s8_ref"), (np.bool_, "strided_slice_bool_ref"),
                        (np.int16, "strided_slice_s16_ref"), (np.int32, "strided_slice_s32_ref"),
                        (np.float32, "strided_slice_f32_ref")]:
        ip = ztflm.Interpreter.from_bytes(build([3, 2], [("s", 2, 0, -1, 0, 0), full(2)], dtype))
        assert ip.get_node_kernel(0) == name
