// Option text to typed values, strict: anything not documented is refused at start.
#include "config/value_parsers.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "config/config_error.hpp"

namespace qp {
namespace {

std::string to_upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

bool is_ip_literal(const std::string& text) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, text.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

bool is_host_name(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  return std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '-' || c == '_';
  });
}

}  // namespace

std::uint64_t parse_unsigned(std::string_view text, std::uint64_t min, std::uint64_t max) {
  const std::string range =
      "must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const bool digits_only =
      !text.empty() &&
      std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
  if (!digits_only) throw ConfigError(range);
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || value < min || value > max) throw ConfigError(range);
  return value;
}

bool parse_go_bool(std::string_view text) {
  for (std::string_view yes : {"1", "t", "T", "TRUE", "true", "True"}) {
    if (text == yes) return true;
  }
  for (std::string_view no : {"0", "f", "F", "FALSE", "false", "False"}) {
    if (text == no) return false;
  }
  throw ConfigError("must be true or false (or 1, t, T, TRUE, True, 0, f, F, FALSE, False)");
}

LogLevel parse_log_level(std::string_view text) {
  const std::string upper = to_upper(text);
  if (upper == "COMPLETE") return LogLevel::complete;
  if (upper == "DEBUG") return LogLevel::debug;
  if (upper == "INFO") return LogLevel::info;
  if (upper == "WARN") return LogLevel::warn;
  if (upper == "ERROR") return LogLevel::error;
  throw ConfigError("must be one of COMPLETE, DEBUG, INFO, WARN, ERROR");
}

log::AccessLogFormat parse_access_log_format(std::string_view text) {
  const std::string upper = to_upper(text);
  if (upper == "LOGFMT") return log::AccessLogFormat::logfmt;
  if (upper == "JSON") return log::AccessLogFormat::json;
  throw ConfigError("must be logfmt or json");
}

ReasoningField parse_reasoning_field(std::string_view text) {
  if (text == "as-is") return ReasoningField::as_is;
  if (text == "reasoning") return ReasoningField::reasoning;
  if (text == "reasoning_content") return ReasoningField::reasoning_content;
  if (text == "both") return ReasoningField::both;
  throw ConfigError("must be one of as-is, reasoning, reasoning_content, both");
}

std::string parse_listen_address(std::string_view text) {
  if (text == "localhost") return "127.0.0.1";
  std::string address(text);
  if (!is_ip_literal(address)) throw ConfigError("must be an IPv4 or IPv6 address");
  return address;
}

BackendAddress parse_target(std::string_view text) {
  const std::string expected = "must look like http://host:port";
  const std::size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) throw ConfigError(expected);
  const std::string scheme = to_upper(text.substr(0, scheme_end));
  if (scheme == "HTTPS") throw ConfigError("https backends are not supported yet; " + expected);
  if (scheme != "HTTP") throw ConfigError(expected);

  std::string_view rest = text.substr(scheme_end + 3);
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.find_first_of("/?#") != std::string_view::npos) {
    throw ConfigError("must have no path, query or fragment; " + expected);
  }
  if (rest.find('@') != std::string_view::npos) throw ConfigError("must have no user info");

  BackendAddress address;
  std::string_view port_text;
  bool has_port = false;
  if (!rest.empty() && rest.front() == '[') {
    const std::size_t close = rest.find(']');
    if (close == std::string_view::npos) throw ConfigError("has an unclosed [ in its host");
    address.host = std::string(rest.substr(1, close - 1));
    unsigned char buffer[16];
    if (inet_pton(AF_INET6, address.host.c_str(), buffer) != 1) {
      throw ConfigError("has an invalid IPv6 address in brackets");
    }
    rest.remove_prefix(close + 1);
    if (!rest.empty() && rest.front() != ':') throw ConfigError(expected);
    has_port = !rest.empty();
    if (has_port) port_text = rest.substr(1);
  } else {
    const std::size_t colon = rest.find(':');
    address.host = std::string(rest.substr(0, colon));
    if (!is_host_name(address.host)) throw ConfigError("has no valid host; " + expected);
    has_port = colon != std::string_view::npos;
    if (has_port) port_text = rest.substr(colon + 1);
  }
  if (!has_port) {
    address.port = 80;
    return address;
  }
  try {
    address.port = static_cast<std::uint16_t>(parse_unsigned(port_text, 1, 65535));
  } catch (const ConfigError& error) {
    throw ConfigError(std::string("has a port that ") + error.what());
  }
  return address;
}

std::string parse_model_name(std::string_view text) {
  if (text.empty()) throw ConfigError("must not be empty");
  if (std::any_of(text.begin(), text.end(),
                  [](unsigned char c) { return c < 0x20 || c == 0x7f; })) {
    throw ConfigError("must not contain control characters");
  }
  return std::string(text);
}

}  // namespace qp
