// ThreadMetrics and OpenGauge: single-writer relaxed-atomic cells laid out by MetricsSchema.
#include "metrics/thread_metrics.hpp"

#include <algorithm>
#include <cassert>

namespace qp::metrics {
namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;

// One writer per cell, so a plain load and store is an exact increment and avoids a locked
// read-modify-write instruction. Unsigned wraparound makes "add -1" a decrement.
void bump(std::atomic<std::uint64_t>& cell, std::uint64_t amount) noexcept {
  cell.store(cell.load(kRelaxed) + amount, kRelaxed);
}

}  // namespace

OpenGauge::OpenGauge(std::atomic<std::uint64_t>* cell) noexcept : cell_(cell) {
  if (cell_ != nullptr) bump(*cell_, 1);
}

OpenGauge& OpenGauge::operator=(OpenGauge&& other) noexcept {
  if (this != &other) {
    release();
    cell_ = std::exchange(other.cell_, nullptr);
  }
  return *this;
}

void OpenGauge::release() noexcept {
  if (cell_ != nullptr) bump(*std::exchange(cell_, nullptr), ~std::uint64_t{0});
}

ThreadMetrics::ThreadMetrics(const MetricsSchema& schema)
    : schema_(schema),
      cells_(std::make_unique<std::atomic<std::uint64_t>[]>(schema.cell_count())) {}

void ThreadMetrics::add(std::size_t cell, std::uint64_t amount) noexcept {
  assert(cell < schema_.cell_count());
  bump(cells_[cell], amount);
}

void ThreadMetrics::observe(std::size_t first_cell, std::chrono::microseconds value) noexcept {
  const std::uint64_t micros = value.count() > 0 ? static_cast<std::uint64_t>(value.count()) : 0;
  const auto* bound = std::lower_bound(kLatencyBucketBoundsMicros.begin(),
                                       kLatencyBucketBoundsMicros.end(), micros);
  // Bucket i holds bounds[i-1] < v <= bounds[i]; index bounds.size() is the +Inf overflow.
  add(first_cell + static_cast<std::size_t>(bound - kLatencyBucketBoundsMicros.begin()), 1);
  add(first_cell + kHistogramCells - 1, micros);
}

void ThreadMetrics::count_request(ModelIndex model, Api api, int status) noexcept {
  add(schema_.request_cell(model, api, status_slot(status)), 1);
}

void ThreadMetrics::observe_request_duration(ModelIndex model,
                                             std::chrono::microseconds duration) noexcept {
  observe(schema_.duration_cell(model), duration);
}

void ThreadMetrics::observe_time_to_first_token(ModelIndex model,
                                                std::chrono::microseconds ttft) noexcept {
  observe(schema_.ttft_cell(model), ttft);
}

void ThreadMetrics::count_client_abort(ModelIndex model) noexcept {
  add(schema_.client_abort_cell(model), 1);
}

void ThreadMetrics::count_tokens(ModelIndex model, std::uint64_t prompt,
                                 std::uint64_t completion) noexcept {
  add(schema_.prompt_tokens_cell(model), prompt);
  add(schema_.completion_tokens_cell(model), completion);
}

void ThreadMetrics::count_upstream_error(UpstreamError kind) noexcept {
  add(schema_.upstream_error_cell(kind), 1);
}

void ThreadMetrics::count_param_applied(ParamSlot slot) noexcept {
  add(schema_.param_cell(slot), 1);
}

OpenGauge ThreadMetrics::track_stream() noexcept {
  return OpenGauge(&cells_[schema_.streams_open_cell()]);
}

OpenGauge ThreadMetrics::track_new_upstream_connection() noexcept {
  add(schema_.upstream_opened_cell(), 1);
  return OpenGauge(&cells_[schema_.upstream_open_cell()]);
}

void ThreadMetrics::count_upstream_connection_reused() noexcept {
  add(schema_.upstream_reused_cell(), 1);
}

void ThreadMetrics::count_upstream_connection_failed() noexcept {
  add(schema_.upstream_failed_cell(), 1);
}

void ThreadMetrics::add_to(std::vector<std::uint64_t>& totals) const noexcept {
  assert(totals.size() == schema_.cell_count());
  for (std::size_t i = 0; i < totals.size(); ++i) totals[i] += cells_[i].load(kRelaxed);
}

}  // namespace qp::metrics
