#!/usr/bin/env bash
# Scenario 4 of issue 7: one BODY_MIB MiB request (a chat with a base64 image) through each proxy
# to a backend that discards the body at once (nginx `return 200` with a canned vLLM answer).
# Reports the median time of REPS uploads (curl time_total) and each proxy's peak RSS (VmHWM of
# the qwen35-proxy process, of the nginx worker). nginx runs twice: with its default request
# buffering (the body goes to a temp file first) and with proxy_request_buffering off.
# Usage: bench/large_body.sh   env: BODY_MIB (100) REPS (5) SIM_CHECK (1: also time vllm-sim
#        direct once); BENCH_SMOKE=1 (5 MiB, 2 reps)
source "$(dirname "$0")/lib.sh"

if ((SMOKE)); then
  mib=${BODY_MIB:-5} reps=${REPS:-2}
else
  mib=${BODY_MIB:-100} reps=${REPS:-5}
fi
sim_check=${SIM_CHECK:-1}
virtual=qwen3.5-thinking-general

ensure_release_binaries
echo "== scenario 4: a $mib MiB chat request (base64 image), $reps uploads per path"
machine_info
echo "servers on CPU ${SERVER_CPU:-any}, curl on CPU ${LOAD_CPU:-any}"

# The body: a user message with a text part and an image_url data URL of base64 text, BODY_MIB
# MiB in total (the base64 text is sized so that the whole document is exactly that).
make_body() {  # make_body MODEL FILE
  node -e '
    const fs = require("fs");
    const [model, file, mib] = process.argv.slice(1);
    const head = `{"model":"${model}","messages":[{"role":"user","content":[{"type":"text","text":"Describe this image."},{"type":"image_url","image_url":{"url":"data:image/png;base64,`;
    const tail = `"}}]}],"max_tokens":512}`;
    let left = Number(mib) * 1048576 - head.length - tail.length;
    const fd = fs.openSync(file, "w");
    fs.writeSync(fd, head);
    const chunk = Buffer.from(require("crypto").randomBytes(3 << 20).toString("base64"));
    while (left > 0) { const n = Math.min(left, chunk.length); fs.writeSync(fd, chunk, 0, n); left -= n; }
    fs.writeSync(fd, tail);
    fs.closeSync(fd);
  ' "$1" "$2" "$mib"
}
make_body "$SERVED_MODEL" "$BENCH_TMP/body-backend.json"
make_body "$virtual" "$BENCH_TMP/body-virtual.json"
body_bytes=$(stat -c %s "$BENCH_TMP/body-virtual.json")
echo "body: $body_bytes bytes"

echo "-- servers"
start_sim sim --ttft-ms 0 --tpot-ms 0 --tokens 20 --stats-keep 1
sim_port=$SERVER_PORT
curl -sS --fail -o "$BENCH_TMP/answer.json" -H 'content-type: application/json' -H 'x-sim-tokens: 20' \
  --data '{"model":"'"$SERVED_MODEL"'","messages":[{"role":"user","content":"Describe this image."}]}' \
  "http://127.0.0.1:$sim_port/v1/chat/completions"
canned=$(sed -e 's/\\/\\\\/g' -e "s/'/\\\\'/g" "$BENCH_TMP/answer.json")
start_nginx fixed "    client_max_body_size 1g;
    location / {
      default_type application/json;
      return 200 '$canned';
    }"
fixed_port=$SERVER_PORT
start_nginx_proxy nginx "$fixed_port" "client_max_body_size 1g;"
nginx_port=$SERVER_PORT nginx_worker=$NGINX_WORKER_PID
start_nginx_proxy nginx-unbuf "$fixed_port" "client_max_body_size 1g; proxy_request_buffering off;"
nginx_unbuf_port=$SERVER_PORT nginx_unbuf_worker=$NGINX_WORKER_PID
start_proxy qwen "$fixed_port" --max-body-bytes 209715200
qwen_port=$SERVER_PORT qwen_pid=$SERVER_PID

