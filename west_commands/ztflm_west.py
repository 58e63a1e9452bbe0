"""west extension commands tflm-info, tflm-arena, tflm-convert, tflm-test: `ztflm` in west.

west loads this file by path (west_commands/west-commands.yml), so ztflm is imported from the
directory beside it when it is not installed.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from west.commands import WestCommand

try:
    import ztflm  # noqa: F401
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from ztflm import cli  # noqa: E402


class _ZtflmCommand(WestCommand):
    NAME = ""
    HELP = ""
    add_args: Callable[[argparse.ArgumentParser], None]
    command: Callable[[argparse.Namespace], int]

    def __init__(self) -> None:
        super().__init__(self.NAME, self.HELP, self.HELP, accepts_unknown_args=False)

    def do_add_parser(self, parser_adder):  # type: ignore[no-untyped-def]
        parser = parser_adder.add_parser(self.name, help=self.help,
                                         description=self.description)
        type(self).add_args(parser)
        return parser

    def do_run(self, args: argparse.Namespace, unknown_args: list[str]) -> None:
        # The same one-line errors as `ztflm` (west -v, Verbosity.DBG: with the traceback).
        status = cli.call(lambda: type(self).command(args),
                          verbose=getattr(self, "verbosity", 0) >= 4)
        if status:
            raise SystemExit(status)


class TflmInfo(_ZtflmCommand):
    NAME = "tflm-info"
    HELP = "operators, tensors, bytes and MACs of a .tflite model"
    add_args = staticmethod(cli.add_info_arguments)
    command = staticmethod(cli.cmd_info)


class TflmArena(_ZtflmCommand):
    NAME = "tflm-arena"
    HELP = "the exact ztflm arena of a .tflite model, and its plan"
    add_args = staticmethod(cli.add_arena_arguments)
    command = staticmethod(cli.cmd_arena)


class TflmConvert(_ZtflmCommand):
    NAME = "tflm-convert"
    HELP = "C source for a .tflite model: data, op resolver, arena size"
    add_args = staticmethod(cli.add_convert_arguments)
    command = staticmethod(cli.cmd_convert)


class TflmTest(_ZtflmCommand):
    NAME = "tflm-test"
    HELP = "run a model on a Zephyr target through twister, bit-exact with the host runner"
    add_args = staticmethod(cli.add_test_arguments)
    command = staticmethod(cli.cmd_test)
