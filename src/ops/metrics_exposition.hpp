// What the metrics listener serves: the exposition of the proxy's metrics, built at scrape time.
// The one place that joins the listener (src/ops) to the metrics of the request path.
#pragma once

#include "ops/metrics_listener.hpp"
#include "proxy/proxy_state.hpp"

namespace qp::ops {

// A renderer of the proxy's metrics. `shared` must outlive it.
RenderMetrics metrics_renderer(const proxy::ProxyShared& shared);

}  // namespace qp::ops
