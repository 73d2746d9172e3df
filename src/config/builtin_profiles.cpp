// Built-in Qwen3.5 profiles as data: one row per virtual model, values as serialised JSON text.
#include "config/builtin_profiles.hpp"

#include <string>

namespace qp {
namespace {

struct BuiltinRow {
  std::string_view name;
  bool thinking;
  std::array<std::string_view, kSamplingParamNames.size()> values;  // in kSamplingParamNames order
};

// temperature, top_p, top_k, min_p, presence_penalty, repetition_penalty (Qwen3.5-35B-A3B card).
constexpr std::array<BuiltinRow, 4> kBuiltinRows = {{
    {kThinkingGeneralName, true, {"1.0", "0.95", "20", "0.0", "1.5", "1.0"}},
    {kThinkingCodingName, true, {"0.6", "0.95", "20", "0.0", "0.0", "1.0"}},
    {kInstructGeneralName, false, {"0.7", "0.8", "20", "0.0", "1.5", "1.0"}},
    {kInstructReasoningName, false, {"1.0", "1.0", "40", "0.0", "2.0", "1.0"}},
}};

}  // namespace

std::vector<Profile> builtin_profiles() {
  std::vector<Profile> profiles;
  profiles.reserve(kBuiltinRows.size());
  for (const BuiltinRow& row : kBuiltinRows) {
    Profile profile;
    profile.virtual_name = std::string(row.name);
    for (std::size_t i = 0; i < kSamplingParamNames.size(); ++i) {
      profile.params.push_back({std::string(kSamplingParamNames[i]), std::string(row.values[i]),
                                FieldRule::fill_default});
    }
    profile.chat_template_kwargs.push_back(
        {"enable_thinking", row.thinking ? "true" : "false", FieldRule::force});
    profile.repair_misplaced_answer = !row.thinking;
    profiles.push_back(std::move(profile));
  }
  return profiles;
}

void apply_profile_policy(std::vector<Profile>& profiles, bool enforce_sampling_params,
                          ReasoningField reasoning_field) {
  for (Profile& profile : profiles) {
    profile.reasoning_field = reasoning_field;
    if (!enforce_sampling_params) continue;
    for (auto* settings : {&profile.params, &profile.chat_template_kwargs}) {
      for (FieldSetting& setting : *settings) {
        if (setting.rule == FieldRule::fill_default) setting.rule = FieldRule::force;
      }
    }
  }
}

const Profile* find_profile(const Config& config, std::string_view virtual_name) {
  for (const Profile& profile : config.profiles) {
    if (profile.virtual_name == virtual_name) return &profile;
  }
  return nullptr;
}

}  // namespace qp
