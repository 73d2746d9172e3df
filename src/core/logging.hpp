// Logging setup: one process-wide spdlog logger on stderr (journald reads it), plain text without
// colours unless stderr is a terminal. Levels follow qwen35-rp: COMPLETE (everything, bodies too),
// DEBUG, INFO, WARN, ERROR.
#pragma once

#include <spdlog/logger.h>

#include <chrono>
#include <string>

#include "config/config.hpp"

namespace qp {

// Installs the default logger and the access logger at the given level. Call once at start,
// before any thread runs.
void setup_logging(LogLevel level);

// Changes the level of both loggers (a configuration reload). Safe while threads log.
void set_log_level(LogLevel level);

// The logger for access-log lines: the same stream and format as the default logger, but when
// stderr is not a terminal its lines are collected and written in batches, by
// flush_access_log() or as soon as any other line is logged (so the order of lines is kept) or
// 64 KiB are waiting. Before setup_logging() (tests), the default logger.
spdlog::logger& access_logger();

// Writes out the access-log lines collected so far (one system call).
void flush_access_log();

// How the logger writes a line when stderr is not a terminal: the bytes spdlog's pattern
// "%Y-%m-%dT%H:%M:%S.%e%z %l %v" and its "\n" end of line give, in local time, appended straight
// to `out` (no pattern formatter and intermediate buffer per line). The date, time and UTC offset
// are formatted once per second; spdlog reads the offset once per 10 s, so only in the seconds
// after a UTC-offset change (DST) can its lines differ from these. Not thread-safe: one per sink,
// used under the sink's lock.
class PlainLineFormat {
 public:
  void append(const spdlog::details::log_msg& message, std::string& out);

 private:
  void format_second(std::chrono::system_clock::time_point time);

  std::chrono::seconds second_ = std::chrono::seconds::min();  // the second formatted below
  std::string before_millis_;                                  // "2026-11-29T00:52:51."
  std::string after_millis_;                                   // "+01:00 "
};

}  // namespace qp
