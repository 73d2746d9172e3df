// Test helper: a backend's response head parsed by Beast as the proxy parses it, so the fields
// keep the parser's order and spelling.
#pragma once

#include <gtest/gtest.h>

#include <string_view>

#include "net/asio.hpp"

namespace qp::net::testing {

// `raw`: a status line and headers, blank line included, without a body.
inline http::response<http::empty_body> parsed_backend_head(std::string_view raw) {
  http::response_parser<http::empty_body> parser;
  error_code ec;
  parser.put(asio::buffer(raw.data(), raw.size()), ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_TRUE(parser.is_header_done());
  return parser.release();
}

}  // namespace qp::net::testing
