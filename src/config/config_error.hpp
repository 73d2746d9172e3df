// ConfigError: the one exception type of configuration loading. Its message names the flag or
// environment variable at fault; main prints it and exits with status 2.
#pragma once

#include <stdexcept>

namespace qp {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace qp
