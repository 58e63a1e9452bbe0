# ztflm_add_model(<target> <model.tflite> [NAME <c_name>] [EMBED_PLAN])
#
# Converts a .tflite model into C at build time with `ztflm convert` (the code behind
# `west tflm-convert`): <c_name>.c holds the aligned model, a resolver with exactly the
# model's operators and <c_name>_ARENA_SIZE. The files land in the build directory and are
# regenerated when the model changes, so the .tflite stays the one source of truth.
# Needs the ztflm Python package (`pip install -e <ztflm>`) in Zephyr's Python.

function(ztflm_add_model target model)
  cmake_parse_arguments(ARG "EMBED_PLAN" "NAME" "" ${ARGN})
  get_filename_component(model ${model} ABSOLUTE)
  if(NOT EXISTS ${model})
    message(FATAL_ERROR "ztflm_add_model: model ${model} does not exist")
  endif()
  if(NOT ARG_NAME)
    get_filename_component(ARG_NAME ${model} NAME_WE)
  endif()
  set(flags)
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

  set(out ${CMAKE_CURRENT_BINARY_DIR}/ztflm_models)
  add_custom_command(
    OUTPUT ${out}/${ARG_NAME}.c ${out}/${ARG_NAME}.h
    COMMAND ${PYTHON_EXECUTABLE} -m ztflm convert ${model} -o ${out} --name ${ARG_NAME} ${flags}
    DEPENDS ${model}
    COMMENT "ztflm convert ${model}"
    VERBATIM)
  target_sources(${target} PRIVATE ${out}/${ARG_NAME}.c ${out}/${ARG_NAME}.h)
  target_include_directories(${target} PRIVATE ${out})
endfunction()
