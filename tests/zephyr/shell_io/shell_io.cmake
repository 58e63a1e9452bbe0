# The shell I/O app around one model, also included by the apps `ztflm test` generates.
#   ZTFLM_TEST_MODEL    a .tflite path, or the name of a shared model (default tflm_hello_world_int8)
#   ZTFLM_TEST_VECTORS  optional .npz of inputs and host outputs (else the pytest makes them)
#   ZTFLM_TEST_RESULTS  optional JSON file the pytest writes its report to
include(${CMAKE_CURRENT_LIST_DIR}/../common/ztflm_test.cmake)

if(NOT ZTFLM_TEST_MODEL)
  set(ZTFLM_TEST_MODEL tflm_hello_world_int8)
endif()
if(NOT IS_ABSOLUTE ${ZTFLM_TEST_MODEL})
  set(ZTFLM_TEST_MODEL ${ZTFLM_MODELS}/${ZTFLM_TEST_MODEL}.tflite)
endif()
get_filename_component(ZTFLM_TEST_MODEL_NAME ${ZTFLM_TEST_MODEL} NAME_WE)

target_sources(app PRIVATE ${CMAKE_CURRENT_LIST_DIR}/src/main.c)
target_compile_definitions(app PRIVATE DUT_MODEL_NAME="${ZTFLM_TEST_MODEL_NAME}")
ztflm_test_convert(app dut ${ZTFLM_TEST_MODEL})

# What the pytest reads from the build directory.
set(ZTFLM_TEST_JSON "{\"model\": \"${ZTFLM_TEST_MODEL}\"")
if(ZTFLM_TEST_VECTORS)
  string(APPEND ZTFLM_TEST_JSON ", \"vectors\": \"${ZTFLM_TEST_VECTORS}\"")
endif()
if(ZTFLM_TEST_RESULTS)
  string(APPEND ZTFLM_TEST_JSON ", \"results\": \"${ZTFLM_TEST_RESULTS}\"")
endif()
if(CONFIG_ZTFLM_PROFILER)
  string(APPEND ZTFLM_TEST_JSON ", \"profile\": true")
endif()
file(WRITE ${CMAKE_BINARY_DIR}/ztflm_test.json "${ZTFLM_TEST_JSON}}\n")
