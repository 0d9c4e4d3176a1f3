# Installs parley from BUILD into a staging prefix under WORK, then configures, builds and runs the
# consumer project in SOURCE against it with find_package(parley).
file(REMOVE_RECURSE ${WORK})
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "${ARGN}\nexit ${code}\n${out}\n${err}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()
run(${CMAKE_COMMAND} --install ${BUILD} --prefix ${WORK}/stage)
run(${CMAKE_COMMAND} -S ${SOURCE} -B ${WORK}/build -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_PREFIX_PATH=${WORK}/stage)
run(${CMAKE_COMMAND} --build ${WORK}/build)
run(${WORK}/build/consumer)
# Every issue of the embedded scenario forecast, a year simulated, the table's first column.
set(expected "^scenario: [^\n]+\nissues forecast: ([0-9]+) of ([0-9]+)\nmonths simulated: 12\ntable header: issue\n$")
if(NOT output MATCHES "${expected}" OR NOT CMAKE_MATCH_1 STREQUAL CMAKE_MATCH_2)
  message(FATAL_ERROR "consumer printed:\n${output}\nexpected to match:\n${expected}")
endif()
message(STATUS "consumer built against the installed package and ran")
