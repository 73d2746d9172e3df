// Discovery of the backend model name.
#include "proxy/served_model.hpp"

#include <spdlog/spdlog.h>

#include "proxy/backend_fetch.hpp"
#include "transform/model_cards.hpp"

namespace qp::proxy {

Result<std::string> only_served_model(std::string_view models_json) {
  auto cards = transform::parse_model_cards(models_json);
  if (!cards.ok()) return cards.take_error();
  if (cards->size() != 1) {
    std::string ids;
    for (const auto& card : *cards) ids.append(ids.empty() ? "" : ", ").append(card.id);
    return make_error(ErrorKind::backend_broken,
                      "The backend serves " + std::to_string(cards->size()) + " models (" + ids +
                          "); name the one to use with --served-model.");
  }
  return std::move(cards->front().id);
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
