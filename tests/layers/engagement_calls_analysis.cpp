// An engagement-layer function that uses an analysis summary, which sits above it: must not link.
#include "parley/analysis.hpp"

double probe() { return parley::quantile({1.0, 2.0}, 0.5); }
