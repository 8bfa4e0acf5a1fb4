# SPDX-License-Identifier: MIT
# Small helpers shared by every folder's CMakeLists.txt.

# recorder_add_test(NAME SOURCES... [LIBRARIES ...] [ENVIRONMENT ...] [TIMEOUT s] [LABELS ...])
# Builds a Qt Test executable and registers it with CTest. The test runs in its own
# build folder, with QT_QPA_PLATFORM=offscreen so no test needs a display.
function(recorder_add_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBRARIES;ENVIRONMENT;LABELS" ${ARGN})
  qt_add_executable(${name} ${ARG_SOURCES} ${ARG_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBRARIES})
  set_target_properties(${name} PROPERTIES MACOSX_BUNDLE OFF)
  add_test(NAME ${name} COMMAND ${name})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  set_tests_properties(${name} PROPERTIES
    TIMEOUT ${ARG_TIMEOUT}
    LABELS "${ARG_LABELS}"
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;RECORDER_SOURCE_DIR=${PROJECT_SOURCE_DIR};RECORDER_BINARY_DIR=${PROJECT_BINARY_DIR};${ARG_ENVIRONMENT}")
endfunction()
