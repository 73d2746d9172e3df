// MetricsSchema: the label sets known when the proxy starts (virtual models, profile parameters)
// and the layout of every metric in one flat array of cells, so recorders index by number and
// never allocate or look up maps on the data path. Immutable after construction.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/profile.hpp"
#include "metrics/labels.hpp"

namespace qp::metrics {

// Upper bounds (`le`) of the latency histograms, in microseconds: 25 ms to 10 min, which covers
// a cached tokenize call as well as a long reasoning generation. Values above land in +Inf.
inline constexpr std::array<std::uint64_t, 14> kLatencyBucketBoundsMicros = {
    25'000,    50'000,     100'000,    250'000,    500'000,     1'000'000,   2'500'000,
    5'000'000, 10'000'000, 30'000'000, 60'000'000, 120'000'000, 300'000'000, 600'000'000};
// Cells per histogram series: one per bound, one for +Inf (non-cumulative), one for the sum.
inline constexpr std::size_t kHistogramCells = kLatencyBucketBoundsMicros.size() + 2;

// A virtual model's position in the schema. The last index is the "unmatched" slot: requests with
// no virtual model (passthrough, health) or an unknown one; its label value is the empty string,
// so a client-chosen model name never becomes a label value.
struct ModelIndex {
  std::uint32_t value = 0;
};

// Where a profile setting lives: a top-level request field or a chat_template_kwargs key.
enum class ParamScope : std::uint8_t { request, chat_template_kwargs };

struct ParamKey {
  ParamScope scope = ParamScope::request;
  std::string name;
  FieldRule rule = FieldRule::fill_default;
};
using ParamSlot = std::uint32_t;

// The `param` label ("temperature", "chat_template_kwargs.enable_thinking") and `rule` label
// ("default", "force", "strip") of a setting.
std::string param_label(const ParamKey& key);
std::string_view rule_label(FieldRule rule);

class MetricsSchema {
 public:
  // One model slot per profile (in order) plus the unmatched slot; one param slot per distinct
  // (scope, name, rule) among all profiles' settings.
  explicit MetricsSchema(const std::vector<Profile>& profiles);

  std::size_t model_count() const { return model_names_.size() + 1; }  // including unmatched
  std::size_t configured_model_count() const { return model_names_.size(); }
  // The slot of a virtual model name; the unmatched slot for any name not configured at start.
  // A linear scan over the few configured names: call once per request.
  ModelIndex model_index(std::string_view virtual_name) const;
  ModelIndex unmatched_model() const { return {static_cast<std::uint32_t>(model_names_.size())}; }
  std::string_view model_label(ModelIndex model) const;

  std::size_t param_count() const { return params_.size(); }
  // The slot of a setting, or nullopt when no profile had it at start (then it is not counted).
  std::optional<ParamSlot> param_slot(ParamScope scope, std::string_view name,
                                      FieldRule rule) const;
  const ParamKey& param_key(ParamSlot slot) const { return params_[slot]; }

  // Cell layout. Each function returns an index < cell_count(); arguments must be in range
  // (model < model_count(), status_slot < kStatusSlotCount, ...), which is asserted.
  std::size_t cell_count() const { return cell_count_; }
  std::size_t request_cell(ModelIndex model, Api api, std::size_t status_slot) const;
  std::size_t duration_cell(ModelIndex model) const;  // first of kHistogramCells
  std::size_t ttft_cell(ModelIndex model) const;      // first of kHistogramCells
  std::size_t client_abort_cell(ModelIndex model) const;
  std::size_t prompt_tokens_cell(ModelIndex model) const;
  std::size_t completion_tokens_cell(ModelIndex model) const;
  std::size_t upstream_error_cell(UpstreamError kind) const;
  std::size_t param_cell(ParamSlot slot) const;
  // Single cells. Gauges are stored as two's-complement int64 in a uint64 cell, so summing
  // recorders modulo 2^64 gives the right total even if one recorder's share is negative.
  std::size_t streams_open_cell() const { return scalars_ + 0; }
  std::size_t upstream_open_cell() const { return scalars_ + 1; }
  std::size_t upstream_opened_cell() const { return scalars_ + 2; }
  std::size_t upstream_reused_cell() const { return scalars_ + 3; }
  std::size_t upstream_failed_cell() const { return scalars_ + 4; }

 private:
  std::vector<std::string> model_names_;
  std::vector<ParamKey> params_;
  std::size_t requests_ = 0, durations_ = 0, ttfts_ = 0, aborts_ = 0, prompt_tokens_ = 0,
              completion_tokens_ = 0, upstream_errors_ = 0, param_cells_ = 0, scalars_ = 0,
              cell_count_ = 0;
};

}  // namespace qp::metrics
