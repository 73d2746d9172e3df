// Comparison of secrets (API keys) whose running time does not depend on where the inputs differ.
// No early exit: every byte of the expected key is visited whatever the presented key holds.
#pragma once

#include <string_view>

namespace qp {

// True when `presented` equals `expected`. The time depends only on expected.size() (the loop
// always runs over the whole expected key), not on the content of either input nor on the
// position of the first difference; a length mismatch is folded into the result without a branch
// on content. Contract: `expected` is the configured secret, `presented` what a client sent.
bool keys_equal(std::string_view presented, std::string_view expected);

}  // namespace qp
