// Reading [[models]] into Profiles: rules, known field types, APIs and per-model switches.
#include "config/profile_file.hpp"

#include <algorithm>
#include <array>

#include "config/config_error.hpp"
#include "config/toml_json.hpp"
#include "config/toml_reader.hpp"
#include "config/value_parsers.hpp"

namespace qp {
namespace {

enum class ValueKind { number, integer, boolean, string_or_strings };

struct KnownField {
  std::string_view name;
  ValueKind kind;
};

// Request fields whose type vLLM checks; a profile value of another type is refused at load.
constexpr std::array<KnownField, 17> kKnownFields = {{
    {"temperature", ValueKind::number},
    {"top_p", ValueKind::number},
    {"min_p", ValueKind::number},
    {"presence_penalty", ValueKind::number},
    {"frequency_penalty", ValueKind::number},
    {"repetition_penalty", ValueKind::number},
    {"length_penalty", ValueKind::number},
    {"top_k", ValueKind::integer},
    {"seed", ValueKind::integer},
    {"max_tokens", ValueKind::integer},
    {"max_completion_tokens", ValueKind::integer},
    {"min_tokens", ValueKind::integer},
    {"n", ValueKind::integer},
    {"skip_special_tokens", ValueKind::boolean},
    {"ignore_eos", ValueKind::boolean},
    {"include_stop_str_in_output", ValueKind::boolean},
    {"stop", ValueKind::string_or_strings},
}};

// Fields the proxy owns: `model` is always the profile's backend model, and chat_template_kwargs
// has its own table so that it merges key by key.
constexpr std::array<std::string_view, 2> kReservedParams = {"model", "chat_template_kwargs"};

bool has_kind(const toml::node& value, ValueKind kind) {
  switch (kind) {
    case ValueKind::number:
      return value.is_integer() || value.is_floating_point();
    case ValueKind::integer:
      return value.is_integer();
    case ValueKind::boolean:
      return value.is_boolean();
    case ValueKind::string_or_strings: {
      if (value.is_string()) return true;
      const toml::array* strings = value.as_array();
      return strings != nullptr && std::all_of(strings->begin(), strings->end(),
                                               [](const toml::node& s) { return s.is_string(); });
    }
  }
  return false;
}

std::string_view kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::number:
      return "a number";
    case ValueKind::integer:
      return "an integer";
    case ValueKind::boolean:
      return "a boolean";
    case ValueKind::string_or_strings:
      return "a string or an array of strings";
  }
  return "";
}

// One `field = { default = V }` / `{ force = V }` / `{ strip = true }` entry.
FieldSetting read_rule(const std::string& path, const toml::key& field, const toml::node& rule,
                       bool in_chat_template_kwargs) {
  const std::string name = path + "." + std::string(field.str());
  const toml::table* table = rule.as_table();
  if (table == nullptr || table->size() != 1) {
    throw ConfigError(source_location(rule.source()) + ": " + name +
                      " must be a table with one rule: { default = VALUE }, { force = VALUE } "
                      "or { strip = true }");
  }
  // toml++ iterators hand out a proxy stored in the iterator: keep the iterator alive.
  const auto only_rule = table->begin();
  const toml::key& rule_key = only_rule->first;
  const toml::node& value = only_rule->second;
  FieldSetting setting{std::string(field.str()), "", FieldRule::fill_default};
  if (rule_key == "strip") {
    if (value.value<bool>() != true) {
      throw ConfigError(source_location(value.source()) + ": " + name +
                        ".strip must be true (remove the rule to keep the field)");
    }
    setting.rule = FieldRule::strip;
    return setting;
  }
  if (rule_key == "force") {
    setting.rule = FieldRule::force;
  } else if (rule_key != "default") {
    throw ConfigError(source_location(rule_key.source()) + ": unknown rule \"" +
                      std::string(rule_key.str()) + "\" for " + name +
                      " (default, force or strip)");
  }
  try {
    check_field_value(field.str(), in_chat_template_kwargs, value);
  } catch (const ConfigError& error) {
    throw ConfigError(source_location(value.source()) + ": " + name + " " + error.what());
  }
  setting.json_value = toml_to_json(value);
  return setting;
}

std::vector<FieldSetting> read_rules(const toml::table* table, const std::string& path,
                                     bool in_chat_template_kwargs) {
  std::vector<FieldSetting> settings;
  if (table == nullptr) return settings;
  for (const auto& [key, rule] : members_in_file_order(*table)) {
    if (!in_chat_template_kwargs) {
      for (std::string_view reserved : kReservedParams) {
        if (key->str() != reserved) continue;
        throw ConfigError(source_location(key->source()) + ": " + path + "." +
                          std::string(key->str()) + " cannot be set here" +
                          (reserved == "model" ? " (the proxy sets model to backend_model)"
                                               : " (use the model's chat_template_kwargs table)"));
      }
    }
    settings.push_back(read_rule(path, *key, *rule, in_chat_template_kwargs));
  }
  return settings;
}

