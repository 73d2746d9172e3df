# Third-party dependencies, all from Debian 12 packages (installed by scripts/setup).
# Boost and simdjson are treated as system headers so that their warnings never fail our build.
find_package(Boost 1.81 REQUIRED CONFIG)
find_package(simdjson REQUIRED CONFIG)
find_package(fmt REQUIRED CONFIG)
find_package(spdlog REQUIRED CONFIG)
find_package(CLI11 REQUIRED CONFIG)
find_package(tomlplusplus REQUIRED CONFIG)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)

# The proxy's allocator: gperftools' tcmalloc_minimal. A request makes about 85 small allocations
# (Beast fields, coroutine frames, strings), and tcmalloc's per-thread caches serve them in a
# fraction of glibc malloc's instructions (docs/benchmarks.md). Off for sanitizer builds, which
# bring their own allocator.
option(QWEN35_TCMALLOC "Link qwen35-proxy with tcmalloc_minimal" ON)
if(QWEN35_TCMALLOC)
  pkg_check_modules(TCMALLOC REQUIRED IMPORTED_TARGET libtcmalloc_minimal)
endif()

# Boost.Asio/Beast with C++20 coroutines, header-only.
add_library(qwen35_asio INTERFACE)
target_link_libraries(qwen35_asio INTERFACE Boost::headers Threads::Threads)
target_compile_definitions(qwen35_asio INTERFACE
  BOOST_ASIO_NO_DEPRECATED
  BOOST_ASIO_DISABLE_BOOST_COROUTINE)

# GCC 12 at -O1 (the sanitizer presets) reports a false -Wmismatched-new-delete for Asio's coroutine
# frames (allocated by Asio's aligned_new, released by its matching operator delete).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(qwen35_asio INTERFACE -Wno-mismatched-new-delete)
endif()