results=$BENCH_TMP/results.tsv
: >"$results"
measure() {  # measure NAME PORT BODY MODEL PID(or -)
  local name=$1 port=$2 body=$3 model=$4 pid=$5 times=() r code secs rss0=0
  [[ $pid != - ]] && rss0=$(mem_kib "$pid" VmRSS)
  say_cmd "${PIN_LOAD[*]} curl -sS -o answer.json -w '%{http_code} %{time_total}' -H 'Expect:' -H 'content-type: application/json' --data-binary @$(basename "$body") http://127.0.0.1:$port/v1/chat/completions"
  for ((r = 1; r <= reps; r++)); do
    read -r code secs < <("${PIN_LOAD[@]}" curl -sS -o "$BENCH_TMP/upload-answer.json" \
      -w '%{http_code} %{time_total}\n' -H 'Expect:' -H 'content-type: application/json' \
      --data-binary @"$body" "http://127.0.0.1:$port/v1/chat/completions")
    [[ $code == 200 ]] || { head -c 300 "$BENCH_TMP/upload-answer.json" >&2; die "$name: HTTP $code"; }
    grep -q "\"model\":\"$model\"" "$BENCH_TMP/upload-answer.json" || die "$name: answer without model $model"
    times+=("$secs")
  done
  echo "    $name: ${times[*]} s"
  local median hwm=0
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  [[ $pid != - ]] && hwm=$(mem_kib "$pid" VmHWM)
  printf '%s\t%s\t%s\t%s\n' "$name" "$median" "$rss0" "$hwm" >>"$results"
}

echo "-- uploads"
print_load
measure direct "$fixed_port" "$BENCH_TMP/body-backend.json" "$SERVED_MODEL" -
measure nginx "$nginx_port" "$BENCH_TMP/body-backend.json" "$SERVED_MODEL" "$nginx_worker"
measure nginx-unbuffered "$nginx_unbuf_port" "$BENCH_TMP/body-backend.json" "$SERVED_MODEL" "$nginx_unbuf_worker"
measure qwen35-proxy "$qwen_port" "$BENCH_TMP/body-virtual.json" "$virtual" "$qwen_pid"
print_load
if ((sim_check)); then
  echo "-- reference: vllm-sim itself as the backend (direct, one upload)"
  reps_saved=$reps reps=1
  measure vllm-sim-direct "$sim_port" "$BENCH_TMP/body-backend.json" "$SERVED_MODEL" -
  reps=$reps_saved
fi

echo "-- results (median time; peak RSS = VmHWM of the proxy process, KiB)"
awk -F'\t' -v size="$body_bytes" '
  { p[NR]=$1; t[NR]=$2; r0[NR]=$3; h[NR]=$4; if ($1 == "nginx") nt = $2 }
  END {
    printf "%-17s %9s %9s %12s %12s %10s %12s\n", "path", "time (s)", "t/nginx", "RSS before", "peak RSS", "peak/body", "growth/body"
    for (i = 1; i <= NR; i++)
      printf "%-17s %9.3f %9.2f %12s %12s %10s %12s\n", p[i], t[i], t[i]/nt, (h[i] ? r0[i] : "-"), (h[i] ? h[i] : "-"), (h[i] ? sprintf("%.2f", h[i]*1024/size) : "-"), (h[i] ? sprintf("%.2f", (h[i]-r0[i])*1024/size) : "-")
    for (i = 1; i <= NR; i++) if (p[i] == "qwen35-proxy")
      printf "target: peak RSS < 2.5 x body: %.2f %s; time <= 1.5 x nginx: %.2f %s\n", h[i]*1024/size, (h[i]*1024/size < 2.5 ? "MET" : "MISSED"), t[i]/nt, (t[i]/nt <= 1.5 ? "MET" : "MISSED")
  }' "$results"
