// Writing a Config as TOML: scalars, the JSON profile values turned back into TOML, and redaction.
#include "config/print_config.hpp"

#include <simdjson.h>

#include <array>
#include <utility>

#include "config/toml_json.hpp"
#include "json/string.hpp"

namespace qp {
namespace {

// A TOML basic string. JSON's escapes are TOML's too; DEL must be escaped in TOML only.
std::string toml_quote(std::string_view text) {
  std::string quoted;
  for (char c : json::quote(text)) {
    if (c == '\x7f') {
      quoted += "\\u007F";
    } else {
      quoted += c;
    }
  }
  return quoted;
}

std::string toml_key(std::string_view key) {
  const bool bare = !key.empty() && key.find_first_not_of(
                                        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                        "0123456789_-") == std::string_view::npos;
  return bare ? std::string(key) : toml_quote(key);
}

void append_toml(std::string& out, simdjson::dom::element value) {
  switch (value.type()) {
    case simdjson::dom::element_type::STRING:
      out += toml_quote(std::string_view(value.get_string().value_unsafe()));
      return;
    case simdjson::dom::element_type::INT64:
      out += std::to_string(value.get_int64().value_unsafe());
      return;
    case simdjson::dom::element_type::UINT64:
      out += std::to_string(value.get_uint64().value_unsafe());
      return;
    case simdjson::dom::element_type::DOUBLE:
      out += format_json_double(value.get_double().value_unsafe());
      return;
    case simdjson::dom::element_type::BOOL:
      out += value.get_bool().value_unsafe() ? "true" : "false";
      return;
    case simdjson::dom::element_type::ARRAY: {
      out += '[';
      bool first = true;
      // A copy: the result that get_array() returns ends with this statement.
      const simdjson::dom::array elements = value.get_array().value_unsafe();
      for (simdjson::dom::element element : elements) {
        out += first ? "" : ", ";
        first = false;
        append_toml(out, element);
      }
      out += ']';
      return;
    }
    case simdjson::dom::element_type::OBJECT: {
      out += '{';
      bool first = true;
      const simdjson::dom::object members = value.get_object().value_unsafe();  // copy, as above
      for (auto [key, member] : members) {
        out += first ? " " : ", ";
        first = false;
        out += toml_key(key) + " = ";
        append_toml(out, member);
      }
      out += first ? "}" : " }";
      return;
    }
    case simdjson::dom::element_type::NULL_VALUE:
      // Unreachable for loaded profiles (TOML has no null); written as a string to stay readable.
      out += "\"null\"";
      return;
  }
}

std::string toml_from_json(simdjson::dom::parser& parser, const std::string& json_text) {
  simdjson::dom::element value;
  if (parser.parse(json_text).get(value) != simdjson::SUCCESS) return toml_quote(json_text);
  std::string out;
  append_toml(out, value);
  return out;
}

void append_rules(std::string& out, simdjson::dom::parser& parser, const std::string& table,
                  const std::vector<FieldSetting>& settings) {
  if (settings.empty()) return;
  out += "\n[models." + table + "]\n";
  for (const FieldSetting& setting : settings) {
    out += toml_key(setting.name) + " = ";
    switch (setting.rule) {
      case FieldRule::strip:
        out += "{ strip = true }\n";
        continue;
      case FieldRule::force:
        out += "{ force = ";
        break;
      case FieldRule::fill_default:
        out += "{ default = ";
        break;
    }
    out += toml_from_json(parser, setting.json_value) + " }\n";
  }
}

std::string_view reasoning_field_name(ReasoningField field) {
  switch (field) {
    case ReasoningField::as_is:
      return "as-is";
    case ReasoningField::reasoning:
      return "reasoning";
    case ReasoningField::reasoning_content:
      return "reasoning_content";
    case ReasoningField::both:
      return "both";
  }
  return "as-is";
}

std::string_view log_level_name(LogLevel level) {
  constexpr std::array<std::string_view, 5> kNames = {"COMPLETE", "DEBUG", "INFO", "WARN", "ERROR"};
  return kNames[static_cast<std::size_t>(level)];
}

std::string apis_list(const ApiSet& apis) {
  constexpr std::array<std::pair<Api, std::string_view>, 5> kApis = {
      {{Api::chat, "chat"},
       {Api::completions, "completions"},
       {Api::tokenize, "tokenize"},
       {Api::responses, "responses"},
       {Api::messages, "messages"}}};
  std::string out = "[";
  for (const auto& [api, name] : kApis) {
    if (!apis.contains(api)) continue;
    out += (out.size() > 1 ? ", \"" : "\"") + std::string(name) + "\"";
  }
  return out + "]";
}

void append_model(std::string& out, simdjson::dom::parser& parser, const Profile& profile) {
  out += "\n[[models]]\nname = " + toml_quote(profile.virtual_name) + "\n";
  if (!profile.backend_model.empty()) {
    out += "backend_model = " + toml_quote(profile.backend_model) + "\n";
  }
  out += "apis = " + apis_list(profile.apis) + "\n";
  out +=
      "reasoning_field = \"" + std::string(reasoning_field_name(profile.reasoning_field)) + "\"\n";
  out += std::string("repair_misplaced_answer = ") +
         (profile.repair_misplaced_answer ? "true" : "false") + "\n";
  if (!profile.allowed_keys.empty()) {
    out += "allowed_keys = [";
    for (std::size_t i = 0; i < profile.allowed_keys.size(); ++i) {
      out += (i == 0 ? "" : ", ") + toml_quote(profile.allowed_keys[i]);
    }
    out += "]\n";
  }
  append_rules(out, parser, "params", profile.params);
  append_rules(out, parser, "chat_template_kwargs", profile.chat_template_kwargs);
}

}  // namespace

std::string print_config(const Config& config) {
  const std::string redacted = toml_quote(kRedacted);
  std::string out =
      "# Effective configuration of qwen35-proxy; keys are shown as " + redacted + ".\n";
  out += "\n[server]\nlisten = " + toml_quote(config.listen_address) + "\n";
  out += "port = " + std::to_string(config.port) + "\n";
  out += "threads = " + std::to_string(config.threads) + "\n";
  out += "max_connections = " + std::to_string(config.max_connections) + "\n";
  out += "shutdown_grace_seconds = " + std::to_string(config.shutdown_grace.count()) + "\n";
  out += "\n[backend]\ntarget = " + toml_quote(config.target) + "\n";
  out += "served_model = " + toml_quote(config.served_model) + "\n";
  if (!config.backend_api_key.empty()) out += "api_key = " + redacted + "\n";
  out += "timeout_seconds = " +
         std::to_string(
             std::chrono::duration_cast<std::chrono::seconds>(config.backend_timeout).count()) +
         "\n";
  out += "idle_timeout_ms = " + std::to_string(config.upstream_idle_timeout.count()) + "\n";
  out += "\n[limits]\nmax_body_bytes = " + std::to_string(config.max_body_bytes) + "\n";
  out += "max_event_bytes = " + std::to_string(config.max_event_bytes) + "\n";
  out +=
      "client_header_timeout_seconds = " +
      std::to_string(
          std::chrono::duration_cast<std::chrono::seconds>(config.client_header_timeout).count()) +
      "\n";
  out += "\n[logging]\nlevel = \"" + std::string(log_level_name(config.log_level)) + "\"\n";
  out += "access_log_format = \"" +
         std::string(config.access_log_format == log::AccessLogFormat::json ? "json" : "logfmt") +
         "\"\n";
  out += "\n[policy]\nreasoning_field = \"" +
         std::string(reasoning_field_name(config.reasoning_field)) + "\"\n";
  out += std::string("enforce_sampling_params = ") +
         (config.enforce_sampling_params ? "true" : "false") + "\n";
  std::string metrics = "off";
  if (config.metrics_enabled) {
    const bool ipv6 = config.metrics_address.find(':') != std::string::npos;
    metrics = (ipv6 ? "[" + config.metrics_address + "]" : config.metrics_address) + ":" +
              std::to_string(config.metrics_port);
  }
  out += "\n[metrics]\nlisten = " + toml_quote(metrics) + "\n";
  if (!config.api_keys.empty()) {
    out += "\n[auth]\napi_keys = [";
    for (std::size_t i = 0; i < config.api_keys.size(); ++i) {
      const ApiKey& key = config.api_keys[i];
      out += i == 0 ? "" : ", ";
      out += key.name.empty() ? redacted
                              : "{ name = " + toml_quote(key.name) + ", key = " + redacted + " }";
    }
    out += "]\n";
  }
  simdjson::dom::parser parser;
  for (const Profile& profile : config.profiles) append_model(out, parser, profile);
  return out;
}

}  // namespace qp
