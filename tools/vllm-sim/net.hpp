// Beast/Asio declarations shared by the I/O files of the simulator (session, routes, generation).
// Only these files include Beast; the JSON and text files stay free of it.
#pragma once

#include <boost/asio.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <string>

#include "context.hpp"
#include "faults.hpp"
#include "job.hpp"

namespace qp::sim {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using Request = http::request<http::string_body>;
constexpr auto kAwait = net::as_tuple(net::use_awaitable);

// What the session does after a request.
enum class Next {
  keep,   // read the next request on this connection
  close,  // close gracefully (Connection: close, or a close-between-requests fault)
  drop,   // the connection is gone or must end at once
};

net::awaitable<void> run_session(beast::tcp_stream stream, SimContext& ctx);

// Routes one request and writes its response (or fault). `buf` may receive pipelined bytes.
net::awaitable<Next> handle_request(beast::tcp_stream& stream, beast::flat_buffer& buf,
                                    const Request& req, SimContext& ctx);

// A finished response with uvicorn-like headers (date, server, content-type, content-length).
http::response<http::string_body> make_response(const Request& req, const SimpleResponse& r);

struct Pacing {
  std::chrono::milliseconds ttft{0};
  std::chrono::milliseconds tpot{0};
  Clock::time_point start;
  Clock::time_point at_token(std::int64_t i) const { return start + ttft + tpot * i; }
};

enum class GenOutcome { completed, aborted, dropped, error_event };

// Streams `events` as SSE with pacing and faults; ends with [DONE] unless dropped or aborted.
net::awaitable<GenOutcome> stream_events(beast::tcp_stream& stream, beast::flat_buffer& buf,
                                         const Request& req, const EventSource& events,
                                         const Pacing& pacing, const Faults& faults,
                                         Dialect dialect);

// Waits until `deadline`, reading the socket meanwhile: false when the client went away (EOF or
// error). Bytes that arrive (a pipelined request) are kept in `buf`.
net::awaitable<bool> wait_watching(beast::tcp_stream& stream, beast::flat_buffer& buf,
                                   net::steady_timer& timer, Clock::time_point deadline);

// Holds the connection without answering until the client closes it.
net::awaitable<void> wait_until_client_leaves(beast::tcp_stream& stream, beast::flat_buffer& buf);

}  // namespace qp::sim
