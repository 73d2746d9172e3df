// The metrics listener's exposition and the STATUS numbers, from the registry's snapshot.
#include "ops/metrics_exposition.hpp"

#include <memory>

#include "metrics/prometheus_text.hpp"

namespace qp::ops {

RenderMetrics metrics_renderer(const proxy::ProxyShared& shared) {
  // Without a registry the families are still described, with no series of any model.
  auto empty = std::make_shared<const metrics::MetricsRegistry>(std::vector<Profile>{}, 1);
  return [&shared, empty] {
    const metrics::MetricsRegistry& registry = shared.metrics ? *shared.metrics : *empty;
    return metrics::render_prometheus_text(registry.snapshot(), metrics::compiled_build_info());
  };
}

ActivitySource activity_source(const proxy::ProxyShared& shared) {
  return [&shared] {
    ServiceActivity activity;
    if (!shared.metrics) return activity;
    const metrics::MetricsSnapshot snapshot = shared.metrics->snapshot();
    for (std::size_t i = 0; i < snapshot.schema().model_count(); ++i) {
      const metrics::ModelIndex model{static_cast<std::uint32_t>(i)};
      activity.requests_proxied += snapshot.request_duration(model).count();
    }
    const std::int64_t streams = snapshot.streams_open();
    activity.streams_open = streams > 0 ? static_cast<std::uint64_t>(streams) : 0;
    return activity;
  };
}

}  // namespace qp::ops
