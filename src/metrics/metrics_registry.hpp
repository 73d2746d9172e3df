// MetricsRegistry: the schema and one ThreadMetrics per server thread, created at start; and
// MetricsSnapshot, the sum of all recorders taken at scrape time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "config/profile.hpp"
#include "metrics/metrics_schema.hpp"
#include "metrics/thread_metrics.hpp"

namespace qp::metrics {

// One latency histogram series: cumulative bucket counts (index i counts values <=
// kLatencyBucketBoundsMicros[i]; the last entry is +Inf and equals count) and the sum.
struct HistogramValues {
  std::array<std::uint64_t, kLatencyBucketBoundsMicros.size() + 1> cumulative{};
  std::uint64_t sum_micros = 0;
  std::uint64_t count() const { return cumulative.back(); }
};

// Totals over all recorders at one moment. Plain values; refers to the registry's schema, so it
// must not outlive the registry.
class MetricsSnapshot {
 public:
  MetricsSnapshot(const MetricsSchema& schema, std::vector<std::uint64_t> cells)
      : schema_(&schema), cells_(std::move(cells)) {}

  const MetricsSchema& schema() const { return *schema_; }
  std::uint64_t requests(ModelIndex model, Api api, std::size_t status_slot) const;
  HistogramValues request_duration(ModelIndex model) const;
  HistogramValues time_to_first_token(ModelIndex model) const;
  std::uint64_t client_aborts(ModelIndex model) const;
  std::uint64_t prompt_tokens(ModelIndex model) const;
  std::uint64_t completion_tokens(ModelIndex model) const;
  std::uint64_t upstream_errors(UpstreamError kind) const;
  std::uint64_t params_applied(ParamSlot slot) const;
  std::int64_t streams_open() const;
  std::int64_t upstream_connections_open() const;
  std::uint64_t upstream_connections_opened() const;
  std::uint64_t upstream_connections_reused() const;
  std::uint64_t upstream_connections_failed() const;

 private:
  HistogramValues histogram(std::size_t first_cell) const;

  const MetricsSchema* schema_;
  std::vector<std::uint64_t> cells_;
};

// Built once at start, before the server threads run; neither copied nor moved (recorders refer
// to its schema). The thread count is fixed: thread i writes only recorder(i).
class MetricsRegistry {
 public:
  MetricsRegistry(const std::vector<Profile>& profiles, std::size_t thread_count);
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  const MetricsSchema& schema() const { return schema_; }
  std::size_t thread_count() const { return recorders_.size(); }
  ThreadMetrics& recorder(std::size_t thread_index) { return *recorders_.at(thread_index); }

  // Sums every recorder. Safe on any thread while the owners keep recording.
  MetricsSnapshot snapshot() const;

 private:
  MetricsSchema schema_;
  std::vector<std::unique_ptr<ThreadMetrics>> recorders_;
};

}  // namespace qp::metrics
