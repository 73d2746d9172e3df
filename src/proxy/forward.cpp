// forward(): the I/O of one proxied request, phase by phase (see forward.hpp).
#include "proxy/forward.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <utility>

#include "net/backend_response_parser.hpp"
#include "net/http_headers.hpp"
#include "net/http_read.hpp"
#include "net/write_all.hpp"
#include "proxy/client_watch.hpp"
#include "proxy/response_writer.hpp"
#include "proxy/stream_tally.hpp"
#include "sse/sse_framer.hpp"
#include "transform/chat_event.hpp"
#include "transform/error_body.hpp"

namespace qp::proxy {

namespace http = net::http;
namespace asio = net::asio;
using net::awaitable;
using net::error_code;

namespace {

constexpr std::chrono::seconds kClientWriteTimeout{120};
constexpr std::size_t kReadPieceBytes = 16 * 1024;
constexpr std::size_t kResponseHeadReadBytes = 4 * 1024;  // a head and a small answer
constexpr std::chrono::milliseconds kFastBackendGap{1};   // see relay_rewritten_events

// The backend side of one exchange, alive from phase 1 to phase 5.
struct Upstream {
  std::optional<net::UpstreamConnection> connection;
  std::optional<net::BackendResponseParser> parser;
  net::beast::flat_buffer buffer;
  bool failed = false;  // any error: the connection must not be reused
};

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && net::beast::iequals(text.substr(0, prefix.size()), prefix);
}

Error backend_error(const error_code& ec, std::string_view what) {
  if (ec == net::beast::error::timeout) {
    return make_error(
        ErrorKind::backend_timeout,
        std::string("The backend did not answer in time (") + std::string(what) + ").");
  }
  return make_error(ErrorKind::backend_unreachable,
                    std::string("The backend failed (") + std::string(what) + "): " + ec.message());
}

// The first attempt may reuse an idle connection; the retry always opens a fresh one. A call
// whose body is streamed from the client cannot be retried, so it never reuses one: however it is
// checked, an idle connection can be closed by the backend right after the check.
awaitable<Result<net::UpstreamConnection>> lease_for_attempt(net::UpstreamPool& pool, int attempt,
                                                             const UpstreamCall& call) {
  if (attempt == 0 && call.streamed_body == nullptr) {
    co_return co_await pool.lease(net::IdleCheck::unless_recent);
  }
  co_return co_await pool.connect_fresh();
}

// Relays the client's body to the backend as it arrives, re-chunked when the client sent it
// chunked, so that memory stays bounded whatever its size. Errors: the client's (408, 400) or
// backend_unreachable when the backend stops taking it.
awaitable<Status> relay_request_body(net::RequestBody& body, net::beast::tcp_stream& stream,
                                     const Config& config) {
  std::array<char, kReadPieceBytes> storage;
  const bool chunked = body.chunked();
  while (!body.done()) {
    auto piece = co_await body.read_piece(storage);
    if (!piece.ok()) co_return piece.take_error();
    if (piece->empty()) continue;
    const asio::const_buffer bytes(piece->data(), piece->size());
    error_code ec;  // each piece: the backend timeout
    if (chunked) {
      ec = co_await net::write_all(stream, http::make_chunk(bytes), config.backend_timeout);
    } else {
      ec = co_await net::write_all(stream, bytes, config.backend_timeout);
    }
    if (ec) co_return backend_error(ec, "sending the request body");
  }
  if (chunked) {
    const error_code ec =
        co_await net::write_all(stream, http::make_chunk_last(), config.backend_timeout);
    if (ec) co_return backend_error(ec, "sending the request body");
  }
  co_return Ok{};
}

// Phases 1-3: connect, send, read the response head. Retries once on a fresh connection when a
// reused one fails before any response byte.
awaitable<Status> open_exchange(Upstream& upstream, ThreadContext& thread, const Config& config,
                                const UpstreamCall& call, ClientWatch& watch, bool head_request) {
  for (int attempt = 0;; ++attempt) {
    auto lease = co_await lease_for_attempt(thread.pool(), attempt, call);
    if (!lease.ok()) co_return lease.take_error();
    upstream.connection.emplace(std::move(lease.value()));
    auto& stream = upstream.connection->socket->stream;
    watch.track_upstream(&stream.socket());
    if (watch.client_gone()) co_return make_error(ErrorKind::internal, "client gone");

    std::vector<asio::const_buffer> buffers;
    buffers.reserve(call.body.size() + 1);
    buffers.emplace_back(call.head.data(), call.head.size());
    buffers.insert(buffers.end(), call.body.begin(), call.body.end());
    const error_code write_ec =  // the request's head and body, each write under the timeout
        co_await net::write_all(stream, std::move(buffers), config.backend_timeout);
    if (!write_ec && call.streamed_body != nullptr) {
      auto relayed = co_await relay_request_body(*call.streamed_body, stream, config);
      if (!relayed.ok()) {
        upstream.failed = true;
        co_return relayed.take_error();
      }
    }
    // The body is in: from now on, readable means the client left. Most answers come sooner than
    // a watch is worth it, so it starts a little later.
    watch.begin_soon();
    if (watch.client_gone()) co_return make_error(ErrorKind::internal, "client gone");

    upstream.parser.emplace();
    upstream.parser->body_limit(boost::none);  // bodies are bounded by the proxy's own caps
    upstream.parser->skip(head_request);
    upstream.buffer.clear();
    upstream.buffer.reserve(kResponseHeadReadBytes);  // a read takes at most the spare capacity
    error_code read_ec = write_ec;
    if (!write_ec) {
      auto& deadline = upstream.connection->socket->read_deadline;
      deadline.start(config.backend_timeout);  // the response head: the first-byte timeout
      read_ec = deadline.finish(
          co_await net::read_http_header(stream.socket(), upstream.buffer, *upstream.parser));
      if (watch.client_gone()) co_return make_error(ErrorKind::internal, "client gone");
    }
    if (!read_ec) co_return Ok{};
    const bool nothing_received = !upstream.parser->got_some() && upstream.buffer.size() == 0;
    const bool body_consumed = call.streamed_body != nullptr && !call.streamed_body->empty();
    if (upstream.connection->reused && attempt == 0 && nothing_received && !body_consumed &&
        read_ec != net::beast::error::timeout) {
      continue;  // a keep-alive connection the backend had already closed: retry once, fresh
    }
    upstream.failed = true;
    co_return backend_error(read_ec,
                            write_ec ? "sending the request" : "reading the response head");
  }
}

// Parses body bytes already in the buffer into the parser's body storage, as far as they go without
// a read: a read often brings the whole answer, or several chunks of a stream, and Beast's parser
// takes one chunk per put(). Returns the bytes of the buffer used; `ec` is set on a parse error.
std::size_t parse_buffered(Upstream& upstream, error_code& ec) {
  auto& parser = *upstream.parser;
  std::size_t parsed = 0;
  while (upstream.buffer.size() > 0 && parser.body_room() > 0 && !parser.is_done()) {
    const std::size_t used = parser.put(upstream.buffer.data(), ec);
    upstream.buffer.consume(used);
    parsed += used;
    if (ec || used == 0) break;
  }
  if (ec == http::error::need_more || ec == http::error::need_buffer) ec = {};
  return parsed;
}

// Reads the next piece of the response body into storage. An empty view with ok() before
// parser.is_done() just means no body byte arrived in this read.
awaitable<Result<std::string_view>> read_body_piece(Upstream& upstream, const Config& config,
                                                    std::span<char> storage) {
  upstream.parser->lend_body_storage(storage);
  error_code ec;
  if (parse_buffered(upstream, ec) == 0 && !ec) {  // nothing buffered to parse: read the socket
    // When a read is due, make room for a storage-sized one (the head read left a small buffer).
    if (upstream.buffer.size() == 0 && upstream.buffer.capacity() < kReadPieceBytes) {
      upstream.buffer.reserve(std::min(storage.size(), kReadPieceBytes));
    }
    auto& socket = *upstream.connection->socket;
    socket.read_deadline.start(config.backend_timeout);  // read: idle gap limit
    const error_code read_ec =
        co_await net::read_http_some(socket.stream.socket(), upstream.buffer, *upstream.parser);
    ec = socket.read_deadline.finish(read_ec == http::error::need_buffer ? error_code{} : read_ec);
    if (!ec) parse_buffered(upstream, ec);  // the rest of what this read brought
  }
  if (ec) {
    upstream.failed = true;
    co_return backend_error(ec, "reading the response body");
  }
  co_return std::string_view(storage.data(), storage.size() - upstream.parser->body_room());
}

// The client's head as the backend's parsed fields and the call describe it; the writer serialises
// it from them, so the parser must outlive the writer's start() or write_whole().
net::ClientResponseHead client_head(const net::BackendResponseParser& parser,
                                    const UpstreamCall& call) {
  return {.status = parser.status(),
          .backend_fields = parser.fields(),
          .profile_name = call.profile_name,
          .request_id = call.request_id};
}

// Phase 4, JSON answers of rewritten APIs: read whole, rewrite, write with Content-Length.
awaitable<bool> relay_rewritten_body(net::IncomingRequest& request, Upstream& upstream,
                                     const Config& config, const UpstreamCall& call,
                                     ResponseWriter& writer) {
  // The body is read straight into its string: sized by Content-Length when the backend gives
  // one, else grown as it comes.
  std::string body;
  const auto declared = upstream.parser->content_length();
  body.reserve(declared && *declared <= config.max_body_bytes ? *declared : kReadPieceBytes);
  while (!upstream.parser->is_done()) {
    if (body.capacity() == body.size()) body.reserve(body.size() * 2);
    // One read's worth of room at a time: resize() zero-fills what it adds, so a larger window
    // would be filled again and again.
    const std::size_t filled = body.size();
    const std::size_t window = std::min(body.capacity() - filled, kReadPieceBytes);
    body.resize(filled + window);
    auto piece =
        co_await read_body_piece(upstream, config, std::span(body.data() + filled, window));
    body.resize(filled + (piece.ok() ? piece->size() : 0));
    if (!piece.ok()) {
      request.record.backend_failed_mid_answer(piece.error().kind);
      co_return co_await respond_error(request, piece.error());
    }
    if (body.size() > config.max_body_bytes) {
      upstream.failed = true;
      co_return co_await respond_error(
          request, make_error(ErrorKind::backend_broken, "The backend's answer is too large."));
    }
  }
  transform::RewrittenAnswer answer = call.rewriter->rewrite_body(body, call.rewriter->policy);
  if (answer.usage) request.record.usage_reported(answer.usage->prompt, answer.usage->completion);
  if (spdlog::should_log(spdlog::level::trace)) {  // log level COMPLETE
    spdlog::trace("request_id={} answer body: {}", call.request_id, answer.body.flatten());
  }
  auto head = client_head(*upstream.parser, call);
  // The answer's pieces view `body`, which this frame keeps until the write is done.
  if (co_await writer.write_whole(head, std::move(answer.body))) co_return false;
  request.record.token_sent();  // not streamed: the whole answer is the first token
  co_return writer.keep_alive();
}

// Phase 4, SSE answers of rewritten APIs: each complete event is rewritten and written at once.
// The record counts the events written, the first one that carries a token, and the last usage.
awaitable<bool> relay_rewritten_events(Upstream& upstream, const Config& config,
                                       const UpstreamCall& call, ResponseWriter& writer,
                                       net::RequestRecord& record) {
  auto head = client_head(*upstream.parser, call);
  if (co_await writer.start(head, std::nullopt)) co_return false;
  std::array<char, kReadPieceBytes> storage;
  SseFramer framer(config.max_event_bytes);
  std::string out;
  StreamTally tally(record);
  auto last_read_at = std::chrono::steady_clock::time_point{};
  const auto rewrite = [&](std::string_view event) {
    tally.saw(event);
    call.rewriter->rewrite_event(event, call.rewriter->policy, out);
  };
  while (!upstream.parser->is_done()) {
    // Rewrite every event that has arrived, then write them in one chunk: one write per network
    // read, never waiting for data that has not arrived yet.
    out.clear();
    bool more_at_hand = false;  // the next read will not wait: bytes are buffered or in the socket
    do {
      auto piece = co_await read_body_piece(upstream, config, storage);
      if (!piece.ok()) {
        record.backend_failed_mid_answer(piece.error().kind);
        out += transform::stream_error_event(
            make_error(ErrorKind::backend_broken, "The backend stream ended unexpectedly."));
      } else if (auto status = framer.feed(*piece, rewrite); !status.ok()) {
        upstream.failed = true;
        record.backend_failed_mid_answer(ErrorKind::backend_broken);
        out += transform::stream_error_event(status.error());
      } else {
        // More is at hand when a full piece left bytes in the read buffer, or when the socket
        // holds bytes after a full piece or while the backend sends fast (its previous bytes came
        // under a millisecond ago). A backend that sends an event now and then (a real
        // generation) gets each event written at once, without a system call to ask whether more
        // arrived; a full piece with nothing behind it is written at once too.
        const auto now = std::chrono::steady_clock::now();
        const bool backend_sends_fast = now - last_read_at < kFastBackendGap;
        last_read_at = now;
        const bool full = piece->size() == storage.size();
        error_code ignored;  // unknown means "not at hand": write what we have
        more_at_hand = (full && upstream.buffer.size() > 0) ||
                       ((full || backend_sends_fast) &&
                        upstream.connection->socket->stream.socket().available(ignored) > 0);
      }
    } while (!upstream.failed && !upstream.parser->is_done() && more_at_hand &&
             out.size() < kReadPieceBytes);
    if (spdlog::should_log(spdlog::level::trace)) {  // log level COMPLETE
      spdlog::trace("request_id={} answer events: {}", call.request_id, out);
    }
    if (co_await writer.write(out)) co_return false;
    tally.written();
    if (upstream.failed) co_return !(co_await writer.finish()) && writer.keep_alive();
  }
  if (auto rest = framer.finish()) {  // a last event without its blank line is still delivered
    while (!rest->empty() && (rest->back() == '\n' || rest->back() == '\r')) rest->pop_back();
    rest->append("\n\n");
    out.clear();
    rewrite(*rest);
    if (co_await writer.write(out)) co_return false;
    tally.written();
  }
  co_return !(co_await writer.finish()) && writer.keep_alive();
}

// Phase 4, everything else: bytes pass through untouched, with the backend's own length if known.
awaitable<bool> relay_untouched(Upstream& upstream, const Config& config, const UpstreamCall& call,
                                ResponseWriter& writer) {
  auto head = client_head(*upstream.parser, call);
  std::optional<std::uint64_t> length;
  if (!upstream.parser->chunked() && upstream.parser->content_length()) {
    length = *upstream.parser->content_length();
  }
  if (co_await writer.start(head, length)) co_return false;
  std::array<char, kReadPieceBytes> storage;
  while (!upstream.parser->is_done()) {
    auto piece = co_await read_body_piece(upstream, config, storage);
    if (!piece.ok()) {
      writer.record().backend_failed_mid_answer(piece.error().kind);
      co_return false;  // cut short: closing tells the client the body is incomplete
    }
    if (co_await writer.write(*piece)) co_return false;
  }
  co_return !(co_await writer.finish()) && writer.keep_alive();
}

}  // namespace

