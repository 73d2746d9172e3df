# Version, commit and build type baked into the binaries for --version.
execute_process(
  COMMAND git rev-parse --short=12 HEAD
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
  OUTPUT_VARIABLE QWEN35_GIT_COMMIT
  OUTPUT_STRIP_TRAILING_WHITESPACE
  ERROR_QUIET)
if(NOT QWEN35_GIT_COMMIT)
  set(QWEN35_GIT_COMMIT "unknown")
endif()
if(NOT CMAKE_BUILD_TYPE)
  set(QWEN35_BUILD_TYPE "unspecified")
else()
  set(QWEN35_BUILD_TYPE "${CMAKE_BUILD_TYPE}")
endif()
configure_file(${CMAKE_SOURCE_DIR}/src/core/build_info.hpp.in
               ${CMAKE_BINARY_DIR}/generated/build_info.hpp @ONLY)
