# Build-time C for the ztflm Zephyr tests: `ztflm convert` output of a model and the host
# runner's vectors, so no test carries model bytes or expected outputs by hand.
include_guard(GLOBAL)

# REALPATH: a west workspace often reaches this repository through a symlink
# (scripts/setup_zephyr.sh makes modules/lib/ztflm one), and ../shared sits beside the real one.
get_filename_component(ZTFLM_ROOT ${CMAKE_CURRENT_LIST_DIR}/../../.. REALPATH)
if(DEFINED ENV{ZTFLM_MODELS})
  set(ZTFLM_MODELS_DEFAULT $ENV{ZTFLM_MODELS})
else()
  get_filename_component(ZTFLM_MODELS_DEFAULT ${ZTFLM_ROOT}/../shared/models ABSOLUTE)
endif()
set(ZTFLM_MODELS ${ZTFLM_MODELS_DEFAULT} CACHE PATH "directory of the shared .tflite models")
set(ZTFLM_GEN_DIR ${CMAKE_CURRENT_BINARY_DIR}/ztflm_gen)
# The ztflm package runs from the tree, installed or not.
set(ZTFLM_PYTHON ${CMAKE_COMMAND} -E env PYTHONPATH=${ZTFLM_ROOT}/west_commands
    ${PYTHON_EXECUTABLE})
file(GLOB ZTFLM_PY_SOURCES ${ZTFLM_ROOT}/west_commands/ztflm/*.py)

# NAME.c and NAME.h from `ztflm convert MODEL --name NAME` (the module's ztflm_add_model).
function(ztflm_test_convert target name model)
  ztflm_add_model(${target} ${model} NAME ${name})
endfunction()

# OUTPUT.c: a table of the models NAME=PATH (each also converted) with COUNT input vectors
# and the host runner's outputs for them.
function(ztflm_test_vectors target output count)
  set(pairs)
  set(models)
  foreach(pair ${ARGN})
    string(REPLACE "=" ";" parts ${pair})
    list(GET parts 0 name)
    list(GET parts 1 model)
    ztflm_test_convert(${target} ${name} ${model})
    list(APPEND pairs ${name}=${model})
    list(APPEND models ${model})
  endforeach()
  add_custom_command(
    OUTPUT ${ZTFLM_GEN_DIR}/${output}.c
    COMMAND ${ZTFLM_PYTHON} ${ZTFLM_ROOT}/tests/zephyr/common/gen_vectors.py
            ${ZTFLM_GEN_DIR}/${output}.c --count ${count} ${pairs}
    DEPENDS ${models} ${ZTFLM_PY_SOURCES} ${ZTFLM_ROOT}/tests/zephyr/common/gen_vectors.py
    COMMENT "ztflm host vectors for ${output}"
  )
  target_sources(${target} PRIVATE ${ZTFLM_GEN_DIR}/${output}.c)
endfunction()
