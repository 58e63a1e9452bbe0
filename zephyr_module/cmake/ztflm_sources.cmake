# The one description of ztflm's C build: the sources, include folders and definitions of the
# runtime for a kernel overlay and a port, and of CMSIS-NN for the cmsis_nn overlay.
# Used by the Zephyr module (../CMakeLists.txt), the host project (../../CMakeLists.txt: the
# Python package's libraries, sanitizer and overlay libraries, fuzzers) and, through
# `cmake -P ztflm_list.cmake`, by the Makefile and the Python scripts (firmware, benchmarks).
# Plain CMake: it works in a project and in script mode alike.
include_guard(GLOBAL)

get_filename_component(ZTFLM_MODULE_DIR ${CMAKE_CURRENT_LIST_DIR}/.. ABSOLUTE)

set(ZTFLM_OVERLAYS reference arm_dsp arm_mve cmsis_nn)
set(ZTFLM_PORTS host zephyr baremetal)
# include/ holds the public API (<ztflm/ztflm.h>); kernels/ is where kernels find each other's
# headers ("ops/conv_2d.h").
set(ZTFLM_INCLUDE_DIRS ${ZTFLM_MODULE_DIR}/include ${ZTFLM_MODULE_DIR}/kernels)

# file(GLOB) that also re-runs a project's configure when a file comes or goes (which script
# mode cannot ask for).
function(ztflm_glob out)
  if(CMAKE_SCRIPT_MODE_FILE)
    file(GLOB found ${ARGN})
  else()
    file(GLOB found CONFIGURE_DEPENDS ${ARGN})
  endif()
  list(SORT found)
  set(${out} ${found} PARENT_SCOPE)
endfunction()

function(ztflm_check_overlay overlay)
  if(NOT overlay IN_LIST ZTFLM_OVERLAYS)
    string(REPLACE ";" ", " known "${ZTFLM_OVERLAYS}")
    message(FATAL_ERROR "ztflm: unknown kernel overlay '${overlay}' (one of ${known})")
  endif()
endfunction()

