// The four built-in Qwen3.5 virtual models (values from Qwen's Best Practices table, see
// docs/spec qwen35-profiles.md), the policy switches applied to profiles at load time, and lookup.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "config/profile.hpp"

namespace qp {

// Default virtual names, in the order builtin_profiles() returns them.
inline constexpr std::string_view kThinkingGeneralName = "qwen3.5-thinking-general";
inline constexpr std::string_view kThinkingCodingName = "qwen3.5-thinking-coding";
inline constexpr std::string_view kInstructGeneralName = "qwen3.5-instruct-general";
inline constexpr std::string_view kInstructReasoningName = "qwen3.5-instruct-reasoning";

// The request fields a built-in profile fills (top level, in this order).
inline constexpr std::array<std::string_view, 6> kSamplingParamNames = {
    "temperature", "top_p", "top_k", "min_p", "presence_penalty", "repetition_penalty"};

// The four profiles with their default names and an empty backend_model. Sampling parameters use
// FieldRule::fill_default; chat_template_kwargs.enable_thinking is always FieldRule::force.
// Thinking profiles never repair a misplaced answer; instruct profiles do. No max_tokens is set.
std::vector<Profile> builtin_profiles();

// Applies the process-wide switches to every profile, so that request handling reads only Profile:
// enforce turns each fill_default rule into force, in params and in chat_template_kwargs (strip
// rules stay), and reasoning_field is copied into each profile (load_config then puts back a
// file profile's own reasoning_field).
void apply_profile_policy(std::vector<Profile>& profiles, bool enforce_sampling_params,
                          ReasoningField reasoning_field);

// The profile whose virtual name is exactly `virtual_name`, or nullptr. The pointer lives as long
// as `config`.
const Profile* find_profile(const Config& config, std::string_view virtual_name);

}  // namespace qp
