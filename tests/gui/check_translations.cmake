# SPDX-License-Identifier: MIT
# Fails when a shipped translation is unfinished, or holds vanished/obsolete messages, or when the
# sources hold strings the .ts files do not have yet. Runs lupdate into copies: the tree stays as is.
# cmake -DLUPDATE=... -DSOURCES=<dir> -DTS_FILES=<a;b;c> -DWORK=<dir> -P check_translations.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(problems "")
foreach(ts IN LISTS TS_FILES)
  get_filename_component(name "${ts}" NAME)
  file(COPY "${ts}" DESTINATION "${WORK}")
  execute_process(COMMAND "${LUPDATE}" -silent -locations none "${SOURCES}" -ts "${WORK}/${name}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed on ${name}: ${out}${err}")
  endif()
  file(READ "${WORK}/${name}" text)
  foreach(kind unfinished vanished obsolete)
    string(REGEX MATCHALL "type=\"${kind}\"" hits "${text}")
    list(LENGTH hits count)
    if(count GREATER 0)
      string(APPEND problems "${name}: ${count} ${kind} message(s)\n")
    endif()
  endforeach()
endforeach()
if(problems)
  message(FATAL_ERROR "Translations are not complete:\n${problems}"
          "Run: cmake --build build --target update_translations, translate the unfinished entries "
          "(Qt Linguist or by hand) and commit translations/*.ts.")
endif()
message(STATUS "All translations complete: ${TS_FILES}")