# The runtime core: verifier, planner, interpreter, resolver, the operators' descriptors and
# the code kernels share.
function(ztflm_core_sources out)
  ztflm_glob(sources
    ${ZTFLM_MODULE_DIR}/src/*.c
    ${ZTFLM_MODULE_DIR}/kernels/common/*.c
    ${ZTFLM_MODULE_DIR}/kernels/ops/*.c)
  set(${out} ${sources} PARENT_SCOPE)
endfunction()

# Loading, verifying and planning a model run once, before the first invoke: these sources
# (the runtime core but its invoke path, and the operators' shared prepare code) are compiled
# for size (ZTFLM_SIZE_FLAGS after a build's own level; TFLM builds its framework with -Os
# too) wherever the rest is compiled for speed: the bare-metal firmware and benchmarks, and
# Zephyr with CONFIG_SPEED_OPTIMIZATIONS. Host builds (sanitizers, fuzzers, the Python
# package's libraries) keep one level.
set(ZTFLM_SIZE_FLAGS -Os)
function(ztflm_size_sources out)
  ztflm_glob(sources ${ZTFLM_MODULE_DIR}/src/*.c)
  # The invoke path: the interpreter's loop, node contexts and tensor data, control flow.
  list(FILTER sources EXCLUDE REGEX "/src/(interpreter|context|model|subgraph)\\.c$")
  list(APPEND sources
    ${ZTFLM_MODULE_DIR}/kernels/common/quant.c
    ${ZTFLM_MODULE_DIR}/kernels/ops/conv_common.c)
  set(${out} ${sources} PARENT_SCOPE)
endfunction()

# The compute variants: the reference ones always, and an overlay's added to them (each
# operator's descriptor lists the overlay's variants first when ztflm_overlay_definitions()
# are defined, and falls back to reference per node).
function(ztflm_kernel_sources out overlay)
  ztflm_check_overlay(${overlay})
  ztflm_glob(reference ${ZTFLM_MODULE_DIR}/kernels/reference/*.c)
  set(own)
  if(NOT overlay STREQUAL "reference")
    ztflm_glob(own ${ZTFLM_MODULE_DIR}/kernels/${overlay}/*.c)
  endif()
  set(sources ${reference} ${own})
  list(SORT sources)
  set(${out} ${sources} PARENT_SCOPE)
endfunction()

# Logging and timing hooks of a platform: host, zephyr or baremetal.
function(ztflm_port_sources out port)
  if(NOT port IN_LIST ZTFLM_PORTS)
    message(FATAL_ERROR "ztflm: unknown port '${port}' (one of ${ZTFLM_PORTS})")
  endif()
  ztflm_glob(sources ${ZTFLM_MODULE_DIR}/port/${port}/*.c)
  set(${out} ${sources} PARENT_SCOPE)
endfunction()

# Every source of the runtime with an overlay and a port ("none": the library without one,
# the application supplies the hooks).
function(ztflm_sources out overlay port)
  ztflm_core_sources(core)
  ztflm_kernel_sources(kernels ${overlay})
  set(ported)
  if(NOT port STREQUAL "none")
    ztflm_port_sources(ported ${port})
  endif()
  set(${out} ${core} ${kernels} ${ported} PARENT_SCOPE)
endfunction()

# The macro that puts an overlay's variants ahead of the reference ones (ztflm/op.h).
function(ztflm_overlay_definitions out overlay)
  ztflm_check_overlay(${overlay})
  set(defs)
  if(NOT overlay STREQUAL "reference")
    string(TOUPPER ${overlay} upper)
    set(defs ZTFLM_OVERLAY_${upper}=1)
  endif()
  set(${out} ${defs} PARENT_SCOPE)
endfunction()

# CMSIS-NN, which the cmsis_nn overlay calls and which is never vendored: the int8, 16x8 and
# int4 families it uses (as Zephyr's cmsis-nn module selects them) from a checkout at root.
function(ztflm_cmsis_nn_sources out_sources out_includes root)
  if(NOT root OR NOT EXISTS ${root}/Include/arm_nnfunctions.h)
    message(FATAL_ERROR "ztflm: the cmsis_nn overlay needs a CMSIS-NN source tree: set "
      "CMSIS_NN_PATH to a checkout of github.com/ARM-software/CMSIS-NN (it must hold "
      "Include/arm_nnfunctions.h); got '${root}'")
  endif()
  ztflm_glob(sources
    ${root}/Source/ConvolutionFunctions/*_s8*.c
    ${root}/Source/ConvolutionFunctions/*_s16*.c
    ${root}/Source/ConvolutionFunctions/*_s4*.c
    ${root}/Source/FullyConnectedFunctions/*_s8.c
    ${root}/Source/FullyConnectedFunctions/*_s16.c
    ${root}/Source/FullyConnectedFunctions/*_s4.c
    ${root}/Source/NNSupportFunctions/*_s8*.c
    ${root}/Source/NNSupportFunctions/*_s16*.c
    ${root}/Source/NNSupportFunctions/*_s4*.c
    ${root}/Source/NNSupportFunctions/arm_nntables.c
    ${root}/Source/NNSupportFunctions/arm_q7_to_q15_with_offset.c
    ${root}/Source/PoolingFunctions/*_s8.c
    ${root}/Source/PoolingFunctions/*_s16.c
    ${root}/Source/BasicMathFunctions/*_s8.c
    ${root}/Source/BasicMathFunctions/arm_elementwise_add_s16.c
    ${root}/Source/BasicMathFunctions/arm_elementwise_mul_s16.c
    ${root}/Source/SoftmaxFunctions/*_s8*.c
    ${root}/Source/SoftmaxFunctions/arm_softmax_s16.c)
  list(FILTER sources EXCLUDE REGEX "(lstm|svdf)")
  set(${out_sources} ${sources} PARENT_SCOPE)
  set(${out_includes} ${root}/Include PARENT_SCOPE)
endfunction()
