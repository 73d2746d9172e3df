// Counters and the recent-request log behind GET /sim/stats and /metrics. Shared by all sessions
// and threads of one SimServer (one mutex; the simulator is not the hot path).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace qp::sim {

struct RecordedRequest {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;  // as received, in order
  std::string body;                                          // as received
};

struct StatsSnapshot {
  std::uint64_t requests = 0;
  std::uint64_t connections_accepted = 0;
  std::uint64_t generations_started = 0;
  std::uint64_t generations_completed = 0;
  std::uint64_t generations_aborted = 0;  // the client went away
  std::uint64_t generations_faulted = 0;  // ended early by an x-sim-fault
  std::uint64_t generations_running = 0;
  std::uint64_t prompt_tokens = 0;
  std::uint64_t generation_tokens = 0;
  std::map<std::string, std::uint64_t> finished;  // finish reason ("stop", "length", "abort", ...)
};

enum class GenerationEnd { completed, aborted, faulted };

class Stats {
 public:
  explicit Stats(std::size_t keep) : keep_(keep) {}

  void connection_accepted();
  void request_received(RecordedRequest r);
  void generation_started();
  void generation_ended(GenerationEnd how, std::int64_t prompt_tokens,
                        std::int64_t completion_tokens, const std::string& finish_reason);
  void reset();

  StatsSnapshot snapshot() const;
  std::string to_json() const;  // the body of GET /sim/stats
  // Blocks until `pred` holds for a snapshot or `timeout` passes; returns whether it held.
  bool wait_until(const std::function<bool(const StatsSnapshot&)>& pred,
                  std::chrono::milliseconds timeout) const;

 private:
  std::size_t keep_;
  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  StatsSnapshot s_;
  std::deque<RecordedRequest> last_;
};

}  // namespace qp::sim
