// Discovery of the backend model name.
#include "proxy/served_model.hpp"

#include <simdjson.h>
#include <spdlog/spdlog.h>

#include "proxy/backend_fetch.hpp"

namespace qp::proxy {

Result<std::string> only_served_model(std::string_view models_json) {
  simdjson::dom::parser parser;
  simdjson::dom::element document;
  if (parser.parse(models_json.data(), models_json.size()).get(document)) {
    return make_error(ErrorKind::backend_broken, "The backend's /v1/models answer is not JSON.");
  }
  simdjson::dom::array data;
  if (document["data"].get_array().get(data)) {
    return make_error(ErrorKind::backend_broken,
                      "The backend's /v1/models answer has no data list.");
  }
  std::string ids;
  std::string only;
  std::size_t count = 0;
  for (auto card : data) {
    std::string_view id;
    if (card["id"].get_string().get(id)) continue;
    ids.append(ids.empty() ? "" : ", ").append(id);
    only = std::string(id);
    ++count;
  }
  if (count != 1) {
    return make_error(ErrorKind::backend_broken, "The backend serves " + std::to_string(count) +
                                                     " models (" + ids +
                                                     "); name the one to use with --served-model.");
  }
  return only;
}

std::shared_ptr<const Config> with_served_model(const Config& config, const std::string& model) {
  auto updated = std::make_shared<Config>(config);
  updated->served_model = model;
  for (auto& profile : updated->profiles) {
    if (profile.backend_model.empty()) profile.backend_model = model;
  }
  return updated;
}

net::awaitable<Result<std::shared_ptr<const Config>>> discover_served_model(ThreadContext& thread) {
  auto config = thread.shared().config.get();
  auto answer =
      co_await fetch_from_backend(thread, *config, "/v1/models", std::chrono::seconds(10));
  if (!answer.ok()) co_return answer.take_error();
  if (answer->status != 200) {
    co_return make_error(ErrorKind::backend_broken, "The backend answered /v1/models with status " +
                                                        std::to_string(answer->status) + ".");
  }
  auto model = only_served_model(answer->body);
  if (!model.ok()) co_return model.take_error();
  auto latest = thread.shared().config.get();
  if (latest->served_model.empty()) {
    latest = with_served_model(*latest, *model);
    thread.shared().config.set(latest);
    spdlog::info("backend serves one model, {}: the virtual models use it", *model);
  }
  co_return latest;
}

}  // namespace qp::proxy
