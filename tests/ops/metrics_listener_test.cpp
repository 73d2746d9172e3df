// The metrics listener scraped in-process: the exposition with Prometheus' content type, and
// nothing else on that port.
#include "ops/metrics_listener.hpp"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <thread>

#include "ops/metrics_exposition.hpp"
#include "support/http_test_client.hpp"

namespace qp::ops {
namespace {

// A listener on 127.0.0.1, port 0, with its io_context on a thread of its own.
class RunningListener {
 public:
  explicit RunningListener(RenderMetrics render)
      : listener_(io_.get_executor(), "127.0.0.1", 0, std::move(render)) {
    listener_.start();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~RunningListener() {
    listener_.stop();
    work_.reset();
    io_.stop();
    thread_.join();
  }
  std::uint16_t port() const { return listener_.port(); }

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
      io_.get_executor()};
  MetricsListener listener_;
  std::thread thread_;
};

TEST(MetricsListener, ServesTheExpositionAsPrometheusText) {
  int scrapes = 0;
  RunningListener listener([&scrapes] {
    ++scrapes;
    return std::string("# TYPE x counter\nx_total ") + std::to_string(scrapes) + "\n";
  });
  test::HttpTestClient client(listener.port());
  auto first = client.request("GET", "/metrics");
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(first.body, "# TYPE x counter\nx_total 1\n");
  auto second = client.request("GET", "/metrics");  // same keep-alive connection
  EXPECT_EQ(second.body, "# TYPE x counter\nx_total 2\n");
}

TEST(MetricsListener, OnlyGetOrHeadOfMetrics) {
  RunningListener listener([] { return std::string("x 1\n"); });
  test::HttpTestClient client(listener.port());
  EXPECT_EQ(client.request("GET", "/").status, 404);
  EXPECT_EQ(client.request("GET", "/v1/models").status, 404);
  auto post = client.request("POST", "/metrics", "{}");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.header("allow"), "GET, HEAD");
  EXPECT_EQ(client.request("GET", "/metrics").body, "x 1\n");  // still the same connection
  const std::string head = test::HttpTestClient(listener.port())
                               .raw_exchange(
                                   "HEAD /metrics HTTP/1.1\r\nHost: x\r\n"
                                   "Connection: close\r\n\r\n");
  EXPECT_EQ(head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << head;
  EXPECT_NE(head.find("Content-Length: 4\r\n"), std::string::npos) << head;
  EXPECT_EQ(head.substr(head.size() - 4), "\r\n\r\n") << head;  // no body
}

TEST(MetricsListener, ProxyExpositionHasBuildInfo) {
  proxy::ProxyShared shared(std::make_shared<const Config>());
  RunningListener listener(metrics_renderer(shared));
  auto scrape = test::HttpTestClient(listener.port()).request("GET", "/metrics");
  EXPECT_EQ(scrape.status, 200);
  EXPECT_EQ(scrape.header("content-type"), std::string(kMetricsContentType));
  EXPECT_NE(scrape.body.find("# TYPE qwen35_proxy_build_info gauge\n"), std::string::npos);
  EXPECT_NE(scrape.body.find("qwen35_proxy_build_info{version=\""), std::string::npos);
}

TEST(MetricsListener, ProxyExpositionAndStatusComeFromTheRegistry) {
  proxy::ProxyShared shared(std::make_shared<const Config>());
  Profile profile;
  profile.virtual_name = "qwen3.5-thinking-general";
  shared.metrics = std::make_unique<metrics::MetricsRegistry>(std::vector<Profile>{profile}, 2);
  auto& recorder = shared.metrics->recorder(1);
  const auto model = shared.metrics->schema().model_index("qwen3.5-thinking-general");
  recorder.count_request(model, metrics::Api::chat, 200);
  recorder.observe_request_duration(model, std::chrono::milliseconds(5));
  recorder.observe_request_duration(shared.metrics->schema().unmatched_model(),
                                    std::chrono::milliseconds(1));
  auto stream = recorder.track_stream();

  const ServiceActivity activity = activity_source(shared)();
  EXPECT_EQ(activity.requests_proxied, 2u);
  EXPECT_EQ(activity.streams_open, 1u);
  RunningListener listener(metrics_renderer(shared));
  const auto scrape = test::HttpTestClient(listener.port()).request("GET", "/metrics");
  EXPECT_NE(scrape.body.find("qwen35_proxy_streams_open 1\n"), std::string::npos) << scrape.body;
  EXPECT_NE(scrape.body.find("model=\"qwen3.5-thinking-general\""), std::string::npos);
}

TEST(MetricsListener, AnAddressInUseIsReportedAtConstruction) {
  boost::asio::io_context io;
  MetricsListener first(io.get_executor(), "127.0.0.1", 0, [] { return std::string(); });
  EXPECT_ANY_THROW(
      MetricsListener(io.get_executor(), "127.0.0.1", first.port(), [] { return std::string(); }));
  EXPECT_ANY_THROW(
      MetricsListener(io.get_executor(), "not-an-ip", 0, [] { return std::string(); }));
}

}  // namespace
}  // namespace qp::ops
