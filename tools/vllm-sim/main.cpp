// vllm-sim: parse flags, start the SimServer, print the bound address, run until SIGINT/SIGTERM.
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <cstdio>
#include <exception>

#include "cli.hpp"
#include "server.hpp"

int main(int argc, char** argv) {
  qp::sim::SimOptions options;
  CLI::App app;
  qp::sim::add_cli_options(app, options);
  CLI11_PARSE(app, argc, argv);
  try {
    boost::asio::io_context signals_ioc;
    boost::asio::signal_set signals(signals_ioc, SIGINT, SIGTERM);
    signals.async_wait([](const boost::system::error_code&, int) {});
    qp::sim::SimServer server(options);
    std::printf("vllm-sim listening on http://%s:%u\n", options.host.c_str(),
                static_cast<unsigned>(server.port()));
    std::fflush(stdout);
    signals_ioc.run();  // returns once a signal arrived
    server.stop();
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vllm-sim: %s\n", e.what());
    return 1;
  }
}
