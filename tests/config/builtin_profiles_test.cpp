// The built-in profiles carry exactly the values of docs/spec qwen35-profiles.md, and the policy
// switches and lookup behave as documented.
#include "config/builtin_profiles.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace qp {
namespace {

struct SpecRow {
  const char* name;
  const char* enable_thinking;
  std::map<std::string, std::string> sampling;
};

// Transcribed from the spec table: temperature / top_p / top_k / min_p / presence / repetition.
const SpecRow kSpecTable[] = {
    {"qwen3.5-thinking-general",
     "true",
     {{"temperature", "1.0"},
      {"top_p", "0.95"},
      {"top_k", "20"},
      {"min_p", "0.0"},
      {"presence_penalty", "1.5"},
      {"repetition_penalty", "1.0"}}},
    {"qwen3.5-thinking-coding",
     "true",
     {{"temperature", "0.6"},
      {"top_p", "0.95"},
      {"top_k", "20"},
      {"min_p", "0.0"},
      {"presence_penalty", "0.0"},
      {"repetition_penalty", "1.0"}}},
    {"qwen3.5-instruct-general",
     "false",
     {{"temperature", "0.7"},
      {"top_p", "0.8"},
      {"top_k", "20"},
      {"min_p", "0.0"},
      {"presence_penalty", "1.5"},
      {"repetition_penalty", "1.0"}}},
    {"qwen3.5-instruct-reasoning",
     "false",
     {{"temperature", "1.0"},
      {"top_p", "1.0"},
      {"top_k", "40"},
      {"min_p", "0.0"},
      {"presence_penalty", "2.0"},
      {"repetition_penalty", "1.0"}}},
};

TEST(BuiltinProfiles, MatchTheSpecTableExactly) {
  const std::vector<Profile> profiles = builtin_profiles();
  ASSERT_EQ(profiles.size(), std::size(kSpecTable));
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    const Profile& profile = profiles[i];
    const SpecRow& row = kSpecTable[i];
    SCOPED_TRACE(row.name);
    EXPECT_EQ(profile.virtual_name, row.name);
    EXPECT_TRUE(profile.backend_model.empty());
    std::map<std::string, std::string> sampling;
    for (const FieldSetting& param : profile.params) {
      EXPECT_EQ(param.rule, FieldRule::fill_default) << param.name;
      sampling[param.name] = param.json_value;
    }
    EXPECT_EQ(sampling, row.sampling);
    EXPECT_EQ(sampling.count("max_tokens"), 0u) << "the proxy never sets max_tokens";
    ASSERT_EQ(profile.chat_template_kwargs.size(), 1u);
    EXPECT_EQ(profile.chat_template_kwargs[0].name, "enable_thinking");
    EXPECT_EQ(profile.chat_template_kwargs[0].json_value, row.enable_thinking);
    EXPECT_EQ(profile.chat_template_kwargs[0].rule, FieldRule::force);
    const bool thinking = std::string(row.enable_thinking) == "true";
    EXPECT_EQ(profile.repair_misplaced_answer, !thinking);
    EXPECT_EQ(profile.reasoning_field, ReasoningField::as_is);
  }
}

TEST(BuiltinProfiles, EnforceTurnsFillRulesIntoForceButKeepsStrip) {
  std::vector<Profile> profiles = builtin_profiles();
  profiles[0].params.push_back({"seed", "", FieldRule::strip});
  apply_profile_policy(profiles, true, ReasoningField::both);
  for (const Profile& profile : profiles) {
    for (const FieldSetting& param : profile.params) {
      EXPECT_EQ(param.rule, param.name == "seed" ? FieldRule::strip : FieldRule::force)
          << profile.virtual_name << " " << param.name;
    }
    EXPECT_EQ(profile.chat_template_kwargs[0].rule, FieldRule::force);
    EXPECT_EQ(profile.reasoning_field, ReasoningField::both);
  }
}

TEST(BuiltinProfiles, WithoutEnforceRulesStayFillDefault) {
  std::vector<Profile> profiles = builtin_profiles();
  apply_profile_policy(profiles, false, ReasoningField::reasoning_content);
  for (const Profile& profile : profiles) {
    for (const FieldSetting& param : profile.params) EXPECT_EQ(param.rule, FieldRule::fill_default);
    EXPECT_EQ(profile.reasoning_field, ReasoningField::reasoning_content);
  }
}

TEST(FindProfile, FindsByExactVirtualName) {
  Config config;
  config.profiles = builtin_profiles();
  const Profile* coding = find_profile(config, "qwen3.5-thinking-coding");
  ASSERT_NE(coding, nullptr);
  EXPECT_EQ(coding, &config.profiles[1]);
  EXPECT_EQ(find_profile(config, "Qwen3.5-thinking-coding"), nullptr);
  EXPECT_EQ(find_profile(config, "qwen3.5-thinking"), nullptr);
  EXPECT_EQ(find_profile(config, ""), nullptr);
}

}  // namespace
}  // namespace qp
