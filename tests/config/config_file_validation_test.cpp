// Every configuration file error is a ConfigError that says where: "file:line:column" (asserted
// exactly) and what is wrong; keys never appear in the message.
#include <gtest/gtest.h>

#include "config/config_test_support.hpp"

namespace qp {
namespace {

using config_test::error_of;
using config_test::load;
using config_test::TempFile;

struct BadFile {
  const char* what;
  const char* text;
  int line;
  int column;
  std::vector<std::string> message_parts;
};

const BadFile kBadFiles[] = {
    {"syntax error", "[server]\nport = 9000x\n", 2, 12, {}},
    {"unterminated string", "[backend]\ntarget = \"http://x\n", 2, 19, {}},
    {"unknown top-level key", "colour = 1\n", 1, 1, {"unknown key colour"}},
    {"unknown table", "[sever]\nport = 1\n", 1, 2, {"unknown key sever"}},
    {"unknown key in a table",
     "[server]\nlisten = \"::1\"\nprot = 9000\n",
     3,
     1,
     {"unknown key server.prot"}},
    {"string for an integer",
     "[server]\nport = \"9000\"\n",
     2,
     8,
     {"server.port must be an integer, not a string"}},
    {"integer for a table", "server = 1\n", 1, 10, {"server must be a table, not an integer"}},
    {"string for a boolean",
     "[policy]\nenforce_sampling_params = \"yes\"\n",
     2,
     27,
     {"policy.enforce_sampling_params must be a boolean"}},
    {"port out of range",
     "[server]\nport = 70000\n",
     2,
     8,
     {"invalid value \"70000\"", "(server.port)", "0 to 65535"}},
    {"negative threads", "[server]\nthreads = -1\n", 2, 11, {"(server.threads)"}},
    {"bad log level", "[logging]\nlevel = \"verbose\"\n", 2, 9, {"(logging.level)", "COMPLETE"}},
    {"bad target", "[backend]\ntarget = \"https://gpu\"\n", 2, 10, {"(backend.target)", "https"}},
    {"idle timeout too long", "[backend]\nidle_timeout_ms = 5000\n", 2, 19, {"5 s"}},
    {"bad reasoning field",
     "[policy]\nreasoning_field = \"think\"\n",
     2,
     19,
     {"(policy.reasoning_field)"}},
    {"models not an array", "models = 1\n", 1, 10, {"models must be an array"}},
    {"no models", "models = []\n", 1, 10, {"at least one model"}},
    {"model without name", "[[models]]\nbackend_model = \"x\"\n", 1, 1, {"models[1] has no name"}},
    {"empty name", "[[models]]\nname = \"\"\n", 2, 8, {"models[1].name", "empty"}},
    {"duplicate virtual names",
     "[[models]]\nname = \"a\"\n[[models]]\nname = \"a\"\n",
     3,
     1,
     {"\"a\" is already used at", "config.toml:1:1"}},
    {"unknown key in a model",
     "[[models]]\nname = \"a\"\ncolour = 1\n",
     3,
     1,
     {"unknown key models[1].colour"}},
    {"unknown rule",
     "[[models]]\nname = \"a\"\nparams = { temperature = { fill = 1.0 } }\n",
     3,
     28,
     {"unknown rule \"fill\"", "models[1].params.temperature"}},
    {"two rules",
     "[[models]]\nname = \"a\"\n[models.params]\ntop_p = { default = 1.0, force = 1.0 }\n",
     4,
     9,
     {"models[1].params.top_p must be a table with one rule"}},
    {"rule not a table",
     "[[models]]\nname = \"a\"\n[models.params]\ntemperature = 1.0\n",
     4,
     15,
     {"models[1].params.temperature must be a table with one rule"}},
    {"temperature not a number",
     "[[models]]\nname = \"a\"\n[models.params]\ntemperature = { default = \"hot\" }\n",
     4,
     27,
     {"models[1].params.temperature must be a number, not a string"}},
    {"top_k not an integer",
     "[[models]]\nname = \"a\"\n[models.params]\ntop_k = { force = 20.5 }\n",
     4,
     19,
     {"params.top_k must be an integer, not a float"}},
    {"stop not strings",
     "[[models]]\nname = \"a\"\n[models.params]\nstop = { default = [1] }\n",
     4,
     20,
     {"params.stop must be a string or an array of strings"}},
    {"enable_thinking not a boolean",
     "[[models]]\nname = \"a\"\n[models.chat_template_kwargs]\nenable_thinking = { force = "
     "\"false\" "
     "}\n",
     4,
     29,
     {"chat_template_kwargs.enable_thinking must be a boolean, not a string"}},
    {"strip = false",
     "[[models]]\nname = \"a\"\n[models.params]\nseed = { strip = false }\n",
     4,
     18,
     {"strip must be true"}},
    {"model in params",
     "[[models]]\nname = \"a\"\n[models.params]\nmodel = { force = \"x\" }\n",
     4,
     1,
     {"models[1].params.model cannot be set here"}},
    {"chat_template_kwargs in params",
     "[[models]]\nname = \"a\"\nparams = { chat_template_kwargs = { default = {} } }\n",
     3,
     12,
     {"params.chat_template_kwargs cannot be set here"}},
    {"nan value",
     "[[models]]\nname = \"a\"\nparams = { foo = { default = nan } }\n",
     3,
     30,
     {"not valid JSON"}},
    {"date value",
     "[[models]]\nname = \"a\"\nparams = { foo = { default = 2024-01-01 } }\n",
     3,
     30,
     {"dates and times"}},
    {"unknown API",
     "[[models]]\nname = \"a\"\napis = [\"chat\", \"grpc\"]\n",
     3,
     17,
     {"unknown API \"grpc\""}},
    {"no API", "[[models]]\nname = \"a\"\napis = []\n", 3, 8, {"at least one API"}},
    {"API not a string",
     "[[models]]\nname = \"a\"\napis = [\"chat\", 2]\n",
     3,
     17,
     {"each element of models[1].apis must be a string"}},
    {"bad model reasoning field",
     "[[models]]\nname = \"a\"\nreasoning_field = \"x\"\n",
     3,
     19,
     {"models[1].reasoning_field", "as-is"}},
    {"repair not a boolean",
     "[[models]]\nname = \"a\"\nrepair_misplaced_answer = 1\n",
     3,
     27,
     {"must be a boolean"}},
    {"allowed key that does not exist",
     "[auth]\napi_keys = [{ name = \"alice\", key = \"sk-a\" }]\n[[models]]\nname = \"a\"\n"
     "allowed_keys = [\"bob\"]\n",
     5,
     16,
     {"names \"bob\"", "not the name of a configured API key"}},
    {"allowed keys without any key",
     "[[models]]\nname = \"a\"\nallowed_keys = [\"bob\"]\n",
     3,
     16,
     {"names \"bob\""}},
    {"api key of the wrong type",
     "[auth]\napi_keys = [\"sk-ok\", 7]\n",
     2,
     22,
     {"auth.api_keys item 2", "must be a string or"}},
    {"api key with a space",
     "[auth]\napi_keys = [\"sk-secret key\"]\n",
     2,
     13,
     {"auth.api_keys item 1", "visible ASCII"}},
    {"named key without key",
     "[auth]\napi_keys = [{ name = \"alice\" }]\n",
     2,
     13,
     {"needs both name and key"}},
    {"unknown key in a named key",
     "[auth]\napi_keys = [{ name = \"a\", key = \"sk-a\", role = 1 }]\n",
     2,
     41,
     {"unknown key auth.api_keys[1].role"}},
    {"backend key with a space",
     "[backend]\napi_key = \"sk-secret key\"\n",
     2,
     11,
     {"(backend.api_key)", "visible ASCII"}},
};

TEST(ConfigFileValidation, EveryErrorGivesFileLineAndColumn) {
  for (const BadFile& bad : kBadFiles) {
    SCOPED_TRACE(bad.what);
    TempFile file(bad.text);
    const std::string message = error_of([&] { (void)load({"--config", file.path()}); });
    ASSERT_FALSE(message.empty()) << "accepted";
    const std::string location =
        file.path() + ":" + std::to_string(bad.line) + ":" + std::to_string(bad.column);
    EXPECT_NE(message.find(location), std::string::npos) << location << " not in: " << message;
    for (const std::string& part : bad.message_parts) {
      EXPECT_NE(message.find(part), std::string::npos) << "\"" << part << "\" not in: " << message;
    }
    EXPECT_EQ(message.find("sk-secret"), std::string::npos) << "a key leaked: " << message;
  }
}

TEST(ConfigFileValidation, UnknownFieldsTakeAnyJsonValue) {
  TempFile file(R"(
[[models]]
name = "a"
[models.params]
my_extension = { default = { nested = [1, "two", { three = 3.0 }] } }
temperature = { default = 1 }
[models.chat_template_kwargs]
custom = { force = [true, false] }
)");
  const Config config = load({"--config", file.path()}).config;
  EXPECT_EQ(config.profiles[0].params[0].json_value, R"({"nested":[1,"two",{"three":3.0}]})");
  EXPECT_EQ(config.profiles[0].params[1].json_value, "1") << "an integer is a number";
  EXPECT_EQ(config.profiles[0].chat_template_kwargs[0].json_value, "[true,false]");
}

TEST(ConfigFileValidation, AMissingFileNamesItsPath) {
  const std::string message = error_of([] { (void)load({"--config", "/nonexistent/qp.toml"}); });
  EXPECT_NE(message.find("/nonexistent/qp.toml"), std::string::npos) << message;
  const std::string from_env = error_of([] {
    (void)load({}, {{"QWEN35RP_CONFIG", "/nonexistent/env.toml"}});
  });
  EXPECT_NE(from_env.find("/nonexistent/env.toml"), std::string::npos) << from_env;
}

TEST(ConfigFileValidation, AMissingKeyFileIsAnError) {
  TempFile file("[auth]\napi_key_file = \"missing-keys.txt\"\n");
  const std::string message = error_of([&] { (void)load({"--config", file.path()}); });
  EXPECT_NE(message.find("missing-keys.txt"), std::string::npos) << message;
  EXPECT_NE(message.find("(auth.api_key_file)"), std::string::npos) << message;
}

}  // namespace
}  // namespace qp
