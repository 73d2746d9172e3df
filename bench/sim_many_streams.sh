#!/usr/bin/env bash
# vllm-sim under many slow streams: starts the release vllm-sim pinned to one core (port 0, the port is
# read from its first output line), runs 1,000 concurrent streams of 200 tokens at 20 ms per token with
# bench/sim_many_streams.mjs, checks that every stream ended with [DONE], and reports the sim's CPU
# time (/proc/PID/stat) and peak RSS (VmHWM).
# Usage: bench/sim_many_streams.sh [path/to/vllm-sim]   (env: STREAMS TOKENS TPOT_MS TTFT_MS SIM_CPU)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sim=${1:-$root/build/sim-rel/tools/vllm-sim/vllm-sim}
[[ -x $sim ]] || sim=$root/build/release/tools/vllm-sim/vllm-sim
streams=${STREAMS:-1000}
tokens=${TOKENS:-200}
tpot=${TPOT_MS:-20}
ttft=${TTFT_MS:-20}
cpu=${SIM_CPU:-0}

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true  # 1,000 sockets on each side
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkfifo "$tmp/out"
taskset -c "$cpu" "$sim" --port 0 >"$tmp/out" &
pid=$!
exec 3<"$tmp/out"
read -r -t 10 line <&3 || { echo "vllm-sim did not start" >&2; kill "$pid"; exit 1; }
port=${line##*:}
echo "$line (pid $pid, pinned to CPU $cpu)"

status=0
node "$root/bench/sim_many_streams.mjs" "$port" "$streams" "$tokens" "$tpot" "$ttft" || status=$?

tck=$(getconf CLK_TCK)
read -r -a stat <"/proc/$pid/stat"
# Fields 14 and 15 (utime, stime) counted after the "(comm)" field, which has no spaces here.
utime=${stat[13]}
stime=${stat[14]}
hwm=$(awk '/VmHWM/ {print $2, $3}' "/proc/$pid/status")
kill -TERM "$pid"
wait "$pid" || true
awk -v u="$utime" -v s="$stime" -v t="$tck" -v h="$hwm" -v n="$streams" -v k="$tokens" -v p="$tpot" \
  'BEGIN { printf "streams=%d tokens=%d tpot_ms=%d  sim cpu: user %.2f s, sys %.2f s, total %.2f s  peak RSS (VmHWM): %s\n", n, k, p, u/t, s/t, (u+s)/t, h }'
exit "$status"
