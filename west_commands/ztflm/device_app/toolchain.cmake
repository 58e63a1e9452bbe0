# Include before find_package(Zephyr): with a GNU Arm toolchain that ships picolibc (Debian's
# arm-none-eabi), tell Kconfig it supports thread-local storage (see toolchain/gnuarmemb/Kconfig).
set(ztflm_test_variant ${ZEPHYR_TOOLCHAIN_VARIANT})
if(NOT ztflm_test_variant)
  set(ztflm_test_variant $ENV{ZEPHYR_TOOLCHAIN_VARIANT})
endif()
if(ztflm_test_variant STREQUAL "gnuarmemb" AND TOOLCHAIN_HAS_PICOLIBC)
  set(TOOLCHAIN_KCONFIG_DIR ${CMAKE_CURRENT_LIST_DIR}/toolchain/gnuarmemb)
endif()
