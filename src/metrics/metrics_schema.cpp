// MetricsSchema: model and parameter slots from the profiles, and the offsets of each metric in
// the flat cell array that recorders and snapshots share.
#include "metrics/metrics_schema.hpp"

#include <cassert>

namespace qp::metrics {

std::string param_label(const ParamKey& key) {
  if (key.scope == ParamScope::chat_template_kwargs) return "chat_template_kwargs." + key.name;
  return key.name;
}

std::string_view rule_label(FieldRule rule) {
  switch (rule) {
    case FieldRule::fill_default:
      return "default";
    case FieldRule::force:
      return "force";
    case FieldRule::strip:
      return "strip";
  }
  return "default";
}

MetricsSchema::MetricsSchema(const std::vector<Profile>& profiles) {
  auto add_param = [this](ParamScope scope, const FieldSetting& setting) {
    if (!param_slot(scope, setting.name, setting.rule)) {
      params_.push_back(ParamKey{scope, setting.name, setting.rule});
    }
  };
  for (const Profile& profile : profiles) {
    model_names_.push_back(profile.virtual_name);
    for (const FieldSetting& s : profile.params) add_param(ParamScope::request, s);
    for (const FieldSetting& s : profile.chat_template_kwargs) {
      add_param(ParamScope::chat_template_kwargs, s);
    }
  }
  const std::size_t models = model_count();
  std::size_t next = 0;
  auto reserve = [&next](std::size_t cells) {
    const std::size_t first = next;
    next += cells;
    return first;
  };
  requests_ = reserve(models * kApiCount * kStatusSlotCount);
  durations_ = reserve(models * kHistogramCells);
  ttfts_ = reserve(models * kHistogramCells);
  aborts_ = reserve(models);
  prompt_tokens_ = reserve(models);
  completion_tokens_ = reserve(models);
  upstream_errors_ = reserve(kUpstreamErrorCount);
  param_cells_ = reserve(params_.size());
  scalars_ = reserve(5);
  cell_count_ = next;
}

ModelIndex MetricsSchema::model_index(std::string_view virtual_name) const {
  for (std::size_t i = 0; i < model_names_.size(); ++i) {
    if (model_names_[i] == virtual_name) return {static_cast<std::uint32_t>(i)};
  }
  return unmatched_model();
}

std::string_view MetricsSchema::model_label(ModelIndex model) const {
  assert(model.value < model_count());
  return model.value < model_names_.size() ? std::string_view(model_names_[model.value])
                                           : std::string_view();
}

std::optional<ParamSlot> MetricsSchema::param_slot(ParamScope scope, std::string_view name,
                                                   FieldRule rule) const {
  for (std::size_t i = 0; i < params_.size(); ++i) {
    const ParamKey& key = params_[i];
    if (key.scope == scope && key.rule == rule && key.name == name) {
      return static_cast<ParamSlot>(i);
    }
  }
  return std::nullopt;
}

std::size_t MetricsSchema::request_cell(ModelIndex model, Api api, std::size_t status_slot) const {
  assert(model.value < model_count() && status_slot < kStatusSlotCount);
  return requests_ + (model.value * kApiCount + static_cast<std::size_t>(api)) * kStatusSlotCount +
         status_slot;
}

std::size_t MetricsSchema::duration_cell(ModelIndex model) const {
  assert(model.value < model_count());
  return durations_ + model.value * kHistogramCells;
}

std::size_t MetricsSchema::ttft_cell(ModelIndex model) const {
  assert(model.value < model_count());
  return ttfts_ + model.value * kHistogramCells;
}

std::size_t MetricsSchema::client_abort_cell(ModelIndex model) const {
  assert(model.value < model_count());
  return aborts_ + model.value;
}

std::size_t MetricsSchema::prompt_tokens_cell(ModelIndex model) const {
  assert(model.value < model_count());
  return prompt_tokens_ + model.value;
}

std::size_t MetricsSchema::completion_tokens_cell(ModelIndex model) const {
  assert(model.value < model_count());
  return completion_tokens_ + model.value;
}

std::size_t MetricsSchema::upstream_error_cell(UpstreamError kind) const {
  return upstream_errors_ + static_cast<std::size_t>(kind);
}

std::size_t MetricsSchema::param_cell(ParamSlot slot) const {
  assert(slot < params_.size());
  return param_cells_ + slot;
}

}  // namespace qp::metrics
