// TOML values become the JSON text a Profile stores: escapes, numbers that round-trip, nesting
// in file order, and refusals (nan, inf, dates) located in the file.
#include "config/toml_json.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "config/config_error.hpp"

namespace qp {
namespace {

// The JSON text of `value` as written on the right of "v = " in a one-line TOML document.
std::string json_of(const std::string& value) {
  const std::string text = "v = " + value;
  const toml::table table = toml::parse(std::string_view(text), std::string_view("test.toml"));
  return toml_to_json(*table.get("v"));
}

TEST(TomlJson, FloatsRoundTripAndStayFloats) {
  const std::pair<const char*, const char*> cases[] = {
      {"0.95", "0.95"},    {"1.0", "1.0"},
      {"0.0", "0.0"},      {"0.6", "0.6"},
      {"100.0", "100.0"},  {"-2.5", "-2.5"},
      {"1e300", "1e+300"}, {"1.5e-7", "1.5e-07"},
      {"0.1", "0.1"},      {"123456.789", "123456.789"},
  };
  for (const auto& [toml_text, json] : cases) {
    const std::string out = json_of(toml_text);
    EXPECT_EQ(out, json) << toml_text;
    EXPECT_EQ(std::strtod(out.c_str(), nullptr), std::strtod(toml_text, nullptr)) << toml_text;
  }
}

TEST(TomlJson, IntegersBooleansAndStrings) {
  EXPECT_EQ(json_of("20"), "20");
  EXPECT_EQ(json_of("-1"), "-1");
  EXPECT_EQ(json_of("0x1F"), "31");
  EXPECT_EQ(json_of("9223372036854775807"), "9223372036854775807");
  EXPECT_EQ(json_of("true"), "true");
  EXPECT_EQ(json_of("false"), "false");
  EXPECT_EQ(json_of(R"("plain")"), R"("plain")");
  EXPECT_EQ(json_of(R"("quote \" backslash \\ newline \n tab \t")"),
            R"("quote \" backslash \\ newline \n tab \t")");
  EXPECT_EQ(json_of(R"('literal \ stays')"), R"("literal \\ stays")");
  EXPECT_EQ(json_of(R"("\u0001")"), R"("\u0001")");
  EXPECT_EQ(json_of(R"("é 中")"), "\"\xC3\xA9 \xE4\xB8\xAD\"");
}

TEST(TomlJson, ArraysAndTablesKeepFileOrder) {
  EXPECT_EQ(json_of(R"(["</s>", "<|im_end|>"])"), R"(["</s>","<|im_end|>"])");
  EXPECT_EQ(json_of("[]"), "[]");
  EXPECT_EQ(json_of(R"({ type = "json_object" })"), R"({"type":"json_object"})");
  EXPECT_EQ(json_of(R"({ zeta = 1, alpha = [1, 2.0], "odd key" = { b = false, a = "x" } })"),
            R"({"zeta":1,"alpha":[1,2.0],"odd key":{"b":false,"a":"x"}})");
}

TEST(TomlJson, NanInfAndDatesAreRefusedWithTheirLocation) {
  for (const char* bad :
       {"nan", "inf", "-inf", "1979-05-27", "07:32:00", "1979-05-27T07:32:00Z", "[1, nan]"}) {
    try {
      (void)json_of(bad);
      ADD_FAILURE() << bad << " accepted";
    } catch (const ConfigError& error) {
      EXPECT_EQ(std::string(error.what()).rfind("test.toml:1:", 0), 0u) << error.what();
    }
  }
}

}  // namespace
}  // namespace qp
