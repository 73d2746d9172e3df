// Parsing of a /v1/models answer.
#include "transform/model_cards.hpp"

#include <simdjson.h>

namespace qp::transform {

Result<std::vector<ModelCard>> parse_model_cards(std::string_view models_json) {
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
  std::vector<ModelCard> cards;
  for (auto card : data) {
    std::string_view id;
    if (card["id"].get_string().get(id)) continue;  // not a usable card
    ModelCard parsed{std::string(id), std::nullopt};
    std::uint64_t length = 0;
    if (!card["max_model_len"].get_uint64().get(length)) parsed.max_model_len = length;
    cards.push_back(std::move(parsed));
  }
  return cards;
}

}  // namespace qp::transform
