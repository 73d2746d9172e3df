# Project-wide warning flags; QWEN35_WERROR (on in the dev and CI presets) turns them into errors.
add_library(qwen35_warnings INTERFACE)
target_compile_options(qwen35_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow)
if(QWEN35_WERROR)
  target_compile_options(qwen35_warnings INTERFACE -Werror)
endif()
