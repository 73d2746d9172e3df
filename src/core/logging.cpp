// Logging setup.
#include "core/logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

namespace qp {

namespace {

spdlog::level::level_enum spdlog_level(LogLevel level) {
  switch (level) {
    case LogLevel::complete:
      return spdlog::level::trace;
    case LogLevel::debug:
      return spdlog::level::debug;
    case LogLevel::info:
      return spdlog::level::info;
    case LogLevel::warn:
      return spdlog::level::warn;
    case LogLevel::error:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

}  // namespace

void setup_logging(LogLevel level) {
  auto logger = spdlog::stderr_color_mt("qwen35-proxy");
  if (!isatty(STDERR_FILENO)) {
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");  // no colour codes for journald and files
  } else {
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
  }
  logger->set_level(spdlog_level(level));
  spdlog::set_default_logger(std::move(logger));
}

void set_log_level(LogLevel level) { spdlog::default_logger()->set_level(spdlog_level(level)); }

}  // namespace qp
