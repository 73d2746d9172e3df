// ProxyFixture: vllm-sim and qwen35-proxy, both in-process on port 0, the proxy in front of the
// simulator with the built-in profiles. Each test gets fresh servers, so statistics start at zero.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>

#include "config/config.hpp"
#include "net/server.hpp"
#include "proxy/proxy_state.hpp"
#include "server.hpp"
#include "support/http_test_client.hpp"

namespace qp::test {

inline constexpr const char* kServedModel = "Qwen3.5-35B-A3B";

// A loopback port on which nothing listens (bound, then closed): a dead backend.
std::uint16_t closed_port();

// A configuration for a proxy in front of the given port, as flags would make it.
Config proxy_config(std::uint16_t backend_port);

// Whether a RunningProxy has a metrics registry (one recorder per server thread), as the binary
// does, or none, as a bare proxy (then nothing is recorded).
enum class WithMetrics { yes, no };

// A running proxy (in-process) with the given configuration.
class RunningProxy {
 public:
  explicit RunningProxy(Config config, WithMetrics with_metrics = WithMetrics::yes);
  ~RunningProxy();
  std::uint16_t port() const { return server_->port(); }
  net::Server& server() { return *server_; }
  proxy::ProxyShared& shared() { return *shared_; }
  // The registry; null when started WithMetrics::no.
  metrics::MetricsRegistry* metrics() { return shared_->metrics.get(); }
  // Waits until the proxy's request handler has returned for `count` requests in all, which
  // includes recording their metrics and logging their access-log lines; false if that did not
  // happen within ten seconds.
  bool wait_for_finished_requests(std::size_t count);

 private:
  struct FinishedRequests {
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t count = 0;
  };

  std::unique_ptr<proxy::ProxyShared> shared_;
  FinishedRequests finished_;
  std::unique_ptr<net::Server> server_;
};

class ProxyFixture : public ::testing::Test {
 protected:
  // Starts both servers; call again (or override options first) from a test to change them.
  void SetUp() override { start(); }
  void start(sim::SimOptions sim_options = fast_sim_options());
  void start_with(sim::SimOptions sim_options, Config config,
                  WithMetrics with_metrics = WithMetrics::yes);

  static sim::SimOptions fast_sim_options();

  std::uint16_t proxy_port() const { return proxy_->port(); }
  sim::SimServer& sim() { return *sim_; }
  HttpTestClient client() { return HttpTestClient(proxy_port()); }
  HttpTestClient sim_client() { return HttpTestClient(sim_->port()); }

  // The body of the most recent request the simulator received, exactly as received.
  std::string last_upstream_body();
  // The header value of the most recent request the simulator received ("" when absent).
  std::string last_upstream_header(const std::string& lower_name);

  std::unique_ptr<sim::SimServer> sim_;
  std::unique_ptr<RunningProxy> proxy_;
};

}  // namespace qp::test
