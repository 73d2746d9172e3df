// Renders a MetricsSnapshot as Prometheus text format 0.0.4. Durations are kept in integer
// microseconds and printed as exact decimal seconds, so equal inputs always give equal text.
#include "metrics/prometheus_text.hpp"

#include <initializer_list>
#include <utility>

#include "build_info.hpp"

namespace qp::metrics {
namespace {

using Label = std::pair<std::string_view, std::string_view>;

// Decimal text of an integer number of microseconds as seconds: 1500000 -> "1.5", 25000 -> "0.025".
std::string seconds_text(std::uint64_t micros) {
  std::string text = std::to_string(micros / 1'000'000);
  std::uint64_t fraction = micros % 1'000'000;
  if (fraction == 0) return text;
  char digits[6];
  for (int i = 5; i >= 0; --i, fraction /= 10) digits[i] = static_cast<char>('0' + fraction % 10);
  std::size_t length = 6;
  while (digits[length - 1] == '0') --length;
  return text.append(".").append(digits, length);
}

class ExpositionWriter {
 public:
  void family(std::string_view name, std::string_view type, std::string_view help) {
    out_.append("# HELP ").append(name).append(" ");
    for (char c : help) {
      if (c == '\\') {
        out_.append("\\\\");
      } else if (c == '\n') {
        out_.append("\\n");
      } else {
        out_.push_back(c);
      }
    }
    out_.append("\n# TYPE ").append(name).append(" ").append(type).append("\n");
  }

  void sample(std::string_view name, std::initializer_list<Label> labels, std::string_view value) {
    out_.append(name);
    if (labels.size() != 0) {
      out_.push_back('{');
      bool first = true;
      for (const auto& [label, label_value] : labels) {
        if (!first) out_.push_back(',');
        first = false;
        out_.append(label).append("=\"");
        append_escaped_label_value(out_, label_value);
        out_.push_back('"');
      }
      out_.push_back('}');
    }
    out_.push_back(' ');
    out_.append(value).push_back('\n');
  }

  void sample(std::string_view name, std::initializer_list<Label> labels, std::uint64_t value) {
    sample(name, labels, std::string_view(std::to_string(value)));
  }

