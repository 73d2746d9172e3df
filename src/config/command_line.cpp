// Option table and command-line parsing: Go-style flags read by hand, CLI11 for help and the rest.
// Precedence against the environment is decided in load_config.cpp, not here.
#include "config/command_line.hpp"

#include <CLI/CLI.hpp>
#include <array>

#include "config/config_error.hpp"

namespace qp {
namespace {

constexpr OptionKind kBool = OptionKind::boolean;

// qwen35-rp's options first (same names, variables and defaults), then this proxy's own; every
// variable is QWEN35RP_ + the flag in capitals, except qwen35-rp's model-name variables.
constexpr std::array<OptionSpec, 26> kOptions = {{
    {"listen", "QWEN35RP_LISTEN", "0.0.0.0", "ADDRESS", "IP address to listen on"},
    {"port", "QWEN35RP_PORT", "9000", "PORT", "Port to listen on (0 picks a free port)"},
    {"target", "QWEN35RP_TARGET", "http://127.0.0.1:8000", "URL",
     "Backend vLLM server, http://host:port"},
    {"loglevel", "QWEN35RP_LOGLEVEL", "INFO", "LEVEL", "COMPLETE, DEBUG, INFO, WARN or ERROR"},
    {"access-log-format", "QWEN35RP_ACCESS_LOG_FORMAT", "logfmt", "FORMAT",
     "One access-log line per request at INFO: logfmt or json"},
    {"served-model", "QWEN35RP_SERVED_MODEL_NAME", "", "NAME",
     "Backend model name sent to vLLM; empty = the backend's only model (asked at start)"},
    {"thinking-general", "QWEN35RP_THINKING_GENERAL_MODEL", "qwen3.5-thinking-general", "NAME",
     "Virtual model name of the thinking-general profile"},
    {"thinking-coding", "QWEN35RP_THINKING_CODING_MODEL", "qwen3.5-thinking-coding", "NAME",
     "Virtual model name of the thinking-coding profile"},
    {"instruct-general", "QWEN35RP_INSTRUCT_GENERAL_MODEL", "qwen3.5-instruct-general", "NAME",
     "Virtual model name of the instruct-general profile"},
    {"instruct-reasoning", "QWEN35RP_INSTRUCT_REASONING_MODEL", "qwen3.5-instruct-reasoning",
     "NAME", "Virtual model name of the instruct-reasoning profile"},
    {"enforce-sampling-params", "QWEN35RP_ENFORCE_SAMPLING_PARAMS", "false", "[=BOOL]",
     "Profile sampling values replace the client's instead of filling gaps", kBool},
    {"reasoning-field", "QWEN35RP_REASONING_FIELD", "as-is", "MODE",
     "Reasoning key sent to clients: as-is, reasoning, reasoning_content or both"},
    {"backend-timeout", "QWEN35RP_BACKEND_TIMEOUT", "600", "SECONDS",
     "Longest wait for the backend's first response byte"},
    {"max-body-bytes", "QWEN35RP_MAX_BODY_BYTES", "104857600", "BYTES",
     "Largest request or response body accepted"},
    {"max-event-bytes", "QWEN35RP_MAX_EVENT_BYTES", "10485760", "BYTES",
     "Largest single SSE event accepted from the backend"},
    {"threads", "QWEN35RP_THREADS", "0", "N", "Worker threads (0 = one per hardware thread)"},
    {"upstream-idle-timeout-ms", "QWEN35RP_UPSTREAM_IDLE_TIMEOUT_MS", "4000", "MS",
     "Idle keep-alive connections to the backend are closed after this; below 5000 (vLLM's)"},
    {"client-header-timeout", "QWEN35RP_CLIENT_HEADER_TIMEOUT", "30", "SECONDS",
     "A client that does not send a whole request head in time gets 408"},
    {"max-connections", "QWEN35RP_MAX_CONNECTIONS", "16384", "N",
     "Open client connections at most; more are answered 503 and closed"},
    {"shutdown-grace", "QWEN35RP_SHUTDOWN_GRACE", "180", "SECONDS",
     "On SIGTERM/SIGINT, how long requests and streams in flight may take to finish"},
    {"config", "QWEN35RP_CONFIG", "", "FILE",
     "TOML configuration file (docs/configuration.md); flags and variables override it"},
    {"api-key", "QWEN35RP_API_KEY", "", "KEY",
     "Client API key (repeatable; the variable takes a comma-separated list); none = no check",
     OptionKind::repeatable},
    {"api-key-file", "QWEN35RP_API_KEY_FILE", "", "FILE",
     "File of client API keys, one per line (KEY or NAME:KEY; # comments)"},
    {"backend-api-key", "QWEN35RP_BACKEND_API_KEY", "", "KEY",
     "Key sent to vLLM as Authorization: Bearer (vLLM started with --api-key)"},
    {"metrics-listen", "QWEN35RP_METRICS_LISTEN", "127.0.0.1:9464", "ADDRESS:PORT",
     "Listener of the proxy's own Prometheus metrics (GET /metrics); off = none"},
    {"no-metrics", "QWEN35RP_NO_METRICS", "false", "[=BOOL]",
     "No metrics listener (same as --metrics-listen off)", kBool},
}};

constexpr const char* kDescription =
    "qwen35-proxy: Qwen3.5 sampling profiles as virtual models in front of vLLM";

const OptionSpec* find_option(std::string_view name) {
  for (const OptionSpec& spec : kOptions) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

std::string describe(const OptionSpec& spec) {
  std::string text(spec.help);
  text += "\n[env ";
  text += spec.env;
  text += "] (default: ";
  text += spec.default_text.empty() ? "none" : spec.default_text;
  text += ")";
  return text;
}

void build_app(CLI::App& app, CommandLine& out, std::map<std::string, std::string>& slots) {
  app.set_help_flag("-h,--help", "Print this help and exit");
  app.add_flag("--version", out.version, "Print the version and exit");
  app.add_flag("--check-config", out.check_config,
               "Validate the configuration, print \"configuration OK\" or the error, exit 0 or 1");
  app.add_flag("--print-config", out.print_config,
               "Print the effective configuration as TOML (keys redacted) and exit");
  app.add_flag("--check-backend", out.check_backend,
               "Check the backend (health, model, version, KV cache), print a report, exit 0 if "
               "usable, 1 if not");
  app.get_formatter()->column_width(40);
  app.footer(
      "Flags take one or two dashes (-port 9000, --port=9000). An environment variable, when set "
      "and not empty, wins over its flag (as in qwen35-rp).");
  for (const OptionSpec& spec : kOptions) {  // registered for --help; values are read before
    std::string& slot = slots[std::string(spec.name)];
    app.add_option("--" + std::string(spec.name), slot, describe(spec))
        ->type_name(std::string(spec.value_name))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  }
}

}  // namespace

std::span<const OptionSpec> option_specs() { return kOptions; }

const OptionSpec& option_spec(std::string_view name) {
  const OptionSpec* spec = find_option(name);
  if (spec == nullptr) throw std::logic_error("unknown option " + std::string(name));
  return *spec;
}

CommandLine parse_command_line(int argc, const char* const* argv) {
  // Known options are read here, because CLI11 has no single-dash long options and refuses empty
  // values; CLI11 then sees only the rest (help, version, and anything to reject).
  CommandLine out;
  std::vector<std::string> rest;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") {  // what follows is positional: left for CLI11 to reject
      for (; i < argc; ++i) rest.emplace_back(argv[i]);
      break;
    }
    if (arg.size() > 2 && arg[0] == '-' && arg[1] != '-') arg.insert(0, "-");
    const std::size_t equals = arg.find('=');
    const OptionSpec* spec = arg.rfind("--", 0) == 0
                                 ? find_option(std::string_view(arg).substr(2, equals - 2))
                                 : nullptr;
    if (spec == nullptr) {
      rest.push_back(std::move(arg));
      continue;
    }
    std::string& value = out.given[std::string(spec->name)];
    if (equals != std::string::npos) {
      value = arg.substr(equals + 1);
    } else if (spec->kind == OptionKind::boolean) {
      value = "true";
    } else if (i + 1 < argc) {
      value = argv[++i];  // taken as the value even if it starts with a dash, as Go does
    } else {
      throw ConfigError("flag --" + std::string(spec->name) + " needs a value");
    }
    out.all_given[std::string(spec->name)].push_back(value);
  }

  std::vector<const char*> pointers;
  pointers.push_back(argc > 0 ? argv[0] : "qwen35-proxy");
  for (const std::string& arg : rest) pointers.push_back(arg.c_str());
  std::map<std::string, std::string> unused_slots;
  CLI::App app(kDescription, "qwen35-proxy");
  build_app(app, out, unused_slots);
  try {
    app.parse(static_cast<int>(pointers.size()), pointers.data());
  } catch (const CLI::CallForHelp&) {
    out.help = true;
  } catch (const CLI::ParseError& error) {
    throw ConfigError(std::string("command line: ") + error.what());
  }
  return out;
}

std::string help_text() {
  CommandLine unused;
  std::map<std::string, std::string> slots;
  CLI::App app(kDescription, "qwen35-proxy");
  build_app(app, unused, slots);
  return app.help();
}

}  // namespace qp
