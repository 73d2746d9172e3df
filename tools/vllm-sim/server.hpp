// SimServer: the simulator as an object. The constructor binds and listens, then runs the I/O
// threads, so the server is ready when it returns; stop() (or the destructor) closes everything and
// joins.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include "options.hpp"
#include "stats.hpp"

namespace qp::sim {

class SimServer {
 public:
  // Throws std::system_error when the address cannot be resolved or bound.
  explicit SimServer(SimOptions options);
  ~SimServer();
  SimServer(const SimServer&) = delete;
  SimServer& operator=(const SimServer&) = delete;

  std::uint16_t port() const;  // the bound port (useful with port 0)
  const SimOptions& options() const;
  void stop();  // idempotent; drops every connection

  StatsSnapshot stats() const;
  // Blocks until `pred` holds for the stats or `timeout` passes; returns whether it held.
  bool wait_for_stats(const std::function<bool(const StatsSnapshot&)>& pred,
                      std::chrono::milliseconds timeout) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qp::sim
