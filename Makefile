# ztflm: `make demo` and `make test` are all a new user needs; both set the machine up first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PY      := .venv/bin/python
MODELS  ?= $(abspath ../shared/models)
BUILD   := build
RUNTIME := zephyr_module
# The source lists and include folders come from the build description
# (zephyr_module/cmake/ztflm_sources.cmake), as for every other build.
ztflm_list = $(shell cmake -DBASE=$(CURDIR) $(1) -P $(RUNTIME)/cmake/ztflm_list.cmake)
INC     := $(addprefix -I,$(call ztflm_list,-DWHAT=includes))
LIB_SRC := $(call ztflm_list,-DWHAT=sources -DPORT=none)
# An overlay's own sources (kernels/<overlay>/) and its definition, for its cross builds.
overlay_src = $(filter $(RUNTIME)/kernels/$(1)/%,\
	$(call ztflm_list,-DWHAT=sources -DOVERLAY=$(1)))
overlay_def = $(addprefix -D,$(call ztflm_list,-DWHAT=defines -DOVERLAY=$(1)))
WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -ffp-contract=off
SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CORES   := cortex-m0plus cortex-m3 cortex-m4 cortex-m55

# The Python suites run one worker per core (pytest-xdist; TEST_JOBS=1 runs them in one
# process), a test file's tests in the same worker so its module fixtures are made once.
# test-qemu runs one single-threaded QEMU per worker.
TEST_JOBS ?= $(shell nproc)
PYTEST_JOBS := -n $(TEST_JOBS) --dist loadfile

# The package's host libraries, built by the root CMakeLists.txt and placed beside the Python
# files: the build directory of make setup's editable install (pyproject.toml: build-dir).
NATIVE_BUILD := $(BUILD)/editable

.PHONY: help setup native fuzzers test test-package test-arm-dsp test-arm-mve test-profiler test-zephyr test-qemu test-qemu-kernels test-cmsis-nn fuzz fuzz-run fuzz-seeds fuzz-smoke test-c test-m32 test-cross test-cross-core test-py test-py-san lint bench-host bench bench-tflm demo clean

help:
	@echo "make demo        a model on an emulated Cortex-M3, checked against the host and TFLM"
	@echo "make test        every test tier (sets the machine up first)"
	@echo "make bench-host  arena and instructions per invoke against TFLM (host)"
	@echo "make bench       flash, RAM, arena, instructions on emulated M3/M4/M55/RV32 vs TFLM"
	@echo "make bench-tflm TFLM_PATH=<tflite-micro checkout>"
	@echo "                 TFLM's own figures on the emulated cores, for make bench"
	@echo "make test-qemu   bare metal on QEMU: shared models, loader batches, kernel suite on m3"
	@echo "make test-qemu-kernels CORE=m4 OVERLAY=arm_dsp"
	@echo "                 the host kernel suite replayed on an emulated core with a kernel"
	@echo "                 overlay, bit for bit against TFLM (CORE: m3 m4 m55 rv32)"
	@echo "make test-arm-dsp the DSP overlay: host suite (ASan+UBSan) and kernel suite on M4"
	@echo "make test-arm-mve the Helium overlay: host suite (ASan+UBSan) and kernel suite on M55"
	@echo "make fuzz        each libFuzzer target for FUZZ_SECONDS (default 600), or for"
	@echo "                 FUZZ_RUNS executions when set (e.g. FUZZ_RUNS=10000000)"

setup:
	@scripts/setup.sh

# A build folder of the root CMakeLists.txt: $(call cmake_build,<folder>,<options>,<targets>)
# configures it once with the options, then ninja builds the targets (all when none), only
# what changed, without its progress lines; a failed build stops make.
define cmake_build
	@test -f $(1)/CMakeCache.txt || cmake -S . -B $(1) -G Ninja $(2) > /dev/null
	@set -o pipefail; cmake --build $(1) $(if $(3),--target $(3)) | { grep -v -E \
		'^\[[0-9]+/[0-9]+\] (Building|Linking)|Re-checking globbed|^ninja: no work to do' || true; }
