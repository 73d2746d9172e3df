// Logging setup: one process-wide spdlog logger on stderr (journald reads it), plain text without
// colours unless stderr is a terminal. Levels follow qwen35-rp: COMPLETE (everything, bodies too),
// DEBUG, INFO, WARN, ERROR.
#pragma once

#include <spdlog/logger.h>

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

}  // namespace qp
