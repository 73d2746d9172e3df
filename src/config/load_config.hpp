// load_config(): configuration file, flags and environment -> a validated Config, with qwen35-rp's
// names, defaults and precedence (a set, non-empty environment variable wins over its flag, which
// wins over the --config file). The environment is passed in; files named by --config and
// --api-key-file are the only things read.
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
  check_config,   // --check-config: if check_error is empty print "configuration OK" and exit 0,
                  // else print check_error and exit 1
  print_config,   // --print-config: print `printed_config` (TOML, keys redacted) and exit 0
  check_backend,  // --check-backend: run the backend pre-flight checks with `config`, print the
                  // report, exit 0 when the backend is usable, else 1
};

struct LoadedConfig {
  StartupAction action = StartupAction::run;
  Config config;                      // complete and validated when action == run
  std::string help_text;              // set when action == print_help
  std::string printed_config;         // set when action == print_config
  std::string check_error;            // action == check_config: the ConfigError message, or empty
  std::vector<std::string> warnings;  // e.g. unknown QWEN35RP_ variables; log them at start
};

// Parses argv (argv[0] is the program), env and the --config file. Throws ConfigError whose message
// names the flag, environment variable or "file:line:column" at fault (main prints it and exits
// 2), except with --check-config, where the error is returned in check_error instead. The profiles
// of the result are the file's [[models]] if it has any, else the four built-ins with the
// configured names; the served model, enforce_sampling_params and reasoning_field are already
// applied to them. Calling it again with the same argv and env re-reads the files (reload).
LoadedConfig load_config(int argc, const char* const* argv, const Environment& env);

}  // namespace qp
