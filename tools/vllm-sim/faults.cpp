// Parsing of the x-sim-fault header (see faults.hpp).
#include "faults.hpp"

#include <charconv>

namespace qp::sim {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<int> to_int(std::string_view s) {
  int v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

}  // namespace

Faults parse_faults(std::string_view header) {
  Faults f;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const std::string_view item = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const auto eq = item.find('=');
    const std::string_view name = trim(item.substr(0, eq));
    const std::string_view value = eq == std::string_view::npos ? "" : trim(item.substr(eq + 1));
    if (name == "drop-after-events") {
      f.drop_after_events = to_int(value);
    } else if (name == "status") {
      auto s = to_int(value);
      if (s && *s >= 100 && *s <= 599) f.status = s;
    } else if (name == "stall-before-headers") {
      f.stall_before_headers = true;
    } else if (name == "error-event-after") {
      f.error_event_after = to_int(value);
    } else if (name == "close-between-requests") {
      f.close_between_requests = true;
    } else if (name == "misplace-answer") {
      f.misplace_answer = true;
    }
  }
  return f;
}

}  // namespace qp::sim
