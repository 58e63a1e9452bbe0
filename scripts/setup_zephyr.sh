#!/usr/bin/env bash
# Makes an offline Zephyr 4.0 west workspace for ztflm from local git repositories (mirrors or
# clones you already have: Zephyr itself is on no package registry), with Debian's GNU Arm
# toolchain instead of the Zephyr SDK. Nothing of Zephyr is copied into this repository.
#
#   scripts/setup_zephyr.sh WORKSPACE ZEPHYR_GIT CMSIS_GIT [CMSIS_NN_GIT] [NAME=GIT ...]
#
#   WORKSPACE     directory to create (e.g. ~/zws); must not hold a west workspace yet
#   ZEPHYR_GIT    a git repository (bare or not) holding Zephyr 4.0.0 (ZEPHYR_REV, default
#                 0d6f47a5: github.com/shiyu-sz/zephyr-4.0.0, an unmodified 4.0.0 import)
#   CMSIS_GIT     zephyrproject-rtos/cmsis, for every Cortex-M board
#   CMSIS_NN_GIT  optional: zephyrproject-rtos/cmsis-nn, for the cmsis_nn kernel overlay
#   NAME=GIT      optional: any other project of Zephyr's west.yml, e.g. the HAL modules of
#                 real boards: hal_nordic=... (nRF52840 DK), hal_stm32=... (STM32F746G
#                 Discovery), hal_nxp=... (FRDM-K64F)
#
# Every project is checked out at the revision and path Zephyr's own west.yml pins
# (NAME_REV=... overrides one, e.g. CMSIS_REV, HAL_NORDIC_REV).
# Result: WORKSPACE/{zephyr, modules/hal/cmsis, modules/..., modules/lib/ztflm -> this
# repository, manifest/west.yml}; Zephyr's Python requirements in .venv; then it prints the
# environment to export. Safe to rerun: existing checkouts are kept, new modules are added.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)

if [ $# -lt 3 ]; then
	sed -n '2,/^[^#]/p' "$0" | sed '$d; s/^# \{0,1\}//'
	exit 2
fi
WS=$(mkdir -p "$1" && cd "$1" && pwd)
ZEPHYR_GIT=$2
ZEPHYR_REV=${ZEPHYR_REV:-0d6f47a5}
# name=git pairs of the modules to check out besides Zephyr, in manifest order.
MODULES=("cmsis=$3")
shift 3
for arg in "$@"; do
	case "$arg" in
	*=*) MODULES+=("$arg") ;;
	*) MODULES+=("cmsis-nn=$arg") ;;
	esac
done

# Debian packages beyond scripts/setup.sh's: gperf (some boards' device drivers) and picolibc
# for Arm (Debian's newlib lacks the retargetable locking Zephyr asserts; ztflm needs libm).
"$ROOT/scripts/setup.sh"
DEBIAN_PACKAGES=(gperf picolibc-arm-none-eabi)
missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
	dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "setup_zephyr: installing Debian packages: ${missing[*]}"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >/dev/null
fi

checkout() { # source revision path
	if [ ! -d "$WS/$3/.git" ]; then
		echo "setup_zephyr: $3 <- $1 @ $2"
		git clone -q --no-checkout "$1" "$WS/$3"
		git -C "$WS/$3" checkout -q "$2"
	fi
}
checkout "$ZEPHYR_GIT" "$ZEPHYR_REV" zephyr

# Revision and path of a project as Zephyr's west.yml pins them: "REV PATH".
pinned() {
	awk -v want="$1" '
		$1 == "-" && $2 == "name:" { name = $3; rev = ""; path = "" }
		name == want && $1 == "revision:" { rev = $2 }
		name == want && $1 == "path:" { path = $2 }
		name == want && rev != "" && path != "" { print rev, path; exit }
	' "$WS/zephyr/west.yml"
}
MANIFEST_PROJECTS=()
for pair in "${MODULES[@]}"; do
	name=${pair%%=*}
	git_dir=${pair#*=}
	read -r rev path <<<"$(pinned "$name")" || true
	if [ -z "${path:-}" ]; then
		echo "setup_zephyr: Zephyr's west.yml has no project '$name'" >&2
		exit 2
	fi
	override="$(echo "$name" | tr 'a-z-' 'A-Z_')_REV"
	rev=${!override:-$rev}
	checkout "$git_dir" "$rev" "$path"
	MANIFEST_PROJECTS+=("$name $(cd "$git_dir" && pwd) $rev $path")
done
mkdir -p "$WS/modules/lib"
ln -sfn "$ROOT" "$WS/modules/lib/ztflm"

# The manifest only describes what is checked out: never run `west update` in this workspace.
mkdir -p "$WS/manifest"
{
	echo "# Offline Zephyr workspace for ztflm, written by scripts/setup_zephyr.sh."
	echo "# The projects are checked out already; do not run 'west update'."
	echo "manifest:"
	echo "  version: \"1.0\""
	echo "  projects:"
	echo "    - name: zephyr"
	echo "      url: file://$(cd "$ZEPHYR_GIT" && pwd)"
	echo "      revision: $ZEPHYR_REV"
	echo "      path: zephyr"
	echo "      west-commands: scripts/west-commands.yml"
	for project in "${MANIFEST_PROJECTS[@]}"; do
		read -r name url rev path <<<"$project"
		echo "    - name: $name"
		echo "      url: file://$url"
		echo "      revision: $rev"
		echo "      path: $path"
	done
	echo "    - name: ztflm"
	echo "      url: file://$ROOT"
	echo "      revision: main"
	echo "      path: modules/lib/ztflm"
	echo "      west-commands: west_commands/west-commands.yml"
	echo "  self:"
	echo "    path: manifest"
} > "$WS/manifest/west.yml"
WEST="$ROOT/.venv/bin/west"
[ -d "$WS/.west" ] || (cd "$WS" && "$WEST" init -l manifest >/dev/null)
(cd "$WS" && "$WEST" config zephyr.base zephyr)

# Zephyr's Python requirements, without pytest-twister-harness: twister uses the copy in
# zephyr/scripts/pylib and refuses to start when a pip-installed one is also present.
stamp="$ROOT/.venv/.ztflm-zephyr-setup"
if [ ! -f "$stamp" ]; then
	echo "setup_zephyr: installing Zephyr's Python requirements into .venv"
	"$ROOT/.venv/bin/python" -m pip install -q \
		-r "$WS/zephyr/scripts/requirements-base.txt" \
		-r "$WS/zephyr/scripts/requirements-build-test.txt" \
		-r "$WS/zephyr/scripts/requirements-run-test.txt"
	touch "$stamp"
fi
if "$ROOT/.venv/bin/python" -m pip show -q pytest-twister-harness >/dev/null 2>&1; then
	echo "setup_zephyr: uninstalling pip's pytest-twister-harness (twister refuses it)"
	"$ROOT/.venv/bin/python" -m pip uninstall -q -y pytest-twister-harness
fi

cat <<EOF
setup_zephyr: workspace ready in $WS
  export PATH=$ROOT/.venv/bin:\$PATH
  export ZEPHYR_BASE=$WS/zephyr
  export ZEPHYR_TOOLCHAIN_VARIANT=gnuarmemb GNUARMEMB_TOOLCHAIN_PATH=/usr
  cd $WS && west build -b qemu_cortex_m3 modules/lib/ztflm/samples/hello_world -t run
  make -C $ROOT test-zephyr
EOF
