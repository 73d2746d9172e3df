// ThreadMetrics: the recorder one server thread writes its metrics into, without locks. Readers
// on other threads (the scraper) may read it at any time.
//
// Concurrency contract: exactly one thread writes a given ThreadMetrics (its owner); any thread may
// read. Cells are std::atomic<uint64_t> written with relaxed load+store (no read-modify-write,
// since there is one writer) and read with relaxed loads, so a scrape is free of data races and
// sees each cell's latest value or a slightly older one. A scrape is not a consistent cut across
// cells (a histogram's sum may lead its buckets by one observation); _count is derived from the
// buckets so a histogram is always self-consistent.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "metrics/metrics_schema.hpp"

namespace qp::metrics {

// A gauge held at +1 while this object lives (one open stream, one open upstream connection).
// Move-only. Must be destroyed on the thread that owns the recorder it came from.
class OpenGauge {
 public:
  OpenGauge() = default;
  explicit OpenGauge(std::atomic<std::uint64_t>* cell) noexcept;
  OpenGauge(OpenGauge&& other) noexcept : cell_(std::exchange(other.cell_, nullptr)) {}
  OpenGauge& operator=(OpenGauge&& other) noexcept;
  OpenGauge(const OpenGauge&) = delete;
  OpenGauge& operator=(const OpenGauge&) = delete;
  ~OpenGauge() { release(); }
  // Drops the +1 now (idempotent).
  void release() noexcept;

 private:
  std::atomic<std::uint64_t>* cell_ = nullptr;
};

class alignas(64) ThreadMetrics {
 public:
  // The schema must outlive the recorder (MetricsRegistry owns both).
  explicit ThreadMetrics(const MetricsSchema& schema);
  ThreadMetrics(const ThreadMetrics&) = delete;
  ThreadMetrics& operator=(const ThreadMetrics&) = delete;

  const MetricsSchema& schema() const { return schema_; }

  // Writer side: owner thread only. None allocates; all are O(1) except the histogram bucket
  // search (binary search over kLatencyBucketBoundsMicros).

  // When the answer's status is known (the response head was sent, or the request ended without
  // one: use 499 for a client that went away before any response byte).
  void count_request(ModelIndex model, Api api, int status) noexcept;
  // At the end of a request: time from the first request byte to the last response byte.
  // Negative durations count as zero.
  void observe_request_duration(ModelIndex model, std::chrono::microseconds duration) noexcept;
  // When the first generated token reaches the client (first content or reasoning delta in a
  // stream; the whole answer for a non-streaming request).
  void observe_time_to_first_token(ModelIndex model, std::chrono::microseconds ttft) noexcept;
  void count_client_abort(ModelIndex model) noexcept;
  // When the backend's `usage` is seen (last stream event or the response body).
  void count_tokens(ModelIndex model, std::uint64_t prompt, std::uint64_t completion) noexcept;
  void count_upstream_error(UpstreamError kind) noexcept;
  // Once per setting the rewrite actually filled, forced or stripped in this request.
  void count_param_applied(ParamSlot slot) noexcept;

  // Gauges. A stream or connection is counted open from the returned token until it is
  // destroyed; the token must not outlive this recorder.
  [[nodiscard]] OpenGauge track_stream() noexcept;
  // A new upstream connection was established: counts it opened (counter) and open (gauge).
  [[nodiscard]] OpenGauge track_new_upstream_connection() noexcept;
  void count_upstream_connection_reused() noexcept;
  // A connect attempt failed (refused, unreachable, timed out).
  void count_upstream_connection_failed() noexcept;

  // Reader side: any thread. Adds every cell into totals[i] (modulo 2^64);
  // totals.size() must equal schema().cell_count().
  void add_to(std::vector<std::uint64_t>& totals) const noexcept;

 private:
  void add(std::size_t cell, std::uint64_t amount) noexcept;
  void observe(std::size_t first_cell, std::chrono::microseconds value) noexcept;

  const MetricsSchema& schema_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> cells_;
};

}  // namespace qp::metrics
