// ControlLoop: READY, STATUS and WATCHDOG while running; STOPPING and the shutdown hook at the end.
#include "ops/control_loop.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "notify_socket.hpp"

namespace qp::ops {
namespace {

TEST(ControlLoop, NotifiesReadyStatusWatchdogAndStopping) {
  test::NotifySocket socket;
  SystemdNotifier notifier(socket.path(), std::chrono::milliseconds(5));
  std::atomic<std::uint64_t> requests{7};
  std::atomic<int> shutdowns{0};
  ControlLoop loop(
      notifier,
      [&requests] {
        return ServiceActivity{requests.load(), 2};
      },
      {.shutdown = [&shutdowns] { ++shutdowns; }, .reload = [] {}}, std::chrono::milliseconds(5));
  std::thread runner([&loop] { loop.run(); });

  EXPECT_EQ(socket.receive(), "READY=1");
  EXPECT_EQ(socket.receive(), "STATUS=7 requests proxied, 2 streams open");
  auto seen = socket.receive_until("WATCHDOG=1");
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back(), "WATCHDOG=1");
  requests = 8;
  seen = socket.receive_until("STATUS=8 requests proxied");
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back(), "STATUS=8 requests proxied, 2 streams open");

  loop.request_shutdown();
  seen = socket.receive_until("STOPPING=1");
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back(), "STOPPING=1");
  runner.join();  // run() returns once the shutdown hook ran
  EXPECT_EQ(shutdowns.load(), 1);
}

TEST(ControlLoop, RunsWithoutSystemd) {
  SystemdNotifier notifier("", std::nullopt);
  bool stopped = false;
  ControlLoop loop(notifier, [] { return ServiceActivity{}; },
                   {.shutdown = [&stopped] { stopped = true; }, .reload = [] {}});
  loop.request_shutdown();  // queued before run(): run() handles it and returns
  loop.run();
  EXPECT_TRUE(stopped);
}

TEST(ControlLoop, StatusText) {
  EXPECT_EQ(status_text({12, 3}), "12 requests proxied, 3 streams open");
}

}  // namespace
}  // namespace qp::ops
