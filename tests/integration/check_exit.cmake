# Runs `parley ARGS` (arguments separated by '|'); expects exit code CODE and stderr matching the
# regular expression MESSAGE.
string(REPLACE "|" ";" args "${ARGS}")
execute_process(COMMAND ${PARLEY} ${args} RESULT_VARIABLE code OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(NOT code EQUAL CODE)
  message(FATAL_ERROR "expected exit code ${CODE}, got ${code}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(NOT err MATCHES "${MESSAGE}")
  message(FATAL_ERROR "stderr does not match '${MESSAGE}':\n${err}")
endif()