endef

# An editable install does not rebuild the C runtime when it changes: this does (ninja
# rebuilds what changed, and nothing when nothing did).
native: setup
	$(call cmake_build,$(NATIVE_BUILD),-DZTFLM_WERROR=ON \
		-DZTFLM_PACKAGE_DIR=$(abspath west_commands/ztflm))
	@test -f west_commands/ztflm/_native.so

test: setup lint test-c test-profiler test-m32 test-cross test-py test-py-san test-qemu fuzz-smoke \
	test-zephyr test-arm-dsp test-arm-mve test-package
	@echo "make test: all tiers passed"

lint: setup
	$(PY) -m ruff check west_commands tests scripts

# The C test programs (cmake/ztflm_c_tests.cmake), built by ninja in one folder per compiler
# and flags: $(call ctest_build,<folder>,<cmake options>,<programs>). The runtime compiles in
# parallel, once per set of options, and again only where a source changed.
CTEST := $(BUILD)/ctest
ctest_build = $(call cmake_build,$(CTEST)/$(1),-DZTFLM_C_TESTS=ON -DZTFLM_HOST_OVERLAYS= $(2),$(3))
CTEST_SAN := -DCMAKE_C_COMPILER=gcc -DZTFLM_SANITIZE=ON
CTEST_CLANG := -DCMAKE_C_COMPILER=clang -DZTFLM_SANITIZE=ON
CTEST_O2 := -DCMAKE_C_COMPILER=gcc
CTEST_M32 := -DCMAKE_C_COMPILER=gcc -DCMAKE_C_FLAGS=-m32

