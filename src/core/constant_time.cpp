// Constant-time key comparison: XOR-accumulate over the full expected length, never return early.
#include "core/constant_time.hpp"

#include <cstddef>
#include <cstdint>

namespace qp {

bool keys_equal(std::string_view presented, std::string_view expected) {
  // Any bit set in `difference` means "not equal". The length difference goes in first; each
  // position of the expected key is then compared with the presented byte at the same position, or
  // with 0 beyond the presented key's end (selected by arithmetic, not by a branch on content).
  std::uint64_t difference = static_cast<std::uint64_t>(presented.size() ^ expected.size());
  // An empty presented key reads one zero byte instead (a branch on length, which is public).
  const std::string_view source = presented.empty() ? std::string_view("\0", 1) : presented;
  const std::size_t source_size = presented.size();
  for (std::size_t i = 0; i < expected.size(); ++i) {
    // in_range is 1 while i < source_size, else 0; index stays in bounds (0) past the end.
    const std::size_t in_range = static_cast<std::size_t>(i < source_size);
    const std::size_t index = i * in_range;
    const auto mask = static_cast<unsigned char>(0u - static_cast<unsigned>(in_range));
    const auto presented_byte = static_cast<unsigned char>(source[index] & mask);
    difference |=
        static_cast<unsigned char>(presented_byte ^ static_cast<unsigned char>(expected[i]));
  }
  // Volatile read so that the compiler cannot turn the accumulation into an early exit.
  volatile std::uint64_t result = difference;
  return result == 0;
}

}  // namespace qp
