// ReadDeadline: a read that outlasts its deadline is cancelled with the socket left open, reads
// that finish in time are never cancelled, and a deadline earlier than the pending wait is
// honoured.
#include "net/read_deadline.hpp"

#include <gtest/gtest.h>

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <optional>
#include <string>

#include "net/loopback_pair.hpp"

namespace qp::net {
namespace {

using namespace std::chrono_literals;

// Starts one read of a byte on `pair.local` (the side whose reads are timed) under `deadline`;
// `result` is set when it ends.
void start_read(LoopbackPair& pair, ReadDeadline& deadline, std::chrono::milliseconds timeout,
                std::optional<error_code>& result, char& byte) {
  deadline.start(timeout);
  pair.local.async_read_some(asio::buffer(&byte, 1), [&](const error_code& ec, std::size_t) {
    deadline.stop();
    result = ec;
  });
}

TEST(ReadDeadline, AReadPastItsDeadlineIsCancelledAndTheSocketStaysOpen) {
  LoopbackPair pair;
  ReadDeadline deadline(pair.local);
  std::optional<error_code> result;
  char byte = 0;
  start_read(pair, deadline, 100ms, result, byte);
  pair.io.run_for(5s);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(*result, asio::error::operation_aborted);
  EXPECT_TRUE(deadline.expired());
  EXPECT_TRUE(pair.local.is_open());
  asio::write(pair.local, asio::buffer("408", 3));  // the answer can still be written
  char answer[3] = {};
  asio::read(pair.peer, asio::buffer(answer));
  EXPECT_EQ(std::string(answer, 3), "408");
}

TEST(ReadDeadline, ReadsThatFinishInTimeAreNeverCancelled) {
  LoopbackPair pair;
  ReadDeadline deadline(pair.local);
  // Many reads in a row, each well within its 300 ms, over more than one deadline's length: the
  // wait armed by the first read ends while a later read is in progress and must not cancel it.
  const auto until = std::chrono::steady_clock::now() + 800ms;
  int reads = 0;
  while (std::chrono::steady_clock::now() < until) {
    std::optional<error_code> result;
    char byte = 0;
    start_read(pair, deadline, 300ms, result, byte);
    asio::steady_timer pause(pair.io, 20ms);  // the byte comes 20 ms into the read
    pause.async_wait([&](const error_code&) { asio::write(pair.peer, asio::buffer("x", 1)); });
    while (!result) pair.io.run_one();
    pair.io.restart();
    ASSERT_FALSE(*result) << "read " << reads << ": " << result->message();
    EXPECT_FALSE(deadline.expired());
    ++reads;
  }
  EXPECT_GT(reads, 5);
}

TEST(ReadDeadline, AnEarlierDeadlineThanThePendingWaitIsHonoured) {
  LoopbackPair pair;
  ReadDeadline deadline(pair.local);
  {  // a first read with a long deadline leaves a long wait pending
    std::optional<error_code> result;
    char byte = 0;
    start_read(pair, deadline, 60s, result, byte);
    asio::write(pair.peer, asio::buffer("x", 1));
    while (!result) pair.io.run_one();
    ASSERT_FALSE(*result);
  }
  std::optional<error_code> result;
  char byte = 0;
  start_read(pair, deadline, 100ms, result, byte);
  pair.io.run_for(5s);  // far less than the first read's 60 s
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(*result, asio::error::operation_aborted);
  EXPECT_TRUE(deadline.expired());
}

TEST(ReadDeadline, DestroyedWithAWaitPendingIsSafe) {
  LoopbackPair pair;
  {
    ReadDeadline deadline(pair.local);
    deadline.start(50ms);
    deadline.stop();
  }
  pair.io.run_for(200ms);  // the cancelled wait's handler runs after its owner is gone
  EXPECT_TRUE(pair.local.is_open());
}

}  // namespace
}  // namespace qp::net
