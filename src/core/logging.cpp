// Logging setup.
#include "core/logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

namespace qp {

void setup_logging(LogLevel level) {
  auto logger = spdlog::stderr_color_mt("qwen35-proxy");
  if (!isatty(STDERR_FILENO)) {
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");  // no colour codes for journald and files
  } else {
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
  }
  switch (level) {
    case LogLevel::complete:
      logger->set_level(spdlog::level::trace);
      break;
    case LogLevel::debug:
      logger->set_level(spdlog::level::debug);
      break;
    case LogLevel::info:
      logger->set_level(spdlog::level::info);
      break;
    case LogLevel::warn:
      logger->set_level(spdlog::level::warn);
      break;
    case LogLevel::error:
      logger->set_level(spdlog::level::err);
      break;
  }
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace qp