ApiSet read_apis(TomlTable& model) {
  const auto names = model.strings("apis");
  if (!names) return ApiSet{};
  constexpr std::array<std::pair<std::string_view, Api>, 5> kApis = {
      {{"chat", Api::chat},
       {"completions", Api::completions},
       {"tokenize", Api::tokenize},
       {"responses", Api::responses},
       {"messages", Api::messages}}};
  ApiSet apis = ApiSet::none();
  const toml::array& nodes = *model.raw().get_as<toml::array>("apis");
  for (std::size_t i = 0; i < names->size(); ++i) {
    bool known = false;
    for (const auto& [name, api] : kApis) {
      if ((*names)[i] != name) continue;
      apis = apis.with(api);
      known = true;
    }
    if (!known) {
      throw ConfigError(source_location(nodes[i].source()) + ": unknown API \"" + (*names)[i] +
                        "\" in " + model.name_of("apis") +
                        " (chat, completions, tokenize, responses, messages)");
    }
  }
  if (apis.empty()) {
    throw ConfigError(source_location(nodes.source()) + ": " + model.name_of("apis") +
                      " must list at least one API");
  }
  return apis;
}

bool forces_thinking_off(const Profile& profile) {
  for (const FieldSetting& kwarg : profile.chat_template_kwargs) {
    if (kwarg.name == "enable_thinking") {
      return kwarg.rule == FieldRule::force && kwarg.json_value == "false";
    }
  }
  return false;
}

FileProfile read_model(const toml::table& table, const std::string& path) {
  TomlTable model(table, path);
  FileProfile entry;
  entry.location = source_location(table.source());
  Profile& profile = entry.profile;
  const auto name = model.string("name");
  if (!name) throw ConfigError(entry.location + ": " + path + " has no name");
  const auto model_name = [&](std::string_view key, const std::string& text) {
    try {
      return parse_model_name(text);
    } catch (const ConfigError& error) {
      throw ConfigError(source_location(model.node(key)->source()) + ": " + model.name_of(key) +
                        " " + error.what());
    }
  };
  profile.virtual_name = model_name("name", *name);
  if (const auto backend = model.string("backend_model")) {
    profile.backend_model = model_name("backend_model", *backend);
  }
  profile.params = read_rules(model.table("params"), path + ".params", false);
  profile.chat_template_kwargs =
      read_rules(model.table("chat_template_kwargs"), path + ".chat_template_kwargs", true);
  profile.apis = read_apis(model);
  if (const auto field = model.string("reasoning_field")) {
    try {
      entry.reasoning_field = parse_reasoning_field(*field);
    } catch (const ConfigError& error) {
      throw ConfigError(source_location(model.node("reasoning_field")->source()) + ": " +
                        model.name_of("reasoning_field") + " " + error.what());
    }
  }
  profile.repair_misplaced_answer =
      model.boolean("repair_misplaced_answer").value_or(forces_thinking_off(profile));
  if (const auto keys = model.strings("allowed_keys")) {
    profile.allowed_keys = *keys;
    entry.allowed_keys_location = source_location(model.node("allowed_keys")->source());
  }
  model.reject_unknown_keys();
  return entry;
}

}  // namespace

void check_field_value(std::string_view name, bool in_chat_template_kwargs,
                       const toml::node& value) {
  if (in_chat_template_kwargs) {
    if (name == "enable_thinking" && !value.is_boolean()) {
      throw ConfigError("must be a boolean, not " + std::string(toml_type_name(value)));
    }
    return;
  }
  for (const KnownField& known : kKnownFields) {
    if (known.name != name || has_kind(value, known.kind)) continue;
    throw ConfigError("must be " + std::string(kind_name(known.kind)) + ", not " +
                      std::string(toml_type_name(value)));
  }
}

std::vector<FileProfile> read_file_profiles(const toml::array& models, const toml::node& where) {
  if (models.empty()) {
    throw ConfigError(source_location(where.source()) + ": models must list at least one model");
  }
  std::vector<FileProfile> entries;
  for (std::size_t i = 0; i < models.size(); ++i) {
    const std::string path = "models[" + std::to_string(i + 1) + "]";
    const toml::table* table = models[i].as_table();
    if (table == nullptr) {
      throw ConfigError(source_location(models[i].source()) + ": " + path + " must be a table");
    }
    entries.push_back(read_model(*table, path));
    for (std::size_t j = 0; j < i; ++j) {
      if (entries[j].profile.virtual_name != entries[i].profile.virtual_name) continue;
      throw ConfigError(entries[i].location + ": virtual model name \"" +
                        entries[i].profile.virtual_name + "\" is already used at " +
                        entries[j].location);
    }
  }
  return entries;
}

}  // namespace qp
