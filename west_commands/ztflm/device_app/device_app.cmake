# The `ztflm` shell application around one model: `ztflm test` generates one from this folder
# (package data, so an installed ztflm carries it) and tests/zephyr/shell_io is one. Include
# after find_package(Zephyr), with
#   ZTFLM_TEST_MODEL    the .tflite file (absolute)
#   ZTFLM_TEST_VECTORS  optional .npz of inputs and host outputs (else the pytest makes them)
#   ZTFLM_TEST_RESULTS  optional JSON file the pytest writes its report to
get_filename_component(ZTFLM_TEST_MODEL_NAME ${ZTFLM_TEST_MODEL} NAME_WE)

target_sources(app PRIVATE ${CMAKE_CURRENT_LIST_DIR}/src/main.c)
target_compile_definitions(app PRIVATE DUT_MODEL_NAME="${ZTFLM_TEST_MODEL_NAME}")
ztflm_add_model(app ${ZTFLM_TEST_MODEL} NAME dut)

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
