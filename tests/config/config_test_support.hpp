// Helper for the config tests: call load_config with a list of arguments and an environment map.
#pragma once

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

}  // namespace qp::config_test
