// Command-line flags of vllm-sim, declared on a CLI11 app so that main() and the --help test share
// them.
#pragma once

#include <CLI/CLI.hpp>

#include "options.hpp"

namespace qp::sim {

// Registers every flag on `app`, writing into `options` (which must outlive the parse).
void add_cli_options(CLI::App& app, SimOptions& options);

}  // namespace qp::sim
