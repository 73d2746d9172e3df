// Stats bookkeeping and its JSON (see stats.hpp).
#include "stats.hpp"

#include "json_out.hpp"

namespace qp::sim {

void Stats::connection_accepted() {
  std::lock_guard lock(mu_);
  ++s_.connections_accepted;
  changed_.notify_all();
}

void Stats::request_received(RecordedRequest r) {
  std::lock_guard lock(mu_);
  ++s_.requests;
  if (keep_ > 0) {
    last_.push_back(std::move(r));
    while (last_.size() > keep_) last_.pop_front();
  }
  changed_.notify_all();
}

void Stats::generation_started() {
  std::lock_guard lock(mu_);
  ++s_.generations_started;
  ++s_.generations_running;
  changed_.notify_all();
}

void Stats::generation_ended(GenerationEnd how, std::int64_t prompt_tokens,
                             std::int64_t completion_tokens, const std::string& finish_reason) {
  std::lock_guard lock(mu_);
  if (s_.generations_running > 0) --s_.generations_running;
  switch (how) {
    case GenerationEnd::completed:
      ++s_.generations_completed;
      ++s_.finished[finish_reason];
      break;
    case GenerationEnd::aborted:
      ++s_.generations_aborted;
      ++s_.finished["abort"];
      break;
    case GenerationEnd::faulted:
      ++s_.generations_faulted;
      ++s_.finished["error"];
      break;
  }
  s_.prompt_tokens += static_cast<std::uint64_t>(prompt_tokens);
  s_.generation_tokens += static_cast<std::uint64_t>(completion_tokens);
  changed_.notify_all();
}

void Stats::reset() {
  std::lock_guard lock(mu_);
  const auto running = s_.generations_running;
  s_ = StatsSnapshot{};
  s_.generations_running = running;
  last_.clear();
  changed_.notify_all();
}

StatsSnapshot Stats::snapshot() const {
  std::lock_guard lock(mu_);
  return s_;
}

std::string Stats::to_json() const {
  std::lock_guard lock(mu_);
  auto num = [](const char* key, std::uint64_t v) {
    return std::string("\"") + key + "\":" + std::to_string(v) + ",";
  };
  std::string out = "{";
  out += num("requests", s_.requests);
  out += num("connections_accepted", s_.connections_accepted);
  out += num("generations_started", s_.generations_started);
  out += num("generations_completed", s_.generations_completed);
  out += num("generations_aborted", s_.generations_aborted);
  out += num("generations_faulted", s_.generations_faulted);
  out += num("generations_running", s_.generations_running);
  out += num("prompt_tokens", s_.prompt_tokens);
  out += num("generation_tokens", s_.generation_tokens);
  out += "\"last_requests\":[";
  bool first = true;
  for (const auto& r : last_) {
    if (!first) out += ",";
    first = false;
    out += "{\"method\":" + json_string(r.method) + ",\"target\":" + json_string(r.target) +
           ",\"headers\":{";
    for (std::size_t i = 0; i < r.headers.size(); ++i) {
      if (i) out += ",";
      out += json_string(r.headers[i].first) + ":" + json_string(r.headers[i].second);
    }
    out += "},\"body\":" + json_string(r.body) + "}";
  }
  out += "]}";
  return out;
}

bool Stats::wait_until(const std::function<bool(const StatsSnapshot&)>& pred,
                       std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  return changed_.wait_for(lock, timeout, [&] { return pred(s_); });
}

}  // namespace qp::sim
