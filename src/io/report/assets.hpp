// The scripts a report embeds, compiled into parley when it is built: Vega, Vega-Lite and
// vega-embed at the versions third_party/npm/package-lock.json pins, and the licences of every
// package npm installed with them (cmake/embed_report_assets.cmake writes the definition).
#pragma once

#include <string_view>

namespace parley::detail {

struct ReportScript {
  std::string_view package;  // the npm package, e.g. "vega-lite"
  std::string_view version;
  std::string_view text;  // its minified browser build
};

struct ReportAssets {
  // False in a parley configured with -DPARLEY_REPORT=OFF, which has no scripts to embed.
  bool available = false;
  ReportScript vega, vega_lite, vega_embed;
  std::string_view licences;  // every installed package's licence, same texts listed once
};

const ReportAssets& report_assets();

}  // namespace parley::detail
