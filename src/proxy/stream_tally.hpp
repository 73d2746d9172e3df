// StreamTally: what a rewritten event stream carried, for the request's record: the events
// written, the moment the first one carrying a token reached the client, and the last `usage`.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>

#include "net/request_record.hpp"
#include "transform/answer_usage.hpp"

namespace qp::proxy {

class StreamTally {
 public:
  // `record` must outlive the tally.
  explicit StreamTally(net::RequestRecord& record) : record_(record) {}

  // A backend event, about to be rewritten into the output not yet written.
  void saw(std::string_view event) {
    ++pending_events_;
    // After the first token only `usage` matters, and a plain search rules it out in most events.
    if (record_.first_token_at || pending_token_) {
      if (event.find("\"usage\"") == std::string_view::npos) return;
    }
    const transform::EventFacts facts = transform::inspect_answer_event(event);
    pending_token_ = pending_token_ || facts.carries_token;
    if (facts.usage) record_.usage_reported(facts.usage->prompt, facts.usage->completion);
  }

  // The output holding the events seen since the last call reached the client.
  void written() {
    record_.sse_events += std::exchange(pending_events_, 0);
    if (std::exchange(pending_token_, false)) record_.token_sent();
  }

 private:
  net::RequestRecord& record_;
  std::uint64_t pending_events_ = 0;
  bool pending_token_ = false;
};

}  // namespace qp::proxy
