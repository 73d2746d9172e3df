// Test helper: a backend's response head parsed as the proxy parses it (BackendResponseParser), so
// the fields keep the parser's order and spelling.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string_view>

#include "net/backend_response_parser.hpp"

namespace qp::net::testing {

// `raw`: a status line and headers, blank line included, without a body.
inline std::unique_ptr<BackendResponseParser> parsed_backend_head(std::string_view raw) {
  auto parser = std::make_unique<BackendResponseParser>();
  parser->skip(true);  // a head only, whatever its framing fields say
  error_code ec;
  parser->put(asio::buffer(raw.data(), raw.size()), ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_TRUE(parser->is_header_done());
  return parser;
}

}  // namespace qp::net::testing
