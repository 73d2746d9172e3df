// Tests of the metric vocabularies: status slots, API and error labels, schema slots.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "metrics/labels.hpp"
#include "metrics/metrics_schema.hpp"
#include "metrics_test_support.hpp"

namespace qp::metrics {
namespace {

TEST(MetricsLabels, ExactStatusCodesKeepTheirOwnLabel) {
  for (std::uint16_t code : kExactStatusCodes) {
    EXPECT_EQ(status_slot_label(status_slot(code)), std::to_string(code));
  }
}

TEST(MetricsLabels, OtherStatusCodesFallBackToTheirClass) {
  EXPECT_EQ(status_slot_label(status_slot(418)), "4xx");
  EXPECT_EQ(status_slot_label(status_slot(101)), "1xx");
  EXPECT_EQ(status_slot_label(status_slot(599)), "5xx");
  EXPECT_EQ(status_slot_label(status_slot(0)), "other");
  EXPECT_EQ(status_slot_label(status_slot(600)), "other");
  EXPECT_EQ(status_slot_label(status_slot(-1)), "other");
  std::set<std::size_t> slots;
  for (int code = -5; code < 700; ++code) slots.insert(status_slot(code));
  EXPECT_EQ(slots.size(), kStatusSlotCount);  // every slot reachable, none out of range
  EXPECT_LT(*slots.rbegin(), kStatusSlotCount);
}

TEST(MetricsLabels, ApiAndUpstreamErrorLabelsAreDistinct) {
  std::set<std::string_view> apis;
  for (std::size_t i = 0; i < kApiCount; ++i) apis.insert(api_label(static_cast<Api>(i)));
  EXPECT_EQ(apis.size(), kApiCount);
  std::set<std::string_view> kinds;
  for (std::size_t i = 0; i < kUpstreamErrorCount; ++i) {
    kinds.insert(upstream_error_label(static_cast<UpstreamError>(i)));
  }
  EXPECT_EQ(kinds.size(), kUpstreamErrorCount);
}

TEST(MetricsLabels, BackendErrorKindsMapToUpstreamErrors) {
  EXPECT_EQ(upstream_error_for(ErrorKind::backend_unreachable), UpstreamError::unreachable);
  EXPECT_EQ(upstream_error_for(ErrorKind::backend_timeout), UpstreamError::timeout);
  EXPECT_EQ(upstream_error_for(ErrorKind::backend_broken), UpstreamError::broken);
  EXPECT_EQ(upstream_error_for(ErrorKind::bad_request), std::nullopt);
  EXPECT_EQ(upstream_error_for(ErrorKind::request_timeout), std::nullopt);
}

TEST(MetricsSchema, ModelsKeepConfigOrderAndUnknownNamesShareTheUnmatchedSlot) {
  const MetricsSchema schema(testing::two_profiles());
  EXPECT_EQ(schema.model_count(), 3u);
  EXPECT_EQ(schema.model_index("thinking").value, 0u);
  EXPECT_EQ(schema.model_index("instruct").value, 1u);
  EXPECT_EQ(schema.model_index("gpt-4").value, schema.unmatched_model().value);
  EXPECT_EQ(schema.model_label(schema.unmatched_model()), "");
}

TEST(MetricsSchema, ParamSlotsAreDistinctPerScopeNameAndRule) {
  const MetricsSchema schema(testing::two_profiles());
  // temperature/default appears in both profiles but is one slot.
  EXPECT_EQ(schema.param_count(), 4u);
  const auto temperature =
      schema.param_slot(ParamScope::request, "temperature", FieldRule::fill_default);
  ASSERT_TRUE(temperature);
  EXPECT_EQ(param_label(schema.param_key(*temperature)), "temperature");
  EXPECT_FALSE(schema.param_slot(ParamScope::request, "temperature", FieldRule::force));
  EXPECT_FALSE(schema.param_slot(ParamScope::request, "enable_thinking", FieldRule::force));
  const auto thinking =
      schema.param_slot(ParamScope::chat_template_kwargs, "enable_thinking", FieldRule::force);
  ASSERT_TRUE(thinking);
  EXPECT_EQ(param_label(schema.param_key(*thinking)), "chat_template_kwargs.enable_thinking");
}

TEST(MetricsSchema, CellsOfDifferentMetricsNeverOverlap) {
  const MetricsSchema schema(testing::two_profiles());
  std::set<std::size_t> cells;
  std::size_t expected = 0;
  auto claim = [&](std::size_t first, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) EXPECT_TRUE(cells.insert(first + i).second);
    expected += count;
  };
  for (std::uint32_t m = 0; m < schema.model_count(); ++m) {
    for (std::size_t a = 0; a < kApiCount; ++a) {
      for (std::size_t s = 0; s < kStatusSlotCount; ++s) {
        claim(schema.request_cell({m}, static_cast<Api>(a), s), 1);
      }
    }
    claim(schema.duration_cell({m}), kHistogramCells);
    claim(schema.ttft_cell({m}), kHistogramCells);
    claim(schema.client_abort_cell({m}), 1);
    claim(schema.prompt_tokens_cell({m}), 1);
    claim(schema.completion_tokens_cell({m}), 1);
  }
  for (std::size_t k = 0; k < kUpstreamErrorCount; ++k) {
    claim(schema.upstream_error_cell(static_cast<UpstreamError>(k)), 1);
  }
  for (ParamSlot p = 0; p < schema.param_count(); ++p) claim(schema.param_cell(p), 1);
  for (std::size_t cell :
       {schema.streams_open_cell(), schema.upstream_open_cell(), schema.upstream_opened_cell(),
        schema.upstream_reused_cell(), schema.upstream_failed_cell()}) {
    claim(cell, 1);
  }
  EXPECT_EQ(cells.size(), expected);
  EXPECT_EQ(schema.cell_count(), expected);
  EXPECT_LT(*cells.rbegin(), schema.cell_count());
}

}  // namespace
}  // namespace qp::metrics
