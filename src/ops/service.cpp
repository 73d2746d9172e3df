// The startup sequence and the handling of every StartupAction.
#include "ops/service.hpp"

#include <malloc.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <optional>
#include <thread>

#include "build_info.hpp"
#include "core/logging.hpp"
#include "net/server.hpp"
#include "ops/control_loop.hpp"
#include "ops/metrics_exposition.hpp"
#include "ops/metrics_listener.hpp"
#include "ops/preflight.hpp"
#include "ops/systemd_notify.hpp"
#include "proxy/config_reload.hpp"
#include "proxy/request_handler.hpp"
#include "proxy/served_model.hpp"
#include "proxy/server_options.hpp"

namespace qp::ops {
namespace {

constexpr auto kStartupPreflightTimeout = std::chrono::seconds(5);

// SIGHUP: the configuration is read again as at start; in-flight requests keep theirs.
void reload_on_signal(proxy::ConfigHolder& holder, const ConfigSource& source) {
  const proxy::ReloadOutcome outcome = proxy::reload_configuration(holder, source);
  if (!outcome.applied) {
    spdlog::error("SIGHUP: the configuration was not reloaded, the running one stays: {}",
                  outcome.error);
    return;
  }
  for (const auto& warning : outcome.warnings) spdlog::warn("SIGHUP: {}", warning);
  const auto config = holder.get();
  set_log_level(config->log_level);
  spdlog::info("SIGHUP: configuration reloaded; {} virtual models", config->profiles.size());
}

// Every request allocates and frees buffers of tens of KiB (coroutine frames with read buffers,
// bodies). With glibc's defaults each free at the top of the heap gives the memory back to the
// kernel (trim) and the next request asks for it again, which cost about a tenth of the
// throughput of small requests. Keep up to 16 MiB of free heap and take 1 MiB more each time
// instead; allocations of 4 MiB and more (large bodies) still come from mmap and go back at once.
void tune_allocator() {
  mallopt(M_TRIM_THRESHOLD, 16 << 20);
  mallopt(M_TOP_PAD, 1 << 20);
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
}

}  // namespace

void preflight_at_start(proxy::ProxyShared& shared) {
  const auto config = shared.config.get();
  const PreflightReport report = run_preflight(*config, kStartupPreflightTimeout);
  log_report(report);
  if (!report.usable()) {
    spdlog::warn(
        "the backend is not usable yet; the proxy starts anyway and asks it again per "
        "request");
  }
  if (!report.only_model.empty() && config->served_model.empty()) {
    shared.config.set(proxy::with_served_model(*config, report.only_model));
    spdlog::info("backend serves one model, {}: the virtual models use it", report.only_model);
  }
}

int check_backend(const Config& config) {
  const PreflightReport report = run_preflight(config);
  std::fputs(format_report(report).c_str(), stdout);
  return report.usable() ? 0 : 1;
}

int run_proxy(LoadedConfig loaded, const Environment& env, const ConfigSource& reload_source) {
  tune_allocator();
  setup_logging(loaded.config.log_level);
  for (const auto& warning : loaded.warnings) spdlog::warn("{}", warning);
  if (loaded.config.log_level == LogLevel::complete) {
    spdlog::warn(
        "log level COMPLETE: whole request and answer bodies are logged, prompts and answers "
        "included (Authorization and API keys stay redacted); use it only to debug");
  }
  const net::ServerOptions options = proxy::server_options(loaded.config);
  proxy::ProxyShared shared(std::make_shared<const Config>(std::move(loaded.config)));
  preflight_at_start(shared);
  const auto config = shared.config.get();
  shared.metrics = std::make_unique<metrics::MetricsRegistry>(config->profiles, options.threads);

  SystemdNotifier notifier = SystemdNotifier::from_environment(env);
  std::optional<net::Server> server;
  ControlLoop control(
      notifier, activity_source(shared),
      {.shutdown =  // the one place that stops it: drain, then stop
       [&server, grace = config->shutdown_grace] { server->shutdown(grace); },
       .reload = [&shared, &reload_source] { reload_on_signal(shared.config, reload_source); }});
  std::optional<MetricsListener> metrics;
  try {
    if (config->metrics_enabled) {
      metrics.emplace(control.executor(), config->metrics_address, config->metrics_port,
                      metrics_renderer(shared));
    }
  } catch (const std::exception& error) {
    spdlog::error(
        "cannot listen for metrics on {}:{}: {} (change it with --metrics-listen, or "
        "--no-metrics)",
        config->metrics_address, config->metrics_port, error.what());
    return 1;
  }
  try {
    server.emplace(options, [&shared](net::asio::any_io_executor executor, std::size_t index) {
      return proxy::make_session_handlers(std::move(executor), shared, index);
    });
  } catch (const std::exception& error) {
    spdlog::error("cannot listen on {}:{}: {}", options.address, options.port, error.what());
    return 1;
  }
  // The first line on stdout says where the proxy listens (tests and scripts read the port here).
  std::printf("qwen35-proxy listening on http://%s:%u\n", options.address.c_str(),
              static_cast<unsigned>(server->port()));
  std::fflush(stdout);
  spdlog::info("proxying {} with {} virtual models on {} threads; backend model: {}",
               config->target, config->profiles.size(), options.threads,
               config->served_model.empty() ? "not known yet" : config->served_model);
  if (metrics) {
    spdlog::info("metrics on http://{}:{}/metrics", config->metrics_address, metrics->port());
    metrics->start();
  }
  server->start();
  control.run();  // READY=1, then signals, STATUS and watchdog until SIGTERM/SIGINT
  server->wait();
  return 0;
}

int run_main(int argc, const char* const* argv, const Environment& env) {
  LoadedConfig loaded;
  try {
    loaded = load_config(argc, argv, env);
  } catch (const ConfigError& error) {
    std::fprintf(stderr, "qwen35-proxy: %s\n", error.what());
    return 2;
  }
  switch (loaded.action) {
    case StartupAction::print_help:
      std::fputs(loaded.help_text.c_str(), stdout);
      return 0;
    case StartupAction::print_version:
      std::printf("qwen35-proxy %s (commit %s, %s build)\n", build_info::version,
                  build_info::commit, build_info::build_type);
      return 0;
    case StartupAction::check_config:
      if (!loaded.check_error.empty()) {
        std::fprintf(stderr, "qwen35-proxy: %s\n", loaded.check_error.c_str());
        return 1;
      }
      std::puts("configuration OK");
      return 0;
    case StartupAction::print_config:
      std::fputs(loaded.printed_config.c_str(), stdout);
      return 0;
    case StartupAction::check_backend:
      setup_logging(LogLevel::warn);  // the report is the output; logs only for trouble
      return check_backend(loaded.config);
    case StartupAction::run:
      break;
  }
  const ConfigSource reload_source = [argc, argv, &env] {
    return load_config(argc, argv, env).config;
  };
  return run_proxy(std::move(loaded), env, reload_source);
}

}  // namespace qp::ops
