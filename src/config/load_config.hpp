// load_config(): flags and environment -> a validated Config, with qwen35-rp's names, defaults and
// precedence (a set, non-empty environment variable wins over its flag). Pure: the environment is
// passed in, nothing is read from the process.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "config/config_error.hpp"

namespace qp {

// Environment variables, name -> value.
using Environment = std::map<std::string, std::string, std::less<>>;

// Builds an Environment from "NAME=value" strings such as `environ` (null-terminated array).
Environment environment_from(const char* const* envp);

enum class StartupAction {
  run,            // start the proxy with `config`
  print_help,     // print `help_text` and exit 0
  print_version,  // print the version and exit 0
};

struct LoadedConfig {
  StartupAction action = StartupAction::run;
  Config config;                      // complete and validated when action == run
  std::string help_text;              // set when action == print_help
  std::vector<std::string> warnings;  // e.g. unknown QWEN35RP_ variables; log them at start
};

// Parses argv (argv[0] is the program) and env. Throws ConfigError whose message names the flag
// or environment variable at fault (main prints it and exits 2). The profiles of the result are the
// four built-ins with the configured names and served model, enforce_sampling_params and
// reasoning_field already applied to them.
LoadedConfig load_config(int argc, const char* const* argv, const Environment& env);

}  // namespace qp
