// Tests of the access-log line: every field in both formats, quoting and escaping, unknown values.
#include "log/access_log.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

namespace qp::log {
namespace {

using std::chrono::microseconds;

AccessLogRecord streamed_ok() {
  AccessLogRecord r;
  r.request_id = "0123456789abcdef";
  r.client_address = "127.0.0.1:51234";
  r.method = "POST";
  r.path = "/v1/chat/completions";
  r.virtual_model = "qwen3.5-thinking-coding";
  r.profile = "qwen3.5-thinking-coding";
  r.status = 200;
  r.bytes_in = 512;
  r.bytes_out = 40960;
  r.duration = microseconds(12'345'678);
  r.time_to_first_byte = microseconds(1'500);
  r.time_to_first_token = microseconds(250'020);
  r.sse_events = 301;
  r.prompt_tokens = 42;
  r.completion_tokens = 300;
  r.outcome = RequestOutcome::ok;
  return r;
}

TEST(AccessLog, LogfmtLineHasEveryFieldInOrder) {
  EXPECT_EQ(format_access_log_line(streamed_ok()),
            "request_id=0123456789abcdef client=127.0.0.1:51234 method=POST "
            "path=/v1/chat/completions model=qwen3.5-thinking-coding "
            "profile=qwen3.5-thinking-coding status=200 bytes_in=512 bytes_out=40960 "
            "duration_ms=12345.678 ttfb_ms=1.500 ttft_ms=250.020 sse_events=301 prompt_tokens=42 "
            "completion_tokens=300 outcome=ok");
}

TEST(AccessLog, JsonLineParsesAndHasEveryField) {
  const std::string line = format_access_log_line(streamed_ok(), AccessLogFormat::json);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(line).get(doc), simdjson::SUCCESS) << line;
  EXPECT_EQ(std::string_view(doc["request_id"]), "0123456789abcdef");
  EXPECT_EQ(std::string_view(doc["client"]), "127.0.0.1:51234");
  EXPECT_EQ(std::string_view(doc["method"]), "POST");
  EXPECT_EQ(std::string_view(doc["path"]), "/v1/chat/completions");
  EXPECT_EQ(std::string_view(doc["model"]), "qwen3.5-thinking-coding");
  EXPECT_EQ(std::string_view(doc["profile"]), "qwen3.5-thinking-coding");
  EXPECT_EQ(int64_t(doc["status"]), 200);
  EXPECT_EQ(int64_t(doc["bytes_in"]), 512);
  EXPECT_EQ(int64_t(doc["bytes_out"]), 40960);
  EXPECT_EQ(double(doc["duration_ms"]), 12345.678);
  EXPECT_EQ(double(doc["ttfb_ms"]), 1.5);
  EXPECT_EQ(double(doc["ttft_ms"]), 250.02);
  EXPECT_EQ(int64_t(doc["sse_events"]), 301);
  EXPECT_EQ(int64_t(doc["prompt_tokens"]), 42);
  EXPECT_EQ(int64_t(doc["completion_tokens"]), 300);
  EXPECT_EQ(std::string_view(doc["outcome"]), "ok");
  EXPECT_EQ(doc.get_object().size(), 16u);
}

TEST(AccessLog, OutcomesAndUnknownValues) {
  struct Case {
    RequestOutcome outcome;
    std::string_view label;
  };
  for (const Case& c :
       {Case{RequestOutcome::ok, "ok"}, Case{RequestOutcome::client_aborted, "client_aborted"},
        Case{RequestOutcome::backend_error, "backend_error"},
        Case{RequestOutcome::timeout, "timeout"}, Case{RequestOutcome::rejected, "rejected"}}) {
    SCOPED_TRACE(c.label);
    AccessLogRecord r = streamed_ok();
    r.outcome = c.outcome;
    r.time_to_first_token.reset();
    r.prompt_tokens.reset();
    r.completion_tokens.reset();
    const std::string logfmt = format_access_log_line(r);
    EXPECT_TRUE(logfmt.ends_with(" outcome=" + std::string(c.label))) << logfmt;
    EXPECT_NE(logfmt.find(" ttft_ms= sse_events=301 prompt_tokens= completion_tokens= "),
              std::string::npos)
        << logfmt;
    const std::string json = format_access_log_line(r, AccessLogFormat::json);
    EXPECT_NE(json.find("\"ttft_ms\":null,"), std::string::npos) << json;
    EXPECT_NE(json.find("\"completion_tokens\":null,"), std::string::npos) << json;
    EXPECT_NE(json.find("\"outcome\":\"" + std::string(c.label) + "\"}"), std::string::npos);
  }
}

TEST(AccessLog, LogfmtQuotesAndEscapesWhereNeeded) {
  struct Case {
    std::string_view value;
    std::string_view logged;
  };
  const Case cases[] = {
      {"plain/path?x", "plain/path?x"},
      {"", "\"\""},
      {"two words", "\"two words\""},
      {"a=b", "\"a=b\""},
      {"say \"hi\"", "\"say \\\"hi\\\"\""},
      {"back\\slash only", "\"back\\\\slash only\""},
      {"line\nbreak\r\ttab", "\"line\\nbreak\\r\\ttab\""},
      {std::string_view("nul\0bell\x07", 9), "\"nul\\u0000bell\\u0007\""},
      {"caf\xc3\xa9", "\"caf\xc3\xa9\""},  // non-ASCII is quoted, bytes kept
      {"a b", "\"a b\""},
      {"x\"", "\"x\\\"\""},
      {"\"x", "\"\\\"x\""},
      {"\\", "\\"},                    // a lone backslash may stand bare
      {"a\\ b\\", "\"a\\\\ b\\\\\""},  // inside quotes it is escaped
      {"end\x01", "\"end\\u0001\""},
      {"\x1f mid \x7f", "\"\\u001f mid \\u007f\""},
      {"x=", "\"x=\""},
      {"\xe2\x82\xac", "\"\xe2\x82\xac\""},
      {"bad\xff", "\"bad\xff\""},  // not UTF-8 either: bytes kept
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.value);
    std::string out;
    append_logfmt_value(out, c.value);
    EXPECT_EQ(out, c.logged);
  }
  AccessLogRecord r = streamed_ok();
  r.path = "/v1/x?q=a b";
  r.virtual_model = "evil\" outcome=ok";
  r.profile = "";
  const std::string line = format_access_log_line(r);
  EXPECT_NE(line.find(" path=\"/v1/x?q=a b\" model=\"evil\\\" outcome=ok\" profile=\"\" "),
            std::string::npos)
      << line;
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

// A record whose text values need quoting at the start, middle and end, and numbers at their
// extremes.
AccessLogRecord awkward() {
  AccessLogRecord r;
  r.request_id = "";
  r.client_address = "a b";
  r.method = "x\"";
  r.path = "\\";
  r.virtual_model = "caf\xc3\xa9\x01";
  r.profile = "tab\tend\x7f";
  r.status = 0;
  r.bytes_in = 0;
  r.bytes_out = UINT64_MAX;
  r.duration = microseconds(-1'500);
  r.time_to_first_byte = microseconds(0);
  r.sse_events = 0;
  r.prompt_tokens = 0;
  r.outcome = RequestOutcome::client_aborted;
  return r;
}

TEST(AccessLog, LogfmtLineWithValuesNeedingQuotesIsExact) {
  EXPECT_EQ(format_access_log_line(awkward()),
            "request_id=\"\" client=\"a b\" method=\"x\\\"\" path=\\ "
            "model=\"caf\xc3\xa9\\u0001\" profile=\"tab\\tend\\u007f\" status=0 bytes_in=0 "
            "bytes_out=18446744073709551615 duration_ms=-1.500 ttfb_ms=0.000 ttft_ms= sse_events=0 "
            "prompt_tokens=0 completion_tokens= outcome=client_aborted");
}

TEST(AccessLog, JsonLineWithValuesNeedingEscapesIsExact) {
  EXPECT_EQ(format_access_log_line(awkward(), AccessLogFormat::json),
            "{\"request_id\":\"\",\"client\":\"a b\",\"method\":\"x\\\"\",\"path\":\"\\\\\","
            "\"model\":\"caf\xc3\xa9\\u0001\",\"profile\":\"tab\\tend\x7f\",\"status\":0,"
            "\"bytes_in\":0,\"bytes_out\":18446744073709551615,\"duration_ms\":-1.500,"
            "\"ttfb_ms\":0.000,\"ttft_ms\":null,\"sse_events\":0,\"prompt_tokens\":0,"
            "\"completion_tokens\":null,\"outcome\":\"client_aborted\"}");
}

// Values longer than the room a line starts with (512 bytes), quoted or not, in both formats.
TEST(AccessLog, LongValuesAreWrittenWhole) {
  const std::string bare_path = "/v1/" + std::string(2000, 'p');
  const std::string quoted_model = std::string(300, '"') + std::string(300, ' ');
  AccessLogRecord r = streamed_ok();
  r.path = bare_path;
  r.virtual_model = quoted_model;
  std::string escaped_model;
  for (int i = 0; i < 300; ++i) escaped_model += "\\\"";
  escaped_model += std::string(300, ' ');

  const std::string logfmt = format_access_log_line(r);
  EXPECT_NE(logfmt.find(" path=" + bare_path + " model=\"" + escaped_model + "\" profile="),
            std::string::npos);
  EXPECT_TRUE(logfmt.ends_with(" completion_tokens=300 outcome=ok"));

  const std::string json = format_access_log_line(r, AccessLogFormat::json);
  EXPECT_NE(json.find(",\"path\":\"" + bare_path + "\",\"model\":\"" + escaped_model + "\","),
            std::string::npos);
  EXPECT_TRUE(json.ends_with(",\"completion_tokens\":300,\"outcome\":\"ok\"}"));
}

TEST(AccessLog, JsonEscapesStringsAndStaysOneLine) {
  AccessLogRecord r = streamed_ok();
  r.path = "/a\"b\\c\nd";
  r.virtual_model = "bad\xff";
  r.status = 0;
  r.duration = microseconds(7);
  const std::string line = format_access_log_line(r, AccessLogFormat::json);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(line).get(doc), simdjson::SUCCESS) << line;
  EXPECT_EQ(std::string_view(doc["path"]), "/a\"b\\c\nd");
  EXPECT_EQ(std::string_view(doc["model"]), "bad\xef\xbf\xbd");  // U+FFFD
  EXPECT_EQ(int64_t(doc["status"]), 0);
  EXPECT_NE(line.find("\"duration_ms\":0.007,"), std::string::npos) << line;
}

}  // namespace
}  // namespace qp::log
