// Every invalid flag or variable is refused at start with a message that names it.
#include <gtest/gtest.h>

#include "config/config_test_support.hpp"

namespace qp {
namespace {

using config_test::load;

struct BadInvocation {
  std::vector<std::string> args;
  Environment env;
  std::vector<std::string> message_parts;  // each must appear in the error message
};

const BadInvocation kBadInvocations[] = {
    {{"-port", "70000"}, {}, {"flag --port", "70000", "0 to 65535"}},
    {{"-port", "-1"}, {}, {"flag --port", "\"-1\""}},
    {{"--port=9000x"}, {}, {"flag --port"}},
    {{}, {{"QWEN35RP_PORT", "abc"}}, {"environment variable QWEN35RP_PORT", "abc"}},
    {{"-loglevel", "VERBOSE"}, {}, {"flag --loglevel", "COMPLETE, DEBUG, INFO, WARN, ERROR"}},
    {{}, {{"QWEN35RP_LOGLEVEL", "trace"}}, {"environment variable QWEN35RP_LOGLEVEL"}},
    {{"--access-log-format", "xml"}, {}, {"flag --access-log-format", "logfmt or json"}},
    {{"-target", "https://gpu:8000"}, {}, {"flag --target", "https", "not supported"}},
    {{"-target", "127.0.0.1:8000"}, {}, {"flag --target", "http://host:port"}},
    {{"-target", "http://gpu:0"}, {}, {"flag --target", "port"}},
    {{"-target", "http://gpu:99999"}, {}, {"flag --target", "port"}},
    {{"-target", "http://gpu:8000/v1"}, {}, {"flag --target", "path"}},
    {{"-target", "http://user:pw@gpu:8000"}, {}, {"flag --target", "user info"}},
    {{"-target", "http://:8000"}, {}, {"flag --target", "host"}},
    {{}, {{"QWEN35RP_TARGET", "ftp://gpu"}}, {"environment variable QWEN35RP_TARGET"}},
    {{"-enforce-sampling-params=maybe"}, {}, {"flag --enforce-sampling-params", "maybe"}},
    {{},
     {{"QWEN35RP_ENFORCE_SAMPLING_PARAMS", "yes"}},
     {"environment variable QWEN35RP_ENFORCE_SAMPLING_PARAMS", "true or false"}},
    {{"-listen", "not-an-ip"}, {}, {"flag --listen", "IPv4 or IPv6"}},
    {{}, {{"QWEN35RP_LISTEN", "300.1.1.1"}}, {"environment variable QWEN35RP_LISTEN"}},
    {{"--reasoning-field", "reasoning-content"}, {}, {"flag --reasoning-field", "as-is"}},
    {{"--backend-timeout", "0"}, {}, {"flag --backend-timeout"}},
    {{}, {{"QWEN35RP_BACKEND_TIMEOUT", "1.5"}}, {"environment variable QWEN35RP_BACKEND_TIMEOUT"}},
    {{"--max-body-bytes", "10MB"}, {}, {"flag --max-body-bytes"}},
    {{"--max-event-bytes", "0"}, {}, {"flag --max-event-bytes"}},
    {{"--threads", "5000"}, {}, {"flag --threads", "0 to 1024"}},
    {{"--upstream-idle-timeout-ms", "5000"}, {}, {"flag --upstream-idle-timeout-ms", "5 s"}},
    {{},
     {{"QWEN35RP_UPSTREAM_IDLE_TIMEOUT_MS", "0"}},
     {"environment variable QWEN35RP_UPSTREAM_IDLE_TIMEOUT_MS"}},
    {{"-thinking-general="}, {}, {"flag --thinking-general", "empty"}},
    {{"-served-model", "bad\tname"}, {}, {"flag --served-model", "control"}},
    {{"-thinking-coding", "qwen3.5-thinking-general"},
     {},
     {"given twice", "default of --thinking-general", "flag --thinking-coding"}},
    {{},
     {{"QWEN35RP_INSTRUCT_GENERAL_MODEL", "x"}, {"QWEN35RP_INSTRUCT_REASONING_MODEL", "x"}},
     {"given twice", "QWEN35RP_INSTRUCT_GENERAL_MODEL", "QWEN35RP_INSTRUCT_REASONING_MODEL"}},
    {{"--prot", "9000"}, {}, {"--prot"}},
    {{"extra"}, {}, {"extra"}},
    {{"-port"}, {}, {"--port", "needs a value"}},
    {{"-enforce-sampling-params", "false"}, {}, {"false"}},  // Go takes no separate bool value
};

TEST(ConfigValidation, EveryErrorNamesItsFlagOrVariable) {
  for (const BadInvocation& bad : kBadInvocations) {
    SCOPED_TRACE(::testing::PrintToString(bad.args) + " " + ::testing::PrintToString(bad.env));
    try {
      (void)load(bad.args, bad.env);
      ADD_FAILURE() << "accepted";
    } catch (const ConfigError& error) {
      const std::string message = error.what();
      for (const std::string& part : bad.message_parts) {
        EXPECT_NE(message.find(part), std::string::npos)
            << "\"" << part << "\" not in: " << message;
      }
    }
  }
}

TEST(ConfigValidation, BoundaryValuesAreAccepted) {
  EXPECT_EQ(load({"-port", "0"}).config.port, 0);
  EXPECT_EQ(load({"-port", "65535"}).config.port, 65535);
  EXPECT_EQ(load({"--upstream-idle-timeout-ms", "4999"}).config.upstream_idle_timeout.count(),
            4999);
  EXPECT_EQ(load({"--threads", "1024"}).config.threads, 1024u);
  EXPECT_EQ(load({"-target", "http://gpu:65535"}).config.backend.port, 65535);
}

TEST(ConfigValidation, AnInvalidFlagHiddenByItsVariableIsNotChecked) {
  // The variable wins, so the flag's value is never used (qwen35-rp reads the flag the same way).
  EXPECT_EQ(load({"-port", "99999"}, {{"QWEN35RP_PORT", "9001"}}).config.port, 9001);
}

}  // namespace
}  // namespace qp
