// /v1/models, /version, /tokenize and /detokenize (spec sections 5, 6, 7).
#include "endpoints.hpp"

#include "errors.hpp"
#include "json_out.hpp"
#include "request.hpp"
#include "tokenizer.hpp"

namespace qp::sim {

SimpleResponse models_response(const SimOptions& o) {
  const auto now = std::to_string(unix_now());
  std::string body =
      "{\"object\":\"list\",\"data\":[{\"id\":" + json_string(o.served_model_name) +
      ",\"object\":\"model\",\"created\":" + now +
      ",\"owned_by\":\"vllm\",\"root\":" + json_string(o.model) +
      ",\"parent\":null,\"max_model_len\":" + std::to_string(o.max_model_len) +
      ",\"permission\":[{\"id\":\"modelperm-" + random_hex(random_id_hex_len(o.dialect)) +
      "\",\"object\":\"model_permission\",\"created\":" + now +
      ",\"allow_create_engine\":false,\"allow_sampling\":true,\"allow_logprobs\":true,"
      "\"allow_search_indices\":false,\"allow_view\":true,\"allow_fine_tuning\":false,"
      "\"organization\":\"*\",\"group\":null,\"is_blocking\":false}]}]}";
  return {200, "application/json", std::move(body)};
}

SimpleResponse version_response(const SimOptions& o) {
  return {200, "application/json", "{\"version\":" + json_string(version_string(o.dialect)) + "}"};
}

SimpleResponse tokenize_response(const SimOptions& o, const std::string& body) {
  auto parsed = parse_tokenize_request(body);
  if (auto* bad = std::get_if<BadRequest>(&parsed)) {
    return bad_request_response(o.dialect, bad->message, bad->param);
  }
  const auto& req = std::get<TokenizeRequest>(parsed);
  if (auto err = check_model(o, req.model)) return *err;
  const auto tokens = sim_tokenize(req.messages_mode ? render_chat_prompt(req.chat) : req.prompt);
  std::string ids = "[", strs = "[";
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i) {
      ids += ",";
      strs += ",";
    }
    ids += std::to_string(tokens[i].id);
    strs += json_string(tokens[i].text);
  }
  ids += "]";
  strs += "]";
  return {200, "application/json",
          "{\"count\":" + std::to_string(tokens.size()) +
              ",\"max_model_len\":" + std::to_string(o.max_model_len) + ",\"tokens\":" + ids +
              ",\"token_strs\":" + (req.return_token_strs ? strs : std::string("null")) + "}"};
}

SimpleResponse detokenize_response(const SimOptions& o, const std::string& body) {
  auto parsed = parse_detokenize_request(body);
  if (auto* bad = std::get_if<BadRequest>(&parsed)) {
    return bad_request_response(o.dialect, bad->message, bad->param);
  }
  const auto& req = std::get<DetokenizeRequest>(parsed);
  if (auto err = check_model(o, req.model)) return *err;
  const auto d = sim_detokenize(req.tokens);
  if (d.bad_id) {
    return {400, "application/json",
            error_body(o.dialect, "Token id " + std::to_string(*d.bad_id) + " is out of vocabulary",
                       "BadRequestError", "", 400)};
  }
  return {200, "application/json", "{\"prompt\":" + json_string(d.text) + "}"};
}

}  // namespace qp::sim
