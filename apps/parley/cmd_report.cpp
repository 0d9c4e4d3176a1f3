#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "parley/io.hpp"

namespace parley::cli {

namespace {
struct ReportArgs {
  std::string directory;
  std::string out;
  std::string pdf;
  ReportOptions options;
};

// Where the report goes: -o, else report.html in the run directory (a file a new run into the
// directory replaces with the rest).
std::filesystem::path output_of(const ReportArgs& a) {
  if (!a.out.empty()) return a.out;
  std::filesystem::path directory = std::filesystem::path(a.directory).lexically_normal();
  if (directory.filename() == "results.sqlite") directory = directory.parent_path();
  if (directory.filename().empty()) directory = directory.parent_path();
  // A killed run's work directory (.NAME.partial) becomes the run directory once --resume
  // finishes it: a report written into it would be carried there, stale.
  const std::string name = directory.filename().string();
  const std::string suffix = ".partial";
  if (name.size() > suffix.size() && name.front() == '.' &&
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
    throw Error(ErrorId::request_invalid_option,
                fmt::format("report: {} is the work directory of an unfinished run, which "
                            "--resume turns into the run directory; name the report's file with "
                            "-o FILE",
                            a.directory));
  }
  return directory / "report.html";
}
}  // namespace

Handler add_report(CLI::App& app) {
  auto a = std::make_shared<ReportArgs>();
  app.add_option("run_directory", a->directory,
                 "Run directory written by compare, simulate, sweep, sensitivity or score --out")
      ->required();
  app.add_option("-o,--output", a->out,
                 "HTML file to write (atomically; default: report.html in the run directory)");
  app.add_option("--reference", a->options.reference,
                 "Strategy the differences are taken to (default: the run's own)");
  app.add_option("--pdf", a->pdf, "Also print the report to this PDF file with headless Chromium");
  return [a] {
    const auto start = std::chrono::steady_clock::now();
    const std::filesystem::path file = output_of(*a);
    const std::string html = report_html(a->directory, a->options);
    write_file_atomically(file, html);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << fmt::format("Report: {} ({:.1f} MB, {:.1f} s)\n", file.string(),
                             double(html.size()) / 1e6, seconds);
    if (!a->pdf.empty()) {
      print_pdf(file, a->pdf);
      std::cout << fmt::format("PDF: {}\n", a->pdf);
    }
    return exit_ok;
  };
}

}  // namespace parley::cli
