# SPDX-License-Identifier: MIT
# Small helpers shared by every folder's CMakeLists.txt.

# recorder_add_test(NAME SOURCES... [LIBRARIES ...] [ENVIRONMENT ...] [TIMEOUT s] [LABELS ...])
# Builds a Qt Test executable and registers it with CTest. The test runs in its own
# build folder, with QT_QPA_PLATFORM=offscreen so no test needs a display.
#
# A test that cannot run (not root, a tool missing) QSKIPs, best in initTestCase, and CTest then
# reports it "Skipped", not "Passed". Qt counts initTestCase and cleanupTestCase as passes, so
# "nothing real passed" is 0 passes (initTestCase skipped: nothing else runs) or 2 (every test
# function skipped). A test in which anything really passed or failed is never matched.
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
    SKIP_REGULAR_EXPRESSION "Totals: [02] passed, 0 failed, [1-9][0-9]* skipped"
    LABELS "${ARG_LABELS}"
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;RECORDER_SOURCE_DIR=${PROJECT_SOURCE_DIR};RECORDER_BINARY_DIR=${PROJECT_BINARY_DIR};${ARG_ENVIRONMENT}")
endfunction()

# recorder_add_skipped_test(NAME REASON [LABELS ...])
# Registers NAME as a test that only says why it cannot run here (a tool is missing) and is
# reported "Skipped": a test that is silently not registered looks the same as one that passed.
function(recorder_add_skipped_test name reason)
  cmake_parse_arguments(ARG "" "" "LABELS" ${ARGN})
  add_test(NAME ${name} COMMAND sh -c "echo \"SKIP: $1\"; exit 77" sh "${reason}")
  set_tests_properties(${name} PROPERTIES SKIP_RETURN_CODE 77 LABELS "${ARG_LABELS}")
endfunction()
