#!/usr/bin/env bash
# Scenario 3 of issue 7: STREAMS concurrent slow streams (simulated thinking: TOKENS tokens at
# TPOT_MS each) held open through nginx and through qwen35-proxy, backend vllm-sim. Reports each
# proxy's memory (VmRSS before, peak VmRSS sampled while the streams are open, VmHWM) and CPU time
# (/proc/PID/stat utime+stime) per stream, and the streams that did not end with [DONE].
# The streams are slow enough (1 token/s, 30 s each, opened at 1,000/s) that all of them are open
# at once on 2 CPUs shared by client, backend and proxy; "max open" in the table says how many were.
# Listen-queue overflows (kernel counter TcpExtListenOverflows, all sockets) are shown per path.
# Each proxy runs as PROCS processes (default: as many as the open-files limit requires).
# Usage: bench/many_streams.sh   env: STREAMS (10000) TOKENS (30) TPOT_MS (1000) TTFT_MS (1000)
#        RAMP_PER_S (1000) PROCS; BENCH_SMOKE=1 (100 streams, 10 tokens at 100 ms)
source "$(dirname "$0")/lib.sh"

if ((SMOKE)); then
  streams=${STREAMS:-100} tokens=${TOKENS:-10} tpot=${TPOT_MS:-100}
else
  streams=${STREAMS:-10000} tokens=${TOKENS:-30} tpot=${TPOT_MS:-1000}
fi
ttft=${TTFT_MS:-1000}
ramp=${RAMP_PER_S:-1000}
virtual=qwen3.5-thinking-general
# Bounded: the ramp, the streams themselves, and a generous margin.
deadline=$((streams / ramp + (ttft + tokens * tpot) / 1000 * 3 + 60))

# Each stream holds a client socket and an upstream socket in the proxy and one in vllm-sim.
# Raising the hard limit needs CAP_SYS_RESOURCE; without it (some containers: hard limit 20000)
# one process cannot hold 10,000 streams. Then each proxy runs as PROCS processes on one port
# (nginx: PROCS workers with reuseport; qwen35-proxy: PROCS processes, whose listeners have
# SO_REUSEPORT): the kernel spreads the connections over them by hash, so each process gets a
# share with some spread, hence a quarter of headroom. Memory and CPU are summed over them.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
streams_per_process=$((($(ulimit -n) - 100) / 2))
procs=${PROCS:-$(((streams * 5 / 4 + streams_per_process - 1) / streams_per_process))}
((procs > 1)) &&
  echo "note: ulimit -n is $(ulimit -n) (hard limit, cannot be raised here), $streams_per_process streams per process: each proxy runs as $procs processes"
if ((streams > procs * streams_per_process)); then
  echo "note: $procs processes hold at most $((procs * streams_per_process)) streams: $((procs * streams_per_process)) instead of $streams"
  streams=$((procs * streams_per_process))
fi

ensure_release_binaries
echo "== scenario 3: $streams concurrent streams, $tokens tokens at ${tpot} ms (ttft ${ttft} ms), opened at ${ramp}/s"
machine_info
echo "proxies on CPU ${SERVER_CPU:-any}, node client and vllm-sim on CPU ${LOAD_CPU:-any}; nginx $procs worker(s), qwen35-proxy $procs process(es) of 1 thread; ulimit -n $(ulimit -n)"

echo "-- servers"
# vllm-sim needs about as much CPU as a proxy for these streams (~1 ms per stream): it runs on the
# load CPU beside the client, so that the proxy under test has the server CPU to itself and the
# streams keep their pace (a saturated CPU stretches them and fewer are open at once).
server_pin=("${PIN_SERVER[@]}")
PIN_SERVER=("${PIN_LOAD[@]}")
start_sim sim --stats-keep 1
PIN_SERVER=("${server_pin[@]}")
sim_port=$SERVER_PORT

listen_overflows() { awk '/^TcpExt:/ { if (!h) { split($0, n); h = 1 } else { split($0, v); for (i in n) if (n[i] == "ListenOverflows") print v[i] } }' /proc/net/netstat; }

results=$BENCH_TMP/results.tsv
: >"$results"
# Sums over the processes of one proxy (PIDS: space-separated).
sum_mem_kib() {  # sum_mem_kib "PIDS" FIELD
  local pid total=0
  for pid in $1; do total=$((total + $(mem_kib "$pid" "$2"))); done
  echo "$total"
}
sum_cpu_ticks() {  # sum_cpu_ticks "PIDS"
  local pid total=0
  for pid in $1; do total=$((total + $(cpu_ticks "$pid"))); done
  echo "$total"
}
count_fds() {  # count_fds "PIDS": open descriptors of all of them, then of each ("12 5,7")
  local pid n total=0 each=()
  for pid in $1; do
    n=$(ls "/proc/$pid/fd" | wc -l)
    total=$((total + n)) each+=("$n")
  done
  echo "$total $(IFS=,; echo "${each[*]}")"
}

