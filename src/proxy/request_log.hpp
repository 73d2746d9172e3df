// The end of every request: its metrics go into the thread's recorder and its access-log line to
// the log, both from the RequestRecord the request filled in (see net/request_record.hpp).
#pragma once

#include <string_view>

#include "log/access_log.hpp"
#include "metrics/thread_metrics.hpp"
#include "net/client_session.hpp"

namespace qp::proxy {

// The `api` label of a request, by method and path, as the request handler routes it.
metrics::Api api_of(net::http::verb method, std::string_view path);

// The access-log line's fields, views into `request` (which must outlive the result).
log::AccessLogRecord access_log_record(const net::IncomingRequest& request,
                                       net::RequestRecord::Clock::time_point ended_at);

// Counts the request in `recorder` (the thread's own): requests by model, API and status (499 for
// a client that left before any response head), duration, time to first token, client aborts,
// tokens, and the upstream error. The model is the profile applied, else the unmatched slot, so a
// name a client makes up never becomes a label.
void record_request_metrics(const net::RequestRecord& record, metrics::ThreadMetrics& recorder,
                            net::RequestRecord::Clock::time_point ended_at);

// Both of the above at the end of a request, on its thread; `recorder` may be null (no registry:
// nothing is counted). The line is logged at INFO in `format` on the access logger, which
// batches it: the caller schedules flush_access_log(). It holds no header, so no
// Authorization or API key; a query parameter that looks like a credential has its value redacted.
void finish_request(const net::IncomingRequest& request, metrics::ThreadMetrics* recorder,
                    log::AccessLogFormat format);

// The same for a request the session refused while reading its head (net::RefusedRequest), whose
// API label the caller gives: counted by status under the unmatched model, without a duration
// (a head that never arrived whole would skew the histogram by the header timeout), and logged
// with outcome `rejected`.
void finish_refused_request(const net::RefusedRequest& refused, metrics::Api api,
                            metrics::ThreadMetrics* recorder, log::AccessLogFormat format);

}  // namespace qp::proxy
