// Short names for the Asio/Beast vocabulary used by src/net and src/proxy (the only folders that do
// I/O). Every asynchronous step is awaited with `use_nothrow`, so errors come back as values, never
// exceptions.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

namespace qp::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using error_code = boost::system::error_code;

template <class T>
using awaitable = boost::asio::awaitable<T>;

// Completion token: `auto [ec, n] = co_await op(..., use_nothrow);`
inline constexpr auto use_nothrow = boost::asio::as_tuple(boost::asio::use_awaitable);

}  // namespace qp::net
