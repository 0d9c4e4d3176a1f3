# Runs `parley validate NAME` in DIR; expects exit code 2 and stderr equal to NAME.expected.
execute_process(COMMAND ${PARLEY} validate ${NAME} WORKING_DIRECTORY ${DIR}
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 2)
  message(FATAL_ERROR "expected exit code 2, got ${code}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(NOT EXISTS ${DIR}/${NAME}.expected)
  message(FATAL_ERROR "missing ${NAME}.expected; parley printed:\n${err}")
endif()
file(READ ${DIR}/${NAME}.expected expected)
if(NOT err STREQUAL expected)
  message(FATAL_ERROR "message differs.\nexpected:\n${expected}\ngot:\n${err}")
endif()
