# ztflm selects a full C library. With newlib, Zephyr requires its retargetable locking and
# stops on a static assertion in its own libc hooks when the toolchain's newlib lacks it, as
# Debian's arm-none-eabi newlib does; say what to do instead, naming ztflm, at configure time.
if(CONFIG_NEWLIB_LIBC AND CONFIG_MULTITHREADING)
  execute_process(
    COMMAND ${CMAKE_C_COMPILER} -E -dM -include newlib.h -x c -
    INPUT_FILE /dev/null
    OUTPUT_VARIABLE ztflm_newlib_macros
    RESULT_VARIABLE ztflm_newlib_rc
    ERROR_QUIET)
  if(ztflm_newlib_rc EQUAL 0 AND NOT ztflm_newlib_macros MATCHES "_RETARGETABLE_LOCKING")
    message(FATAL_ERROR "ztflm: CONFIG_ZTFLM needs a full C library, and this toolchain's "
      "newlib (${CMAKE_C_COMPILER}) lacks the retargetable locking Zephyr requires. Use "
      "picolibc: include ztflm's zephyr_module/cmake/ztflm_app.cmake before "
      "find_package(Zephyr) (it enables the toolchain's picolibc, Debian's "
      "picolibc-arm-none-eabi), or configure with -DTOOLCHAIN_HAS_PICOLIBC=ON; the Zephyr "
      "SDK needs neither.")
  endif()
endif()
