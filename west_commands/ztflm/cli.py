"""The `ztflm` command: thin argparse layers over the ztflm library."""
from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path
from typing import Callable, Optional

import numpy as np

from . import _lib, arena_report, audio, codegen, compare, device_test, kws, optable, report
from .errors import Error
from .files import Output, load_npy, load_npz, npz_bytes, read_model
from .interpreter import Interpreter
from .model import describe, require_runnable
from .text import printable


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line and status 2, like every other error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise Error(f"{self.prog}: {message}")


def natural(text: str) -> int:
    """argparse type: an integer >= 0 (a seed, a count)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative")
    return value


def _load_inputs(ip: Interpreter, files: list[Path], seed: int,
                 steps: int = 0) -> list[np.ndarray]:
    """One .npy file per input, or one .npz archive of them all; else random inputs. The name
    says which: a file named .npy must be one array, whatever it holds. steps > 0: each input
    a sequence of steps along a first axis (random inputs get that many steps, files must hold
    them)."""
    n = ip.num_inputs()
    if len(files) == 1 and files[0].suffix.lower() == ".npz":
        details = [ip.get_input_details(i) for i in range(n)]
        return load_npz(files[0], [(np.dtype(d["dtype"]), tuple(int(x) for x in d["shape"]))
                                   for d in details])
    if files and len(files) != n:
        raise Error(f"the model has {n} inputs, {len(files)} --input files given")
    if files:
        return [load_npy(path, f"input {i}") for i, path in enumerate(files)]
    rng = np.random.default_rng(seed)
    if steps:
        return [np.stack([compare.random_input(ip.get_input_details(i), rng)
                          for _ in range(steps)]) for i in range(n)]
    return [compare.random_input(ip.get_input_details(i), rng) for i in range(n)]


def _same_steps(ours: list[np.ndarray], theirs: list[np.ndarray]) -> bool:
    return len(ours) == len(theirs) and all(map(compare.bit_exact, ours, theirs))


def cmd_run_wav(args: argparse.Namespace, path: Path, data: bytes, ip: Interpreter) -> int:
    """An audio preprocessor over every window of a WAV file, one invoke after the other."""
    if args.input:
        raise Error("--wav and --input both give the model's input: give one")
    pcm = audio.read_wav(args.wav)
    audio.check_rate(pcm, args.rate, str(args.wav))
    size = audio.window_size(ip)
    stride = audio.stride_samples(pcm.rate, args.stride_ms)
    frames = audio.windows(pcm.samples, size, stride)
    feats = audio.features(ip, frames)
    same = None
    if args.compare_tflm:
        shape = ip.get_input_details(0)["shape"]
        theirs = compare.run_tflm_steps(data, [[x.reshape(shape)] for x in frames], 1,
                                        ip.arena_used_bytes())
        same = _same_steps(list(feats), [t[0].reshape(-1) for t in theirs])
    if args.output:
        with Output() as out:
            out.write(args.output, npz_bytes([feats]))
    print(f"model: {printable(path.name)}")
    print(f"arena: {ip.arena_used_bytes()} bytes (head {ip.arena_head_bytes()}, "
          f"tail {ip.arena_tail_bytes()})")
    print(f"audio: {printable(Path(args.wav).name)}, {len(pcm.samples)} samples at {pcm.rate} "
          f"Hz: {len(frames)} window{'s' * (len(frames) != 1)} of {size} every {stride}")
    print(f"features: {feats.dtype.name}{list(feats.shape)}")
    if args.output:
        print(f"wrote {printable(str(args.output))}")
    if same is not None:
        print(f"features: {'bit-exact with TFLM' if same else 'DIFFER from TFLM'} "
              f"({len(frames)} window{'s' * (len(frames) != 1)}, no reset between them)")
        return 0 if same else 1
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Everything that can fail (TFLM included) happens before the output file is written
    and anything is printed."""
    path = Path(args.model)
    data = read_model(path)
    ip = Interpreter.from_bytes(data, arena_size=args.arena_size)
    if args.wav:
        if args.stream:
            raise Error("--wav already runs a stream of windows: leave out --stream")
        return cmd_run_wav(args, path, data, ip)
    if args.steps is not None and not args.stream:
        raise Error("--steps needs --stream")
    if args.steps == 0:
        raise Error("--steps must be at least 1")
    steps = (args.steps or 10) if args.stream else 0
    inputs = _load_inputs(ip, args.input or [], args.seed, steps)
    # Whether each invoke ran to its end: an operator may end one early (ZTFLM_STOPPED:
    # CIRCULAR_BUFFER between strides), leaving the outputs after it as they were.
    ran: list[bool] = []
    if args.stream:
        outputs = ip.run_stream(inputs, ran)
        steps = len(outputs[0]) if outputs else 0
    else:
        for i, x in enumerate(inputs):
            ip.set_input(x, i)
        ran.append(ip.invoke())
        outputs = [ip.get_output(i) for i in range(ip.num_outputs())]
    extra = {"steps": steps} if args.stream else {}
    tflm_ran: list[bool] = []
    theirs = compare.run_tflm(data, inputs, len(outputs), ip.arena_used_bytes(),
                              ran=tflm_ran, **extra) if args.compare_tflm else None
    if args.output:
        with Output() as out:
            out.write(args.output, npz_bytes(outputs))
    print(f"model: {printable(path.name)}")
    print(f"arena: {ip.arena_used_bytes()} bytes (head {ip.arena_head_bytes()}, "
          f"tail {ip.arena_tail_bytes()})")
    if args.stream:
        print(f"stream: {steps} invokes without reset; outputs stacked over them")
    if not all(ran):
        which = ", ".join(str(k) for k, done in enumerate(ran) if not done)
        print(f"stopped early by an operator: invoke {which} of {len(ran)} "
              "(outputs past that operator kept from before)")
    for i, y in enumerate(outputs):
        line = f"output {i}: {y.dtype.name}{list(y.shape)}"
        if y.size > 1 and y.ndim <= 2 and y.dtype != np.bool_:
            line += f" argmax {int(np.argmax(y.reshape(-1)))}"
        if y.size <= 16:
            line += f" values {y.reshape(-1).tolist()}"
        print(line)
    if args.output:
        print(f"wrote {printable(str(args.output))}")
    if theirs is not None:
        if ran != tflm_ran:
            k = next(k for k, (a, b) in enumerate(zip(ran, tflm_ran)) if a != b)
            print(f"invoke {k}: {'ran to its end' if ran[k] else 'stopped early'} here, "
                  f"{'ran to its end' if tflm_ran[k] else 'stopped early'} in TFLM: DIFFERS")
            return 1
        if not any(ran):
            print("outputs not compared: every invoke stopped early, in TFLM as here")
            return 0
        # The invokes that ran to their end: a stopped one's outputs past the stopping
        # operator are whatever each runtime's planner left there.
        if args.stream:
            keep = [k for k, done in enumerate(ran) if done]
            outputs, theirs = [y[keep] for y in outputs], [y[keep] for y in theirs]
        same = [compare.bit_exact(a, b) for a, b in zip(outputs, theirs)]
        over = "" if all(ran) else f" (the {sum(ran)} invokes that ran to their end)"
        for i, ok in enumerate(same):
            print(f"output {i}: {'bit-exact with TFLM' if ok else 'DIFFERS from TFLM'}{over}")
        if not all(same):
            return 1
    return 0


