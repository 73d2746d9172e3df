// qwen35-proxy entry point: flags/env/file -> Config -> run the server; nothing else.
#include <cstdio>
#include <cstring>

#include "build_info.hpp"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--version") == 0) {
      std::printf("qwen35-proxy %s (commit %s, %s build)\n", qp::build_info::version,
                  qp::build_info::commit, qp::build_info::build_type);
      return 0;
    }
  }
  std::printf("usage: qwen35-proxy [--version]\n");
  return 0;
}
