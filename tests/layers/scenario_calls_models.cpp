// A scenario-layer function that asks for a model: models sit above scenario, so this must not
// link.
#include "parley/models.hpp"

int probe() { return parley::make_model("median") != nullptr; }