def cmd_kws(args: argparse.Namespace) -> int:
    """Keyword spotting: the preprocessor over the clip, the classifier after each window and
    on the whole clip, as TFLM's micro_speech example prints it."""
    pre_data, cls_data = read_model(args.preprocessor), read_model(args.classifier)
    pre, cls = Interpreter.from_bytes(pre_data), Interpreter.from_bytes(cls_data)
    pcm = audio.read_wav(args.wav)
    audio.check_rate(pcm, args.rate, str(args.wav))
    labels = args.labels.split(",") if args.labels else None
    ours = kws.recognize(pre, cls, pcm, args.stride_ms, labels)
    theirs = (kws.recognize_tflm(pre_data, cls_data, pcm, args.stride_ms, labels)
              if args.compare_tflm else None)
    print(f"preprocessor: {printable(Path(args.preprocessor).name)} "
          f"(arena {pre.arena_used_bytes()} bytes)")
    print(f"classifier: {printable(Path(args.classifier).name)} "
          f"(arena {cls.arena_used_bytes()} bytes)")
    print(f"audio: {printable(Path(args.wav).name)}, {len(pcm.samples)} samples at {pcm.rate} "
          f"Hz: {len(ours.frames)} windows")
    for n, s in enumerate(ours.scores[:-1]):
        word = ours.labels[int(np.argmax(s))]
        print(f"Frame #{n}: [{', '.join(f'{v:.4f}' for v in s)}] {word}")
    print(f"Model predicts the audio sample as <{ours.word}> with probability "
          f"{ours.probability:.2f}")
    if theirs is None:
        return 0
    same = _same_steps([*ours.frames, ours.final], [*theirs.frames, theirs.final])
    print(f"scores: {'bit-exact with TFLM' if same else 'DIFFER from TFLM'} (features of "
          f"{len(ours.frames)} windows and {len(ours.frames) + 1} classifications)")
    return 0 if same else 1


