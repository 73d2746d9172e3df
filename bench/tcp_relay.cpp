// tcp_relay: the least work a proxy hop can do, so that scenario 2 (bench/chat_stream.sh) can show
// this machine's floor for the delay any proxy adds per event. It accepts connections on a free
// loopback port and copies bytes both ways to 127.0.0.1:BACKEND_PORT, one blocking thread per
// direction: no parsing, no event loop, TCP_NODELAY on both sockets. A benchmark tool, not a
// proxy: no HTTP, no limits, no timeouts.
// Usage: tcp_relay BACKEND_PORT   (first line out: "tcp_relay listening on http://127.0.0.1:PORT")
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace {

sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  return address;
}

void set_no_delay(int fd) {
  const int on = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

// Copies `from` to `to` until either ends, then half-closes `to` so the peer sees the end too.
void copy_until_end(int from, int to) {
  std::array<char, 65536> buffer;
  for (;;) {
    const ssize_t got = read(from, buffer.data(), buffer.size());
    if (got <= 0) break;
    for (ssize_t sent = 0; sent < got;) {
      const ssize_t wrote = write(to, buffer.data() + sent, static_cast<size_t>(got - sent));
      if (wrote <= 0) {
        shutdown(to, SHUT_WR);
        return;
      }
      sent += wrote;
    }
  }
  shutdown(to, SHUT_WR);
}

// Relays one connection both ways, then closes both sockets once both directions have ended.
void relay(int client, int upstream) {
  std::thread requests(copy_until_end, client, upstream);
  copy_until_end(upstream, client);
  requests.join();
  close(client);
  close(upstream);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: tcp_relay BACKEND_PORT\n");
    return 2;
  }
  const sockaddr_in backend = loopback(std::atoi(argv[1]));
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = loopback(0);
  socklen_t length = sizeof address;
  if (listener < 0 || bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(listener, 1024) != 0 ||
      getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    std::perror("tcp_relay: listen");
    return 1;
  }
  std::printf("tcp_relay listening on http://127.0.0.1:%d\n", ntohs(address.sin_port));
  std::fflush(stdout);
  for (;;) {
    const int client = accept(listener, nullptr, nullptr);
    if (client < 0) continue;  // a connection that failed before accept: nothing to relay
    const int upstream = socket(AF_INET, SOCK_STREAM, 0);
    if (upstream < 0 ||
        connect(upstream, reinterpret_cast<const sockaddr*>(&backend), sizeof backend) != 0) {
      close(client);
      if (upstream >= 0) close(upstream);
      continue;
    }
    set_no_delay(client);
    set_no_delay(upstream);
    std::thread(relay, client, upstream).detach();
  }
}
