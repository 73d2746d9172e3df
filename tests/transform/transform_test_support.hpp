// Shared helpers of the transform tests: the profiles that golden file names refer to, and reading
// test data files.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "config/profile.hpp"

namespace qp::transform::testing {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

inline std::filesystem::path testdata(const std::string& relative) {
  return std::filesystem::path(QWEN35_TESTDATA_DIR) / relative;
}

inline std::vector<FieldSetting> sampling(const std::vector<std::string>& values, FieldRule rule) {
  static const char* const names[] = {
      "temperature", "top_p", "top_k", "min_p", "presence_penalty", "repetition_penalty"};
  std::vector<FieldSetting> settings;
  for (std::size_t i = 0; i < values.size(); ++i) settings.push_back({names[i], values[i], rule});
  return settings;
}

// Profiles by the name used as the prefix of golden files ("<profile>--<case>.in.json").
inline std::map<std::string, Profile> test_profiles() {
  std::map<std::string, Profile> profiles;
  Profile thinking;
  thinking.virtual_name = "qwen3.5-thinking-general";
  thinking.backend_model = "Qwen3.5-35B-A3B";
  thinking.params = sampling({"1.0", "0.95", "20", "0.0", "1.5", "1.0"}, FieldRule::fill_default);
  thinking.chat_template_kwargs = {{"enable_thinking", "true", FieldRule::force}};
  profiles["thinking-general"] = thinking;

  Profile instruct;
  instruct.virtual_name = "qwen3.5-instruct-general";
  instruct.backend_model = "Qwen3.5-35B-A3B";
  instruct.params = sampling({"0.7", "0.8", "20", "0.0", "1.5", "1.0"}, FieldRule::force);
  instruct.chat_template_kwargs = {{"enable_thinking", "false", FieldRule::force}};
  instruct.repair_misplaced_answer = true;
  profiles["instruct-enforced"] = instruct;

  Profile mixed;
  mixed.virtual_name = "mixed-rules";
  mixed.backend_model = "org/Qwen3.5 \"quoted\"";
  mixed.params = {{"temperature", "0.6", FieldRule::force},
                  {"top_p", "0.95", FieldRule::fill_default},
                  {"top_k", "", FieldRule::strip},
                  {"stop", "[\"</s>\"]", FieldRule::fill_default}};
  mixed.chat_template_kwargs = {{"enable_thinking", "false", FieldRule::force},
                                {"preserve_thinking", "true", FieldRule::fill_default},
                                {"thinking_budget", "", FieldRule::strip}};
  profiles["mixed"] = mixed;
  return profiles;
}

// Golden cases in testdata/golden/<folder>: pairs <profile>--<case>.in.<ext> / .out.<ext>.
struct GoldenCase {
  std::string name;
  std::string profile;
  std::string input;
  std::string expected;
};

inline std::vector<GoldenCase> golden_cases(const std::string& folder, const std::string& ext) {
  std::vector<GoldenCase> cases;
  const std::string in_suffix = ".in." + ext;
  for (const auto& entry : std::filesystem::directory_iterator(testdata("golden/" + folder))) {
    const std::string file = entry.path().filename().string();
    if (!file.ends_with(in_suffix)) continue;
    const std::string stem = file.substr(0, file.size() - in_suffix.size());
    GoldenCase c;
    c.name = stem;
    c.profile = stem.substr(0, stem.find("--"));
    c.input = read_file(entry.path());
    c.expected = read_file(entry.path().parent_path() / (stem + ".out." + ext));
    cases.push_back(std::move(c));
  }
  std::sort(cases.begin(), cases.end(),
            [](const GoldenCase& a, const GoldenCase& b) { return a.name < b.name; });
  return cases;
}

}  // namespace qp::transform::testing
