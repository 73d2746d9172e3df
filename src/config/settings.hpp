// Settings: one option's effective text by precedence — environment (set, not empty) over flag
// over configuration file over built-in default — with where it came from, for error messages.
#pragma once

#include <string>
#include <string_view>

#include "config/command_line.hpp"
#include "config/config_error.hpp"
#include "config/config_file.hpp"
#include "config/load_config.hpp"

namespace qp {

struct Setting {
  std::string text;
  std::string
      origin;  // "environment variable X", "flag --x", "file:line:col (t.k)", "default of --x"
  enum class Source { environment, flag, file, default_value } source = Source::default_value;
};

class Settings {
 public:
  // `file` may be null (no --config). All three must outlive the Settings.
  Settings(const CommandLine& command_line, const Environment& env, const ConfigFile* file)
      : command_line_(command_line), env_(env), file_(file) {}

  Setting get(std::string_view name) const;

  // Runs parse(text) and prefixes a failure with the setting's source and text. Not for secrets:
  // the text appears in the message.
  template <class Parse>
  auto parse(std::string_view name, Parse&& parse_text) const {
    const Setting setting = get(name);
    try {
      return parse_text(std::string_view(setting.text));
    } catch (const ConfigError& error) {
      throw ConfigError("invalid value \"" + setting.text + "\" for " + setting.origin + ": " +
                        error.what());
    }
  }

  std::string origin(std::string_view name) const { return get(name).origin; }
  const CommandLine& command_line() const { return command_line_; }

 private:
  const CommandLine& command_line_;
  const Environment& env_;
  const ConfigFile* file_;
};

}  // namespace qp
