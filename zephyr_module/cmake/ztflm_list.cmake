# Prints the build description (ztflm_sources.cmake) for builds that are not CMake projects:
#
#   cmake [-DOVERLAY=reference] [-DPORT=host|zephyr|baremetal|none] [-DWHAT=all]
#         [-DCMSIS_NN_PATH=...] [-DBASE=<folder>] -P zephyr_module/cmake/ztflm_list.cmake
#
# Paths are absolute, or relative to BASE when it is given.
# WHAT=all prints one "<kind> <value>" line per item, kinds source, include, define,
# external_source and external_include (CMSIS-NN for cmsis_nn, from CMSIS_NN_PATH or the
# environment's), size_source (the sources among them a speed build compiles for size) and
# size_flag (how); WHAT=sources, includes, defines or overlays prints the bare values, one a line
# (for a Makefile's $(shell ...)). Exits non-zero with a one-line reason on a bad argument.
cmake_minimum_required(VERSION 3.20)
include(${CMAKE_CURRENT_LIST_DIR}/ztflm_sources.cmake)

if(NOT DEFINED OVERLAY)
  set(OVERLAY reference)
endif()
if(NOT DEFINED PORT)
  set(PORT host)
endif()
if(NOT DEFINED WHAT)
  set(WHAT all)
endif()
if(NOT DEFINED CMSIS_NN_PATH)
  set(CMSIS_NN_PATH $ENV{CMSIS_NN_PATH})
endif()

set(lines)
if(WHAT STREQUAL "overlays")
  set(lines ${ZTFLM_OVERLAYS})
else()
  ztflm_sources(item_source ${OVERLAY} ${PORT})
  ztflm_overlay_definitions(item_define ${OVERLAY})
  set(item_include ${ZTFLM_INCLUDE_DIRS})
  set(item_external_source)
  set(item_external_include)
  ztflm_size_sources(item_size_source)
  set(item_size_flag ${ZTFLM_SIZE_FLAGS})
  if(OVERLAY STREQUAL "cmsis_nn" AND WHAT STREQUAL "all")
    ztflm_cmsis_nn_sources(item_external_source item_external_include "${CMSIS_NN_PATH}")
  endif()
  if(WHAT STREQUAL "all")
    foreach(kind source include define external_source external_include size_source
        size_flag)
      foreach(item ${item_${kind}})
        list(APPEND lines "${kind} ${item}")
      endforeach()
    endforeach()
  elseif(WHAT MATCHES "^(source|include|define)s$")
    set(lines ${item_${CMAKE_MATCH_1}})
  else()
    message(FATAL_ERROR "ztflm: WHAT must be all, sources, includes, defines or overlays; "
      "got '${WHAT}'")
  endif()
endif()

if(BASE)
  set(relative)
  foreach(line ${lines})
    if(line MATCHES "^(([a-z_]+) )?(/.*)$")
      file(RELATIVE_PATH path ${BASE} ${CMAKE_MATCH_3})
      set(line "${CMAKE_MATCH_1}${path}")
    endif()
    list(APPEND relative "${line}")
  endforeach()
  set(lines ${relative})
endif()

# message() writes to stderr; the list goes to stdout.
string(REPLACE ";" "\n" text "${lines}")
execute_process(COMMAND ${CMAKE_COMMAND} -E echo "${text}")
