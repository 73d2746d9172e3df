// usage and first-token facts read from backend answers: whole bodies and single stream events,
// chat and completions, and inputs that carry neither.
#include "transform/answer_usage.hpp"

#include <gtest/gtest.h>

#include <string>

namespace qp::transform {
namespace {

TEST(AnswerUsage, ReadsUsageOfAWholeAnswer) {
  const auto usage =
      usage_of_answer(R"({"id":"x","choices":[{"message":{"content":"hi"}}],)"
                      R"("usage":{"prompt_tokens":12,"total_tokens":40,"completion_tokens":28}})");
  ASSERT_TRUE(usage.has_value());
  EXPECT_EQ(usage->prompt, 12u);
  EXPECT_EQ(usage->completion, 28u);
}

TEST(AnswerUsage, NoUsageWhenAbsentNullIncompleteOrMalformed) {
  for (const char* body :
       {R"({"choices":[]})", R"({"usage":null})", R"({"usage":{"prompt_tokens":3}})",
        R"({"usage":{"prompt_tokens":-1,"completion_tokens":2}})",
        R"({"usage":{"prompt_tokens":1.5,"completion_tokens":2}})", R"([1,2])", "",
        R"({"usage":{"prompt_tokens":1,"completion_tokens":)", "not json"}) {
    EXPECT_FALSE(usage_of_answer(body).has_value()) << body;
  }
}

struct EventCase {
  const char* event;
  bool carries_token;
};

TEST(AnswerUsage, EventsCarryATokenOnlyWithGeneratedText) {
  for (const EventCase& c : {
           EventCase{"data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n", true},
           EventCase{"data: {\"choices\":[{\"delta\":{\"reasoning_content\":\"So\"}}]}\n\n", true},
           EventCase{"data: {\"choices\":[{\"delta\":{\"reasoning\":\"So\"}}]}\r\n\r\n", true},
           EventCase{"data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0}]}}]}\n\n",
                     true},
           EventCase{"data: {\"choices\":[{\"index\":0,\"text\":\" the\"}]}\n\n", true},
           EventCase{"data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}"
                     "\n\n",
                     false},
           EventCase{"data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n", false},
           EventCase{"data: {\"choices\":[{\"delta\":{\"tool_calls\":[]}}]}\n\n", false},
           EventCase{"data: [DONE]\n\n", false},
           EventCase{": keep-alive\n\n", false},
           EventCase{"data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"\n\n", false},
       }) {
    EXPECT_EQ(inspect_answer_event(c.event).carries_token, c.carries_token) << c.event;
  }
}

TEST(AnswerUsage, LastStreamEventReportsUsage) {
  const EventFacts facts = inspect_answer_event(
      "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":"
      "30,\"total_tokens\":37}}\n\n");
  EXPECT_FALSE(facts.carries_token);
  ASSERT_TRUE(facts.usage.has_value());
  EXPECT_EQ(facts.usage->prompt, 7u);
  EXPECT_EQ(facts.usage->completion, 30u);
  EXPECT_FALSE(inspect_answer_event("data: {\"choices\":[],\"usage\":null}\n\n").usage.has_value());
}

}  // namespace
}  // namespace qp::transform
