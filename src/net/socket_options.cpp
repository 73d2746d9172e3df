// Socket options shared by the client-facing and backend-facing sides.
#include "net/socket_options.hpp"

namespace qp::net {

void set_no_delay(boost::asio::ip::tcp::socket& socket) {
  boost::system::error_code ignored;  // see header: the option is an optimisation only
  socket.set_option(boost::asio::ip::tcp::no_delay(true), ignored);
}

}  // namespace qp::net