# C tests with AddressSanitizer and UndefinedBehaviorSanitizer, gcc and clang.
test-c: setup
	$(call ctest_build,san,$(CTEST_SAN),test_plan_invariants test_plan_invariants_nostrings \
		test_error_strings_1 test_error_strings_0 test_scratch_sizes test_flexbuffer test_trig)
	$(call ctest_build,clang,$(CTEST_CLANG),test_plan_invariants)
	$(call ctest_build,o2,$(CTEST_O2),test_mathf test_fmodf)
	$(CTEST)/san/test_plan_invariants $(MODELS)/*.tflite
	$(CTEST)/san/test_plan_invariants -r $(MODELS)/*.tflite
	$(CTEST)/clang/test_plan_invariants -r $(MODELS)/*.tflite
	@# Messages compiled in and out (ZTFLM_ERROR_STRINGS): the same codes, nodes and sizes.
	@set -e; for s in 1 0; do \
		ZTFLM_LOG=1 $(CTEST)/san/test_error_strings_$$s $(MODELS) tests/models \
			2> $(CTEST)/san/test_error_strings_$$s.log \
			|| { cat $(CTEST)/san/test_error_strings_$$s.log; exit 1; }; \
	done
	grep -q "ztflm: BIDIRECTIONAL_SEQUENCE_LSTM (builtin 52) at node 0: " \
		$(CTEST)/san/test_error_strings_1.log
	grep -q "ztflm: error -3 at node 0 (builtin 52)" $(CTEST)/san/test_error_strings_0.log
	grep -q "ztflm: error -4 at node -1 (builtin -1)" $(CTEST)/san/test_error_strings_0.log
	$(CTEST)/san/test_plan_invariants_nostrings -r $(MODELS)/*.tflite | tail -n 1
	@# Scratch sizes never wrap 32 bits (the overlays run the same test on their libraries).
	$(CTEST)/san/test_scratch_sizes reference
	@# The FlexBuffer reader on real custom options and every damaged copy of them.
	$(CTEST)/san/test_flexbuffer
	@# The FFT twiddles' sine and cosine against the host libm's (TFLM's), every phase.
	$(CTEST)/san/test_trig 4096
	@# ztflm's expf, expm1f and logf against the host libm's (-O2, no sanitizers: speed):
	@# expf on all 2^32 inputs, expm1f on the negative ones (ELU's), logf from 1 up (the
	@# LOG_SOFTMAX sums), infinity and NaN included. floorf from -1/8 down to -2^25 and on
	@# negative NaNs, ceilf on the positive mirror, roundf on all 2^32 (activation ranges and
	@# QUANTIZE round with it); sinf and cosf from 0.5 to 512 (both polynomials, the fast
	@# reduction up to 120 and the large one past it); tanhf (the LSTM's) on the positive
	@# floats it computes, 2^-55 to 22. All were checked on all 2^32 inputs once: too slow to
	@# repeat here but for roundf.
	$(CTEST)/o2/test_mathf expf
	$(CTEST)/o2/test_mathf expm1f 0x80000000 0xffffffff
	$(CTEST)/o2/test_mathf logf 0x3f800000 0x7fffffff
	$(CTEST)/o2/test_mathf floorf 0xbe000000 0xcc000000
	$(CTEST)/o2/test_mathf floorf 0xff800000 0xffffffff
	$(CTEST)/o2/test_mathf ceilf 0x3e000000 0x4c000000
	$(CTEST)/o2/test_mathf ceilf 0x7f800000 0x7fffffff
	$(CTEST)/o2/test_mathf roundf
	$(CTEST)/o2/test_mathf sinf 0x3f000000 0x43ffffff
	$(CTEST)/o2/test_mathf cosf 0x3f000000 0x43ffffff
	$(CTEST)/o2/test_mathf tanhf 0x24000000 0x41b00000
	@# ztflm_fmodf (FLOOR_MOD) against the x87 fprem TFLM's x86-64 build inlines: every 15th
	@# of 2^27 pairs (all of them were checked once).
	$(CTEST)/o2/test_fmodf 15

# ZTFLM_PROFILER (CONFIG_ZTFLM_PROFILER on Zephyr): the per-operator hook reports every
# operator in order, with its builtin code, without changing the outputs.
test-profiler: setup
	$(call ctest_build,san,$(CTEST_SAN),test_profiler)
	$(CTEST)/san/test_profiler $(MODELS)/mlperf_kws_dscnn_int8.tflite \
		$(MODELS)/mlperf_ic_resnet8_int8.tflite $(MODELS)/tflm_hello_world_int8.tflite

# Zephyr tier: twister on the samples and tests/zephyr when ZEPHYR_BASE points at a Zephyr
# 4.x tree (scripts/setup_zephyr.sh makes one); without it, skipped with a loud message. The
# platforms cover every kernel overlay as Kconfig picks it: reference (M3, M33 without DSP),
# arm_dsp (M4, M7: boards/arm/mps2_qemu; M33 with DSP), arm_mve (M55); cmsis_nn variants run
# when the workspace has the cmsis-nn module. Then `west tflm-test` through twister's device
# path with QEMU as the board (scripts/qemu_device.py), by hardware map and by pty.
ZEPHYR_PLATFORMS ?= qemu_cortex_m3 mps2/an385 mps2_an386 mps2_an500 mps2/an521/cpu0 \
	mps2/an521/cpu1 mps3/corstone300/an547
ZEPHYR_JOBS ?= 2
test-zephyr: setup
	@if [ -z "$$ZEPHYR_BASE" ]; then \
		echo "*****************************************************************"; \
		echo "*** SKIPPED test-zephyr: ZEPHYR_BASE is not set (no Zephyr tree;"; \
		echo "*** scripts/setup_zephyr.sh makes a workspace). Nothing ran.     "; \
		echo "*****************************************************************"; \
	else \
		export PATH=$(abspath .venv/bin):$$PATH \
		ZEPHYR_TOOLCHAIN_VARIANT=$${ZEPHYR_TOOLCHAIN_VARIANT:-gnuarmemb} \
		GNUARMEMB_TOOLCHAIN_PATH=$${GNUARMEMB_TOOLCHAIN_PATH:-/usr}; \
		$(PY) $$ZEPHYR_BASE/scripts/twister $(addprefix -T ,$(wildcard samples tests/zephyr)) \
			$(addprefix -p ,$(ZEPHYR_PLATFORMS)) -j $(ZEPHYR_JOBS) --outdir $(BUILD)/twister \
			--inline-logs && \
		$(PY) -m pytest tests/host/test_tflm_test.py tests/host/test_zephyr_app.py -q \
			-p no:cacheprovider -rs -k "real_run or device_testing or out_of_tree or forgetting"; \
	fi

# The arena holds no pointers: a 32-bit build, real kernels, plans every model into the same bytes.
test-m32: setup
	$(call ctest_build,m32,$(CTEST_M32),test_plan_invariants)
	$(call ctest_build,o2,$(CTEST_O2),test_plan_invariants)
	$(CTEST)/m32/test_plan_invariants -r $(MODELS)/*.tflite | grep -v passed > $(CTEST)/arena32.txt
	$(CTEST)/o2/test_plan_invariants -r $(MODELS)/*.tflite | grep -v passed > $(CTEST)/arena64.txt
	@cat $(CTEST)/arena32.txt
	diff -u $(CTEST)/arena64.txt $(CTEST)/arena32.txt && echo "32-bit and 64-bit arenas identical"

# The library builds warning-free for every Cortex-M core we target (TEST_JOBS cores at once:
# test-cross-core CROSS_CORE=<core> builds one).
test-cross: setup
	@printf '%s\n' $(CORES) | xargs -P $(TEST_JOBS) -I{} \
		$(MAKE) --no-print-directory test-cross-core CROSS_CORE={}
	@# The Helium overlay on its core, with the intrinsics path required (hard-float ABI: MVE).
	@mkdir -p $(BUILD)/cross/arm_mve
	@set -e; for f in $(call overlay_src,arm_mve); do \
		arm-none-eabi-gcc $(WARN) -O2 -mcpu=cortex-m55 -mthumb -mfloat-abi=hard \
			-DZTFLM_REQUIRE_MVE $(call overlay_def,arm_mve) $(INC) -c $$f \
			-o $(BUILD)/cross/arm_mve/$$(basename $$f .c).o; \
	done; echo "cross: arm_mve on cortex-m55 ok"
	@# The DSP overlay on two cores with the extension, its intrinsics path required.
	@set -e; for core in cortex-m4 cortex-m55; do \
		mkdir -p $(BUILD)/cross/arm_dsp/$$core; \
		for f in $(call overlay_src,arm_dsp); do \
			arm-none-eabi-gcc $(WARN) -O2 -mcpu=$$core -mthumb -DZTFLM_REQUIRE_DSP \
				$(call overlay_def,arm_dsp) $(INC) -c $$f \
				-o $(BUILD)/cross/arm_dsp/$$core/$$(basename $$f .c).o; \
		done; echo "cross: arm_dsp on $$core ok"; \
	done

test-cross-core:
	@test -n "$(CROSS_CORE)" || { \
		echo "test-cross-core: set CROSS_CORE (one of $(CORES))"; exit 2; }
	@set -e; mkdir -p $(BUILD)/cross/$(CROSS_CORE); for f in $(LIB_SRC); do \
		arm-none-eabi-gcc $(WARN) -Os -mcpu=$(CROSS_CORE) -mthumb $(INC) -c $$f \
			-o $(BUILD)/cross/$(CROSS_CORE)/$$(basename $$f .c).o; \
		arm-none-eabi-gcc $(WARN) -Os -mcpu=$(CROSS_CORE) -mthumb -DZTFLM_ERROR_STRINGS=0 \
			-DZTFLM_VERIFY_MODEL=0 $(INC) -c $$f \
			-o $(BUILD)/cross/$(CROSS_CORE)/$$(basename $$f .c)_small.o; \
	done; \
	echo "cross: $(CROSS_CORE) ok ($$(ls $(BUILD)/cross/$(CROSS_CORE) | wc -l) objects)"

test-py: setup native
	$(PY) -m pytest tests/host -q $(PYTEST_JOBS)

# Bare metal on emulated Cortex-M3 and M4: every supported model bit-exact with the host.
# The host kernel suite on QEMU: every case tests/host/test_op_*.py checks against TFLM is
# recorded once (ZTFLM_RECORD, tests/case_record.py), then replayed through the loader
# firmware on CORE with kernel OVERLAY; tests/qemu/kernel_differences.txt lists the known ones.
CORE         ?= m3
OVERLAY      ?= reference
KERNEL_CASES := $(BUILD)/qemu/kernel_cases
test-qemu: setup native $(KERNEL_CASES)/.recorded
	$(PY) -m pytest tests/qemu -q -rs -n $(TEST_JOBS)

$(KERNEL_CASES)/.recorded: $(wildcard tests/host/test_op_*.py) tests/oracle.py \
		tests/modelbuilder.py tests/case_record.py | setup native
	rm -rf $(KERNEL_CASES)
	ZTFLM_RECORD=$(abspath $(KERNEL_CASES)) $(PY) -m pytest -q -p no:cacheprovider \
		$(wildcard tests/host/test_op_*.py)
	@touch $@

test-qemu-kernels: setup native $(KERNEL_CASES)/.recorded
	ZTFLM_KERNEL_CASES=$(abspath $(KERNEL_CASES)) ZTFLM_QEMU_CORE=$(CORE) \
		ZTFLM_QEMU_OVERLAY=$(OVERLAY) $(PY) -m pytest tests/qemu/test_kernels.py -q -s

# The cmsis_nn overlay on Arm's CMSIS-NN, which is not vendored: CMSIS_NN_PATH=<a checkout>.
# The host suite on a library built with it (CMSIS-NN's C paths), then every supported model
# and the whole recorded kernel suite bit-exact on QEMU M4 and M55 (its DSP and Helium paths).
# test_generated_c_... is left out: it links the reference kernels itself, so its arena
# differs by the overlay's scratch.
CMSIS_NN_LIB := $(BUILD)/overlay/libztflm_cmsis_nn.so
test-cmsis-nn: setup native
	@test -f "$(CMSIS_NN_PATH)/Include/arm_nnfunctions.h" || { \
		echo "test-cmsis-nn: set CMSIS_NN_PATH to a CMSIS-NN checkout"; exit 2; }
	CMSIS_NN_PATH=$(abspath $(CMSIS_NN_PATH)) $(PY) scripts/build_overlay_lib.py \
		--overlay cmsis_nn $(CMSIS_NN_LIB)
	ZTFLM_LIB=$(abspath $(CMSIS_NN_LIB)) $(PY) -m pytest tests/host -q $(PYTEST_JOBS) \
		-p no:cacheprovider -k "not test_generated_c_runs_bit_exact_with_tflm_in_its_arena"
	CMSIS_NN_PATH=$(abspath $(CMSIS_NN_PATH)) $(PY) -m pytest tests/qemu/test_cmsis_nn.py -q -rs
	CMSIS_NN_PATH=$(abspath $(CMSIS_NN_PATH)) $(MAKE) --no-print-directory test-qemu-kernels \
		CORE=m4 OVERLAY=cmsis_nn
	CMSIS_NN_PATH=$(abspath $(CMSIS_NN_PATH)) $(MAKE) --no-print-directory test-qemu-kernels \
		CORE=m55 OVERLAY=cmsis_nn

# The host tests that compute through the library (operators, models, the API): an overlay's
# library runs these. Left out: the CLI, tooling, code generation and Zephyr suites, which do
# not depend on the kernels (test-py and test-py-san run them), and tests whose arena is the
# reference kernels' (test_tools' generated C links them itself; test_tflm_test states
# hello_world's reference arena).
OVERLAY_HOST_TESTS := $(filter-out $(addprefix tests/host/,test_builder.py test_cli.py \
	test_cli_contract.py test_cli_hostile.py test_embed_plan.py test_expf_table.py \
	test_model_strings.py test_offline_plan.py test_op_table.py test_qemu_device.py \
	test_samples.py test_schema_layout.py test_sigmoid_table.py test_sincosf_table.py \
	test_tflm_test.py test_tools.py test_types_option.py test_west.py test_zephyr_app.py),\
	$(wildcard tests/host/test_*.py))

# The arm_dsp overlay: the host suite (bit-exact with TFLM) on a library built with it (the
# portable C beside each intrinsic) under ASan and UBSan, then the kernel suite on QEMU M4
# with its intrinsics (tests/qemu/test_arm_dsp.py, the models, runs with test-qemu).
ARM_DSP_LIB := $(BUILD)/overlay/libztflm_arm_dsp_san.so
# tests/c/test_scratch_sizes.c against an overlay's library: $(1) the library, $(2) the overlay.
define scratch_sizes
	gcc $(WARN) -g -O1 $(SAN) $(INC) tests/c/test_scratch_sizes.c $(abspath $(1)) \
		-o $(BUILD)/overlay/test_scratch_sizes_$(2)
	$(BUILD)/overlay/test_scratch_sizes_$(2) $(2)
endef
test-arm-dsp: setup native $(KERNEL_CASES)/.recorded
	$(PY) scripts/build_overlay_lib.py --overlay arm_dsp --sanitize $(ARM_DSP_LIB)
	$(call scratch_sizes,$(ARM_DSP_LIB),arm_dsp)
	ZTFLM_LIB=$(abspath $(ARM_DSP_LIB)) \
	LD_PRELOAD="$$(gcc -print-file-name=libasan.so) $$(gcc -print-file-name=libubsan.so)" \
	ASAN_OPTIONS=detect_leaks=0 $(PY) -m pytest $(OVERLAY_HOST_TESTS) -q $(PYTEST_JOBS) \
		-m "not nosan" -p no:cacheprovider
	$(MAKE) --no-print-directory test-qemu-kernels CORE=m4 OVERLAY=arm_dsp
	@# The DSP extension is also in the Cortex-M55: the same overlay there.
	$(MAKE) --no-print-directory test-qemu-kernels CORE=m55 OVERLAY=arm_dsp

# The arm_mve (Helium) overlay the same way: the host suite on its plain C paths under ASan
# and UBSan, then the kernel suite on QEMU M55 with the MVE intrinsics
# (tests/qemu/test_arm_mve.py, the models, runs with test-qemu).
ARM_MVE_LIB := $(BUILD)/overlay/libztflm_arm_mve_san.so
test-arm-mve: setup native $(KERNEL_CASES)/.recorded
	$(PY) scripts/build_overlay_lib.py --overlay arm_mve --sanitize $(ARM_MVE_LIB)
	$(call scratch_sizes,$(ARM_MVE_LIB),arm_mve)
	ZTFLM_LIB=$(abspath $(ARM_MVE_LIB)) \
	LD_PRELOAD="$$(gcc -print-file-name=libasan.so) $$(gcc -print-file-name=libubsan.so)" \
	ASAN_OPTIONS=detect_leaks=0 $(PY) -m pytest $(OVERLAY_HOST_TESTS) -q $(PYTEST_JOBS) \
		-m "not nosan" -p no:cacheprovider
	$(MAKE) --no-print-directory test-qemu-kernels CORE=m55 OVERLAY=arm_mve

# What a user installs: the sdist and the wheel built from it, each in a fresh venv outside
# the checkout, running the CLI (tests/packaging).
test-package: setup
	$(PY) -m pytest tests/packaging -q -p no:cacheprovider

# The Python tests again, on a runtime built with the sanitizers.
test-py-san: setup
	$(PY) scripts/build_overlay_lib.py --sanitize $(BUILD)/san/libztflm_san.so
	ZTFLM_LIB=$(abspath $(BUILD)/san/libztflm_san.so) \
	LD_PRELOAD="$$(gcc -print-file-name=libasan.so) $$(gcc -print-file-name=libubsan.so)" \
	ASAN_OPTIONS=detect_leaks=0 $(PY) -m pytest tests/host -q $(PYTEST_JOBS) -m "not nosan" \
		-p no:cacheprovider
	@# A trusted-model build (ZTFLM_VERIFY_MODEL=0: tables located, not checked) runs every
	@# valid model the same; only the tests of rejected models do not apply to it.
	$(PY) scripts/build_overlay_lib.py --sanitize $(BUILD)/san/libztflm_trusted.so \
		-D ZTFLM_VERIFY_MODEL=0
	ZTFLM_LIB=$(abspath $(BUILD)/san/libztflm_trusted.so) \
	LD_PRELOAD="$$(gcc -print-file-name=libasan.so) $$(gcc -print-file-name=libubsan.so)" \
	ASAN_OPTIONS=detect_leaks=0 $(PY) -m pytest tests/host/test_shared_models.py \
		tests/host/test_embed_plan.py tests/host/test_offline_plan.py -q $(PYTEST_JOBS) \
		-m "not nosan" -k "not rejected" -p no:cacheprovider

# libFuzzer with ASan and UBSan: fuzz_model on raw model bytes; fuzz_struct rewrites the
# fields of valid models in place (shapes, options, quantization, indices, graph inputs and
# outputs, 64-bit buffer offsets and sizes, tensors' buffers, strings) to reach the kernels.
# Besides the sanitizers, the harness fails a run whose model bytes changed or whose error
# message is not one printable line. Seeds: the shared models and, every field present, the
# models the test suite builds (fuzz-seeds). Crashes land in $(BUILD)/fuzz/ and become
# regression inputs under tests/fuzz/regressions/, which fuzz-smoke replays through every
# fuzzer.
FUZZ_SECONDS ?= 600
FUZZ_RUNS ?=
FUZZ_LIMIT := $(if $(FUZZ_RUNS),-runs=$(FUZZ_RUNS),-max_total_time=$(FUZZ_SECONDS))
FUZZERS := fuzz_model fuzz_struct
FUZZ_SEEDS := $(filter-out %/tflm_dtln_noise_suppression.tflite %/mlperf_vww_mobilenet_int8.tflite \
	%/tflm_person_detect_int8.tflite %/tflm_pytorch_mobilenet_v2_int8.tflite,\
	$(wildcard $(MODELS)/*.tflite))
FUZZ_BUILT := $(BUILD)/fuzz/seeds/.built

# The fuzzers are targets of the root CMakeLists.txt (ZTFLM_FUZZERS, clang).
fuzzers: setup
	$(call cmake_build,$(BUILD)/fuzz/cmake,-DCMAKE_C_COMPILER=clang -DZTFLM_FUZZERS=ON \
		-DZTFLM_HOST_OVERLAYS= -DCMAKE_RUNTIME_OUTPUT_DIRECTORY=$(abspath $(BUILD)/fuzz),$(FUZZERS))

# The models the host tests build (ZTFLM_DUMP_MODELS), and the shared ones with every field.
$(FUZZ_BUILT): tests/modelbuilder.py tests/fuzz/make_seeds.py $(wildcard tests/host/test_op_*.py) \
		tests/host/test_malformed_models.py \
		| setup native
	rm -rf $(BUILD)/fuzz/seeds && mkdir -p $(BUILD)/fuzz/seeds
	ZTFLM_DUMP_MODELS=$(abspath $(BUILD)/fuzz/seeds) $(PY) -m pytest -q -p no:cacheprovider \
		tests/host/test_op_*.py tests/host/test_malformed_models.py > $(BUILD)/fuzz/seeds.log 2>&1 \
		|| echo "fuzz-seeds: some tests failed (see $(BUILD)/fuzz/seeds.log); their models are kept"
	$(PY) tests/fuzz/make_seeds.py $(BUILD)/fuzz/seeds $(FUZZ_SEEDS)
	@echo "fuzz-seeds: $$(ls $(BUILD)/fuzz/seeds | wc -l) seed models"
	@touch $@

fuzz-seeds: $(FUZZ_BUILT)

# Every fuzzer for FUZZ_SECONDS each (one after the other; with -j, side by side: fuzz-smoke),
# or FUZZ_RUNS executions; fuzz-run-<fuzzer> runs one. ZTFLM_FUZZ_STATS prints the runs
# (executions) and how many got through init, reached a kernel's prepare, got through
# allocate, reached a kernel's eval and got through invoke (counts and shares of all runs),
# and the nodes run per operator; libFuzzer's final stats follow.
fuzz-run: $(addprefix fuzz-run-,$(FUZZERS))

fuzz-run-%: fuzzers $(FUZZ_BUILT)
	@mkdir -p $(BUILD)/fuzz/corpus-$*
	@cp $(FUZZ_SEEDS) $(BUILD)/fuzz/seeds/*.tflite $(BUILD)/fuzz/corpus-$*/
	@echo "fuzz-run: $* for $(if $(FUZZ_RUNS),$(FUZZ_RUNS) runs,$(FUZZ_SECONDS) s)"
	@set -o pipefail; ZTFLM_FUZZ_STATS=1 $(BUILD)/fuzz/$* $(FUZZ_LIMIT) -max_len=400000 \
		-rss_limit_mb=4096 -artifact_prefix=$(BUILD)/fuzz/$*- -print_final_stats=1 \
		$(BUILD)/fuzz/corpus-$* 2>&1 | grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse)'

