"""A model whose graph inputs and outputs are bool, int32 and int64 tensors, four outputs of
them (issue 13's tensor types end to end): the API, the CLI, the converter's header and the
device test all run it."""
from __future__ import annotations

import numpy as np

from modelbuilder import ModelBuilder

# (name, dtype, shape) of the inputs and the outputs, in graph order.
INPUTS = [("a", np.int32, [2, 3]), ("c", np.bool_, [2, 3]), ("s", np.int64, [2])]
OUTPUTS = [("reversed", np.bool_, [2, 3]), ("stacked", np.int64, [2, 2]),
           ("shape", np.int32, [2]), ("flags", np.bool_, [2, 3])]


def typed_model() -> bytes:
    """reversed = REVERSE_V2(c, [1]); stacked = PACK(s, s); shape = SHAPE(a);
    flags = CAST(a to bool)."""
    b = ModelBuilder()
    a, c, s = (b.input(shape, dtype) for _, dtype, shape in INPUTS)
    outs = [b.tensor(shape, dtype) for _, dtype, shape in OUTPUTS]
    b.op("REVERSE_V2", [c, b.const(np.array([1], np.int32))], [outs[0]])
    b.op("PACK", [s, s], [outs[1]], "PackOptions", values_count=2, axis=0)
    b.op("SHAPE", [a], [outs[2]], "ShapeOptions")
    b.op("CAST", [a], [outs[3]])
    for o in outs:
        b.output(o)
    return b.build()


def expected(a: np.ndarray, c: np.ndarray, s: np.ndarray) -> list[np.ndarray]:
    return [c[:, ::-1], np.stack([s, s]), np.array(a.shape, np.int32), a != 0]