awaitable<bool> forward(net::IncomingRequest& request, ThreadContext& thread, const Config& config,
                        const UpstreamCall& call) {
  request.record.request_id = call.request_id;
  if (!call.profile_name.empty()) request.record.profile = call.profile_name;
  ClientWatch watch(request.client.socket(), thread.watch_starter());
  Upstream upstream;
  const bool head_request = request.message.method() == http::verb::head;
  auto opened = co_await open_exchange(upstream, thread, config, call, watch, head_request);
  if (watch.client_gone()) {  // the upstream socket is closed already
    request.record.client_left();
    co_return false;
  }
  if (!opened.ok()) co_return co_await respond_error(request, opened.error());

  ResponseWriter writer(request.client, request.message.version(), request.message.keep_alive(),
                        head_request, kClientWriteTimeout, request.record);
  const auto& response = *upstream.parser;
  const bool success = response.status() / 100 == 2;
  const bool event_stream =
      starts_with_nocase(response.value_of(http::field::content_type), "text/event-stream");
  metrics::OpenGauge open_stream;  // counts this answer in streams_open while it is relayed
  if (event_stream && thread.metrics() != nullptr) open_stream = thread.metrics()->track_stream();
  bool keep_client = false;
  if (call.rewriter == nullptr || !success || head_request) {
    keep_client = co_await relay_untouched(upstream, config, call, writer);
  } else if (event_stream) {
    keep_client = co_await relay_rewritten_events(upstream, config, call, writer, request.record);
  } else {
    keep_client = co_await relay_rewritten_body(request, upstream, config, call, writer);
  }
  open_stream.release();
  if (watch.client_gone()) {
    // The watch closed the upstream socket, so the backend read failed too: not the backend's
    // fault.
    request.record.upstream_error.reset();
    request.record.outcome = log::RequestOutcome::client_aborted;
  }

  // Phase 5: only a complete keep-alive exchange with a client still there goes back to the pool.
  if (!watch.client_gone() && !upstream.failed && upstream.parser->is_done() &&
      upstream.parser->keep_alive()) {
    watch.track_upstream(nullptr);
    thread.pool().give_back(std::move(*upstream.connection));
  }
  co_return keep_client && !watch.client_gone();
}

}  // namespace qp::proxy
