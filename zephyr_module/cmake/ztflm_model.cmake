# ztflm_add_model(<target> <model.tflite> [NAME <c_name>] [EMBED_PLAN])
#
# Converts a .tflite model into C at build time with `ztflm convert` (the code behind
# `west tflm-convert`): <c_name>.c holds the aligned model, a resolver with exactly the
# model's operators and <c_name>_ARENA_SIZE. The files land in the build directory and are
# regenerated when the model changes, so the .tflite stays the one source of truth.
# The arena is sized for the kernel overlay this build's Kconfig picks
# (CONFIG_ZTFLM_KERNEL_OVERLAY): the header names it (<c_name>_ARENA_KERNELS) and the C file
# fails to compile if the build's overlay is another one.
# Needs the ztflm Python package (`pip install -e <ztflm>`) in Zephyr's Python.

# The host library that plans like this build's kernels. The package carries one per overlay
# it can build alone (reference, arm_dsp, arm_mve); cmsis_nn's scratch comes from CMSIS-NN's
# own size functions, so its library is built here from the workspace's cmsis-nn module, with
# the sizes of this core (DSP, Helium or neither), once per build directory.
function(ztflm_host_library out_env)
  set(kernels ${CONFIG_ZTFLM_KERNEL_OVERLAY})
  set(env ZTFLM_KERNELS=${kernels})
  if(kernels STREQUAL "cmsis_nn")
    set(sizes)
    set(variant plain)
    if(CONFIG_ARMV8_1_M_MVEI)
      set(sizes --sizes-for mve)
      set(variant mve)
    elseif(CONFIG_ZTFLM_CPU_HAS_DSP)
      set(sizes --sizes-for dsp)
      set(variant dsp)
    endif()
    set(lib ${CMAKE_BINARY_DIR}/ztflm_host/libztflm_cmsis_nn_${variant}.so)
    if(NOT EXISTS ${lib})
      message(STATUS "ztflm: building the host cmsis_nn library (${variant} sizes) from "
        "${ZEPHYR_CMSIS_NN_MODULE_DIR}")
      execute_process(
        COMMAND ${CMAKE_COMMAND} -E env CMSIS_NN_PATH=${ZEPHYR_CMSIS_NN_MODULE_DIR}
                ${PYTHON_EXECUTABLE} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../../scripts/build_overlay_lib.py
                --overlay cmsis_nn ${sizes} ${lib}
        RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR "ztflm: cannot build the host cmsis_nn library that sizes the "
          "arena for CONFIG_ZTFLM_KERNELS_CMSIS_NN:\n${err}")
      endif()
    endif()
    list(APPEND env ZTFLM_LIB=${lib})
  endif()
  set(${out_env} ${env} PARENT_SCOPE)
endfunction()

function(ztflm_add_model target model)
  cmake_parse_arguments(ARG "EMBED_PLAN" "NAME" "" ${ARGN})
  get_filename_component(model ${model} ABSOLUTE)
  if(NOT EXISTS ${model})
    message(FATAL_ERROR "ztflm_add_model: model ${model} does not exist")
  endif()
  if(NOT ARG_NAME)
    get_filename_component(ARG_NAME ${model} NAME_WE)
  endif()
  set(flags --kernels ${CONFIG_ZTFLM_KERNEL_OVERLAY})
  if(ARG_EMBED_PLAN)
    list(APPEND flags --embed-plan)
  endif()

  execute_process(
    COMMAND ${PYTHON_EXECUTABLE} -c "import ztflm.cli"
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "ztflm_add_model: the ztflm Python package is not importable by "
      "${PYTHON_EXECUTABLE}; install it with `${PYTHON_EXECUTABLE} -m pip install -e "
      "<path to ztflm>`:\n${err}")
  endif()
  ztflm_host_library(env)

  set(out ${CMAKE_CURRENT_BINARY_DIR}/ztflm_models)
  add_custom_command(
    OUTPUT ${out}/${ARG_NAME}.c ${out}/${ARG_NAME}.h
    COMMAND ${CMAKE_COMMAND} -E env ${env}
            ${PYTHON_EXECUTABLE} -m ztflm convert ${model} -o ${out} --name ${ARG_NAME} ${flags}
    DEPENDS ${model} ${CMAKE_BINARY_DIR}/zephyr/.config
    COMMENT "ztflm convert ${model} --kernels ${CONFIG_ZTFLM_KERNEL_OVERLAY}"
    VERBATIM)
  target_sources(${target} PRIVATE ${out}/${ARG_NAME}.c ${out}/${ARG_NAME}.h)
  target_include_directories(${target} PRIVATE ${out})
endfunction()
