// load_config(): every option by precedence (environment > flag > file > default) into a validated
// Config, then the virtual models and API keys; --check-config and --print-config as actions.
#include "config/load_config.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>
#include <string_view>

#include "config/api_keys.hpp"
#include "config/builtin_profiles.hpp"
#include "config/command_line.hpp"
#include "config/config_file.hpp"
#include "config/print_config.hpp"
#include "config/settings.hpp"
#include "config/value_parsers.hpp"

namespace qp {
namespace {

constexpr std::uint64_t kMaxThreads = 1024;
constexpr std::uint64_t kMaxBackendTimeoutSeconds = 7 * 24 * 3600;
constexpr std::uint64_t kMaxBytesLimit = std::uint64_t{1} << 40;
constexpr std::uint64_t kBackendKeepAliveMs = 5000;  // uvicorn's default keep-alive in vLLM

auto unsigned_in(std::uint64_t min, std::uint64_t max) {
  return [min, max](std::string_view text) { return parse_unsigned(text, min, max); };
}

// Option names of the four built-in profiles, in builtin_profiles() order.
constexpr std::array<std::string_view, 4> kProfileNameOptions = {
    "thinking-general", "thinking-coding", "instruct-general", "instruct-reasoning"};

std::vector<Profile> renamed_builtin_profiles(const Settings& settings, const Config& config) {
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

// The file's [[models]], with the served model, the policy switches and each model's own
// reasoning_field resolved; their allowed_keys must name configured keys.
std::vector<Profile> file_profiles(const std::vector<FileProfile>& entries, const Config& config) {
  std::vector<Profile> profiles;
  for (const FileProfile& entry : entries) profiles.push_back(entry.profile);
  apply_profile_policy(profiles, config.enforce_sampling_params, config.reasoning_field);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    Profile& profile = profiles[i];
    if (profile.backend_model.empty()) profile.backend_model = config.served_model;
    if (entries[i].reasoning_field) profile.reasoning_field = *entries[i].reasoning_field;
    for (const std::string& name : profile.allowed_keys) {
      const bool known = std::any_of(config.api_keys.begin(), config.api_keys.end(),
                                     [&name](const ApiKey& key) { return key.name == name; });
      if (known) continue;
      throw ConfigError(entries[i].allowed_keys_location + ": allowed_keys of \"" +
                        profile.virtual_name + "\" names \"" + name +
                        "\", which is not the name of a configured API key");
    }
  }
  return profiles;
}

std::vector<Profile> configured_profiles(const Settings& settings, const Config& config,
                                         const ConfigFile* file,
                                         std::vector<std::string>& warnings) {
  if (file == nullptr || !file->models) return renamed_builtin_profiles(settings, config);
  for (std::string_view option : kProfileNameOptions) {
    const Setting rename = settings.get(option);
    if (rename.source == Setting::Source::default_value) continue;
    warnings.push_back(rename.origin + " is ignored: " + file->path +
                       " defines its own [[models]], which replace the built-in ones");
  }
  return file_profiles(*file->models, config);
}

// Inline keys (QWEN35RP_API_KEY > every --api-key > auth.api_keys), then the key file's
// (QWEN35RP_API_KEY_FILE > --api-key-file > auth.api_key_file).
std::vector<ApiKey> configured_api_keys(const Settings& settings, const Environment& env,
                                        const ConfigFile* file) {
  std::vector<ApiKey> keys;
  const std::string_view variable = option_spec("api-key").env;
  const auto from_env = env.find(variable);
  const auto& flags = settings.command_line().all_given;
  const auto from_flags = flags.find("api-key");
  if (from_env != env.end() && !from_env->second.empty()) {
    keys = split_api_key_list(from_env->second, "environment variable " + std::string(variable));
  } else if (from_flags != flags.end()) {
    for (const std::string& key : from_flags->second) {
      check_api_key(key, "flag --api-key");
      keys.push_back({"", key});
    }
  } else if (file != nullptr && file->api_keys) {
    keys = *file->api_keys;
  }
  const Setting key_file = settings.get("api-key-file");
  if (!key_file.text.empty()) {
    for (ApiKey& key : read_api_key_file(key_file.text, key_file.origin)) {
      keys.push_back(std::move(key));
    }
  }
  check_api_keys_distinct(keys);
  return keys;
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

// --metrics-listen: "off", or ADDRESS:PORT with ADDRESS as for --listen (IPv6 in brackets).
struct MetricsListen {
  bool enabled = false;
  std::string address;
  std::uint16_t port = 0;
};

MetricsListen parse_metrics_listen(std::string_view text) {
  if (text == "off") return {};
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    throw ConfigError("must be ADDRESS:PORT (for example 127.0.0.1:9464) or off");
  }
  std::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    throw ConfigError("an IPv6 address must be in brackets, for example [::1]:9464");
  }
  return {true, parse_listen_address(host),
          static_cast<std::uint16_t>(parse_unsigned(text.substr(colon + 1), 0, 65535))};
}

void read_options(const Settings& settings, Config& config) {
  config.listen_address = settings.parse("listen", parse_listen_address);
  config.port = static_cast<std::uint16_t>(settings.parse("port", unsigned_in(0, 65535)));
  config.target = settings.get("target").text;
  config.backend = settings.parse("target", parse_target);
  config.log_level = settings.parse("loglevel", parse_log_level);
  config.access_log_format = settings.parse("access-log-format", parse_access_log_format);
  const Setting served_model = settings.get("served-model");
  if (!served_model.text.empty())
    config.served_model = settings.parse("served-model", parse_model_name);
  const Setting backend_key = settings.get("backend-api-key");
  if (!backend_key.text.empty()) check_api_key(backend_key.text, backend_key.origin);
  config.backend_api_key = backend_key.text;
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
  config.client_header_timeout = std::chrono::seconds(
      settings.parse("client-header-timeout", unsigned_in(1, kMaxBackendTimeoutSeconds)));
  config.max_connections = settings.parse("max-connections", unsigned_in(1, 1u << 24));
  config.shutdown_grace = std::chrono::seconds(
      settings.parse("shutdown-grace", unsigned_in(0, kMaxBackendTimeoutSeconds)));
  const MetricsListen metrics = settings.parse("metrics-listen", parse_metrics_listen);
  config.metrics_enabled = metrics.enabled && !settings.parse("no-metrics", parse_go_bool);
  if (metrics.enabled) {
    config.metrics_address = metrics.address;
    config.metrics_port = metrics.port;
  }
}

LoadedConfig load_or_throw(int argc, const char* const* argv, const Environment& env) {
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
  Config& config = loaded.config;
  config.config_file = Settings(command_line, env, nullptr).get("config").text;
  std::optional<ConfigFile> file;
  if (!config.config_file.empty()) file = read_config_file(config.config_file);
  const Settings settings(command_line, env, file ? &*file : nullptr);
  read_options(settings, config);
  config.api_keys = configured_api_keys(settings, env, file ? &*file : nullptr);
  loaded.warnings = unknown_variables(env);
  config.profiles = configured_profiles(settings, config, file ? &*file : nullptr, loaded.warnings);
  if (command_line.print_config) {
    loaded.action = StartupAction::print_config;
    loaded.printed_config = print_config(config);
  } else if (command_line.check_backend) {
    loaded.action = StartupAction::check_backend;
  }
  return loaded;
}

bool asks_for_check(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") return false;
    if (arg == "--check-config" || arg == "-check-config") return true;
  }
  return false;
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
  if (!asks_for_check(argc, argv)) return load_or_throw(argc, argv, env);
  LoadedConfig loaded;
  try {
    loaded = load_or_throw(argc, argv, env);
  } catch (const ConfigError& error) {
    loaded = LoadedConfig{};
    loaded.check_error = error.what();
  }
  if (loaded.action == StartupAction::print_help || loaded.action == StartupAction::print_version)
    return loaded;
  loaded.action = StartupAction::check_config;
  loaded.printed_config.clear();
  return loaded;
}

}  // namespace qp
