// Per-thread proxy state.
#include "proxy/proxy_state.hpp"

#include <boost/asio/post.hpp>

#include "core/logging.hpp"

namespace qp::proxy {

namespace {
constexpr std::chrono::seconds kConnectTimeout{10};

metrics::ThreadMetrics* recorder_of(ProxyShared& shared, std::size_t thread_index) {
  if (!shared.metrics || thread_index >= shared.metrics->thread_count()) return nullptr;
  return &shared.metrics->recorder(thread_index);
}

}  // namespace

ThreadContext::ThreadContext(net::asio::any_io_executor executor, ProxyShared& shared,
                             std::size_t thread_index)
    : executor_(executor),
      shared_(shared),
      metrics_(recorder_of(shared, thread_index)),
      pool_(executor, shared.config.get()->backend, shared.config.get()->upstream_idle_timeout,
            kConnectTimeout, metrics_),
      watch_starter_(std::make_shared<WatchStarter>(executor)),
      random_(std::random_device{}()) {}

std::string ThreadContext::new_request_id() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t bits = random_();
  std::string id(16, '0');  // one nibble per digit, most significant first (fmt's {:016x})
  for (std::size_t i = id.size(); i > 0; --i, bits >>= 4) id[i - 1] = kHex[bits & 0xf];
  return id;
}

void ThreadContext::schedule_access_log_flush() {
  if (access_log_flush_posted_) return;
  access_log_flush_posted_ = true;
  net::asio::post(executor_, [this] {
    access_log_flush_posted_ = false;
    flush_access_log();
  });
}

}  // namespace qp::proxy
