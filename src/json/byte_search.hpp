// Searching a document for the next byte a reader must look at, 16 bytes at a time with SSE2
// (part of every x86-64; byte by byte elsewhere and in the last 15 bytes). Shared by the span
// scanner and the validator, which differ only in which bytes stop them.
#pragma once

#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace qp::json::detail {

// Moves `pos` to the first byte at or after it that stops the search: whole blocks are tested
// with `block_stops` (bit i of its result set when byte i stops), the tail with `byte_stops`.
// False when no byte before `size` stops it (`pos` is then `size`).
template <class BlockStops, class ByteStops>
[[gnu::always_inline]] inline bool find_stop(const char* data, std::size_t size, std::size_t& pos,
                                             BlockStops block_stops, ByteStops byte_stops) {
#if defined(__SSE2__)
  while (pos + 16 <= size) {
    const int hits = block_stops(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + pos)));
    if (hits != 0) {
      pos += static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(hits)));
      return true;
    }
    pos += 16;
  }
#else
  (void)block_stops;
#endif
  while (pos < size && !byte_stops(static_cast<unsigned char>(data[pos]))) ++pos;
  return pos < size;
}

}  // namespace qp::json::detail

namespace qp::json {

// The next byte inside a string that is not plain text: '"', '\', a control character or a
// non-ASCII byte (the start of a UTF-8 sequence to check).
[[gnu::always_inline]] inline bool find_string_stop(const char* data, std::size_t size,
                                                    std::size_t& pos) {
  return detail::find_stop(
      data, size, pos,
#if defined(__SSE2__)
      [](__m128i block) {
        // Control characters and non-ASCII bytes both compare below 0x20 as signed bytes.
        return _mm_movemask_epi8(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8('"')),
                                      _mm_cmpeq_epi8(block, _mm_set1_epi8('\\'))),
                         _mm_cmplt_epi8(block, _mm_set1_epi8(0x20))));
      },
#else
      0,
#endif
      [](unsigned char c) { return c == '"' || c == '\\' || c < 0x20 || c >= 0x80; });
}

// The next quote or bracket: all that decides where a container ends.
[[gnu::always_inline]] inline bool find_structural(const char* data, std::size_t size,
                                                   std::size_t& pos) {
  return detail::find_stop(
      data, size, pos,
#if defined(__SSE2__)
      [](__m128i block) {
        // '[' and '{' both become '{' with bit 5 set, ']' and '}' both '}'; no other byte does.
        const __m128i folded = _mm_or_si128(block, _mm_set1_epi8(0x20));
        return _mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8('"')),
                         _mm_or_si128(_mm_cmpeq_epi8(folded, _mm_set1_epi8('{')),
                                      _mm_cmpeq_epi8(folded, _mm_set1_epi8('}')))));
      },
#else
      0,
#endif
      [](unsigned char c) { return c == '"' || c == '[' || c == ']' || c == '{' || c == '}'; });
}

}  // namespace qp::json
