# Include before find_package(Zephyr): picolibc's thread-local storage with a GNU Arm
# toolchain, as the package's device app (west_commands/ztflm/device_app) sets it up.
include(${CMAKE_CURRENT_LIST_DIR}/../../../west_commands/ztflm/device_app/toolchain.cmake)