# run_path NAME PORT "PIDS" MODEL: the streams through one proxy whose processes (the nginx
# workers) are PIDS.
run_path() {
  local name=$1 port=$2 pids=$3 model=$4
  local rss0 ticks0 out=$BENCH_TMP/client-$name.txt samples=$BENCH_TMP/samples-$name.txt
  # Warm-up: one short stream, so that start-up allocations are in the baseline.
  curl -sS --fail -o /dev/null -H 'content-type: application/json' -H 'x-sim-tokens: 2' \
    -H 'x-sim-tpot-ms: 0' -H 'x-sim-ttft-ms: 0' \
    --data-binary "{\"model\":\"$model\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" \
    "http://127.0.0.1:$port/v1/chat/completions" || die "$name: warm-up request failed"
  rss0=$(sum_mem_kib "$pids" VmRSS)
  ticks0=$(sum_cpu_ticks "$pids")
  local overflows0
  overflows0=$(listen_overflows)
  say_cmd "${PIN_LOAD[*]} node $BENCH_ROOT/bench/many_streams.mjs $port $streams $tokens $tpot $ttft $model $ramp $deadline"
  "${PIN_LOAD[@]}" node "$BENCH_ROOT/bench/many_streams.mjs" "$port" "$streams" "$tokens" "$tpot" \
    "$ttft" "$model" "$ramp" "$deadline" >"$out" 2>&1 &
  local client=$!
  BENCH_PIDS+=("$client")
  # Sample RSS and open descriptors every 0.2 s while the client runs (bounded by its deadline).
  : >"$samples"
  local i
  for ((i = 0; i < (deadline + 5) * 5; i++)); do
    kill -0 "$client" 2>/dev/null || break
    echo "$(sum_mem_kib "$pids" VmRSS) $(count_fds "$pids")" >>"$samples"
    sleep 0.2
  done
  local status=0
  wait "$client" || status=$?
  sed 's/^/    /' "$out"
  echo "    listen queue overflows during the run: $(($(listen_overflows) - overflows0))"
  local ticks1 hwm summary
  ticks1=$(sum_cpu_ticks "$pids")
  hwm=$(sum_mem_kib "$pids" VmHWM)
  summary=$(tail -n 1 "$out")
  node -e '
    const [name, streams, rss0, hwm, ticks, tck, samplesText, summaryText] = process.argv.slice(1);
    const s = JSON.parse(summaryText);
    const rows = samplesText.trim().split("\n").filter(Boolean).map((l) => l.split(" ").map(Number));
    const peakRss = Math.max(...rows.map((r) => r[0]));
    const peakFds = Math.max(...rows.map((r) => r[1]));
    const lines = samplesText.trim().split("\n").filter(Boolean);
    const split = lines.map((l) => l.split(" ")).find((f) => Number(f[1]) === peakFds)[2];
    if (split.includes(",")) console.error(`    ${name}: open descriptors per process at the peak: ${split}`);
    const n = Number(streams);
    const errors = n - (s.ok ?? 0);
    console.log([name, n, s.max_open, errors, rss0, peakRss, hwm,
      ((peakRss - rss0) / Math.max(1, s.max_open ?? n)).toFixed(2), (Number(ticks) / Number(tck) * 1000 / n).toFixed(3),
      peakFds, JSON.stringify(s.errors)].join("\t"));
  ' "$name" "$streams" "$rss0" "$hwm" "$((ticks1 - ticks0))" "$CLK_TCK" "$(cat "$samples")" "$summary" >>"$results"
  ((status == 0)) || echo "    (client exit status $status)"
}

print_load
NGINX_WORKERS=$procs start_nginx_proxy nginx "$sim_port"
run_path nginx "$SERVER_PORT" "${NGINX_WORKER_PIDS[*]}" "$SERVED_MODEL"
kill -TERM "$SERVER_PID"
start_proxy qwen "$sim_port"
qwen_port=$SERVER_PORT qwen_pids=$SERVER_PID
for ((i = 2; i <= procs; i++)); do
  PROXY_PORT=$qwen_port start_proxy "qwen$i" "$sim_port"
  qwen_pids+=" $SERVER_PID"
done
run_path qwen35-proxy "$qwen_port" "$qwen_pids" "$virtual"
for pid in $qwen_pids; do kill -TERM "$pid"; done
print_load

echo "-- results (memory in KiB; per stream = (peak sampled VmRSS - VmRSS before) / max open streams; CPU per stream = CPU time / streams)"
awk -F'\t' '
  { p[NR]=$1; n[NR]=$2; mo[NR]=$3; err[NR]=$4; r0[NR]=$5; pk[NR]=$6; hwm[NR]=$7; per[NR]=$8; cpu[NR]=$9; fds[NR]=$10; what[NR]=$11
    if ($1 == "nginx") nper = $8 }
  END {
    printf "%-13s %7s %8s %6s %10s %10s %10s %10s %12s %8s %9s\n", "path", "streams", "max open", "errors", "RSS before", "RSS peak", "VmHWM", "KiB/stream", "CPU ms/stream", "max fds", "mem/nginx"
    for (i = 1; i <= NR; i++)
      printf "%-13s %7d %8d %6d %10d %10d %10d %10.2f %12.3f %8d %9.2f\n", p[i], n[i], mo[i], err[i], r0[i], pk[i], hwm[i], per[i], cpu[i], fds[i], per[i]/nper
    for (i = 1; i <= NR; i++) if (err[i] > 0) printf "errors through %s: %s\n", p[i], what[i]
    for (i = 1; i <= NR; i++) if (p[i] == "qwen35-proxy")
      printf "target: no error: %d errors %s; memory <= 2 x nginx per stream: %.2f %s; < 64 KiB per stream: %.1f KiB %s\n", err[i], (err[i] == 0 ? "MET" : "MISSED"), per[i]/nper, (per[i]/nper <= 2 ? "MET" : "MISSED"), per[i], (per[i] < 64 ? "MET" : "MISSED")
  }' "$results"
awk -F'\t' '$4 != 0 { bad = 1 } END { exit bad }' "$results" || die "some streams failed"
