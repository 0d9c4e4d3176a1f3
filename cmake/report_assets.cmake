# parley_report_assets(OUTPUT): a build step that writes OUTPUT, the C++ source holding the
# scripts `parley report` embeds into every report (src/io/report/assets.hpp).
#
# With PARLEY_REPORT (the default) the build runs `npm ci` on third_party/npm/ in the build tree
# and embeds the minified Vega, Vega-Lite and vega-embed and their licences: the versions are
# the ones package-lock.json pins, whatever the registry holds today. Without npm the
# configuration stops and says what to install: the report is part of the product, and a
# parley that silently lacked it would surprise the analyst who needs it. -DPARLEY_REPORT=OFF
# builds without the scripts, for machines with no npm; `parley report` then says so.
function(parley_report_assets output)
  set(embed ${PROJECT_SOURCE_DIR}/cmake/embed_report_assets.cmake)
  if(NOT PARLEY_REPORT)
    add_custom_command(
      OUTPUT ${output}
      COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -P ${embed}
      DEPENDS ${embed}
      COMMENT "parley report: built without its charting scripts (PARLEY_REPORT=OFF)")
    return()
  endif()
  find_program(PARLEY_NPM NAMES npm)
  if(NOT PARLEY_NPM)
    message(FATAL_ERROR
      "npm not found. `parley report` embeds Vega, Vega-Lite and vega-embed, installed with npm "
      "at build time from third_party/npm/package-lock.json. Install Node.js and npm (Debian: "
      "apt-get install nodejs npm; `make deps` does it), or configure with -DPARLEY_REPORT=OFF "
      "to build parley without the report.")
  endif()
  set(npm_source ${PROJECT_SOURCE_DIR}/third_party/npm)
  set(npm_dir ${CMAKE_BINARY_DIR}/npm)
  set(stamp ${npm_dir}/npm-ci.stamp)
  add_custom_command(
    OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${npm_dir}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${npm_source}/package.json
            ${npm_source}/package-lock.json ${npm_dir}
    COMMAND ${CMAKE_COMMAND} -DNPM=${PARLEY_NPM} -DDIR=${npm_dir} -DSTAMP=${stamp}
            -P ${PROJECT_SOURCE_DIR}/cmake/npm_ci.cmake
    DEPENDS ${npm_source}/package.json ${npm_source}/package-lock.json
            ${PROJECT_SOURCE_DIR}/cmake/npm_ci.cmake
    COMMENT "npm ci: Vega, Vega-Lite and vega-embed as third_party/npm/package-lock.json pins them"
    VERBATIM)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DNODE_MODULES=${npm_dir}/node_modules -DOUTPUT=${output} -P ${embed}
    DEPENDS ${stamp} ${embed}
    COMMENT "Embedding the report's charting scripts and their licences"
    VERBATIM)
endfunction()
