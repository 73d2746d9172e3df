// Toy tokenizer and Qwen3.5 chat-template rendering (see tokenizer.hpp).
#include "tokenizer.hpp"

#include <array>
#include <utility>

namespace qp::sim {
namespace {

constexpr std::array<std::pair<std::string_view, std::int64_t>, 7> kSpecial{{
    {"<|endoftext|>", 248044},
    {"<|im_start|>", 248045},
    {"<|im_end|>", 248046},
    {"<tool_call>", 248058},
    {"</tool_call>", 248059},
    {"<think>", 248068},
    {"</think>", 248069},
}};
constexpr std::int64_t kPairBase = 256;    // two ASCII bytes: 256 + b0 * 256 + b1
constexpr std::int64_t kCharBase = 66000;  // one non-ASCII character: 66000 + code point
constexpr std::int64_t kCharLimit = 248000;

std::size_t utf8_len(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes one UTF-8 character of `n` bytes; nullopt when malformed.
std::optional<std::uint32_t> decode_utf8(std::string_view s, std::size_t n) {
  if (n < 2 || s.size() < n) return std::nullopt;
  std::uint32_t cp = static_cast<unsigned char>(s[0]) & (0x7F >> n);
  for (std::size_t i = 1; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (c & 0x3F);
  }
  return cp;
}

}  // namespace

std::vector<Token> sim_tokenize(std::string_view text) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::string_view rest = text.substr(i);
    bool special = false;
    for (const auto& [name, id] : kSpecial) {
      if (rest.substr(0, name.size()) == name) {
        out.push_back({id, std::string(name)});
        i += name.size();
        special = true;
        break;
      }
    }
    if (special) continue;
    const auto c0 = static_cast<unsigned char>(rest[0]);
    if (c0 < 0x80) {
      const bool pair =
          rest.size() > 1 && static_cast<unsigned char>(rest[1]) < 0x80 && rest[1] != '<';
      if (pair) {
        out.push_back({kPairBase + c0 * 256 + static_cast<unsigned char>(rest[1]),
                       std::string(rest.substr(0, 2))});
        i += 2;
      } else {
        out.push_back({c0, std::string(1, rest[0])});
        i += 1;
      }
      continue;
    }
    const std::size_t n = utf8_len(c0);
    const auto cp = decode_utf8(rest, n);
    if (cp && kCharBase + *cp < kCharLimit) {
      out.push_back({kCharBase + *cp, std::string(rest.substr(0, n))});
      i += n;
    } else {
      out.push_back({c0, std::string(1, rest[0])});  // a raw byte
      i += 1;
    }
  }
  return out;
}

std::size_t sim_token_count(std::string_view text) { return sim_tokenize(text).size(); }

Detokenized sim_detokenize(const std::vector<std::int64_t>& ids) {
  Detokenized d;
  for (const std::int64_t id : ids) {
    if (id < 0 || id >= kVocabSize) {
      d.bad_id = id;
      return d;
    }
    if (id < kPairBase) {
      d.text.push_back(static_cast<char>(id));
    } else if (id < kPairBase + 128 * 256) {
      d.text.push_back(static_cast<char>((id - kPairBase) / 256));
      d.text.push_back(static_cast<char>((id - kPairBase) % 256));
    } else if (id >= kCharBase && id < kCharLimit) {
      append_utf8(d.text, static_cast<std::uint32_t>(id - kCharBase));
    } else {
      for (const auto& [name, sid] : kSpecial) {
        if (sid == id) d.text += name;
      }
    }
  }
  return d;
}

std::string render_chat_prompt(const ChatRequest& r) {
  std::string out;
  if (!r.tools.empty()) {
    out += "<|im_start|>system\n# Tools\n\nYou have access to the following functions:\n\n<tools>";
    for (const auto& t : r.tools) {
      out += "\n<function>\n<name>" + t.name + "</name>\n<parameters>";
      for (const auto& p : t.params)
        out += "\n<parameter>\n<name>" + p.name + "</name>\n</parameter>";
      out += "\n</parameters>\n</function>";
    }
    out += "\n</tools><|im_end|>\n";
  }
  for (const auto& m : r.messages) {
    out += "<|im_start|>" + m.role + "\n" + m.text + "<|im_end|>\n";
  }
  if (r.add_generation_prompt) {
    out += "<|im_start|>assistant\n";
    out += r.enable_thinking ? "<think>\n" : "<think>\n\n</think>\n\n";
  }
  return out;
}

}  // namespace qp::sim
