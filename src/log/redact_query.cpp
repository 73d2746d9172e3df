// Redacts credential-like query parameters of a request target, parameter by parameter.
#include "log/redact_query.hpp"

#include <array>

#include "log/redact_headers.hpp"

namespace qp::log {

bool is_secret_query_parameter(std::string_view name) {
  static constexpr std::array<std::string_view, 5> kSecretParts = {"key", "token", "secret",
                                                                   "password", "auth"};
  std::string lowered(name);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (std::string_view part : kSecretParts) {
    if (lowered.find(part) != std::string::npos) return true;
  }
  return false;
}

std::string redact_query_credentials(std::string_view target) {
  const std::size_t question = target.find('?');
  if (question == std::string_view::npos) return std::string(target);
  std::string out(target.substr(0, question + 1));
  const std::string_view query = target.substr(question + 1);
  for (std::size_t begin = 0;;) {
    const std::size_t amp = query.find('&', begin);
    const std::string_view parameter =
        query.substr(begin, amp == std::string_view::npos ? std::string_view::npos : amp - begin);
    const std::size_t equals = parameter.find('=');
    if (equals != std::string_view::npos &&
        is_secret_query_parameter(parameter.substr(0, equals))) {
      out.append(parameter.substr(0, equals + 1)).append(kRedactedValue);
    } else {
      out.append(parameter);
    }
    if (amp == std::string_view::npos) break;
    out.push_back('&');
    begin = amp + 1;
  }
  return out;
}

}  // namespace qp::log
