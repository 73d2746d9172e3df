// Deterministic token plans for chat and completions (see text_plan.hpp).
#include "text_plan.hpp"

#include <algorithm>
#include <cctype>

#include "json_out.hpp"

namespace qp::sim {
namespace {

std::vector<std::string> words_of(const std::string& text, std::size_t limit) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
      if (words.size() == limit) return words;
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty() && words.size() < limit) words.push_back(std::move(cur));
  return words;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// `count` tokens: the fixed opening, then the user's words, then a repeating filler.
std::vector<std::string> sequence(std::vector<std::string> head,
                                  const std::vector<std::string>& words,
                                  const std::vector<std::string>& tail,
                                  const std::vector<std::string>& filler, std::int64_t count) {
  for (const auto& w : words) head.push_back(" " + w);
  head.insert(head.end(), tail.begin(), tail.end());
  std::vector<std::string> out;
  for (std::int64_t i = 0; i < count; ++i) {
    const auto idx = static_cast<std::size_t>(i);
    out.push_back(idx < head.size() ? head[idx] : filler[(idx - head.size()) % filler.size()]);
  }
  return out;
}

std::vector<std::string> reasoning_tokens(const std::vector<std::string>& words, std::int64_t n) {
  return sequence({"Thinking", " Process", ":\n\n", "1.", " The", " user", " wrote", ":"}, words,
                  {"\n", "2.", " Answer", " briefly", ".", "\n"},
                  {"3.", " Check", " the", " details", " again", ".", "\n"}, n);
}

std::vector<std::string> content_tokens(const std::vector<std::string>& words, std::int64_t n,
                                        bool leading_blank_line) {
  std::vector<std::string> head{"Simulated", " answer", ":"};
  if (leading_blank_line) head.insert(head.begin(), "\n\n");
  return sequence(std::move(head), words, {"."}, {" More", " simulated", " text", "."}, n);
}

// The city-like word after " in " in the message, else Paris.
std::string city_from(const std::string& text) {
  const auto pos = text.find(" in ");
  if (pos != std::string::npos) {
    auto w = words_of(text.substr(pos + 4), 1);
    if (!w.empty()) {
      std::string city = w[0];
      while (!city.empty() && std::ispunct(static_cast<unsigned char>(city.back())))
        city.pop_back();
      if (!city.empty() && std::isupper(static_cast<unsigned char>(city[0]))) return city;
    }
  }
  return "Paris";
}

std::string param_value(const ToolParam& p, const std::string& text) {
  if (!p.first_enum.empty()) return json_string(p.first_enum);
  if (p.type == "integer" || p.type == "number") return "1";
  if (p.type == "boolean") return "true";
  if (p.type == "array") return "[]";
  if (p.type == "object") return "{}";
  const auto name = lower(p.name);
  if (name == "city" || name == "location" || name == "place") return json_string(city_from(text));
  return json_string("example");
}

// Which tool the user asks for: one named in the message, else a weather tool, else none.
const ToolDef* pick_tool(const ChatRequest& r, const std::string& text) {
  if (r.tools.empty() || r.tool_choice == "none") return nullptr;
  if (r.tool_choice_named) {
    for (const auto& t : r.tools) {
      if (t.name == r.tool_choice) return &t;
    }
    return nullptr;
  }
  const auto msg = lower(text);
  for (const auto& t : r.tools) {
    if (!t.name.empty() && msg.find(lower(t.name)) != std::string::npos) return &t;
  }
  const bool wants = msg.find("weather") != std::string::npos || r.tool_choice == "required";
  if (!wants) return nullptr;
  for (const auto& t : r.tools) {
    if (lower(t.name).find("weather") != std::string::npos) return &t;
  }
  return &r.tools.front();
}

}  // namespace

ChatPlan plan_chat(const PlanInput& in) {
  const ChatRequest& r = *in.request;
  const std::string text = last_user_text(r.messages);
  const auto words = words_of(text, 12);
  const bool thinking = r.enable_thinking;
  ChatPlan plan;
  std::vector<Piece> all;
  auto push = [&all](PieceKind k, const std::vector<std::string>& texts) {
    for (const auto& t : texts) all.push_back({k, t});
  };

  if (const ToolDef* tool = pick_tool(r, text)) {
    plan.has_tool = true;
    plan.tool.name = tool->name;
    std::vector<std::string> frags{"{"};
    for (std::size_t i = 0; i < tool->params.size(); ++i) {
      const auto& p = tool->params[i];
      frags.push_back((i ? ", " : "") + json_string(p.name) + ": " + param_value(p, text));
    }
    frags.push_back("}");
    for (const auto& f : frags) plan.tool.arguments += f;
    const auto tool_tokens = static_cast<std::int64_t>(frags.size()) + 1;
    if (thinking) {
      push(PieceKind::reasoning,
           reasoning_tokens(words, std::max<std::int64_t>(1, in.tokens - 2 - tool_tokens)));
      all.push_back({PieceKind::think_end, "</think>"});
      all.push_back({PieceKind::content, "\n\n"});
    }
    all.push_back({PieceKind::tool_header, tool->name});
    push(PieceKind::tool_args, frags);
    plan.finish_reason = r.tool_choice_named ? "stop" : "tool_calls";
  } else if (thinking && in.tokens >= 3) {
    const std::int64_t c = std::max<std::int64_t>(1, in.tokens / 3);
    push(PieceKind::reasoning, reasoning_tokens(words, in.tokens - 1 - c));
    all.push_back({PieceKind::think_end, "</think>"});
    push(PieceKind::content, content_tokens(words, c, true));
    plan.finish_reason = "stop";
  } else if (thinking) {
    push(PieceKind::reasoning, reasoning_tokens(words, in.tokens));
    plan.finish_reason = "stop";
  } else {
    push(in.misplace_answer ? PieceKind::reasoning : PieceKind::content,
         content_tokens(words, in.tokens, false));
    plan.finish_reason = "stop";
  }

  if (static_cast<std::int64_t>(all.size()) > in.max_tokens) {
    all.resize(static_cast<std::size_t>(in.max_tokens));
    plan.finish_reason = "length";
  }
  plan.tool_call_complete = plan.has_tool && !all.empty() &&
                            all.back().kind == PieceKind::tool_args && all.back().text == "}" &&
                            plan.finish_reason != "length";
  plan.pieces = std::move(all);
  return plan;
}

std::vector<std::string> plan_completion_tokens(const std::string& prompt, std::int64_t count) {
  return sequence({" This", " is", " a", " simulated", " completion", " of", ":"},
                  words_of(prompt, 8), {"."}, {" More", " text", "."}, count);
}

}  // namespace qp::sim
