# The C test programs of tests/c (ZTFLM_C_TESTS=ON), for `make test-c`, `test-profiler` and
# `test-m32`. The runtime is compiled once per set of build options (messages on and off, the
# profiler hook) as object libraries the programs share, and ninja compiles it in parallel and
# again only where a source changed. The compiler and the flags are the build folder's: the
# Makefile configures one folder each for gcc and clang under the sanitizers (ZTFLM_SANITIZE),
# and for gcc at -O2 in 64 and 32 bits (CMAKE_C_FLAGS=-m32); it builds only the programs it
# runs there. No host-library definitions (ztflm_host_defines): the runtime's own defaults.
include_guard(GLOBAL)

set(ztflm_ctest_flags ${ztflm_flags} ${ztflm_warnings} -Werror)

# The runtime with the host port and the given definitions, as object library ${name}.
function(ztflm_ctest_runtime name)
  ztflm_sources(sources reference host)
  add_library(${name} OBJECT ${sources})
  target_include_directories(${name} PUBLIC ${ZTFLM_INCLUDE_DIRS})
  target_compile_definitions(${name} PUBLIC ${ARGN})
  target_compile_options(${name} PRIVATE ${ztflm_ctest_flags})
endfunction()

# A test program: ${name} from tests/c/${source}.c, linked with a runtime object library
# (its definitions come with it) or given single runtime files (SOURCES ...).
function(ztflm_ctest name source)
  cmake_parse_arguments(arg "" "RUNTIME" "SOURCES" ${ARGN})
  add_executable(${name} ${CMAKE_CURRENT_SOURCE_DIR}/tests/c/${source}.c ${arg_SOURCES})
  target_include_directories(${name} PRIVATE ${ZTFLM_INCLUDE_DIRS})
  target_compile_options(${name} PRIVATE ${ztflm_ctest_flags})
  target_link_options(${name} PRIVATE ${ztflm_link_flags})
  target_link_libraries(${name} PRIVATE ${arg_RUNTIME} m)
endfunction()

ztflm_ctest_runtime(ztflm_ctest_rt)
ztflm_ctest_runtime(ztflm_ctest_rt_nostrings ZTFLM_ERROR_STRINGS=0)
ztflm_ctest_runtime(ztflm_ctest_rt_profiler ZTFLM_PROFILER=1)

ztflm_ctest(test_plan_invariants test_plan_invariants RUNTIME ztflm_ctest_rt)
ztflm_ctest(test_plan_invariants_nostrings test_plan_invariants
  RUNTIME ztflm_ctest_rt_nostrings)
ztflm_ctest(test_error_strings_1 test_error_strings RUNTIME ztflm_ctest_rt)
ztflm_ctest(test_error_strings_0 test_error_strings RUNTIME ztflm_ctest_rt_nostrings)
ztflm_ctest(test_scratch_sizes test_scratch_sizes RUNTIME ztflm_ctest_rt)
ztflm_ctest(test_profiler test_profiler RUNTIME ztflm_ctest_rt_profiler)

set(common ${ZTFLM_MODULE_DIR}/kernels/common)
ztflm_ctest(test_flexbuffer test_flexbuffer SOURCES ${common}/flexbuffer.c)
ztflm_ctest(test_trig test_trig SOURCES ${common}/trig.c)
# The libm comparisons spread the inputs over every core (pthreads).
find_package(Threads REQUIRED)
ztflm_ctest(test_mathf test_mathf SOURCES ${common}/expf.c ${common}/expm1f.c
  ${common}/logf.c ${common}/roundf.c ${common}/sincosf.c ${common}/tanhf.c)
ztflm_ctest(test_fmodf test_fmodf SOURCES ${common}/fmodf.c)
target_link_libraries(test_mathf PRIVATE Threads::Threads)
target_link_libraries(test_fmodf PRIVATE Threads::Threads)
