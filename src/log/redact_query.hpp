// Redaction of credentials in a logged request target: some clients pass an API key in the query
// string (?api_key=...), and the access log must never show one.
#pragma once

#include <string>
#include <string_view>

namespace qp::log {

// True when a query parameter name looks like a credential: it contains "key", "token",
// "secret", "password" or "auth", in any letter case ("api_key", "access_token", "X-Auth").
bool is_secret_query_parameter(std::string_view name);

// `target` (path and optional query) with the value of every credential-like query parameter
// replaced by kRedactedValue; every other byte is kept. A parameter without '=' has no value.
std::string redact_query_credentials(std::string_view target);

}  // namespace qp::log
