// SystemdNotifier: datagrams on a test notify socket, and the no-op without one.
#include "ops/systemd_notify.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include "notify_socket.hpp"

namespace qp::ops {
namespace {

TEST(SystemdNotifier, ReadyStatusStoppingArriveOnTheNotifySocket) {
  test::NotifySocket socket;
  auto notifier = SystemdNotifier::from_environment({{"NOTIFY_SOCKET", socket.path()}});
  ASSERT_TRUE(notifier.enabled());
  EXPECT_TRUE(notifier.ready());
  EXPECT_TRUE(notifier.status("3 requests proxied, 1 streams open"));
  EXPECT_TRUE(notifier.stopping());
  EXPECT_EQ(socket.receive(), "READY=1");
  EXPECT_EQ(socket.receive(), "STATUS=3 requests proxied, 1 streams open");
  EXPECT_EQ(socket.receive(), "STOPPING=1");
}

TEST(SystemdNotifier, WithoutNotifySocketEverythingIsANoOp) {
  auto notifier = SystemdNotifier::from_environment({{"HOME", "/root"}});
  EXPECT_FALSE(notifier.enabled());
  EXPECT_FALSE(notifier.ready());
  EXPECT_FALSE(notifier.status("x"));
  EXPECT_FALSE(notifier.watchdog());
  EXPECT_FALSE(notifier.stopping());
}

TEST(SystemdNotifier, MissingSocketFileIsNotAnError) {
  SystemdNotifier notifier("/nonexistent/qwen35-notify", std::nullopt);
  EXPECT_TRUE(notifier.enabled());
  EXPECT_FALSE(notifier.ready());  // logged at debug level, otherwise ignored
}

TEST(SystemdNotifier, WatchdogIntervalIsHalfOfWatchdogUsecForThisProcess) {
  const std::string me = std::to_string(getpid());
  auto notifier = SystemdNotifier::from_environment(
      {{"NOTIFY_SOCKET", "/x"}, {"WATCHDOG_USEC", "20000000"}, {"WATCHDOG_PID", me}});
  ASSERT_TRUE(notifier.watchdog_interval().has_value());
  EXPECT_EQ(*notifier.watchdog_interval(), std::chrono::seconds(10));

  EXPECT_FALSE(
      SystemdNotifier::from_environment({{"WATCHDOG_USEC", "20000000"}, {"WATCHDOG_PID", me + "0"}})
          .watchdog_interval());
  EXPECT_FALSE(SystemdNotifier::from_environment({{"WATCHDOG_USEC", "0"}}).watchdog_interval());
  EXPECT_FALSE(SystemdNotifier::from_environment({{"WATCHDOG_USEC", "x"}}).watchdog_interval());
  EXPECT_FALSE(SystemdNotifier::from_environment({}).watchdog_interval());
}

}  // namespace
}  // namespace qp::ops
