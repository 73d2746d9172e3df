// Socket options shared by the client-facing and backend-facing sides.
#pragma once

#include <boost/asio/ip/tcp.hpp>

namespace qp::net {

// Disables Nagle's algorithm: every SSE event must leave as soon as it is written.
// Errors are ignored (a socket that cannot take the option still works, only slower).
void set_no_delay(boost::asio::ip::tcp::socket& socket);

}  // namespace qp::net
