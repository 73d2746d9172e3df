// Tests of the strict Prometheus text parser itself: what it accepts, and a table of malformed
// expositions it must reject, so that the renderer tests that rely on it mean something.
#include "metrics/prometheus_text_parser.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace qp::metrics::testing {
namespace {

// The example of the format's documentation, plus escapes and blank lines.
constexpr std::string_view kDocumentedExample =
    "# HELP http_requests_total The total number of HTTP requests.\n"
    "# TYPE http_requests_total counter\n"
    "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000\n"
    "http_requests_total{method=\"post\",code=\"400\",} 3 1395066363000\n"
    "\n"
    "# A free comment is ignored.\n"
    "msdos_file_access_time_seconds{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find "
    "file:\\n\\\"FILE.TXT\\\"\"} 1.458255915e9\n"
    "metric_without_timestamp_and_labels 12.47\n"
    "# HELP escaped_help Backslash \\\\ and\\nnewline.\n"
    "something_weird{problem=\"division by zero\"} +Inf -3982045\n"
    "not_a_number NaN\n"
    "# TYPE http_request_duration_seconds histogram\n"
    "http_request_duration_seconds_bucket{le=\"0.05\"} 24054\n"
    "http_request_duration_seconds_bucket{le=\"0.1\"} 33444\n"
    "http_request_duration_seconds_bucket{le=\"+Inf\"} 144320\n"
    "http_request_duration_seconds_sum 53423\n"
    "http_request_duration_seconds_count 144320\n"
    "# TYPE rpc_duration_seconds summary\n"
    "rpc_duration_seconds{quantile=\"0.5\"} 4773\n"
    "rpc_duration_seconds_sum 1.7560473e+07\n"
    "rpc_duration_seconds_count 2693\n";

TEST(PrometheusTextParser, AcceptsTheDocumentedExample) {
  Result<Exposition> parsed = parse_prometheus_text(kDocumentedExample);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->value("http_requests_total", {{"code", "400"}, {"method", "post"}}), 3.0);
  EXPECT_EQ(
      parsed->value("msdos_file_access_time_seconds",
                    {{"path", "C:\\DIR\\FILE.TXT"}, {"error", "Cannot find file:\n\"FILE.TXT\""}}),
      1.458255915e9);
  EXPECT_EQ(parsed->value("something_weird", {{"problem", "division by zero"}}), INFINITY);
  EXPECT_TRUE(std::isnan(*parsed->value("not_a_number")));
  ASSERT_NE(parsed->family("escaped_help"), nullptr);
  EXPECT_EQ(parsed->family("escaped_help")->help, "Backslash \\ and\nnewline.");
  ASSERT_NE(parsed->family("http_request_duration_seconds"), nullptr);
  EXPECT_EQ(parsed->family("http_request_duration_seconds")->samples.size(), 5u);
  EXPECT_EQ(parsed->family("rpc_duration_seconds")->type, "summary");
  EXPECT_EQ(parsed->family("http_requests_total")->samples[0].timestamp_ms, 1395066363000);
}

TEST(PrometheusTextParser, AcceptsAnEmptyExposition) {
  Result<Exposition> parsed = parse_prometheus_text("");
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->families.empty());
}

TEST(PrometheusTextParser, RejectsMalformedExpositions) {
  constexpr std::string_view kHistogramHead = "# TYPE h histogram\n";
  struct Case {
    std::string_view why;
    std::string text;
  };
  const std::string h(kHistogramHead);
  const Case cases[] = {
      {"no final newline", "m 1"},
      {"CRLF line ending", "m 1\r\n"},
      {"name starts with a digit", "1m 1\n"},
      {"label name starts with a digit", "m{1a=\"x\"} 1\n"},
      {"reserved label name", "m{__a=\"x\"} 1\n"},
      {"unknown escape in label value", "m{a=\"x\\q\"} 1\n"},
      {"unquoted label value", "m{a=x} 1\n"},
      {"duplicate label", "m{a=\"x\",a=\"y\"} 1\n"},
      {"unterminated label set", "m{a=\"x\" 1\n"},
      {"unterminated label value", "m{a=\"x} 1\n"},
      {"colon in label name", "m{a:b=\"x\"} 1\n"},
      {"no value", "m\n"},
      {"no blank before value", "m{a=\"x\"}1\n"},
      {"word as value", "m abc\n"},
      {"lower-case inf", "m inf\n"},
      {"hex value", "m 0x10\n"},
      {"bad timestamp", "m 1 12x\n"},
      {"text after timestamp", "m 1 2 3\n"},
      {"unknown type", "# TYPE m countr\nm 1\n"},
      {"text after type", "# TYPE m counter extra\n"},
      {"second TYPE", "# TYPE m counter\n# TYPE m counter\n"},
      {"second HELP", "# HELP m a\n# HELP m b\n"},
      {"unknown escape in HELP", "# HELP m tab\\there\n"},
      {"TYPE after samples", "m 1\n# TYPE m counter\n"},
      {"samples not grouped", "a 1\nb 1\na{x=\"1\"} 2\n"},
      {"duplicate series", "m{a=\"1\",b=\"2\"} 1\nm{b=\"2\",a=\"1\"} 2\n"},
      {"negative counter", "# TYPE c counter\nc -1\n"},
      {"histogram without +Inf", h + "h_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n"},
      {"histogram not cumulative", h + "h_bucket{le=\"1\"} 2\nh_bucket{le=\"2\"} "
                                       "1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n"},
      {"+Inf differs from _count",
       h + "h_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n"},
      {"histogram without _sum", h + "h_bucket{le=\"+Inf\"} 2\nh_count 2\n"},
      {"histogram without _count", h + "h_bucket{le=\"+Inf\"} 2\nh_sum 2\n"},
      {"le not increasing", h + "h_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} "
                                "1\nh_sum 1\nh_count 1\n"},
      {"bucket without le", h + "h_bucket 1\nh_sum 1\nh_count 1\n"},
      {"le on _sum", h + "h_bucket{le=\"+Inf\"} 1\nh_sum{le=\"1\"} 1\nh_count 1\n"},
      {"invalid le", h + "h_bucket{le=\"one\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n"},
      {"bare histogram name", h + "h 1\n"},
      {"histogram sample after another family",
       h + "h_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\nother 1\nh_sum{a=\"b\"} 1\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    Result<Exposition> parsed = parse_prometheus_text(c.text);
    EXPECT_FALSE(parsed.ok());
    if (!parsed.ok()) {
      EXPECT_FALSE(parsed.error().message.empty());
    }
  }
}

TEST(PrometheusTextParser, ParsesSpecialAndScientificValues) {
  EXPECT_EQ(parse_prometheus_value("+Inf"), INFINITY);
  EXPECT_EQ(parse_prometheus_value("-Inf"), -INFINITY);
  EXPECT_TRUE(std::isnan(*parse_prometheus_value("NaN")));
  EXPECT_EQ(parse_prometheus_value("-1.5e3"), -1500.0);
  EXPECT_EQ(parse_prometheus_value("+.25"), 0.25);
  EXPECT_FALSE(parse_prometheus_value("Infinity"));
  EXPECT_FALSE(parse_prometheus_value("nan"));
  EXPECT_FALSE(parse_prometheus_value("1,5"));
  EXPECT_FALSE(parse_prometheus_value(""));
}

}  // namespace
}  // namespace qp::metrics::testing
