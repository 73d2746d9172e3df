// Per-dialect facts declared in options.hpp.
#include "options.hpp"

namespace qp::sim {

std::string_view version_string(Dialect d) {
  switch (d) {
    case Dialect::v0_10:
      return "0.10.0";
    case Dialect::v0_15:
      return "0.15.1";
    case Dialect::v0_18:
      break;
  }
  return "0.18.0";
}

std::size_t random_id_hex_len(Dialect d) { return d == Dialect::v0_10 ? 32 : 16; }

}  // namespace qp::sim
