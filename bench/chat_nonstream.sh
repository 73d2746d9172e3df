#!/usr/bin/env bash
# Scenario 1 of issue 7: non-streaming chat, ~1 KB request, a typical vLLM 0.18 answer.
# Requests/s and p50/p99 latency at 64 connections: direct to the backend, via nginx, via
# qwen35-proxy with a virtual model (request and response rewritten), and each proxy's CPU time per
# request (/proc/PID/stat utime+stime during the run: nginx's worker, the whole qwen35-proxy).
# Two backends: nginx returning a canned vLLM answer (recorded from vllm-sim at start, so that the
# backend is not the bottleneck) and vllm-sim itself with ttft/tpot 0 (reference).
# Usage: bench/chat_nonstream.sh   env: DURATION (s, 10) CONNS (64) ROUNDS (2) TOKENS (200)
#        BENCH_SMOKE=1 (2 s, 8 connections, 1 round)
source "$(dirname "$0")/lib.sh"

if ((SMOKE)); then
  duration=${DURATION:-2} conns=${CONNS:-8} rounds=${ROUNDS:-1}
else
  duration=${DURATION:-10} conns=${CONNS:-64} rounds=${ROUNDS:-2}
fi
tokens=${TOKENS:-200}
virtual=qwen3.5-thinking-general

ensure_release_binaries
echo "== scenario 1: chat, non-streaming, ~1 KB request, $conns connections, ${duration}s x $rounds rounds"
machine_info
echo "servers on CPU ${SERVER_CPU:-any}, wrk on CPU ${LOAD_CPU:-any}; nginx 1 worker, qwen35-proxy 1 thread"

# A ~1 KB request shaped like an OpenAI SDK call (system prompt, a tool round trip, one tool).
request_body() {  # request_body MODEL
  cat <<EOF
{"model":"$1","messages":[{"role":"system","content":"You are a helpful assistant. Answer concisely and cite the tool results you used. Think step by step when the question needs arithmetic."},{"role":"user","content":"What is the weather in Paris today, and should I take an umbrella for a walk at 6pm?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_8d3f0c2a9b1e4f670000aa","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Paris\", \"unit\": \"c\"}"}}]},{"role":"tool","tool_call_id":"call_8d3f0c2a9b1e4f670000aa","content":"{\"temp\": 14, \"rain_probability\": 0.7, \"wind_kmh\": 18, \"summary\": \"light rain from 17:00\"}"}],"tools":[{"type":"function","function":{"name":"get_weather","description":"Get the current weather and the forecast for the next hours in a city.","parameters":{"type":"object","properties":{"city":{"type":"string","description":"City name, e.g. Paris"},"unit":{"type":"string","enum":["c","f"]}},"required":["city"]}}}],"tool_choice":"auto","stream":false,"max_tokens":4096,"seed":18446744073709551615,"user":"bench"}
EOF
}
request_body "$virtual" >"$BENCH_TMP/req-virtual.json"
sim_headers="x-sim-tokens: $tokens;x-sim-ttft-ms: 0;x-sim-tpot-ms: 0"

echo "-- servers"
start_sim sim --ttft-ms 0 --tpot-ms 0 --tokens "$tokens" --stats-keep 1
sim_port=$SERVER_PORT
start_proxy qwen-sim "$sim_port"
qwen_sim_port=$SERVER_PORT qwen_sim_pid=$SERVER_PID
# Direct and nginx send what qwen35-proxy sends the backend (the profile's sampling settings and
# the backend's model name), so that the backend does the same work on every path.
backend_body "$qwen_sim_port" "$BENCH_TMP/req-virtual.json" "$BENCH_TMP/req-backend.json"
echo "request: $(wc -c <"$BENCH_TMP/req-virtual.json") bytes with model $virtual via qwen35-proxy; otherwise the $(wc -c <"$BENCH_TMP/req-backend.json") bytes qwen35-proxy sends the backend"
# The canned answer: what vllm-sim (vLLM 0.18 shape) answers this request with thinking on.
curl -sS --fail -o "$BENCH_TMP/answer.json" -H 'content-type: application/json' \
  --data-binary @"$BENCH_TMP/req-backend.json" "http://127.0.0.1:$sim_port/v1/chat/completions"
grep -q '"object":"chat.completion"' "$BENCH_TMP/answer.json" || die "unexpected sim answer"
grep -q '[$]' "$BENCH_TMP/answer.json" && die "the canned answer contains \$ (nginx variables)"
echo "answer: $(wc -c <"$BENCH_TMP/answer.json") bytes, recorded from vllm-sim"
# nginx single-quoted strings: escape backslashes and quotes.
canned=$(sed -e 's/\\/\\\\/g' -e "s/'/\\\\'/g" "$BENCH_TMP/answer.json")
start_nginx fixed "    client_max_body_size 200m;
    location / {
      default_type application/json;
      return 200 '$canned';
    }"
fixed_port=$SERVER_PORT
start_nginx_proxy nginx-fixed "$fixed_port"
nginx_fixed_port=$SERVER_PORT nginx_fixed_pid=$NGINX_WORKER_PID
start_proxy qwen-fixed "$fixed_port"
qwen_fixed_port=$SERVER_PORT qwen_fixed_pid=$SERVER_PID
start_nginx_proxy nginx-sim "$sim_port"
nginx_sim_port=$SERVER_PORT nginx_sim_pid=$NGINX_WORKER_PID