  void histogram(std::string_view name, std::string_view model, const HistogramValues& values) {
    const std::string bucket = std::string(name) + "_bucket";
    for (std::size_t i = 0; i < kLatencyBucketBoundsMicros.size(); ++i) {
      const std::string le = seconds_text(kLatencyBucketBoundsMicros[i]);
      sample(bucket, {{"model", model}, {"le", le}}, values.cumulative[i]);
    }
    sample(bucket, {{"model", model}, {"le", "+Inf"}}, values.count());
    sample(std::string(name) + "_sum", {{"model", model}}, seconds_text(values.sum_micros));
    sample(std::string(name) + "_count", {{"model", model}}, values.count());
  }

  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// Configured models always; the unmatched slot only when `nonzero` says it has data.
template <class Nonzero, class Emit>
void for_each_model(const MetricsSchema& schema, Nonzero nonzero, Emit emit) {
  for (std::uint32_t i = 0; i < schema.model_count(); ++i) {
    const ModelIndex model{i};
    if (i < schema.configured_model_count() || nonzero(model)) emit(model);
  }
}

void render_latencies(ExpositionWriter& w, const MetricsSnapshot& s) {
  const MetricsSchema& schema = s.schema();
  constexpr std::string_view kDuration = "qwen35_proxy_request_duration_seconds";
  w.family(kDuration, "histogram",
           "Time from the first request byte to the last response byte, by virtual model.");
  for_each_model(
      schema, [&](ModelIndex m) { return s.request_duration(m).count() != 0; },
      [&](ModelIndex m) { w.histogram(kDuration, schema.model_label(m), s.request_duration(m)); });
  constexpr std::string_view kTtft = "qwen35_proxy_time_to_first_token_seconds";
  w.family(kTtft, "histogram",
           "Time from the first request byte to the first generated token sent, by virtual model.");
  for_each_model(
      schema, [&](ModelIndex m) { return s.time_to_first_token(m).count() != 0; },
      [&](ModelIndex m) { w.histogram(kTtft, schema.model_label(m), s.time_to_first_token(m)); });
}

void render_per_model_counter(ExpositionWriter& w, const MetricsSnapshot& s, std::string_view name,
                              std::string_view help,
                              std::uint64_t (MetricsSnapshot::*value)(ModelIndex) const) {
  w.family(name, "counter", help);
  for_each_model(
      s.schema(), [&](ModelIndex m) { return (s.*value)(m) != 0; },
      [&](ModelIndex m) {
        w.sample(name, {{"model", s.schema().model_label(m)}}, (s.*value)(m));
      });
}

void render_upstream(ExpositionWriter& w, const MetricsSnapshot& s) {
  w.family("qwen35_proxy_streams_open", "gauge", "Streaming responses being sent to clients.");
  w.sample("qwen35_proxy_streams_open", {}, std::to_string(s.streams_open()));
  w.family("qwen35_proxy_upstream_connections_open", "gauge",
           "Connections to the backend, idle or in use.");
  w.sample("qwen35_proxy_upstream_connections_open", {},
           std::to_string(s.upstream_connections_open()));
  w.family("qwen35_proxy_upstream_connections_opened_total", "counter",
           "Connections to the backend established.");
  w.sample("qwen35_proxy_upstream_connections_opened_total", {}, s.upstream_connections_opened());
  w.family("qwen35_proxy_upstream_connections_reused_total", "counter",
           "Requests sent on a pooled keep-alive connection.");
  w.sample("qwen35_proxy_upstream_connections_reused_total", {}, s.upstream_connections_reused());
  w.family("qwen35_proxy_upstream_connections_failed_total", "counter",
           "Attempts to connect to the backend that failed.");
  w.sample("qwen35_proxy_upstream_connections_failed_total", {}, s.upstream_connections_failed());
  w.family("qwen35_proxy_upstream_errors_total", "counter",
           "Failed exchanges with the backend, by kind.");
  for (std::size_t k = 0; k < kUpstreamErrorCount; ++k) {
    const auto kind = static_cast<UpstreamError>(k);
    w.sample("qwen35_proxy_upstream_errors_total", {{"kind", upstream_error_label(kind)}},
             s.upstream_errors(kind));
  }
}

}  // namespace

BuildInfo compiled_build_info() {
  return {build_info::version, build_info::commit, build_info::build_type};
}

void append_escaped_label_value(std::string& out, std::string_view value) {
  for (char c : value) {
    if (c == '\\') {
      out.append("\\\\");
    } else if (c == '"') {
      out.append("\\\"");
    } else if (c == '\n') {
      out.append("\\n");
    } else {
      out.push_back(c);
    }
  }
}

std::string render_prometheus_text(const MetricsSnapshot& s, const BuildInfo& build) {
  const MetricsSchema& schema = s.schema();
  ExpositionWriter w;
  w.family("qwen35_proxy_build_info", "gauge", "Version, commit and build type; always 1.");
  w.sample("qwen35_proxy_build_info",
           {{"version", build.version}, {"commit", build.commit}, {"build_type", build.build_type}},
           std::string_view("1"));

  w.family("qwen35_proxy_requests_total", "counter",
           "Requests answered, by virtual model, API and status code.");
  for (std::uint32_t m = 0; m < schema.model_count(); ++m) {
    for (std::size_t a = 0; a < kApiCount; ++a) {
      for (std::size_t code = 0; code < kStatusSlotCount; ++code) {
        const std::uint64_t n = s.requests({m}, static_cast<Api>(a), code);
        if (n == 0) continue;
        w.sample("qwen35_proxy_requests_total",
                 {{"model", schema.model_label({m})},
                  {"api", api_label(static_cast<Api>(a))},
                  {"code", status_slot_label(code)}},
                 n);
      }
    }
  }
  render_latencies(w, s);
  render_upstream(w, s);
  render_per_model_counter(w, s, "qwen35_proxy_client_aborts_total",
                           "Requests whose client went away before the answer was complete.",
                           &MetricsSnapshot::client_aborts);
  w.family("qwen35_proxy_params_applied_total", "counter",
           "Profile settings applied to requests, by parameter and rule.");
  for (ParamSlot p = 0; p < schema.param_count(); ++p) {
    const ParamKey& key = schema.param_key(p);
    w.sample("qwen35_proxy_params_applied_total",
             {{"param", param_label(key)}, {"rule", rule_label(key.rule)}}, s.params_applied(p));
  }
  render_per_model_counter(w, s, "qwen35_proxy_prompt_tokens_total",
                           "Prompt tokens reported by the backend, by virtual model.",
                           &MetricsSnapshot::prompt_tokens);
  render_per_model_counter(w, s, "qwen35_proxy_completion_tokens_total",
                           "Completion tokens reported by the backend, by virtual model.",
                           &MetricsSnapshot::completion_tokens);
  return w.take();
}

}  // namespace qp::metrics
