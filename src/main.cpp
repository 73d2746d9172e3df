// qwen35-proxy entry point: the process environment and argv to ops::run_main(), which loads the
// configuration and carries out the startup action (src/ops/service.hpp); nothing else.
#include "config/load_config.hpp"
#include "ops/service.hpp"

extern char** environ;

int main(int argc, char** argv) {
  return qp::ops::run_main(argc, argv, qp::environment_from(environ));
}
