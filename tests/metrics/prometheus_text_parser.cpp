// Line-level parsing of the Prometheus text format: comments, HELP/TYPE, samples with labels,
// values and timestamps, and the grouping of samples into families.
#include "metrics/prometheus_text_parser.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>

namespace qp::metrics::testing {
namespace {

bool is_name_start(char c, bool colon_ok) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon_ok && c == ':');
}
bool is_name_char(char c, bool colon_ok) {
  return is_name_start(c, colon_ok) || (c >= '0' && c <= '9');
}
bool is_blank(char c) { return c == ' ' || c == '\t'; }

// A cursor over one line; every reader returns false (with `error` set) on a deviation.
struct LineReader {
  std::string_view rest;
  std::string error;

  bool fail(std::string message) {
    error = std::move(message);
    return false;
  }
  std::size_t skip_blanks() {
    std::size_t n = 0;
    while (n < rest.size() && is_blank(rest[n])) ++n;
    rest.remove_prefix(n);
    return n;
  }
  bool name(std::string& out, bool colon_ok, std::string_view what) {
    std::size_t n = 0;
    while (n < rest.size() && is_name_char(rest[n], colon_ok)) ++n;
    if (n == 0 || !is_name_start(rest[0], colon_ok)) return fail("invalid " + std::string(what));
    out.assign(rest.substr(0, n));
    rest.remove_prefix(n);
    return true;
  }
  // Text up to the end of the line, unescaping \\ and \n (and \" when `quoted`, which also ends
  // at the first unescaped quote).
  bool escaped_text(std::string& out, bool quoted) {
    out.clear();
    while (!rest.empty()) {
      const char c = rest.front();
      rest.remove_prefix(1);
      if (quoted && c == '"') return true;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (rest.empty()) return fail("backslash at end of line");
      const char e = rest.front();
      rest.remove_prefix(1);
      if (e == '\\')
        out.push_back('\\');
      else if (e == 'n')
        out.push_back('\n');
      else if (e == '"' && quoted)
        out.push_back('"');
      else
        return fail(std::string("invalid escape \\") + e);
    }
    return quoted ? fail("unterminated label value") : true;
  }
  bool labels(LabelSet& out) {
    skip_blanks();
    while (true) {
      if (!rest.empty() && rest.front() == '}') break;
      std::string label, value;
      if (!name(label, false, "label name")) return false;
      if (label.starts_with("__")) return fail("reserved label name " + label);
      skip_blanks();
      if (rest.empty() || rest.front() != '=') return fail("expected = after label " + label);
      rest.remove_prefix(1);
      skip_blanks();
      if (rest.empty() || rest.front() != '"') return fail("label value must be quoted");
      rest.remove_prefix(1);
      if (!escaped_text(value, true)) return false;
      for (const auto& [existing, unused] : out) {
        if (existing == label) return fail("duplicate label " + label);
      }
      out.emplace_back(std::move(label), std::move(value));
      skip_blanks();
      if (!rest.empty() && rest.front() == ',') {
        rest.remove_prefix(1);
        skip_blanks();
      } else if (rest.empty() || rest.front() != '}') {
        return fail("expected , or } in label set");
      }
    }
    rest.remove_prefix(1);  // '}'
    return true;
  }
  std::string_view token() {
    std::size_t n = 0;
    while (n < rest.size() && !is_blank(rest[n])) ++n;
    const std::string_view t = rest.substr(0, n);
    rest.remove_prefix(n);
    return t;
  }
};

// The family a sample name belongs to, given the family's type.
bool belongs_to(const MetricFamily& family, std::string_view sample) {
  if (sample == family.name) return family.type != "histogram";
  if (family.type != "histogram" && family.type != "summary") return false;
  if (!sample.starts_with(family.name)) return false;
  const std::string_view suffix = sample.substr(family.name.size());
  return suffix == "_sum" || suffix == "_count" ||
         (family.type == "histogram" && suffix == "_bucket");
}

struct Parser {
  Exposition exposition;
  std::set<std::string> family_names;
  std::set<std::string> typed;  // families that had a TYPE line
  std::set<std::pair<std::string, LabelSet>> series;

  // An earlier histogram or summary that a name like x_sum, x_count or x_bucket belongs to.
  const MetricFamily* family_of_suffixed(std::string_view sample) const {
    for (const MetricFamily& f : exposition.families) {
      if (&f != &exposition.families.back() && belongs_to(f, sample)) return &f;
    }
    return nullptr;
  }

  MetricFamily* current() {
    return exposition.families.empty() ? nullptr : &exposition.families.back();
  }
  // The family named `name`, opened as the current one; an error if it ended earlier.
  bool open_family(LineReader& line, const std::string& name) {
    MetricFamily* family = current();
    if (family != nullptr && family->name == name) return true;
    if (!family_names.insert(name).second) {
      return line.fail("metric " + name + " is not grouped: it appeared earlier");
    }
    exposition.families.push_back(MetricFamily{name, "untyped", std::nullopt, {}});
    return true;
  }

