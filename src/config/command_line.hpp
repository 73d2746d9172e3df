// The command line: the table of every option (flag, environment variable, default, help) and the
// parsing of argv with qwen35-rp's Go-style flags (one or two dashes).
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace qp {

enum class OptionKind {
  value,       // takes a value: `--port 9000`, `--port=9000`, `-port 9000`, `-port=9000`
  boolean,     // alone means true (`-enforce-sampling-params`); `=false` to switch off, as in Go
  repeatable,  // takes a value and may be given several times; every value is kept (all_given)
};

struct OptionSpec {
  std::string_view name;          // the flag without dashes, e.g. "served-model"
  std::string_view env;           // its environment variable, e.g. "QWEN35RP_SERVED_MODEL_NAME"
  std::string_view default_text;  // the default, parsed like any given value ("" = none)
  std::string_view value_name;    // shown in --help, e.g. "PORT"
  std::string_view help;
  OptionKind kind = OptionKind::value;
};

// Every configuration option, qwen35-rp's first, in --help order.
std::span<const OptionSpec> option_specs();
const OptionSpec& option_spec(std::string_view name);  // must exist

struct CommandLine {
  std::map<std::string, std::string, std::less<>> given;  // option name -> last value given
  // option name -> every value given, in order (read for OptionKind::repeatable options)
  std::map<std::string, std::vector<std::string>, std::less<>> all_given;
  bool help = false;
  bool version = false;
  bool check_config = false;   // --check-config
  bool print_config = false;   // --print-config
  bool check_backend = false;  // --check-backend
};

// Parses argv like Go's flag package: one or two dashes, `--name=value` or `--name value` where
// the value is taken even if it starts with a dash or is empty, a bare boolean option means true,
// and the last of a repeated option wins. Unknown options, positional arguments and a value option
// without its value throw ConfigError. -h/--help, --version, --check-config and --print-config are
// reported, not acted on.
CommandLine parse_command_line(int argc, const char* const* argv);

// The --help text: every flag with its environment variable and default.
std::string help_text();

}  // namespace qp
