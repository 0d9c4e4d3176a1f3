#!/usr/bin/env bash
# Runs a Google Benchmark program whose benchmarks take the problem size as their last argument
# (BM_x/100), and fits the growth exponent of each family: the least-squares slope of log(median
# wall time) against log(size), over all sizes and over sizes of 100 and more.
# Usage: bench/growth.sh PROGRAM [benchmark flags...]
#   e.g. bench/growth.sh build/release/bench/bench_eum --benchmark_filter='20_rounds'
set -euo pipefail
program=$1
shift
"$program" --benchmark_min_time=0.5 --benchmark_repetitions=5 \
  --benchmark_report_aggregates_only=true --benchmark_format=csv "$@" 2>/dev/null |
  awk -F, '
    $1 ~ /_median"?$/ {
      name = $1; gsub(/"/, "", name); sub(/_median$/, "", name)
      n = name; sub(/.*\//, "", n); family = name; sub(/\/[0-9]+$/, "", family)
      printf "%-40s %10.4g %s\n", name, $3, $5
      k = family SUBSEP (++count[family])
      size[k] = log(n); time[k] = log($3)
    }
    function slope(f, min_size,   i, m, sx, sy, sxx, sxy, x, y) {
      for (i = 1; i <= count[f]; i++) {
        x = size[f SUBSEP i]; y = time[f SUBSEP i]
        if (x < log(min_size) - 1e-9) continue
        m++; sx += x; sy += y; sxx += x * x; sxy += x * y
      }
      return m < 2 ? "-" : sprintf("%.2f", (m * sxy - sx * sy) / (m * sxx - sx * sx))
    }
    END {
      print ""
      printf "%-40s %12s %12s\n", "growth exponent", "all sizes", "n >= 100"
      for (f in count) printf "%-40s %12s %12s\n", f, slope(f, 0), slope(f, 100)
    }'
