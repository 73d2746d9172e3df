// Request end: metrics from the RequestRecord into the thread's recorder, and the access-log line.
#include "proxy/request_log.hpp"

#include "core/logging.hpp"
#include "log/redact_query.hpp"
#include "proxy/profile_preview.hpp"

namespace qp::proxy {

namespace http = net::http;
using std::chrono::duration_cast;
using std::chrono::microseconds;

namespace {

std::uint64_t request_body_bytes(const net::IncomingRequest& request) {
  if (!request.message.body().empty()) return request.message.body().size();
  if (request.body.done() && request.body.content_length()) return *request.body.content_length();
  return 0;  // not read, or streamed through with chunked framing
}

}  // namespace

metrics::Api api_of(http::verb method, std::string_view path) {
  if (method == http::verb::post) {
    if (path == "/v1/chat/completions") return metrics::Api::chat;
    if (path == "/v1/completions") return metrics::Api::completions;
    if (path == "/tokenize") return metrics::Api::tokenize;
    if (path == "/detokenize") return metrics::Api::detokenize;
    if (path == kProfilePreviewPath) return metrics::Api::preview;
  }
  if (method == http::verb::get || method == http::verb::head) {
    if (path == "/health" || path == "/ready") return metrics::Api::health;
    if (path == "/v1/models") return metrics::Api::models;
  }
  return metrics::Api::passthrough;
}

log::AccessLogRecord access_log_record(const net::IncomingRequest& request,
                                       net::RequestRecord::Clock::time_point ended_at) {
  const net::RequestRecord& record = request.record;
  log::AccessLogRecord line;
  line.request_id = record.request_id;
  if (line.request_id.empty()) {  // answered before forwarding: the client's id, if it sent one
    const auto given = request.message.find("x-request-id");
    if (given != request.message.end()) line.request_id = given->value();
  }
  line.client_address = request.client_address;
  line.method = request.message.method_string();
  line.path = request.message.target();
  line.virtual_model = record.virtual_model;
  line.profile = record.profile;
  line.status = record.status;
  line.bytes_in = request_body_bytes(request);
  line.bytes_out = record.bytes_out;
  line.duration = duration_cast<microseconds>(ended_at - record.started_at);
  if (record.first_byte_at) {
    line.time_to_first_byte =
        duration_cast<microseconds>(*record.first_byte_at - record.started_at);
  }
  if (record.first_token_at) {
    line.time_to_first_token =
        duration_cast<microseconds>(*record.first_token_at - record.started_at);
  }
  line.sse_events = record.sse_events;
  line.prompt_tokens = record.prompt_tokens;
  line.completion_tokens = record.completion_tokens;
  line.outcome = record.outcome;
  return line;
}

void record_request_metrics(const net::RequestRecord& record, metrics::ThreadMetrics& recorder,
                            net::RequestRecord::Clock::time_point ended_at) {
  const metrics::MetricsSchema& schema = recorder.schema();
  const metrics::ModelIndex model =
      record.profile.empty() ? schema.unmatched_model() : schema.model_index(record.profile);
  const bool left_before_head =
      record.status == 0 && record.outcome == log::RequestOutcome::client_aborted;
  recorder.count_request(model, record.api, left_before_head ? 499 : record.status);
  recorder.observe_request_duration(model,
                                    duration_cast<microseconds>(ended_at - record.started_at));
  if (record.first_token_at) {
    recorder.observe_time_to_first_token(
        model, duration_cast<microseconds>(*record.first_token_at - record.started_at));
  }
  if (record.outcome == log::RequestOutcome::client_aborted) recorder.count_client_abort(model);
  if (record.prompt_tokens && record.completion_tokens) {
    recorder.count_tokens(model, *record.prompt_tokens, *record.completion_tokens);
  }
  if (record.upstream_error) recorder.count_upstream_error(*record.upstream_error);
}

namespace {

// Logs `line` at INFO on the access logger, with credentials in its query redacted.
void log_access_line(log::AccessLogRecord line, log::AccessLogFormat format) {
  std::string redacted_path;  // only a target with a query can carry a credential
  if (line.path.find('?') != std::string_view::npos) {
    redacted_path = log::redact_query_credentials(line.path);
    line.path = redacted_path;
  }
  const std::string text = log::format_access_log_line(line, format);
  access_logger().log(spdlog::level::info,
                      spdlog::string_view_t(text.data(), text.size()));  // not a format
}

}  // namespace

void finish_request(const net::IncomingRequest& request, metrics::ThreadMetrics* recorder,
                    log::AccessLogFormat format) {
  const auto ended_at = net::RequestRecord::Clock::now();
  if (recorder != nullptr) record_request_metrics(request.record, *recorder, ended_at);
  if (!access_logger().should_log(spdlog::level::info)) return;
  log_access_line(access_log_record(request, ended_at), format);
}

void finish_refused_request(const net::RefusedRequest& refused, metrics::Api api,
                            metrics::ThreadMetrics* recorder, log::AccessLogFormat format) {
  if (recorder != nullptr) {
    recorder->count_request(recorder->schema().unmatched_model(), api, refused.status);
  }
  if (!access_logger().should_log(spdlog::level::info)) return;
  log::AccessLogRecord line;
  line.client_address = refused.client_address;
  line.method = refused.method;
  line.path = refused.target;
  line.status = refused.status;
  line.duration =
      duration_cast<microseconds>(net::RequestRecord::Clock::now() - refused.started_at);
  line.outcome = log::RequestOutcome::rejected;
  log_access_line(line, format);
}

}  // namespace qp::proxy
