// Consistency rules of the Prometheus text format per metric type: counters not negative,
// histogram buckets cumulative with +Inf equal to _count, _sum and _count present.
#include <algorithm>
#include <cmath>
#include <map>

#include "metrics/prometheus_text_parser.hpp"

namespace qp::metrics::testing {
namespace {

struct HistogramSeries {
  std::vector<std::pair<double, double>> buckets;  // (le, count) in the order written
  std::optional<double> sum;
  std::optional<double> count;
};

// The labels without `le`, sorted, and the `le` value if there was one.
std::pair<LabelSet, std::optional<std::string>> split_le(const LabelSet& labels) {
  LabelSet rest;
  std::optional<std::string> le;
  for (const auto& label : labels) {
    if (label.first == "le") {
      le = label.second;
    } else {
      rest.push_back(label);
    }
  }
  std::sort(rest.begin(), rest.end());
  return {std::move(rest), std::move(le)};
}

std::optional<double> parse_le(const std::string& text) {
  const auto bound = parse_prometheus_value(text);
  if (!bound || std::isnan(*bound)) return std::nullopt;
  return bound;
}

std::optional<std::string> check_histogram(const MetricFamily& family) {
  std::map<LabelSet, HistogramSeries> series;
  for (const Sample& s : family.samples) {
    auto [labels, le] = split_le(s.labels);
    HistogramSeries& h = series[labels];
    const std::string_view suffix = std::string_view(s.name).substr(family.name.size());
    if (std::isnan(s.value) || s.value < 0) return "negative or NaN value in " + s.name;
    if (suffix == "_bucket") {
      if (!le) return std::string("bucket without le");
      const auto bound = parse_le(*le);
      if (!bound) return "invalid le \"" + *le + "\"";
      if (!h.buckets.empty() && *bound <= h.buckets.back().first) {
        return "le \"" + *le + "\" not greater than the previous bucket";
      }
      if (!h.buckets.empty() && s.value < h.buckets.back().second) {
        return "bucket le=\"" + *le + "\" is smaller than the previous one (not cumulative)";
      }
      h.buckets.emplace_back(*bound, s.value);
    } else if (le) {
      return "le label on " + s.name;
    } else if (suffix == "_sum") {
      h.sum = s.value;
    } else {
      h.count = s.value;
    }
  }
  for (const auto& [labels, h] : series) {
    if (h.buckets.empty() || !std::isinf(h.buckets.back().first)) {
      return std::string("a series has no +Inf bucket");
    }
    if (!h.sum || !h.count) return std::string("a series lacks _sum or _count");
    if (*h.count != h.buckets.back().second) return std::string("_count differs from +Inf bucket");
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_family_consistency(const MetricFamily& family) {
  if (family.type == "counter") {
    for (const Sample& s : family.samples) {
      if (s.value < 0 || std::isnan(s.value)) return "counter " + s.name + " is negative or NaN";
    }
  }
  if (family.type == "histogram") return check_histogram(family);
  return std::nullopt;
}

}  // namespace qp::metrics::testing
