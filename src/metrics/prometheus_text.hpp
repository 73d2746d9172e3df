// Prometheus text exposition format 0.0.4 for a MetricsSnapshot: what the metrics listener
// answers to GET /metrics. Pure: builds a string, no I/O.
#pragma once

#include <string>
#include <string_view>

#include "metrics/metrics_registry.hpp"

namespace qp::metrics {

// The Content-Type of render_prometheus_text()'s output.
inline constexpr std::string_view kPrometheusContentType =
    "text/plain; version=0.0.4; charset=utf-8";

// Labels of qwen35_proxy_build_info. Views: must outlive the render call only.
struct BuildInfo {
  std::string_view version;
  std::string_view commit;
  std::string_view build_type;
};
// The version, commit and build type this binary was compiled with.
BuildInfo compiled_build_info();

// Appends `value` as the inside of a quoted label value: backslash, double quote and newline are
// escaped as \\, \" and \n; every other byte is copied.
void append_escaped_label_value(std::string& out, std::string_view value);

// The whole exposition: # HELP and # TYPE for every family, then its samples; histograms as
// cumulative _bucket{le} series ending with +Inf, then _sum (seconds) and _count. Series of
// configured models, upstream error kinds and profile parameters are always present (zero until
// counted); requests_total series and the unmatched model's series appear once non-zero.
std::string render_prometheus_text(const MetricsSnapshot& snapshot, const BuildInfo& build);

}  // namespace qp::metrics
