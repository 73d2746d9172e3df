// Waiting for a request's metrics or log line in integration tests: a request is recorded just
// after its last byte reached the client, so the test polls for the expected state instead of
// assuming it is already there. The deadline only bounds a broken build's wait.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <thread>

#include "metrics/metrics_registry.hpp"

namespace qp::test {

// Polls `done` every few milliseconds until it holds or ten seconds pass; whether it held.
inline bool eventually(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

// Requests counted over every model, API and status.
inline std::uint64_t total_requests(const metrics::MetricsSnapshot& snapshot) {
  std::uint64_t total = 0;
  for (std::uint32_t m = 0; m < snapshot.schema().model_count(); ++m) {
    for (std::size_t a = 0; a < metrics::kApiCount; ++a) {
      for (std::size_t slot = 0; slot < metrics::kStatusSlotCount; ++slot) {
        total += snapshot.requests({m}, static_cast<metrics::Api>(a), slot);
      }
    }
  }
  return total;
}

// Waits until `count` requests have been recorded and no stream is open any more.
inline bool requests_recorded(const metrics::MetricsRegistry& registry, std::uint64_t count) {
  return eventually([&] {
    const auto snapshot = registry.snapshot();
    return total_requests(snapshot) == count && snapshot.streams_open() == 0;
  });
}

}  // namespace qp::test
