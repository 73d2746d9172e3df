// Logging setup.
#include "core/logging.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <mutex>
#include <string>

namespace qp {

namespace {

constexpr const char* kAccessLoggerName = "qwen35-proxy-access";
constexpr std::size_t kAccessBatchBytes = 64 * 1024;

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

// Writes all of `bytes` to stderr; on an error the rest is dropped (there is nowhere to report it).
void write_to_stderr(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(STDERR_FILENO, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

// Plain stderr sink that holds back lines of the access logger until a flush, another logger's
// line, or a full batch; everything else is written at once.
class BatchingStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  ~BatchingStderrSink() override { write_to_stderr(pending_); }

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(message, formatted);
    pending_.append(formatted.data(), formatted.size());
    if (message.logger_name != kAccessLoggerName || pending_.size() >= kAccessBatchBytes) flush_();
  }
  void flush_() override {
    write_to_stderr(pending_);
    pending_.clear();
  }

 private:
  std::string pending_;
};

std::shared_ptr<spdlog::logger>& installed_access_logger() {
  static std::shared_ptr<spdlog::logger> logger;
  return logger;
}

}  // namespace

void setup_logging(LogLevel level) {
  spdlog::sink_ptr sink;
  if (!isatty(STDERR_FILENO)) {
    sink = std::make_shared<BatchingStderrSink>();
    sink->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");  // no colour codes for journald and files
  } else {
    sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    sink->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
  }
  auto logger = std::make_shared<spdlog::logger>("qwen35-proxy", sink);
  auto access = std::make_shared<spdlog::logger>(kAccessLoggerName, sink);
  logger->set_level(spdlog_level(level));
  access->set_level(spdlog_level(level));
  spdlog::set_default_logger(std::move(logger));
  installed_access_logger() = std::move(access);
}

void set_log_level(LogLevel level) {
  spdlog::default_logger()->set_level(spdlog_level(level));
  if (auto& access = installed_access_logger()) access->set_level(spdlog_level(level));
}

spdlog::logger& access_logger() {
  auto& access = installed_access_logger();
  return access ? *access : *spdlog::default_logger_raw();
}

void flush_access_log() { access_logger().flush(); }

}  // namespace qp
