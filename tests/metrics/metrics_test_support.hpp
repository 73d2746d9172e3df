// Shared fixtures of the metrics tests: two small profiles, and a scrape that renders the
// registry's snapshot and parses it with the strict parser.
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "config/profile.hpp"
#include "metrics/metrics_registry.hpp"
#include "metrics/prometheus_text.hpp"
#include "metrics/prometheus_text_parser.hpp"

namespace qp::metrics::testing {

inline constexpr BuildInfo kTestBuild{"0.1.0", "abc123", "Debug"};

// "thinking": temperature (default), top_p (force), chat_template_kwargs.enable_thinking (force).
// "instruct": temperature (default), presence_penalty (strip).
inline std::vector<Profile> two_profiles() {
  Profile thinking;
  thinking.virtual_name = "thinking";
  thinking.params = {{"temperature", "1.0", FieldRule::fill_default},
                     {"top_p", "0.95", FieldRule::force}};
  thinking.chat_template_kwargs = {{"enable_thinking", "true", FieldRule::force}};
  Profile instruct;
  instruct.virtual_name = "instruct";
  instruct.params = {{"temperature", "0.7", FieldRule::fill_default},
                     {"presence_penalty", "", FieldRule::strip}};
  return {thinking, instruct};
}

// Renders and parses; an unparsable exposition fails the calling test.
inline Exposition scrape(const MetricsRegistry& registry) {
  const std::string text = render_prometheus_text(registry.snapshot(), kTestBuild);
  Result<Exposition> parsed = parse_prometheus_text(text);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message) << "\n" << text;
  return parsed.ok() ? std::move(parsed).value() : Exposition{};
}

}  // namespace qp::metrics::testing