def cmd_info(args: argparse.Namespace) -> int:
    """The model through the runtime; a model it cannot run still gets what can be read,
    then the error (status 2)."""
    info = describe(Path(args.model))
    print("\n".join(report.info_lines(info)))
    if info.error is not None:
        raise info.error
    if args.tensors:
        print("\n".join(report.tensor_lines(info)))
    if args.nodes:
        print("\n".join(report.node_lines(info)))
    return 0


def cmd_arena(args: argparse.Namespace) -> int:
    _lib.use_kernels(args.kernels)
    info = describe(Path(args.model))
    require_runnable(info)
    if args.kconfig:
        print("\n".join(report.kconfig_lines(info, args.kernels)))
        return 0
    tflm = None if args.no_tflm else arena_report.tflm_arena(info.data)
    print("\n".join(report.arena_lines(info, tflm)))
    if args.kernels != "reference":
        print(f"kernels: {args.kernels} (the arena includes its scratch memory)")
    placements = arena_report.plan(info)
    if args.plan:
        print("\n".join(report.plan_lines(placements)))
    if args.svg:
        with Output() as out:
            out.write(args.svg, arena_report.svg(info, placements))
        print(f"wrote {printable(str(args.svg))}")
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    _lib.use_kernels(args.kernels)
    c_path, h_path, info = codegen.convert(Path(args.model), args.output, args.name,
                                           embed_plan=args.embed_plan)
    print(f"wrote {printable(str(c_path))} and {printable(str(h_path))} (arena "
          f"{info.arena_total} bytes with the "
          f"{args.kernels} kernels, "
          f"ops {', '.join(sorted(info.op_counts))})")
    return 0


def cmd_ops(args: argparse.Namespace) -> int:
    _lib.use_kernels(args.kernels)
    ops = _lib.op_table()
    if args.names:
        print(optable.names(ops))
    else:
        print(optable.markdown(ops) if args.markdown else "\n".join(optable.lines(ops) + [""]),
              end="")
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    opts = device_test.Options(
        model=Path(args.model), platform=args.platform, count=args.count, seed=args.seed,
        outdir=args.outdir, device_testing=args.device_testing,
        device_serial=args.device_serial, device_serial_pty=args.device_serial_pty,
        device_serial_baud=args.device_serial_baud, hardware_map=args.hardware_map,
        west_runner=args.west_runner, generate_only=args.generate_only, profile=args.profile,
        jobs=args.jobs, timeout=args.timeout, twister_args=args.twister_args)
    return device_test.run(opts)


def add_audio_arguments(p: argparse.ArgumentParser, wav_help: Optional[str]) -> None:
    if wav_help:
        p.add_argument("--wav", type=Path, metavar="FILE.wav", help=wav_help)
    p.add_argument("--stride-ms", type=natural, default=audio.DEFAULT_STRIDE_MS,
                   help=f"window stride (default {audio.DEFAULT_STRIDE_MS} ms)")
    p.add_argument("--rate", type=natural, default=audio.DEFAULT_RATE,
                   help=f"sample rate the preprocessor takes (default {audio.DEFAULT_RATE} Hz)")


