// MetricsRegistry (recorders per thread) and MetricsSnapshot (their sum, read by the renderer).
#include "metrics/metrics_registry.hpp"

namespace qp::metrics {

MetricsRegistry::MetricsRegistry(const std::vector<Profile>& profiles, std::size_t thread_count)
    : schema_(profiles) {
  recorders_.reserve(thread_count);
  for (std::size_t i = 0; i < thread_count; ++i) {
    recorders_.push_back(std::make_unique<ThreadMetrics>(schema_));
  }
}

MetricsSnapshot MetricsRegistry::snapshot() const {
  std::vector<std::uint64_t> totals(schema_.cell_count(), 0);
  for (const auto& recorder : recorders_) recorder->add_to(totals);
  return MetricsSnapshot(schema_, std::move(totals));
}

std::uint64_t MetricsSnapshot::requests(ModelIndex model, Api api, std::size_t status_slot) const {
  return cells_[schema_->request_cell(model, api, status_slot)];
}

HistogramValues MetricsSnapshot::histogram(std::size_t first_cell) const {
  HistogramValues values;
  std::uint64_t running = 0;
  for (std::size_t i = 0; i < values.cumulative.size(); ++i) {
    running += cells_[first_cell + i];
    values.cumulative[i] = running;
  }
  values.sum_micros = cells_[first_cell + kHistogramCells - 1];
  return values;
}

HistogramValues MetricsSnapshot::request_duration(ModelIndex model) const {
  return histogram(schema_->duration_cell(model));
}

HistogramValues MetricsSnapshot::time_to_first_token(ModelIndex model) const {
  return histogram(schema_->ttft_cell(model));
}

std::uint64_t MetricsSnapshot::client_aborts(ModelIndex model) const {
  return cells_[schema_->client_abort_cell(model)];
}

std::uint64_t MetricsSnapshot::prompt_tokens(ModelIndex model) const {
  return cells_[schema_->prompt_tokens_cell(model)];
}

std::uint64_t MetricsSnapshot::completion_tokens(ModelIndex model) const {
  return cells_[schema_->completion_tokens_cell(model)];
}

std::uint64_t MetricsSnapshot::upstream_errors(UpstreamError kind) const {
  return cells_[schema_->upstream_error_cell(kind)];
}

std::uint64_t MetricsSnapshot::params_applied(ParamSlot slot) const {
  return cells_[schema_->param_cell(slot)];
}

std::int64_t MetricsSnapshot::streams_open() const {
  return static_cast<std::int64_t>(cells_[schema_->streams_open_cell()]);
}

std::int64_t MetricsSnapshot::upstream_connections_open() const {
  return static_cast<std::int64_t>(cells_[schema_->upstream_open_cell()]);
}

std::uint64_t MetricsSnapshot::upstream_connections_opened() const {
  return cells_[schema_->upstream_opened_cell()];
}

std::uint64_t MetricsSnapshot::upstream_connections_reused() const {
  return cells_[schema_->upstream_reused_cell()];
}

std::uint64_t MetricsSnapshot::upstream_connections_failed() const {
  return cells_[schema_->upstream_failed_cell()];
}

}  // namespace qp::metrics
