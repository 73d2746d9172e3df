// A strict parser of the Prometheus text exposition format 0.0.4, for tests: it accepts what the
// format allows and rejects any deviation with a message (bad names or escapes, samples of one
// metric not grouped, TYPE after samples, duplicate series, inconsistent histograms, ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace qp::metrics::testing {

using LabelSet = std::vector<std::pair<std::string, std::string>>;  // in the order written

struct Sample {
  std::string name;  // as written: a histogram family "x" has samples x_bucket, x_sum, x_count
  LabelSet labels;   // values unescaped
  double value = 0;
  std::optional<std::int64_t> timestamp_ms;
};

struct MetricFamily {
  std::string name;
  std::string type = "untyped";     // counter, gauge, histogram, summary or untyped
  std::optional<std::string> help;  // unescaped
  std::vector<Sample> samples;
};

struct Exposition {
  std::vector<MetricFamily> families;

  const MetricFamily* family(std::string_view name) const;
  // The value of the sample with this name and exactly these labels (in any order), if present.
  std::optional<double> value(std::string_view sample_name, const LabelSet& labels = {}) const;
};

// Parses a whole exposition. Accepted spellings of special values: +Inf, -Inf, NaN (exactly).
// Histograms must have, per label set, `le` buckets in increasing order with non-decreasing
// counts, ending with le="+Inf", and _sum and _count samples with _count equal to the +Inf bucket.
// Counters must not be negative. Errors are ErrorKind::bad_request with "line N: ..." messages.
Result<Exposition> parse_prometheus_text(std::string_view text);

// A sample value token: a decimal or scientific float with optional sign, or +Inf, -Inf, NaN.
std::optional<double> parse_prometheus_value(std::string_view token);

// The consistency rules of one family's type; a message for the first violation, or nullopt.
// (Used by parse_prometheus_text; exposed for the table of histogram tests.)
std::optional<std::string> check_family_consistency(const MetricFamily& family);

}  // namespace qp::metrics::testing