def add_info_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("model", help=".tflite file")
    p.add_argument("--tensors", action="store_true", help="also list every tensor")
    p.add_argument("--nodes", action="store_true", help="also list every operator")


def add_arena_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("model", help=".tflite file")
    p.add_argument("--plan", action="store_true",
                   help="per tensor: offset, bytes, first and last op")
    p.add_argument("--svg", type=Path, metavar="FILE", help="draw the plan as SVG")
    p.add_argument("--kconfig", action="store_true",
                   help="print a Kconfig fragment: CONFIG_ZTFLM_ARENA_SIZE=N and the kernel "
                        "overlay it is exact for")
    p.add_argument("--no-tflm", action="store_true", help="skip TFLM's arena for comparison")
    p.add_argument("--kernels", default="reference", metavar="OVERLAY",
                   help="kernel overlay whose scratch memory the arena includes: reference, "
                        "arm_dsp, arm_mve or cmsis_nn (default reference)")


def add_convert_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("model", help=".tflite file")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                   help="directory for NAME.c and NAME.h")
    p.add_argument("--name", help="C name prefix (default: the model file's stem)")
    p.add_argument("--embed-plan", action="store_true",
                   help="write the memory plan into the model (TFLM OfflineMemoryAllocation)")
    p.add_argument("--kernels", default="reference", metavar="OVERLAY",
                   help="kernel overlay whose scratch memory the arena includes: reference, "
                        "arm_dsp, arm_mve or cmsis_nn (default reference)")


