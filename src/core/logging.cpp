// Logging setup: the loggers, the batching stderr sink and its line format.
#include "core/logging.hpp"

#include <fmt/format.h>
#include <spdlog/details/os.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <ctime>
#include <iterator>
#include <memory>
#include <mutex>
#include <string>

namespace qp {

namespace {

constexpr const char* kAccessLoggerName = "qwen35-proxy-access";
constexpr std::size_t kAccessBatchBytes = std::size_t{64} * 1024;

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
// line, or a full batch; everything else is written at once. Its lines are PlainLineFormat's:
// set_pattern() and set_formatter() have no effect on it.
class BatchingStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  ~BatchingStderrSink() override { write_to_stderr(pending_); }

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    line_format_.append(message, pending_);
    if (message.logger_name != kAccessLoggerName || pending_.size() >= kAccessBatchBytes) flush_();
  }
  void flush_() override {
    write_to_stderr(pending_);
    pending_.clear();
  }

 private:
  PlainLineFormat line_format_;
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
    sink = std::make_shared<BatchingStderrSink>();  // PlainLineFormat: no colour codes
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

void PlainLineFormat::append(const spdlog::details::log_msg& message, std::string& out) {
  using std::chrono::duration_cast;
  const auto since_epoch = message.time.time_since_epoch();
  const auto second = duration_cast<std::chrono::seconds>(since_epoch);
  if (second != second_) format_second(message.time);
  const auto millis = duration_cast<std::chrono::milliseconds>(since_epoch - second).count();
  const std::array<char, 3> millis_text = {static_cast<char>('0' + millis / 100),
                                           static_cast<char>('0' + millis / 10 % 10),
                                           static_cast<char>('0' + millis % 10)};
  const spdlog::string_view_t level = spdlog::level::to_string_view(message.level);
  out.append(before_millis_).append(millis_text.data(), millis_text.size()).append(after_millis_);
  out.append(level.data(), level.size()).push_back(' ');
  out.append(message.payload.data(), message.payload.size()).push_back('\n');
}

void PlainLineFormat::format_second(std::chrono::system_clock::time_point time) {
  const std::tm local = spdlog::details::os::localtime(std::chrono::system_clock::to_time_t(time));
  before_millis_.clear();
  fmt::format_to(std::back_inserter(before_millis_), "{}-{:02}-{:02}T{:02}:{:02}:{:02}.",
                 local.tm_year + 1900, local.tm_mon + 1, local.tm_mday, local.tm_hour, local.tm_min,
                 local.tm_sec);
  const long offset_minutes = local.tm_gmtoff / 60;  // what spdlog's %z reads on Linux
  const long magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  after_millis_.clear();
  fmt::format_to(std::back_inserter(after_millis_), "{}{:02}:{:02} ",
                 offset_minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
  second_ = std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch());
}

}  // namespace qp
