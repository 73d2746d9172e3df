// A connected pair of loopback TCP sockets on one io_context, for tests of code that reads from
// or writes to a socket: `local` is the side under test, `peer` the other end.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace qp::net {

struct LoopbackPair {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket local{io};
  boost::asio::ip::tcp::socket peer{io};

  LoopbackPair() {
    using boost::asio::ip::tcp;
    tcp::acceptor acceptor(io, tcp::endpoint(boost::asio::ip::address_v4::loopback(), 0));
    local.connect(acceptor.local_endpoint());
    peer = acceptor.accept();
  }
};

}  // namespace qp::net