def add_test_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("model", help=".tflite file")
    p.add_argument("-p", "--platform", default=device_test.DEFAULT_PLATFORM,
                   help=f"twister platform (default {device_test.DEFAULT_PLATFORM})")
    p.add_argument("-n", "--count", type=int, default=3, metavar="N",
                   help="input vectors to feed (default 3)")
    p.add_argument("--seed", type=natural, default=0, help="seed for the random inputs")
    p.add_argument("-O", "--outdir", type=Path, metavar="DIR",
                   help="test application, twister output and log (default build/tflm-test)")
    p.add_argument("--device-testing", action="store_true",
                   help="run on a real board instead of an emulator")
    p.add_argument("--device-serial", metavar="DEV", help="the board's serial port")
    p.add_argument("--device-serial-pty", metavar="SCRIPT",
                   help="a command whose stdin/stdout is the board's serial line "
                        "(e.g. scripts/qemu_device.py pty --machine mps2-an386)")
    p.add_argument("--device-serial-baud", type=int, metavar="BAUD", help="its baud rate")
    p.add_argument("--hardware-map", type=Path, metavar="FILE", help="a twister hardware map")
    p.add_argument("--west-runner", metavar="RUNNER", help="west flash runner for the board")
    p.add_argument("--profile", action="store_true",
                   help="build with CONFIG_ZTFLM_PROFILER and print cycles per operator")
    p.add_argument("-j", "--jobs", type=int, metavar="N", help="twister's parallel jobs")
    p.add_argument("--timeout", type=int, metavar="SECONDS",
                   help="time twister allows the test (default 120 + 30 per vector)")
    p.add_argument("--generate-only", action="store_true",
                   help="write the test application and stop (no Zephyr needed)")
    p.add_argument("--twister", nargs=argparse.REMAINDER, default=[], dest="twister_args",
                   metavar="ARG", help="the rest of the line goes to twister as it is "
                                       "(last option, e.g. --twister --timeout-multiplier 2)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ztflm", description="TensorFlow Lite models on microcontrollers")
    parser.add_argument("-v", "--verbose", action="store_true", help="tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    run = sub.add_parser("run", help="run a model on the host")
    run.add_argument("model", help=".tflite file")
    run.add_argument("--input", type=Path, action="append", metavar="FILE",
                     help="input tensor as .npy, once per model input, or one .npz of them all "
                          "(arr_0, arr_1, ... as --output writes; default: random)")
    run.add_argument("--output", type=Path, metavar="OUT.npz", help="save the outputs")
    run.add_argument("--compare-tflm", action="store_true",
                     help="also run TFLM (tflite-micro) and check every output is bit-exact")
    run.add_argument("--seed", type=natural, default=0, help="seed for random inputs")
    run.add_argument("--stream", action="store_true",
                     help="feed a sequence without reset: each --input holds one step per "
                          "entry of its first axis (stateful models)")
    run.add_argument("--steps", type=natural,
                     help="with --stream and random inputs: how many steps (default 10)")
    run.add_argument("--arena-size", type=natural,
                     help="arena bytes (default: exactly what it needs)")
    add_audio_arguments(run, "run an audio preprocessor over every window of this 16-bit PCM "
                             "WAV file, one invoke after the other")
    run.set_defaults(func=cmd_run)

    spot = sub.add_parser("kws", help="keyword spotting from a WAV file: an audio "
                                      "preprocessor chained into a classifier")
    spot.add_argument("preprocessor", help="audio preprocessor .tflite (PCM in, features out)")
    spot.add_argument("classifier", help="classifier .tflite (stacked features in)")
    spot.add_argument("wav", help="16-bit PCM mono WAV file")
    spot.add_argument("--labels", help="comma-separated category names (default "
                                       f"{','.join(kws.MICRO_SPEECH_LABELS)} for 4 outputs)")
    spot.add_argument("--compare-tflm", action="store_true",
                      help="also run the pipeline in TFLM (tflite-micro): bit-exact scores?")
    add_audio_arguments(spot, None)
    spot.set_defaults(func=cmd_kws)

    info = sub.add_parser("info", help="operators, tensors, bytes and MACs of a model")
    add_info_arguments(info)
    info.set_defaults(func=cmd_info)

    arena = sub.add_parser("arena", help="the exact arena a model needs, and its plan")
    add_arena_arguments(arena)
    arena.set_defaults(func=cmd_arena)

    convert = sub.add_parser("convert", help="C source for a model: data, resolver, arena size")
    add_convert_arguments(convert)
    convert.set_defaults(func=cmd_convert)

    ops = sub.add_parser("ops", help="the operators and types this runtime runs")
    ops.add_argument("--markdown", action="store_true", help="as the table of docs/operators.md")
    ops.add_argument("--names", action="store_true", help="as the list in the README")
    ops.add_argument("--kernels", default="reference", metavar="OVERLAY",
                     help="list the variants of a kernel overlay too (default reference)")
    ops.set_defaults(func=cmd_ops)

    test = sub.add_parser("test", help="run a model on a Zephyr target, bit-exact with the host")
    add_test_arguments(test)
    test.set_defaults(func=cmd_test)
    return parser


def _failure(e: BaseException) -> str:
    """The one line an exception becomes."""
    if isinstance(e, Error):
        return str(e)
    if isinstance(e, BrokenPipeError):
        return "the output was closed before everything was written (broken pipe)"
    if isinstance(e, OSError):
        where = f" ({e.filename})" if e.filename is not None else ""
        return f"{e.strerror or e}{where}"
    if isinstance(e, MemoryError):
        return "out of memory"
    if isinstance(e, (UnicodeError, ValueError)):
        return str(e)
    return f"internal error: {type(e).__name__}: {e} (run with -v for the traceback)"


def call(func: Callable[[], int], verbose: bool) -> int:
    """func's status, or 2 after one line on stderr for any error (130 on Ctrl-C); -v adds
    the traceback. The `ztflm` command and the west commands both run through here."""
    try:
        return func()
    except KeyboardInterrupt:
        return 130
    except Exception as e:
        if isinstance(e, BrokenPipeError):
            # Nothing more can reach the reader; keep the exit flush from failing again.
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
                os.close(devnull)
            except (OSError, ValueError):  # no file descriptor behind sys.stdout
                pass
        if verbose:
            traceback.print_exc()
        print(f"ztflm: error: {printable(_failure(e))}", file=sys.stderr)
        return 2


def main(argv: Optional[list[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    verbose = "-v" in argv or "--verbose" in argv

    def run() -> int:
        args = build_parser().parse_args(argv)
        func: Callable[[argparse.Namespace], int] = args.func
        return func(args)

    return call(run, verbose)
