// ClientWatch: client disconnect detection while a request is in flight; WatchStarter: late starts.
#include "proxy/client_watch.hpp"

namespace qp::proxy {

ClientWatch::ClientWatch(net::tcp::socket& client, std::shared_ptr<WatchStarter> starter)
    : client_(client), starter_(std::move(starter)), state_(std::make_shared<State>()) {}

void ClientWatch::begin() {
  if (watching_) return;
  if (waiting_index_ != kNotWaiting) starter_->remove(*this);
  watching_ = true;
  // A peek completes when a byte arrives (a pipelined request: the client is alive, stop
  // watching), at end of stream or on a reset (the client is gone), or when cancelled.
  client_.async_receive(
      net::asio::buffer(&state_->peeked, 1), net::tcp::socket::message_peek,
      [state = state_](const net::error_code& ec, std::size_t peeked) {
        if (state->finished) return;  // the request ended; the sockets may no longer exist
        if (!ec && peeked > 0) return;
        state->gone = true;
        if (state->upstream != nullptr) {
          net::error_code ignored;  // closing is all that matters; an error means it is closed
          state->upstream->close(ignored);
        }
      });
}

void ClientWatch::begin_soon() {
  if (watching_ || waiting_index_ != kNotWaiting) return;
  starter_->add(*this);
}

ClientWatch::~ClientWatch() {
  if (waiting_index_ != kNotWaiting) starter_->remove(*this);
  state_->finished = true;
  state_->upstream = nullptr;
  if (!watching_) return;
  net::error_code ignored;  // nothing to do if the socket is already closed
  client_.cancel(ignored);
}

void ClientWatch::track_upstream(net::tcp::socket* upstream) { state_->upstream = upstream; }

WatchStarter::WatchStarter(net::asio::any_io_executor executor) : timer_(std::move(executor)) {}

void WatchStarter::add(ClientWatch& watch) {
  watch.waiting_index_ = waiting_.size();
  waiting_.push_back(&watch);
  if (ticking_) return;
  ticking_ = true;
  timer_.expires_after(kDelay);
  timer_.async_wait([self = weak_from_this()](const net::error_code& ec) {
    auto starter = self.lock();
    if (ec || !starter) return;  // cancelled, or the starter is gone
    starter->begin_waiting();
  });
}

void WatchStarter::remove(ClientWatch& watch) {
  const std::size_t index = watch.waiting_index_;
  waiting_[index] = waiting_.back();
  waiting_[index]->waiting_index_ = index;
  waiting_.pop_back();
  watch.waiting_index_ = ClientWatch::kNotWaiting;
}

void WatchStarter::begin_waiting() {
  ticking_ = false;
  due_.swap(waiting_);
  for (ClientWatch* watch : due_) watch->waiting_index_ = ClientWatch::kNotWaiting;
  for (ClientWatch* watch : due_) watch->begin();
  due_.clear();
}

}  // namespace qp::proxy
