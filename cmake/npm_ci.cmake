# Script mode: `npm ci` in DIR (which holds package.json and package-lock.json), then STAMP.
# Installs exactly what the lock pins; no package's install scripts run (the report embeds
# prebuilt files only). --prefer-offline lets a machine that has run it once build from npm's
# cache without the registry.
execute_process(
  COMMAND ${NPM} ci --omit=dev --ignore-scripts --no-audit --no-fund --prefer-offline
  WORKING_DIRECTORY ${DIR}
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR
    "npm ci failed (${status}) in ${DIR}: parley report embeds Vega, Vega-Lite and vega-embed "
    "at the versions third_party/npm/package-lock.json pins, and npm could not install them "
    "(its messages are above). npm needs the npm registry, or its cache from an earlier "
    "install. To build parley without `parley report`, configure with -DPARLEY_REPORT=OFF.")
endif()
file(TOUCH ${STAMP})
