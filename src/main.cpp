// qwen35-proxy entry point: flags/env/file -> Config -> run the server; nothing else.
#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <cstdio>

#include "build_info.hpp"
#include "config/load_config.hpp"
#include "core/logging.hpp"
#include "net/server.hpp"
#include "proxy/request_handler.hpp"
#include "proxy/served_model.hpp"

extern char** environ;

namespace {

// Learns the backend model at start when --served-model was not given. A backend that is down is
// not fatal: requests ask again until it answers.
void discover_backend_model(qp::proxy::ProxyShared& shared) {
  if (!shared.config.get()->served_model.empty()) return;
  boost::asio::io_context io;
  qp::proxy::ThreadContext thread(io.get_executor(), shared);
  auto discover = [&thread]() -> boost::asio::awaitable<void> {
    auto result = co_await qp::proxy::discover_served_model(thread);
    if (!result.ok()) {
      spdlog::warn("backend model not known yet ({}); will ask again on the first request",
                   result.error().message);
    }
  };
  boost::asio::co_spawn(io, discover(), boost::asio::detached);
  io.run();
}

}  // namespace

int main(int argc, char** argv) {
  qp::LoadedConfig loaded;
  try {
    loaded = qp::load_config(argc, argv, qp::environment_from(environ));
  } catch (const qp::ConfigError& error) {
    std::fprintf(stderr, "qwen35-proxy: %s\n", error.what());
    return 2;
  }
  if (loaded.action == qp::StartupAction::print_help) {
    std::fputs(loaded.help_text.c_str(), stdout);
    return 0;
  }
  if (loaded.action == qp::StartupAction::print_version) {
    std::printf("qwen35-proxy %s (commit %s, %s build)\n", qp::build_info::version,
                qp::build_info::commit, qp::build_info::build_type);
    return 0;
  }

  qp::setup_logging(loaded.config.log_level);
  for (const auto& warning : loaded.warnings) spdlog::warn("{}", warning);
  const unsigned threads = loaded.config.threads != 0
                               ? loaded.config.threads
                               : std::max(1u, std::thread::hardware_concurrency());
  qp::net::ServerOptions options;
  options.address = loaded.config.listen_address;
  options.port = loaded.config.port;
  options.threads = threads;
  options.limits.max_body_bytes = loaded.config.max_body_bytes;

  qp::proxy::ProxyShared shared(std::make_shared<const qp::Config>(std::move(loaded.config)));
  discover_backend_model(shared);
  try {
    qp::net::Server server(options, [&shared](boost::asio::any_io_executor executor) {
      return qp::proxy::make_request_handler(std::move(executor), shared);
    });
    const auto config = shared.config.get();
    // The first line on stdout says where the proxy listens (tests and scripts read the port here).
    std::printf("qwen35-proxy listening on http://%s:%u\n", options.address.c_str(),
                static_cast<unsigned>(server.port()));
    std::fflush(stdout);
    spdlog::info("proxying {} with {} virtual models on {} threads; backend model: {}",
                 config->target, config->profiles.size(), threads,
                 config->served_model.empty() ? "not known yet" : config->served_model);

    boost::asio::io_context signals_io;
    boost::asio::signal_set signals(signals_io, SIGINT, SIGTERM);
    signals.async_wait([&server](const boost::system::error_code&, int signal) {
      spdlog::info("signal {}: stopping", signal);
      server.stop();
    });
    server.start();
    signals_io.run();
    server.wait();
  } catch (const std::system_error& error) {
    spdlog::error("cannot listen on {}:{}: {}", options.address, options.port, error.what());
    return 1;
  }
  return 0;
}
