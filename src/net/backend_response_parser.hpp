// BackendResponseParser: one backend response read with Beast's HTTP/1 parser (status line, field
// syntax, Content-Length and chunked framing, limits), keeping the head as a list of fields in one
// string of its own instead of a Beast field set: two allocations per response, not one or more
// per field. Body bytes go straight into storage the caller lends, as Beast's buffer_body does.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "net/asio.hpp"
#include "net/http_headers.hpp"

namespace qp::net {

class BackendResponseParser final : public http::basic_parser<false> {
 public:
  BackendResponseParser() = default;
  // fields() points into the parser itself.
  BackendResponseParser(const BackendResponseParser&) = delete;
  BackendResponseParser& operator=(const BackendResponseParser&) = delete;

  // The status code; 0 before the status line is parsed.
  unsigned status() const { return status_; }
  // The head's fields in the order received, names spelled as received; valid once the header is
  // done, for the parser's lifetime.
  std::span<const HeadField> fields() const { return fields_; }
  // The value of the first field called `name`, or "" when there is none.
  std::string_view value_of(http::field name) const { return first_value(fields_, name); }

  // Body bytes parsed from now on are copied into `storage`, up to its size. With no room left the
  // parser stops with http::error::need_buffer, and the bytes it did not take stay in the input.
  void lend_body_storage(std::span<char> storage) {
    body_next_ = storage.data();
    body_room_ = storage.size();
  }
  // The bytes of the lent storage not filled yet.
  std::size_t body_room() const { return body_room_; }

 private:
  // Beast's callbacks, in the order it makes them. Its string_view is boost::core::string_view.
  using string_view = beast::string_view;
  void on_request_impl(http::verb, string_view, string_view, int, error_code&) override {}
  void on_response_impl(int code, string_view reason, int version, error_code& ec) override;
  void on_field_impl(http::field name, string_view name_string, string_view value,
                     error_code& ec) override;
  void on_header_impl(error_code& ec) override { ec = {}; }
  void on_body_init_impl(const boost::optional<std::uint64_t>&, error_code& ec) override {
    ec = {};
  }
  std::size_t on_body_impl(string_view body, error_code& ec) override {
    return take_body(body, ec);
  }
  void on_chunk_header_impl(std::uint64_t, string_view, error_code& ec) override { ec = {}; }
  std::size_t on_chunk_body_impl(std::uint64_t, string_view body, error_code& ec) override {
    return take_body(body, ec);
  }
  void on_finish_impl(error_code& ec) override { ec = {}; }

  std::size_t take_body(string_view body, error_code& ec);
  // Makes room for `more` bytes in text_, moving the views of fields_ along when it grows.
  void reserve_text(std::size_t more);

  unsigned status_ = 0;
  std::string text_;  // names and values of fields_, back to back
  std::vector<HeadField> fields_;
  char* body_next_ = nullptr;
  std::size_t body_room_ = 0;
};

}  // namespace qp::net
