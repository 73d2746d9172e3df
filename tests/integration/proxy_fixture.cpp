// ProxyFixture: vllm-sim and qwen35-proxy in-process on port 0.
#include "proxy_fixture.hpp"

#include <simdjson.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "config/builtin_profiles.hpp"
#include "proxy/request_handler.hpp"
#include "proxy/server_options.hpp"

namespace qp::test {

std::uint16_t closed_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(
      io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

Config proxy_config(std::uint16_t backend_port) {
  Config config;
  config.listen_address = "127.0.0.1";
  config.port = 0;
  config.threads = 1;
  config.backend.host = "127.0.0.1";
  config.backend.port = backend_port;
  config.target = "http://127.0.0.1:" + std::to_string(backend_port);
  config.served_model = kServedModel;
  config.profiles = builtin_profiles();
  for (auto& profile : config.profiles) profile.backend_model = kServedModel;
  apply_profile_policy(config.profiles, false, ReasoningField::as_is);
  return config;
}

RunningProxy::RunningProxy(Config config, WithMetrics with_metrics) {
  const net::ServerOptions options = proxy::server_options(config);
  shared_ = std::make_unique<proxy::ProxyShared>(std::make_shared<const Config>(std::move(config)));
  if (with_metrics == WithMetrics::yes) {
    shared_->metrics = std::make_unique<metrics::MetricsRegistry>(shared_->config.get()->profiles,
                                                                  options.threads);
  }
  // The proxy's handlers, counting each request once it has returned.
  server_ = std::make_unique<net::Server>(
      options, [this](net::asio::any_io_executor executor, std::size_t thread_index) {
        net::SessionHandlers proxy_handlers =
            proxy::make_session_handlers(std::move(executor), *shared_, thread_index);
        proxy_handlers.request = [this, handle = std::move(proxy_handlers.request)](
                                     net::IncomingRequest& request) -> net::awaitable<bool> {
          const bool keep_connection = co_await handle(request);
          {
            std::lock_guard lock(finished_.mutex);
            ++finished_.count;
          }
          finished_.changed.notify_all();
          co_return keep_connection;
        };
        return proxy_handlers;
      });
  server_->start();
}

bool RunningProxy::wait_for_finished_requests(std::size_t count) {
  std::unique_lock lock(finished_.mutex);
  return finished_.changed.wait_for(lock, std::chrono::seconds(10),
                                    [&] { return finished_.count >= count; });
}

RunningProxy::~RunningProxy() {
  server_->stop();
  server_->wait();
}

sim::SimOptions ProxyFixture::fast_sim_options() {
  sim::SimOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.ttft_ms = 1;
  options.tpot_ms = 1;
  options.tokens = 12;
  return options;
}

void ProxyFixture::start(sim::SimOptions sim_options) {
  proxy_.reset();
  sim_ = std::make_unique<sim::SimServer>(sim_options);
  proxy_ = std::make_unique<RunningProxy>(proxy_config(sim_->port()));
}

void ProxyFixture::start_with(sim::SimOptions sim_options, Config config,
                              WithMetrics with_metrics) {
  proxy_.reset();
  sim_ = std::make_unique<sim::SimServer>(sim_options);
  config.backend.port = sim_->port();
  config.target = "http://127.0.0.1:" + std::to_string(sim_->port());
  proxy_ = std::make_unique<RunningProxy>(std::move(config), with_metrics);
}

namespace {

// The last entry of /sim/stats' last_requests, as a simdjson element owned by `parser`.
simdjson::dom::element last_request(simdjson::dom::parser& parser, const std::string& stats_json) {
  simdjson::dom::element stats = parser.parse(stats_json);
  simdjson::dom::array requests = stats["last_requests"].get_array();
  simdjson::dom::element last;
  for (auto request : requests) last = request;
  return last;
}

}  // namespace

std::string ProxyFixture::last_upstream_body() {
  auto stats = sim_client().request("GET", "/sim/stats");
  simdjson::dom::parser parser;
  return std::string(std::string_view(last_request(parser, stats.body)["body"]));
}

std::string ProxyFixture::last_upstream_header(const std::string& lower_name) {
  auto stats = sim_client().request("GET", "/sim/stats");
  simdjson::dom::parser parser;
  auto headers = last_request(parser, stats.body)["headers"];
  std::string value;
  auto visit = [&](std::string_view name, std::string_view field_value) {
    std::string lowered(name);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lowered == lower_name) value = std::string(field_value);
  };
  if (headers.is_object()) {
    for (auto field : headers.get_object()) visit(field.key, std::string_view(field.value));
  } else {
    for (auto pair : headers.get_array()) {
      simdjson::dom::array items = pair.get_array();
      visit(std::string_view(items.at(0)), std::string_view(items.at(1)));
    }
  }
  return value;
}

}  // namespace qp::test
