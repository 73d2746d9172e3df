// What the metrics listener serves and what the systemd STATUS line says, both read from the
// proxy's MetricsRegistry at the moment they are asked for.
#pragma once

#include "ops/control_loop.hpp"
#include "ops/metrics_listener.hpp"
#include "proxy/proxy_state.hpp"

namespace qp::ops {

// The Prometheus exposition of shared.metrics (an empty registry's when it is null). `shared`
// must outlive the renderer.
RenderMetrics metrics_renderer(const proxy::ProxyShared& shared);

// Requests answered (all virtual models, APIs and statuses) and streams open, from
// shared.metrics; zeros when it is null. `shared` must outlive the source.
ActivitySource activity_source(const proxy::ProxyShared& shared);

}  // namespace qp::ops
