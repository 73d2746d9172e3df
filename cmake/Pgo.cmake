# Profile-guided optimisation, driven by scripts/build-pgo (build/pgo): QWEN35_PGO=generate
# instruments every target, whose runs then write .gcda profiles next to their object files;
# QWEN35_PGO=use rebuilds the same tree optimised by those profiles. Both phases must use the same
# build directory, since the profiles are found by object path. Code the training run did not
# reach keeps the plain release optimisation (-fprofile-partial-training): a path the training
# missed is compiled as it would be without PGO, not optimised for size as cold code.
set(QWEN35_PGO "" CACHE STRING "Profile-guided optimisation phase: empty (off), generate or use")
set_property(CACHE QWEN35_PGO PROPERTY STRINGS "" generate use)

if(QWEN35_PGO STREQUAL "generate")
  # Atomic counters: the proxy runs code on several threads at once, and plain counters updated
  # concurrently can lose counts, which the use phase then rejects as inconsistent profiles.
  add_compile_options(-fprofile-generate -fprofile-update=atomic)
  add_link_options(-fprofile-generate -fprofile-update=atomic)
elseif(QWEN35_PGO STREQUAL "use")
  # Sources without a profile (targets the training does not run) are expected, not a problem.
  add_compile_options(-fprofile-use -fprofile-partial-training -Wno-missing-profile)
elseif(NOT QWEN35_PGO STREQUAL "")
  message(FATAL_ERROR "QWEN35_PGO must be empty, generate or use (got '${QWEN35_PGO}')")
endif()

# Instrumentation and the profiles' deeper inlining bring out GCC 12's false positives of
# -Wmaybe-uninitialized and -Wrestrict in code that the dev build (warnings as errors) compiles
# clean; warnings are judged there.
if(NOT QWEN35_PGO STREQUAL "")
  add_compile_options(-Wno-maybe-uninitialized -Wno-restrict)
endif()
