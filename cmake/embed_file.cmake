# Writes OUTPUT, a C++ file defining parley::embedded_default_scenario() with INPUT's bytes.
file(READ ${INPUT} content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
file(WRITE ${OUTPUT}
"// Generated from ${INPUT}; do not edit.\n#include \"parley/scenario.hpp\"\n"
"namespace parley {\nnamespace {\nconstexpr unsigned char embedded_bytes[] = {${bytes} 0x00};\n}\n"
"std::string_view embedded_default_scenario() {\n"
"  return {reinterpret_cast<const char*>(embedded_bytes), sizeof(embedded_bytes) - 1};\n}\n"
"}  // namespace parley\n")
