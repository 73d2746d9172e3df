// Precedence (environment over flag over default) and validation of every option into Config.
// Each value is checked by one parser from value_parsers.hpp; errors name their source.
#include "config/load_config.hpp"

#include <array>
#include <chrono>
#include <string_view>

#include "config/builtin_profiles.hpp"
#include "config/command_line.hpp"
#include "config/value_parsers.hpp"

namespace qp {
namespace {

constexpr std::uint64_t kMaxThreads = 1024;
constexpr std::uint64_t kMaxBackendTimeoutSeconds = 7 * 24 * 3600;
constexpr std::uint64_t kMaxBytesLimit = std::uint64_t{1} << 40;
constexpr std::uint64_t kBackendKeepAliveMs = 5000;  // uvicorn's default keep-alive in vLLM

// One option's effective text and where it came from, for error messages.
struct Setting {
  std::string text;
  std::string origin;  // "environment variable X", "flag --x" or "default of --x"
};

class Settings {
 public:
  Settings(const CommandLine& command_line, const Environment& env)
      : command_line_(command_line), env_(env) {}

  Setting get(std::string_view name) const {
    const OptionSpec& spec = option_spec(name);
    const auto from_env = env_.find(spec.env);
    if (from_env != env_.end() && !from_env->second.empty()) {
      return {from_env->second, "environment variable " + std::string(spec.env)};
    }
    const auto from_flag = command_line_.given.find(name);
    if (from_flag != command_line_.given.end()) {
      return {from_flag->second, "flag --" + std::string(name)};
    }
    return {std::string(spec.default_text), "default of --" + std::string(name)};
  }

  // Runs parse(text) and prefixes a failure with the setting's source and text.
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

 private:
  const CommandLine& command_line_;
  const Environment& env_;
};

auto unsigned_in(std::uint64_t min, std::uint64_t max) {
  return [min, max](std::string_view text) { return parse_unsigned(text, min, max); };
}

// Option names of the four built-in profiles, in builtin_profiles() order.
constexpr std::array<std::string_view, 4> kProfileNameOptions = {
    "thinking-general", "thinking-coding", "instruct-general", "instruct-reasoning"};

std::vector<Profile> configured_profiles(const Settings& settings, const Config& config) {
  std::vector<Profile> profiles = builtin_profiles();
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    profiles[i].virtual_name = settings.parse(kProfileNameOptions[i], parse_model_name);
    profiles[i].backend_model = config.served_model;
    for (std::size_t j = 0; j < i; ++j) {
      if (profiles[j].virtual_name == profiles[i].virtual_name) {
        throw ConfigError("virtual model name \"" + profiles[i].virtual_name +
                          "\" is given twice: " + settings.origin(kProfileNameOptions[j]) +
                          " and " + settings.origin(kProfileNameOptions[i]));
      }
    }
  }
  apply_profile_policy(profiles, config.enforce_sampling_params, config.reasoning_field);
  return profiles;
}

std::vector<std::string> unknown_variables(const Environment& env) {
  std::vector<std::string> warnings;
  for (const auto& [name, value] : env) {
    if (name.rfind("QWEN35RP_", 0) != 0) continue;
    bool known = false;
    for (const OptionSpec& spec : option_specs()) known = known || spec.env == name;
    if (!known) warnings.push_back("unknown environment variable " + name + " is ignored");
  }
  return warnings;
}

}  // namespace

Environment environment_from(const char* const* envp) {
  Environment env;
  for (; envp != nullptr && *envp != nullptr; ++envp) {
    const std::string_view entry(*envp);
    const std::size_t equals = entry.find('=');
    if (equals == std::string_view::npos) continue;  // not a NAME=value entry: nothing to read
    env.emplace(entry.substr(0, equals), entry.substr(equals + 1));
  }
  return env;
}

LoadedConfig load_config(int argc, const char* const* argv, const Environment& env) {
  LoadedConfig loaded;
  const CommandLine command_line = parse_command_line(argc, argv);
  if (command_line.help) {
    loaded.action = StartupAction::print_help;
    loaded.help_text = help_text();
    return loaded;
  }
  if (command_line.version) {
    loaded.action = StartupAction::print_version;
    return loaded;
  }
  const Settings settings(command_line, env);
  Config& config = loaded.config;
  config.listen_address = settings.parse("listen", parse_listen_address);
  config.port = static_cast<std::uint16_t>(settings.parse("port", unsigned_in(0, 65535)));
  config.target = settings.get("target").text;
  config.backend = settings.parse("target", parse_target);
  config.log_level = settings.parse("loglevel", parse_log_level);
  const Setting served_model = settings.get("served-model");
  if (!served_model.text.empty())
    config.served_model = settings.parse("served-model", parse_model_name);
  config.enforce_sampling_params = settings.parse("enforce-sampling-params", parse_go_bool);
  config.reasoning_field = settings.parse("reasoning-field", parse_reasoning_field);
  config.backend_timeout = std::chrono::seconds(
      settings.parse("backend-timeout", unsigned_in(1, kMaxBackendTimeoutSeconds)));
  config.max_body_bytes = settings.parse("max-body-bytes", unsigned_in(1, kMaxBytesLimit));
  config.max_event_bytes = settings.parse("max-event-bytes", unsigned_in(1, kMaxBytesLimit));
  config.threads = static_cast<unsigned>(settings.parse("threads", unsigned_in(0, kMaxThreads)));
  config.upstream_idle_timeout = std::chrono::milliseconds(
      settings.parse("upstream-idle-timeout-ms", [](std::string_view text) {
        try {
          return parse_unsigned(text, 1, kBackendKeepAliveMs - 1);
        } catch (const ConfigError&) {
          throw ConfigError(
              "must be an integer from 1 to 4999: vLLM closes idle connections after "
              "5 s, and the proxy must close them first");
        }
      }));
  config.profiles = configured_profiles(settings, config);
  loaded.warnings = unknown_variables(env);
  return loaded;
}

}  // namespace qp
