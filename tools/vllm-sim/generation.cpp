// Paced SSE output: response headers at once (as Starlette does), then one event per token at
// ttft + i * tpot, each written and flushed on its own, then `data: [DONE]`. While waiting, the
// socket is read so that a client that goes away aborts the generation immediately. Stream faults
// live here.
#include <charconv>

#include "errors.hpp"
#include "net.hpp"

namespace qp::sim {
namespace {

constexpr std::size_t kMaxPipelined = 1 << 20;  // stop watching (only wait) past this many bytes

// One HTTP/1.1 chunk holding `data`.
std::string chunk(std::string_view data) {
  char size[20];
  const auto [end, ec] = std::to_chars(size, size + sizeof size, data.size(), 16);
  std::string out(size, end);
  out += "\r\n";
  out += data;
  out += "\r\n";
  return out;
}

net::awaitable<bool> write_raw(beast::tcp_stream& stream, const std::string& bytes) {
  // Write one or more whole chunks; failure means the client is gone.
  auto [ec, n] = co_await net::async_write(stream, net::buffer(bytes), kAwait);
  co_return !ec;
}

}  // namespace

net::awaitable<bool> wait_watching(beast::tcp_stream& stream, beast::flat_buffer& buf,
                                   net::steady_timer& timer, Clock::time_point deadline) {
  namespace ex = net::experimental;
  for (;;) {
    timer.expires_at(deadline);
    if (buf.size() >= kMaxPipelined) {
      // Wait without reading: the client has sent plenty already.
      co_await timer.async_wait(kAwait);  // only shutdown cancels it, and then nothing resumes
      co_return true;
    }
    // Wait for the deadline or for the client to send or close, whichever comes first.
    auto group =
        ex::make_parallel_group(timer.async_wait(net::deferred),
                                stream.socket().async_read_some(buf.prepare(4096), net::deferred));
    auto [order, timer_ec, read_ec, n] =
        co_await std::move(group).async_wait(ex::wait_for_one(), net::use_awaitable);
    buf.commit(n);  // bytes of a pipelined request stay for the session
    if (read_ec && read_ec != net::error::operation_aborted) co_return false;  // EOF or reset
    if (order[0] == 0) co_return true;
  }
}

net::awaitable<void> wait_until_client_leaves(beast::tcp_stream& stream, beast::flat_buffer& buf) {
  for (;;) {
    // Read and discard until EOF or an error: only the client ends this.
    auto [ec, n] = co_await stream.socket().async_read_some(buf.prepare(4096), kAwait);
    if (ec) co_return;
    buf.consume(buf.size());
  }
}

net::awaitable<GenOutcome> stream_events(beast::tcp_stream& stream, beast::flat_buffer& buf,
                                         const Request& req, const EventSource& events,
                                         const Pacing& pacing, const Faults& faults,
                                         Dialect dialect) {
  http::response<http::empty_body> res{http::status::ok, req.version()};
  res.set(http::field::server, "uvicorn");
  res.set(http::field::content_type, "text/event-stream; charset=utf-8");
  res.chunked(true);
  res.keep_alive(req.keep_alive());
  http::response_serializer<http::empty_body> sr{res};
  // Send the status line and headers before the first token, as Starlette's StreamingResponse does.
  auto [hec, hn] = co_await http::async_write_header(stream, sr, kAwait);
  if (hec) co_return GenOutcome::aborted;

  net::steady_timer timer(stream.get_executor());
  std::size_t written = 0;
  // Plain statements around every co_await: GCC 12 mishandles temporaries and short-circuit
  // operators that span a suspension point.
  for (std::size_t i = 0;; ++i) {
    if (faults.drop_after_events &&
        written == static_cast<std::size_t>(*faults.drop_after_events)) {
      beast::error_code ignored;  // an abrupt end is the point of this fault
      stream.socket().close(ignored);
      co_return GenOutcome::dropped;
    }
    if (faults.error_event_after &&
        written == static_cast<std::size_t>(*faults.error_event_after)) {
      const std::string bytes =
          chunk("data: " + stream_error_json(dialect) + "\n\ndata: [DONE]\n\n") + "0\r\n\r\n";
      const bool ok = co_await write_raw(stream, bytes);
      co_return ok ? GenOutcome::error_event : GenOutcome::aborted;
    }
    if (i == events.size()) {
      const std::string bytes = chunk("data: [DONE]\n\n") + "0\r\n\r\n";
      const bool ok = co_await write_raw(stream, bytes);
      co_return ok ? GenOutcome::completed : GenOutcome::aborted;
    }
    const auto deadline = pacing.at_token(events.token_at(i));
    if (Clock::now() < deadline) {
      const bool here = co_await wait_watching(stream, buf, timer, deadline);
      if (!here) co_return GenOutcome::aborted;
    }
    const std::string bytes = chunk("data: " + events.render(i) + "\n\n");
    const bool ok = co_await write_raw(stream, bytes);
    if (!ok) co_return GenOutcome::aborted;
    ++written;
  }
}

}  // namespace qp::sim
