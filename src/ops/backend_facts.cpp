// Parsing of /v1/models, /version and the cache_config_info line of /metrics.
#include "ops/backend_facts.hpp"

#include <simdjson.h>

#include <cctype>

namespace qp::ops {
namespace {

constexpr std::string_view kCacheConfigInfo = "vllm:cache_config_info{";

// Reads decimal digits at `pos`; false when there are none (or too many to be a version part).
bool read_number(std::string_view text, std::size_t& pos, unsigned& out) {
  const std::size_t start = pos;
  unsigned value = 0;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) != 0 &&
         pos - start < 6) {
    value = value * 10 + static_cast<unsigned>(text[pos] - '0');
    ++pos;
  }
  out = value;
  return pos > start;
}

// The value of label `name` inside one sample's braces (text after '{'), unescaped; nullopt when
// the label is absent or the braces are malformed.
std::optional<std::string> label_value(std::string_view labels, std::string_view name) {
  std::size_t pos = 0;
  while (pos < labels.size() && labels[pos] != '}') {
    const std::size_t equals = labels.find('=', pos);
    if (equals == std::string_view::npos || equals + 1 >= labels.size() ||
        labels[equals + 1] != '"') {
      return std::nullopt;
    }
    const std::string_view key = labels.substr(pos, equals - pos);
    std::string value;
    std::size_t i = equals + 2;
    for (; i < labels.size() && labels[i] != '"'; ++i) {
      if (labels[i] == '\\' && i + 1 < labels.size()) {
        ++i;
        value += labels[i] == 'n' ? '\n' : labels[i];
      } else {
        value += labels[i];
      }
    }
    if (i >= labels.size()) return std::nullopt;  // unterminated value
    if (key == name) return value;
    pos = i + 1;
    if (pos < labels.size() && labels[pos] == ',') ++pos;
  }
  return std::nullopt;
}

}  // namespace

Result<VllmVersion> parse_vllm_version(std::string_view version_json) {
  simdjson::dom::parser parser;
  simdjson::dom::element document;
  std::string_view text;
  if (parser.parse(version_json.data(), version_json.size()).get(document) ||
      document["version"].get_string().get(text)) {
    return make_error(ErrorKind::backend_broken,
                      "The backend's /version answer has no version string.");
  }
  VllmVersion version{std::string(text)};
  std::size_t pos = text.rfind('v', 0) == 0 ? 1 : 0;
  if (!read_number(text, pos, version.major)) {
    return make_error(ErrorKind::backend_broken,
                      "The backend's version \"" + version.text + "\" is not MAJOR.MINOR.PATCH.");
  }
  if (pos < text.size() && text[pos] == '.' && read_number(text, ++pos, version.minor) &&
      pos < text.size() && text[pos] == '.') {
    read_number(text, ++pos, version.patch);  // "0.18" without a patch number counts as .0
  }
  return version;
}

BackendReasoningKeys backend_reasoning_keys(const VllmVersion& version) {
  const auto at_least = [&version](unsigned major, unsigned minor, unsigned patch) {
    if (version.major != major) return version.major > major;
    if (version.minor != minor) return version.minor > minor;
    return version.patch >= patch;
  };
  if (at_least(0, 16, 0)) return BackendReasoningKeys::reasoning;
  if (at_least(0, 11, 1)) return BackendReasoningKeys::both;
  return BackendReasoningKeys::reasoning_content;
}

std::string_view describe(BackendReasoningKeys keys) {
  switch (keys) {
    case BackendReasoningKeys::reasoning_content:
      return "reasoning_content";
    case BackendReasoningKeys::both:
      return "both reasoning and reasoning_content";
    case BackendReasoningKeys::reasoning:
      return "reasoning";
  }
  return "unknown";
}

std::vector<std::string> kv_cache_dtypes(std::string_view metrics_text) {
  std::vector<std::string> dtypes;
  std::size_t line_start = 0;
  while (line_start < metrics_text.size()) {
    std::size_t line_end = metrics_text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = metrics_text.size();
    const std::string_view line = metrics_text.substr(line_start, line_end - line_start);
    if (line.substr(0, kCacheConfigInfo.size()) == kCacheConfigInfo) {
      auto dtype = label_value(line.substr(kCacheConfigInfo.size()), "cache_dtype");
      if (dtype) dtypes.push_back(std::move(*dtype));
    }
    line_start = line_end + 1;
  }
  return dtypes;
}

bool is_fp8_cache_dtype(std::string_view cache_dtype) {
  if (cache_dtype.size() < 3) return false;
  const auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  return lower(cache_dtype[0]) == 'f' && lower(cache_dtype[1]) == 'p' && cache_dtype[2] == '8';
}

}  // namespace qp::ops
