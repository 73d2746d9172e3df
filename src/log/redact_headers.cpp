// Redacts secret header values line by line; the one place that decides which headers are secret.
#include "log/redact_headers.hpp"

#include <array>

namespace qp::log {
namespace {

constexpr std::array<std::string_view, 3> kSecretHeaders = {"authorization", "proxy-authorization",
                                                            "x-api-key"};

bool equals_ignoring_case(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

bool is_secret_header(std::string_view name) {
  for (std::string_view secret : kSecretHeaders) {
    if (equals_ignoring_case(name, secret)) return true;
  }
  return false;
}

std::string_view redacted_header_value(std::string_view name, std::string_view value) {
  return is_secret_header(name) ? kRedactedValue : value;
}

std::string redact_headers(std::string_view block) {
  std::string out;
  out.reserve(block.size());
  bool in_secret = false;  // the previous header line was a secret one (for folded lines)
  while (!block.empty()) {
    const std::size_t newline = block.find('\n');
    const std::size_t line_end = newline == std::string_view::npos ? block.size() : newline + 1;
    const std::string_view line = block.substr(0, line_end);
    block.remove_prefix(line_end);
    std::string_view content = line;  // without its line ending
    if (!content.empty() && content.back() == '\n') content.remove_suffix(1);
    if (!content.empty() && content.back() == '\r') content.remove_suffix(1);
    const std::string_view ending = line.substr(content.size());

    if (!content.empty() && (content.front() == ' ' || content.front() == '\t')) {
      if (!in_secret) out.append(line);  // a folded line belongs to the header before it
      continue;
    }
    const std::size_t colon = content.find(':');
    in_secret =
        colon != std::string_view::npos && is_secret_header(trim_blanks(content.substr(0, colon)));
    if (!in_secret) {
      out.append(line);
      continue;
    }
    const std::string_view value = content.substr(colon + 1);
    const std::size_t first_non_blank = value.find_first_not_of(" \t");
    const std::size_t leading =
        first_non_blank == std::string_view::npos ? value.size() : first_non_blank;
    out.append(content.substr(0, colon + 1 + leading)).append(kRedactedValue).append(ending);
  }
  return out;
}

}  // namespace qp::log
