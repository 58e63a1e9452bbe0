"""The `ztflm` command: thin argparse layers over the ztflm library."""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path
from typing import Callable, Optional

import numpy as np

from . import compare
from .errors import Error
from .interpreter import Interpreter


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line and status 2, like every other error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise Error(f"{self.prog}: {message}")


def _load_inputs(ip: Interpreter, files: list[Path], seed: int) -> list[np.ndarray]:
    n = ip.num_inputs()
    if files and len(files) != n:
        raise Error(f"the model has {n} inputs, {len(files)} --input files given")
    if files:
        inputs = []
        for i, path in enumerate(files):
            try:
                inputs.append(np.load(path, allow_pickle=False))
            except (OSError, ValueError) as e:
                raise Error(f"cannot read input {i} from {path}: {e}") from None
        return inputs
    rng = np.random.default_rng(seed)
    return [compare.random_input(ip.get_input_details(i), rng) for i in range(n)]


def cmd_run(args: argparse.Namespace) -> int:
    path = Path(args.model)
    ip = Interpreter.from_file(path, arena_size=args.arena_size)
    inputs = _load_inputs(ip, args.input or [], args.seed)
    for i, x in enumerate(inputs):
        ip.set_input(x, i)
    ip.invoke()
    outputs = [ip.get_output(i) for i in range(ip.num_outputs())]
    print(f"model: {path.name}")
    print(f"arena: {ip.arena_used_bytes()} bytes (head {ip.arena_head_bytes()}, "
          f"tail {ip.arena_tail_bytes()})")
    for i, y in enumerate(outputs):
        line = f"output {i}: {y.dtype.name}{list(y.shape)}"
        if y.size > 1 and y.ndim <= 2:
            line += f" argmax {int(np.argmax(y.reshape(-1)))}"
        if y.size <= 16:
            line += f" values {y.reshape(-1).tolist()}"
        print(line)
    if args.output:
        np.savez(args.output, *outputs)
        print(f"wrote {args.output}")
    if args.compare_tflm:
        theirs = compare.run_tflm(path.read_bytes(), inputs, len(outputs))
        same = [compare.bit_exact(a, b) for a, b in zip(outputs, theirs)]
        for i, ok in enumerate(same):
            print(f"output {i}: {'bit-exact with TFLM' if ok else 'DIFFERS from TFLM'}")
        if not all(same):
            return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ztflm", description="TensorFlow Lite models on microcontrollers")
    parser.add_argument("-v", "--verbose", action="store_true", help="tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    run = sub.add_parser("run", help="run a model on the host")
    run.add_argument("model", help=".tflite file")
    run.add_argument("--input", type=Path, action="append", metavar="FILE.npy",
                     help="input tensor, once per model input (default: random)")
    run.add_argument("--output", type=Path, metavar="OUT.npz", help="save the outputs")
    run.add_argument("--compare-tflm", action="store_true",
                     help="also run TFLM (tflite-micro) and check every output is bit-exact")
    run.add_argument("--seed", type=int, default=0, help="seed for random inputs")
    run.add_argument("--arena-size", type=int, help="arena bytes (default: exactly what it needs)")
    run.set_defaults(func=cmd_run)
    return parser


def main(argv: Optional[list[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    verbose = "-v" in argv or "--verbose" in argv
    try:
        args = build_parser().parse_args(argv)
        func: Callable[[argparse.Namespace], int] = args.func
        return func(args)
    except Error as e:
        if verbose:
            traceback.print_exc()
        print(f"ztflm: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
