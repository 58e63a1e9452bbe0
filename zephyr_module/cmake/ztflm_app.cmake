# Include before find_package(Zephyr) in an application that uses ztflm; outside this
# repository, find it where the west workspace keeps the module (README, Zephyr quick start):
#   execute_process(COMMAND west list -f {abspath} ztflm WORKING_DIRECTORY $ENV{ZEPHYR_BASE}
#     OUTPUT_VARIABLE ZTFLM_MODULE_DIR OUTPUT_STRIP_TRAILING_WHITESPACE
#     COMMAND_ERROR_IS_FATAL ANY)
#   include(${ZTFLM_MODULE_DIR}/zephyr_module/cmake/ztflm_app.cmake)
# It adds:
#  - ztflm's per-board fragments, boards/<board>.conf and boards/<board>.overlay at the top of
#    the repository, where <board> is the board target with '/' as '_'
#    (mps2/an521/cpu0 -> mps2_an521_cpu0);
#  - picolibc for Arm GNU toolchains that ship it (Debian's picolibc-arm-none-eabi): the
#    runtime needs a full C library (math), Zephyr only knows the Zephyr SDK's picolibc, and
#    Debian's newlib lacks the retargetable locking Zephyr requires.
get_filename_component(ZTFLM_ROOT ${CMAKE_CURRENT_LIST_DIR}/../.. ABSOLUTE)

set(ztflm_board ${BOARD})
if(NOT ztflm_board)
  set(ztflm_board $ENV{BOARD})
endif()
string(REPLACE "/" "_" ztflm_board "${ztflm_board}")
if(ztflm_board)
  if(EXISTS ${ZTFLM_ROOT}/boards/${ztflm_board}.conf)
    list(APPEND EXTRA_CONF_FILE ${ZTFLM_ROOT}/boards/${ztflm_board}.conf)
  endif()
  if(EXISTS ${ZTFLM_ROOT}/boards/${ztflm_board}.overlay)
    list(APPEND EXTRA_DTC_OVERLAY_FILE ${ZTFLM_ROOT}/boards/${ztflm_board}.overlay)
  endif()
endif()

set(ztflm_variant ${ZEPHYR_TOOLCHAIN_VARIANT})
if(NOT ztflm_variant)
  set(ztflm_variant $ENV{ZEPHYR_TOOLCHAIN_VARIANT})
endif()
set(ztflm_gnuarm $ENV{GNUARMEMB_TOOLCHAIN_PATH})
if(GNUARMEMB_TOOLCHAIN_PATH)
  set(ztflm_gnuarm ${GNUARMEMB_TOOLCHAIN_PATH})
endif()
if(ztflm_variant STREQUAL "gnuarmemb" AND NOT DEFINED TOOLCHAIN_HAS_PICOLIBC)
  if(EXISTS ${ztflm_gnuarm}/lib/picolibc/arm-none-eabi/picolibc.specs)
    set(TOOLCHAIN_HAS_PICOLIBC ON CACHE BOOL "True if toolchain supports picolibc")
  endif()
endif()
