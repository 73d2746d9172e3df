// Tests of the plain log line format: byte for byte what spdlog's pattern formatter writes for the
// same message, in time zones east and west of UTC, at every millisecond edge and level.
#include "core/logging.hpp"

#include <gtest/gtest.h>
#include <spdlog/pattern_formatter.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace qp {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::system_clock;

// Sets TZ for the lifetime of the object, then restores it.
class ScopedTimeZone {
 public:
  explicit ScopedTimeZone(const char* zone) {
    if (const char* previous = std::getenv("TZ")) previous_ = previous;
    ::setenv("TZ", zone, 1);
    ::tzset();
  }
  ~ScopedTimeZone() {
    if (previous_) {
      ::setenv("TZ", previous_->c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }
  ScopedTimeZone(const ScopedTimeZone&) = delete;
  ScopedTimeZone& operator=(const ScopedTimeZone&) = delete;

 private:
  std::optional<std::string> previous_;
};

std::string spdlog_line(const spdlog::details::log_msg& message) {
  spdlog::pattern_formatter formatter("%Y-%m-%dT%H:%M:%S.%e%z %l %v");  // fresh: no cached offset
  spdlog::memory_buf_t formatted;
  formatter.format(message, formatted);
  return {formatted.data(), formatted.size()};
}

TEST(PlainLineFormat, SameBytesAsSpdlogPatternFormatter) {
  // 2026-03-08 (US DST start), 2026-11-01 (US DST end), a leap day, a new year's eve.
  const system_clock::time_point seconds_to_try[] = {
      system_clock::time_point(seconds(1'772'952'000)),
      system_clock::time_point(seconds(1'793'512'800)),
      system_clock::time_point(seconds(1'709'208'000)),
      system_clock::time_point(seconds(1'798'761'599)),
  };
  const milliseconds millis_to_try[] = {milliseconds(0), milliseconds(7), milliseconds(99),
                                        milliseconds(100), milliseconds(999)};
  const spdlog::level::level_enum levels[] = {spdlog::level::trace, spdlog::level::debug,
                                              spdlog::level::info,  spdlog::level::warn,
                                              spdlog::level::err,   spdlog::level::critical};
  for (const char* zone : {"UTC", "America/St_Johns", "Asia/Kolkata", "Pacific/Chatham"}) {
    SCOPED_TRACE(zone);
    const ScopedTimeZone time_zone(zone);
    PlainLineFormat format;  // one for the whole zone: its per-second cache is exercised too
    for (const system_clock::time_point second : seconds_to_try) {
      for (const milliseconds millis : millis_to_try) {
        for (const spdlog::level::level_enum level : levels) {
          const std::string payload =
              level == spdlog::level::info ? "request_id=x outcome=ok" : "";  // empty too
          spdlog::details::log_msg message(second + millis + std::chrono::microseconds(123),
                                           spdlog::source_loc{}, "logger", level, payload);
          std::string line = "kept|";
          format.append(message, line);
          EXPECT_EQ(line, "kept|" + spdlog_line(message));
        }
      }
    }
  }
}

}  // namespace
}  // namespace qp
