// State of the proxy: ProxyShared is shared by all threads (the current Config, swapped whole on
// reload or when the backend model is discovered); ThreadContext belongs to one thread (its
// upstream pool, its random generator), so the data path takes no locks beyond
// one config snapshot.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>

#include "config/config.hpp"
#include "metrics/metrics_registry.hpp"
#include "net/upstream_pool.hpp"
#include "proxy/client_watch.hpp"

namespace qp::proxy {

// The configuration in force. Requests take a snapshot at start and keep it until they end.
class ConfigHolder {
 public:
  explicit ConfigHolder(std::shared_ptr<const Config> config) : config_(std::move(config)) {}
  std::shared_ptr<const Config> get() const {
    std::lock_guard lock(mutex_);
    return config_;
  }
  void set(std::shared_ptr<const Config> config) {
    std::lock_guard lock(mutex_);
    config_ = std::move(config);
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const Config> config_;
};

struct ProxyShared {
  explicit ProxyShared(std::shared_ptr<const Config> initial) : config(std::move(initial)) {}
  ConfigHolder config;
  // The proxy's metrics: made by ops::run_proxy before the server starts, with one recorder per
  // server thread; read by the metrics listener and the systemd STATUS line. Null when nothing
  // made it (tests that run a bare proxy).
  std::unique_ptr<metrics::MetricsRegistry> metrics;
};

class ThreadContext {
 public:
  // The backend's /v1/models answer, kept briefly so model lists do not hit vLLM every time.
  struct ModelsCache {
    std::optional<std::string> body;
    std::chrono::steady_clock::time_point fetched_at;
  };
  static constexpr std::chrono::seconds kModelsCacheTtl{2};

  // thread_index: this thread's number in the server (0 ..); it picks the metrics recorder.
  ThreadContext(net::asio::any_io_executor executor, ProxyShared& shared,
                std::size_t thread_index = 0);

  net::asio::any_io_executor executor() const { return executor_; }
  net::UpstreamPool& pool() { return pool_; }
  // Starts this thread's client watches late (see ClientWatch::begin_soon).
  const std::shared_ptr<WatchStarter>& watch_starter() const { return watch_starter_; }
  ModelsCache& models_cache() { return models_cache_; }
  ProxyShared& shared() { return shared_; }
  // This thread's recorder in shared().metrics; null when there is no registry (then nothing is
  // recorded). Written only from this thread.
  metrics::ThreadMetrics* metrics() { return metrics_; }
  // A new request id: 16 lowercase hex digits, like vLLM's own.
  std::string new_request_id();
  // Writes this thread's access-log lines once the handlers already queued have run: one write
  // per pass of the event loop, however many requests ended in it.
  void schedule_access_log_flush();

 private:
  net::asio::any_io_executor executor_;
  ProxyShared& shared_;
  metrics::ThreadMetrics* metrics_;
  net::UpstreamPool pool_;
  std::shared_ptr<WatchStarter> watch_starter_;
  std::mt19937_64 random_;
  bool access_log_flush_posted_ = false;
  ModelsCache models_cache_;
};

}  // namespace qp::proxy
