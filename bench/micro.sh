#!/usr/bin/env bash
# Scenario 5 of issue 7: the Google Benchmark micro benchmark of the pure rewrites
# (bench/rewrite_bench.cpp: request rewrite small and 100 MiB, per-event rewrite, validator),
# built in build/release and run on the server CPU; prints the results and the target check
# (request rewrite >= 1 GB/s on the large body).
# Usage: bench/micro.sh [extra Google Benchmark flags]; BENCH_SMOKE=1 runs only the small cases.
source "$(dirname "$0")/lib.sh"

bin=$BENCH_BUILD/bench/rewrite_bench
echo "== scenario 5: micro benchmark of the rewrites"
machine_info
# build/release by default (BENCH_BUILD may name another release build tree, e.g. of a snapshot).
say_cmd "cmake --preset release && cmake --build $BENCH_BUILD --target rewrite_bench"
(cd "$BENCH_ROOT" && { [[ -f $BENCH_BUILD/CMakeCache.txt ]] || cmake --preset release >/dev/null; } &&
  cmake --build "$BENCH_BUILD" --target rewrite_bench >"$BENCH_TMP/build.log" 2>&1) ||
  { tail -n 30 "$BENCH_TMP/build.log" >&2; die "building rewrite_bench failed"; }
[[ -x $bin ]] || die "$bin missing"

args=(--benchmark_out="$BENCH_TMP/micro.json" --benchmark_out_format=json)
((SMOKE)) && args+=(--benchmark_filter='Small|ChatEvent' --benchmark_min_time=0.05)
say_cmd "${PIN_SERVER[*]} $bin ${args[*]} $*"
"${PIN_SERVER[@]}" "$bin" "${args[@]}" "$@"

echo "-- throughput"
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log("benchmark                         bytes/s (GB/s)   items/s");
  let large = null;
  for (const b of r.benchmarks) {
    if (b.run_type && b.run_type !== "iteration") continue;
    const gbs = (b.bytes_per_second ?? 0) / 1e9;
    console.log(`${b.name.padEnd(33)} ${gbs.toFixed(3).padStart(14)} ${b.items_per_second ? b.items_per_second.toExponential(3) : "-"}`);
    if (b.name.startsWith("BM_RewriteLargeRequest")) large = Math.min(large ?? Infinity, gbs);
  }
  if (large !== null) console.log(`target: request rewrite >= 1 GB/s on the 100 MiB body: ${large.toFixed(2)} GB/s (slowest variant) ${large >= 1 ? "MET" : "MISSED"}`);
  else console.log("target: not measured (large-body cases filtered out)");
' "$BENCH_TMP/micro.json"