# Each path must answer 200 with the model the client expects before it is measured.
check() {  # check PORT BODY EXPECTED_MODEL
  local answer
  answer=$(curl -sS --fail -H 'content-type: application/json' -H "x-sim-tokens: $tokens" \
    --data-binary @"$2" "http://127.0.0.1:$1/v1/chat/completions") || die "port $1 failed"
  [[ $answer == *"\"model\":\"$3\""* ]] || die "port $1 answered without model $3: ${answer:0:300}"
}
check "$fixed_port" "$BENCH_TMP/req-backend.json" "$SERVED_MODEL"
check "$nginx_fixed_port" "$BENCH_TMP/req-backend.json" "$SERVED_MODEL"
check "$qwen_fixed_port" "$BENCH_TMP/req-virtual.json" "$virtual"
check "$sim_port" "$BENCH_TMP/req-backend.json" "$SERVED_MODEL"
check "$nginx_sim_port" "$BENCH_TMP/req-backend.json" "$SERVED_MODEL"
check "$qwen_sim_port" "$BENCH_TMP/req-virtual.json" "$virtual"

results=$BENCH_TMP/results.tsv
: >"$results"
declare -A best=()
# measure BACKEND PATH PORT BODY HEADERS [PID]: one wrk run; keeps the best per path. With PID,
# the CPU time that process used during the run, per request, is added as cpu_us.
measure() {
  local key="$1 $2" pid=${6:-} ticks0=0
  [[ -n $pid ]] && ticks0=$(cpu_ticks "$pid")
  run_wrk "$1-$2-$round" "http://127.0.0.1:$3/v1/chat/completions" "$conns" "$duration" "$4" "$5"
  if [[ -n $pid ]]; then
    WRK_RESULT=$(node -e 'const o=JSON.parse(process.argv[1]);
      o.cpu_us=Number(process.argv[2])/Number(process.argv[3])*1e6/Math.max(1,o.requests);
      console.log(JSON.stringify(o));' "$WRK_RESULT" "$(($(cpu_ticks "$pid") - ticks0))" "$CLK_TCK")
  fi
  echo "    $WRK_RESULT"
  if [[ -z ${best[$key]:-} ]] ||
    (($(json_get "$WRK_RESULT" rps | cut -d. -f1) > $(json_get "${best[$key]}" rps | cut -d. -f1))); then
    best[$key]=$WRK_RESULT
  fi
}

echo "-- load (paths alternate within each round; the best round of each path is kept)"
print_load
for ((round = 1; round <= rounds; round++)); do
  measure fixed direct "$fixed_port" "$BENCH_TMP/req-backend.json" ""
  measure fixed nginx "$nginx_fixed_port" "$BENCH_TMP/req-backend.json" "" "$nginx_fixed_pid"
  measure fixed qwen35-proxy "$qwen_fixed_port" "$BENCH_TMP/req-virtual.json" "" "$qwen_fixed_pid"
  measure vllm-sim direct "$sim_port" "$BENCH_TMP/req-backend.json" "$sim_headers"
  measure vllm-sim nginx "$nginx_sim_port" "$BENCH_TMP/req-backend.json" "$sim_headers" \
    "$nginx_sim_pid"
  measure vllm-sim qwen35-proxy "$qwen_sim_port" "$BENCH_TMP/req-virtual.json" "$sim_headers" \
    "$qwen_sim_pid"
done
for key in "fixed direct" "fixed nginx" "fixed qwen35-proxy" "vllm-sim direct" "vllm-sim nginx" \
  "vllm-sim qwen35-proxy"; do
  node -e 'const o=JSON.parse(process.argv[3]);
    console.log([process.argv[1],process.argv[2],o.rps.toFixed(0),(o.p50_us/1000).toFixed(3),
      (o.p99_us/1000).toFixed(3),o.errors,o.cpu_us===undefined?"-":o.cpu_us.toFixed(1)].join("\t"));' \
    ${key} "${best[$key]}" >>"$results"
done
print_load

echo "-- results (requests/s, latency in ms, CPU us per request of the proxy; ratios against nginx on the same backend)"
awk -F'\t' '
  { b[NR]=$1; p[NR]=$2; rps[NR]=$3; p50[NR]=$4; p99[NR]=$5; err[NR]=$6; cpu[NR]=$7
    if ($2 == "nginx") { nrps[$1]=$3; np99[$1]=$5 } }
  END {
    printf "%-9s %-13s %9s %8s %8s %7s %10s %14s %8s\n", "backend", "path", "req/s", "p50", "p99", "errors", "rps/nginx", "p99-nginx(ms)", "cpu(us)"
    for (i = 1; i <= NR; i++)
      printf "%-9s %-13s %9d %8.3f %8.3f %7d %10.2f %+14.3f %8s\n", b[i], p[i], rps[i], p50[i], p99[i], err[i], rps[i]/nrps[b[i]], p99[i]-np99[b[i]], cpu[i]
    for (i = 1; i <= NR; i++) if (p[i] == "qwen35-proxy") {
      r = rps[i]/nrps[b[i]]; d = p99[i]-np99[b[i]]
      printf "target (%s): req/s >= 0.8 x nginx: %.2f %s; p99 <= nginx + 0.2 ms: %+.3f ms %s\n", b[i], r, (r >= 0.8 ? "MET" : "MISSED"), d, (d <= 0.2 ? "MET" : "MISSED")
    }
  }' "$results"
awk -F'\t' '$6 != 0 { bad = 1 } END { exit bad }' "$results" || die "some requests failed (see errors)"
