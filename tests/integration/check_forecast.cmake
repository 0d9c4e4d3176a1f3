# `parley forecast` on the shipped file and on the embedded copy: same table, every issue listed.
execute_process(COMMAND ${PARLEY} forecast ${SOURCE}/scenarios/afghanistan-2024.yaml
                RESULT_VARIABLE code OUTPUT_VARIABLE from_file ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "forecast failed (${code}): ${err}")
endif()
execute_process(COMMAND ${PARLEY} forecast RESULT_VARIABLE code OUTPUT_VARIABLE embedded)
if(NOT from_file STREQUAL embedded)
  message(FATAL_ERROR "the embedded scenario differs from scenarios/afghanistan-2024.yaml")
endif()
foreach(issue girls_education recognition sanctions_relief humanitarian_access counter_terrorism
        water_management)
  string(FIND "${from_file}" "${issue}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "issue ${issue} missing from the forecast table:\n${from_file}")
  endif()
endforeach()
