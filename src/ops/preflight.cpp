// The pre-flight report: from the backend's four answers to findings, pure; its text and its log.
#include "ops/preflight.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace qp::ops {
namespace {

std::string describe_card(const ModelCard& card) {
  return card.id + " (max_model_len " +
         (card.max_model_len ? std::to_string(*card.max_model_len) : std::string("unknown")) + ")";
}

std::string model_list(const std::vector<ModelCard>& cards) {
  std::string ids;
  for (const ModelCard& card : cards) ids.append(ids.empty() ? "" : ", ").append(card.id);
  return cards.empty() ? "no model" : ids;
}

// Why an answer cannot be used, or empty when it is a 200.
std::string answer_problem(const Result<HttpAnswer>& answer, std::string_view path) {
  if (!answer.ok()) return answer.error().message;
  if (answer->status != 200) {
    return "it answered " + std::string(path) + " with status " + std::to_string(answer->status);
  }
  return {};
}

void check_health(const BackendAnswers& answers, PreflightReport& report) {
  const std::string problem = answer_problem(answers.health, "/health");
  if (problem.empty()) {
    report.findings.push_back(
        {Severity::ok, "health", "backend " + report.backend + " is healthy"});
  } else {
    report.findings.push_back(
        {Severity::fail, "health", "backend " + report.backend + " is not usable: " + problem});
  }
}

void check_models(const BackendAnswers& answers, const ExpectedModels& expected,
                  PreflightReport& report) {
  std::string problem = answer_problem(answers.models, "/v1/models");
  if (problem.empty()) {
    auto cards = parse_model_cards(answers.models->body);
    if (cards.ok()) {
      report.models = std::move(*cards);
    } else {
      problem = cards.error().message;
    }
  }
  if (!problem.empty()) {
    report.findings.push_back({Severity::fail, "model", "cannot list its models: " + problem});
    return;
  }
  for (const std::string& name : expected.named) {
    const auto card = std::find_if(report.models.begin(), report.models.end(),
                                   [&name](const ModelCard& c) { return c.id == name; });
    if (card == report.models.end()) {
      report.findings.push_back(
          {Severity::fail, "model",
           "it does not serve " + name + "; it serves " + model_list(report.models)});
    } else {
      report.findings.push_back({Severity::ok, "model", "serves " + describe_card(*card)});
    }
  }
  if (!expected.needs_only_model) return;
  if (report.models.size() == 1) {
    report.only_model = report.models.front().id;
    report.findings.push_back(
        {Severity::ok, "model", "serves one model, " + describe_card(report.models.front())});
  } else {
    report.findings.push_back({Severity::fail, "model",
                               "it serves " + std::to_string(report.models.size()) + " models (" +
                                   model_list(report.models) +
                                   "); name the one to use with --served-model"});
  }
}

void check_version(const BackendAnswers& answers, PreflightReport& report) {
  std::string problem = answer_problem(answers.version, "/version");
  if (problem.empty()) {
    auto version = parse_vllm_version(answers.version->body);
    if (version.ok()) {
      report.version = std::move(*version);
    } else {
      problem = version.error().message;
    }
  }
  if (!report.version) {
    report.findings.push_back(
        {Severity::warn, "version", "vLLM version unknown, reasoning keys not known: " + problem});
    return;
  }
  report.reasoning_keys = backend_reasoning_keys(*report.version);
  report.findings.push_back({Severity::ok, "version",
                             "vLLM " + report.version->text + ": it sends the reasoning as " +
                                 std::string(describe(*report.reasoning_keys))});
}

void check_kv_cache(const BackendAnswers& answers, PreflightReport& report) {
  const std::string problem = answer_problem(answers.metrics, "/metrics");
  if (!problem.empty()) {
    report.findings.push_back(
        {Severity::warn, "kv-cache", "cannot read the KV cache dtype from /metrics: " + problem});
    return;
  }
  const std::vector<std::string> dtypes = kv_cache_dtypes(answers.metrics->body);
  if (dtypes.empty()) {
    report.findings.push_back({Severity::warn, "kv-cache",
                               "no vllm:cache_config_info in /metrics: KV cache dtype unknown"});
    return;
  }
  const auto fp8 = std::find_if(dtypes.begin(), dtypes.end(),
                                [](const std::string& d) { return is_fp8_cache_dtype(d); });
  if (fp8 == dtypes.end()) {
    report.findings.push_back({Severity::ok, "kv-cache", "KV cache dtype " + dtypes.front()});
    return;
  }
  report.fp8_kv_cache = true;
  report.findings.push_back(
      {Severity::warn, "kv-cache",
       "FP8 KV CACHE: the backend runs with cache_dtype=\"" + *fp8 +
           "\" (vllm:cache_config_info). Qwen3.5 is a hybrid model whose output degrades into "
           "gibberish with an FP8 KV cache, as its model card warns: restart vLLM without "
           "--kv-cache-dtype " +
           *fp8 + " (use auto)"});
}

std::string_view severity_tag(Severity severity) {
  switch (severity) {
    case Severity::ok:
      return "OK  ";
    case Severity::warn:
      return "WARN";
    case Severity::fail:
      return "FAIL";
  }
  return "?   ";
}

}  // namespace

ExpectedModels expected_models(const Config& config) {
  ExpectedModels expected;
  const auto add = [&expected](const std::string& name) {
    if (name.empty()) return;
    if (std::find(expected.named.begin(), expected.named.end(), name) == expected.named.end()) {
      expected.named.push_back(name);
    }
  };
  add(config.served_model);
  for (const Profile& profile : config.profiles) {
    add(profile.backend_model);
    expected.needs_only_model = expected.needs_only_model || profile.backend_model.empty();
  }
  if (config.profiles.empty() && config.served_model.empty()) expected.needs_only_model = true;
  return expected;
}

bool PreflightReport::usable() const {
  return std::none_of(findings.begin(), findings.end(),
                      [](const PreflightFinding& f) { return f.severity == Severity::fail; });
}

PreflightReport build_preflight_report(const BackendAnswers& answers,
                                       const ExpectedModels& expected, std::string backend) {
  PreflightReport report;
  report.backend = std::move(backend);
  check_health(answers, report);
  if (!answers.health.ok()) return report;  // unreachable: the other answers hold the same error
  check_models(answers, expected, report);
  check_version(answers, report);
  check_kv_cache(answers, report);
  return report;
}

std::string format_report(const PreflightReport& report) {
  std::string text;
  for (const PreflightFinding& finding : report.findings) {
    text.append(severity_tag(finding.severity))
        .append("  ")
        .append(finding.check)
        .append(": ")
        .append(finding.message)
        .append("\n");
  }
  text += report.usable() ? "backend usable\n" : "backend NOT usable\n";
  return text;
}

void log_report(const PreflightReport& report) {
  for (const PreflightFinding& finding : report.findings) {
    switch (finding.severity) {
      case Severity::ok:
        spdlog::info("pre-flight {}: {}", finding.check, finding.message);
        break;
      case Severity::warn:
        spdlog::warn("pre-flight {}: {}", finding.check, finding.message);
        break;
      case Severity::fail:
        spdlog::error("pre-flight {}: {}", finding.check, finding.message);
        break;
    }
  }
}

}  // namespace qp::ops
