#!/usr/bin/env bash
# Installs everything the build, the tests, the demo and the benchmarks need, on a fresh Debian
# machine: toolchains and emulators from Debian, Python packages into .venv. Safe to rerun.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(gcc make clang llvm libclang-rt-14-dev valgrind gcc-arm-none-eabi libnewlib-arm-none-eabi
	qemu-system-arm qemu-system-misc gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf
	gcc-multilib device-tree-compiler ninja-build cmake)

missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
	dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "setup: installing Debian packages: ${missing[*]}"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
	echo "setup: creating .venv"
	"$PY" -m venv .venv
fi
stamp=.venv/.ztflm-setup
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ CMakeLists.txt -nt "$stamp" ]; then
	echo "setup: installing Python packages into .venv"
	.venv/bin/python -m pip install -q --upgrade pip
	# Editable: the Python files run from west_commands/, the C runtime libraries are built
	# in build/editable and placed beside them (make native rebuilds them there).
	.venv/bin/python -m pip install -q -e ".[dev]" -Ccmake.define.ZTFLM_WERROR=ON
	touch "$stamp"
fi
