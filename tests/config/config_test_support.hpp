// Helpers for the config tests: call load_config with a list of arguments and an environment map,
// and write temporary files (configuration and key files) that are removed at the end of a test.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "config/load_config.hpp"

namespace qp::config_test {

inline LoadedConfig load(const std::vector<std::string>& args, const Environment& env = {}) {
  std::vector<const char*> argv = {"qwen35-proxy"};
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  argv.push_back(nullptr);
  return load_config(static_cast<int>(argv.size() - 1), argv.data(), env);
}

// A file with the given text in a fresh temporary directory, deleted with the object.
class TempFile {
 public:
  explicit TempFile(const std::string& text, const std::string& name = "config.toml") {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ = std::filesystem::temp_directory_path() /
                 ("qp-config-" + std::string(test->test_suite_name()) + "-" + test->name() + "-" +
                  std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(directory_);
    path_ = (directory_ / name).string();
    std::ofstream(path_, std::ios::binary) << text;
  }
  ~TempFile() {
    std::error_code ignored;  // a leftover temporary directory is harmless
    std::filesystem::remove_all(directory_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }
  // Another file in the same directory (e.g. a key file named relative to the configuration).
  std::string sibling(const std::string& name, const std::string& text) const {
    const std::string sibling_path = (directory_ / name).string();
    std::ofstream(sibling_path, std::ios::binary) << text;
    return sibling_path;
  }

 private:
  std::filesystem::path directory_;
  std::string path_;
};

// The ConfigError message of `run`, or "" when it does not throw.
template <class Run>
std::string error_of(Run&& run) {
  try {
    run();
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

}  // namespace qp::config_test
