// TOML values of a configuration file as JSON text (what Profile stores), and the file positions
// used in every configuration error ("file:line:column").
#pragma once

#include <toml++/toml.h>

#include <string>
#include <string_view>

namespace qp {

// "path:line:column" of a node or key in a configuration file.
std::string source_location(const toml::source_region& region);

// The shortest decimal text that reads back as exactly `value`, always with a fraction or an
// exponent so that it stays a float: 0.95 -> "0.95", 1.0 -> "1.0", 1e300 -> "1e+300".
// Contract: `value` is finite.
std::string format_json_double(double value);

// `node` as compact JSON text: strings escaped (json::quote), integers in decimal, floats by
// format_json_double, booleans, arrays, and tables as objects (keys in file order). Throws
// ConfigError naming the node's location for values JSON cannot hold: nan, inf, dates and times.
std::string toml_to_json(const toml::node& node);

}  // namespace qp