  bool descriptor(LineReader& line, std::string_view keyword) {
    std::string name;
    if (line.skip_blanks() == 0 || !line.name(name, true, "metric name")) {
      return line.fail(std::string(keyword) + " needs a metric name");
    }
    if (!open_family(line, name)) return false;
    MetricFamily& family = *current();
    if (!family.samples.empty())
      return line.fail(std::string(keyword) + " after samples of " + name);
    if (keyword == "HELP") {
      if (family.help) return line.fail("second HELP for " + name);
      std::string help;
      if (!line.rest.empty() && line.skip_blanks() == 0)
        return line.fail("HELP name not followed by a blank");
      if (!line.escaped_text(help, false)) return false;
      family.help = std::move(help);
      return true;
    }
    static const std::set<std::string_view> kTypes = {"counter", "gauge", "histogram", "summary",
                                                      "untyped"};
    if (!typed.insert(name).second) return line.fail("second TYPE for " + name);
    line.skip_blanks();
    const std::string_view type = line.token();
    line.skip_blanks();
    if (!kTypes.contains(type) || !line.rest.empty()) return line.fail("invalid TYPE for " + name);
    family.type = std::string(type);
    return true;
  }

  bool sample(LineReader& line) {
    Sample s;
    if (!line.name(s.name, true, "metric name")) return false;
    if (!line.rest.empty() && line.rest.front() == '{') {
      line.rest.remove_prefix(1);
      if (!line.labels(s.labels)) return false;
    }
    if (line.skip_blanks() == 0) return line.fail("expected a blank before the value");
    const auto value = parse_prometheus_value(line.token());
    if (!value) return line.fail("invalid value");
    s.value = *value;
    if (line.skip_blanks() > 0 && !line.rest.empty()) {
      const std::string_view t = line.token();
      std::int64_t ts = 0;
      const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), ts);
      if (ec != std::errc() || end != t.data() + t.size()) return line.fail("invalid timestamp");
      s.timestamp_ms = ts;
      line.skip_blanks();
    }
    if (!line.rest.empty()) return line.fail("unexpected text after the value");
    MetricFamily* family = current();
    if (family == nullptr || !belongs_to(*family, s.name)) {
      if (family != nullptr && family->name == s.name) {
        return line.fail("sample " + s.name + " is not valid in a " + family->type);
      }
      if (const MetricFamily* earlier = family_of_suffixed(s.name)) {
        return line.fail("sample " + s.name + " of " + earlier->name + " is not grouped");
      }
      if (!open_family(line, s.name)) return false;
      family = current();
    }
    LabelSet key = s.labels;
    std::sort(key.begin(), key.end());
    if (!series.emplace(s.name, std::move(key)).second)
      return line.fail("duplicate series " + s.name);
    family->samples.push_back(std::move(s));
    return true;
  }
};

}  // namespace

std::optional<double> parse_prometheus_value(std::string_view t) {
  if (t == "+Inf") return std::numeric_limits<double>::infinity();
  if (t == "-Inf") return -std::numeric_limits<double>::infinity();
  if (t == "NaN") return std::numeric_limits<double>::quiet_NaN();
  const bool negative = !t.empty() && t.front() == '-';
  if (!t.empty() && (t.front() == '+' || t.front() == '-')) t.remove_prefix(1);
  // from_chars also takes "inf"/"nan"/"infinity": only digits or '.' may start a number here.
  if (t.empty() || !(std::isdigit(static_cast<unsigned char>(t.front())) || t.front() == '.')) {
    return std::nullopt;
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  return negative ? -value : value;
}

const MetricFamily* Exposition::family(std::string_view name) const {
  for (const MetricFamily& f : families) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::optional<double> Exposition::value(std::string_view sample_name,
                                        const LabelSet& labels) const {
  LabelSet wanted = labels;
  std::sort(wanted.begin(), wanted.end());
  for (const MetricFamily& f : families) {
    for (const Sample& s : f.samples) {
      LabelSet have = s.labels;
      std::sort(have.begin(), have.end());
      if (s.name == sample_name && have == wanted) return s.value;
    }
  }
  return std::nullopt;
}

Result<Exposition> parse_prometheus_text(std::string_view text) {
  if (!text.empty() && text.back() != '\n') {
    return make_error(ErrorKind::bad_request, "the last line does not end with a newline");
  }
  Parser parser;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const std::size_t newline = text.find('\n');
    LineReader line{text.substr(0, newline), {}};
    text.remove_prefix(newline + 1);
    bool ok = true;
    if (!line.rest.empty() && line.rest.back() == '\r') {
      ok = line.fail("CR before the line feed");
    } else if (!line.rest.empty() && line.rest.front() == '#') {
      line.rest.remove_prefix(1);
      line.skip_blanks();
      const std::string_view keyword = line.token();
      if (keyword == "HELP" || keyword == "TYPE") ok = parser.descriptor(line, keyword);
      // Any other comment is ignored, as the format says.
    } else {
      line.skip_blanks();
      if (!line.rest.empty()) ok = parser.sample(line);  // blank lines are allowed
    }
    if (!ok) {
      return make_error(ErrorKind::bad_request,
                        "line " + std::to_string(line_number) + ": " + line.error);
    }
  }
  for (const MetricFamily& family : parser.exposition.families) {
    if (auto problem = check_family_consistency(family)) {
      return make_error(ErrorKind::bad_request, family.name + ": " + *problem);
    }
  }
  return std::move(parser.exposition);
}

}  // namespace qp::metrics::testing
