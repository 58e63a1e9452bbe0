# The shell I/O app (the package's device_app, which `ztflm test` generates apps from) around
# a shared model:
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

include(${ZTFLM_ROOT}/west_commands/ztflm/device_app/device_app.cmake)
