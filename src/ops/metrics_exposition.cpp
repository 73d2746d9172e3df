// The exposition served on the metrics listener. Until the request path records into a metrics
// registry this is the build information only, under the same name and labels the registry's
// renderer uses.
#include "ops/metrics_exposition.hpp"

#include "build_info.hpp"

namespace qp::ops {

RenderMetrics metrics_renderer(const proxy::ProxyShared& /*shared*/) {
  return [] {
    std::string text =
        "# HELP qwen35_proxy_build_info Version, commit and build type of this binary.\n"
        "# TYPE qwen35_proxy_build_info gauge\n";
    text.append("qwen35_proxy_build_info{version=\"")
        .append(build_info::version)
        .append("\",commit=\"")
        .append(build_info::commit)
        .append("\",build_type=\"")
        .append(build_info::build_type)
        .append("\"} 1\n");
    return text;
  };
}

}  // namespace qp::ops
