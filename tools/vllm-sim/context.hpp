// State shared by all sessions of one SimServer: the read-only options, the stats and the health
// switch.
#pragma once

#include <atomic>
#include <utility>

#include "options.hpp"
#include "stats.hpp"

namespace qp::sim {

struct SimContext {
  explicit SimContext(SimOptions o) : options(std::move(o)), stats(options.stats_keep) {}
  const SimOptions options;
  Stats stats;
  std::atomic<bool> healthy{true};  // POST /sim/health flips it; GET /health answers 503 when false
};

}  // namespace qp::sim