fuzz: fuzz-run

# The bounded smoke run of `make test` (about a minute per fuzzer), after replaying every
# input that ever crashed through every fuzzer.
fuzz-smoke: fuzzers
	@set -e; for f in $(FUZZERS); do \
		$(BUILD)/fuzz/$$f -timeout=10 tests/fuzz/regressions/* > $(BUILD)/fuzz/replay-$$f.log 2>&1 \
			|| { cat $(BUILD)/fuzz/replay-$$f.log; exit 1; }; \
		echo "fuzz-smoke: $$f replayed $$(ls tests/fuzz/regressions | wc -l) inputs that once crashed"; \
	done
	$(MAKE) --no-print-directory -j $(TEST_JOBS) --output-sync=target fuzz-run FUZZ_SECONDS=60

bench-host: setup native
	$(PY) scripts/bench_host.py --models $(MODELS)

# Flash, RAM, arena and instructions per inference on every emulated core and overlay,
# against TFLM's figures in ../shared/ANCHORS.md (figures, not a test).
bench: setup native
	$(PY) scripts/bench.py

# TFLM's own figures, measured as ../shared/ANCHORS.md's (docs/benchmarks.md), for the models
# ANCHORS.md lacks: TFLM_PATH=<tflite-micro checkout>, TFLM_THIRD_PARTY=<its downloads, by
# default where its Makefile puts them>. Writes docs/tflm_figures.md and tests/models/*/TFLM.md,
# which make bench reads; figures, not a test.
TFLM_MODELS ?= mlperf_kws_dscnn_int8 tflm_keyword_scrambled tflm_keyword_scrambled_8bit \
	denoiser_16x8 tflm_mnist_lstm_int8 tflm_mnist_lstm_float tflm_xtensa_micro_speech_lstm \
	tflm_dtln_noise_suppression
TFLM_CORES ?= m4 m3
TFLM_KERNELS ?= reference cmsis_nn
bench-tflm: setup
	@if [ -z "$(TFLM_PATH)" ]; then \
		echo "*****************************************************************"; \
		echo "*** SKIPPED bench-tflm: TFLM_PATH is not set (a tflite-micro     "; \
		echo "*** checkout; docs/benchmarks.md says how). Nothing was measured."; \
		echo "*****************************************************************"; \
	else \
		$(PY) scripts/bench_tflm.py --tflm $(TFLM_PATH) \
			$(if $(TFLM_THIRD_PARTY),--third-party $(TFLM_THIRD_PARTY)) \
			--models $(TFLM_MODELS) --cores $(TFLM_CORES) --kernels $(TFLM_KERNELS); \
	fi

demo: setup native
	@$(PY) scripts/demo.py --model $(MODELS)/mlperf_kws_dscnn_int8.tflite

clean:
	rm -rf $(BUILD)
