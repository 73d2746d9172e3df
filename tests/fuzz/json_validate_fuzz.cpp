// Differential fuzz target for the JSON validator: its verdict on any bytes is simdjson's, except
// that it reads numbers simdjson refuses for their range (by design: see json/validate.hpp); and
// on a valid object, the members it finds on the way are exactly those scan_top_level_object()
// finds.
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "json/scan.hpp"
#include "json/validate.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

bool same_members(std::string_view doc, const qp::json::ObjectScan& a,
                  const qp::json::ObjectScan& b) {
  if (a.whole.begin != b.whole.begin || a.whole.end != b.whole.end) return false;
  if (a.members.size() != b.members.size()) return false;
  for (std::size_t i = 0; i < a.members.size(); ++i) {
    const qp::json::Member& x = a.members[i];
    const qp::json::Member& y = b.members[i];
    if (x.key.in(doc) != y.key.in(doc) || x.key.begin != y.key.begin) return false;
    if (x.value.begin != y.value.begin || x.value.end != y.value.end) return false;
    if (x.type != y.type || x.name != y.name) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static simdjson::dom::parser reference;  // one parser for this single-threaded harness
  const std::string_view doc(reinterpret_cast<const char*>(data), size);
  const simdjson::error_code verdict = reference.parse(doc.data(), doc.size(), true).error();
  auto ours = qp::json::validate_and_scan(doc);
  require(qp::json::validate(doc).ok() == ours.ok());
  if (verdict == simdjson::SUCCESS) {
    require(ours.ok());
  } else if (verdict == simdjson::NUMBER_ERROR) {
    // A number out of simdjson's range, or a malformed one: only the grammar is ours to check,
    // and the unit tests and JSONTestSuite pin that down.
  } else if (verdict == simdjson::MEMALLOC) {
    return 0;
  } else {
    require(!ours.ok());
  }
  if (!ours.ok()) {
    require(ours.error().kind == qp::ErrorKind::bad_request && !ours.error().message.empty());
    return 0;
  }
  auto scanned = qp::json::scan_top_level_object(doc);
  require(scanned.has_value() == ours->has_value());
  if (scanned) require(same_members(doc, *scanned, **ours));
  return 0;
}
