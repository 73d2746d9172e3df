// Logging setup: one process-wide spdlog logger on stderr (journald reads it), plain text without
// colours unless stderr is a terminal. Levels follow qwen35-rp: COMPLETE (everything, bodies too),
// DEBUG, INFO, WARN, ERROR.
#pragma once

#include "config/config.hpp"

namespace qp {

// Installs the default logger at the given level. Call once at start, before any thread runs.
void setup_logging(LogLevel level);

// Changes the level of the default logger (a configuration reload). Safe while threads log.
void set_log_level(LogLevel level);

}  // namespace qp
