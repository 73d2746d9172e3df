# Shared helpers for the scenario scripts in bench/ (sourced, not run). Owns: finding the release
# binaries, starting servers on free loopback ports and reading their port back, nginx configs,
# /proc accounting (CPU time, VmRSS, VmHWM), wrk runs, and stopping everything a script started.
# Every helper fails loudly (exit non-zero); the EXIT trap stops every process in BENCH_PIDS.

set -euo pipefail

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_BUILD=${BENCH_BUILD:-$BENCH_ROOT/build/release}
PROXY_BIN=$BENCH_BUILD/src/qwen35-proxy
SIM_BIN=$BENCH_BUILD/tools/vllm-sim/vllm-sim
RELAY_BIN=$BENCH_BUILD/bench/tcp_relay
NGINX_BIN=${NGINX_BIN:-/usr/sbin/nginx}
SMOKE=${BENCH_SMOKE:-0}
SERVED_MODEL=Qwen3.5-35B-A3B

# CPU placement (2 cores): servers under test and backends on SERVER_CPU, load on LOAD_CPU.
# With fewer than 2 CPUs nothing is pinned. On a machine shared with compiles, everything the
# benchmark starts runs at BENCH_NICE (-10 when allowed) so that the scheduler favours it.
BENCH_NICE=${BENCH_NICE:--10}
NICE=()
if [[ $BENCH_NICE != 0 ]] && nice -n "$BENCH_NICE" true 2>/dev/null &&
  [[ $(nice -n "$BENCH_NICE" nice) -lt $(nice) ]]; then
  NICE=(nice -n "$BENCH_NICE")
fi
if (($(nproc) >= 2)); then
  SERVER_CPU=${SERVER_CPU:-0}
  LOAD_CPU=${LOAD_CPU:-1}
  PIN_SERVER=("${NICE[@]}" taskset -c "$SERVER_CPU")
  PIN_LOAD=("${NICE[@]}" taskset -c "$LOAD_CPU")
else
  PIN_SERVER=("${NICE[@]}")
  PIN_LOAD=("${NICE[@]}")
fi

BENCH_PIDS=()
BENCH_TMP=$(mktemp -d /tmp/qwen35-bench.XXXXXX)
chmod 755 "$BENCH_TMP"  # nginx workers (user nobody) create their temp dirs below it

bench_cleanup() {
  local status=$?
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${BENCH_PIDS[@]}"; do
    # Bounded wait: a process that ignores TERM for 5 s gets KILL.
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if ((status != 0)) && [[ -n ${BENCH_KEEP_LOGS:-} || -t 2 ]]; then
    echo "logs kept in $BENCH_TMP" >&2
  else
    rm -rf "$BENCH_TMP"
  fi
  exit "$status"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

die() { echo "error: $*" >&2; exit 1; }

# The command lines that produced the numbers are printed as they run.
say_cmd() { printf '  $ %s\n' "$*"; }

# Builds this checkout's release binaries when they are missing. A BENCH_BUILD of another tree is
# used as it is: one that predates bench/tcp_relay runs without the floor of scenario 2.
ensure_release_binaries() {
  local missing=0
  [[ -x $PROXY_BIN && -x $SIM_BIN ]] || missing=1
  if [[ $BENCH_BUILD == "$BENCH_ROOT/build/release" && ! -x $RELAY_BIN ]]; then missing=1; fi
  if ((missing)); then
    echo "building the release binaries (cmake --preset release)" >&2
    (cd "$BENCH_ROOT" && cmake --preset release >/dev/null &&
      cmake --build --preset release --target qwen35-proxy vllm-sim tcp_relay) >&2
  fi
  [[ -x $PROXY_BIN && -x $SIM_BIN ]] || die "release binaries missing in $BENCH_BUILD"
  command -v wrk >/dev/null || die "wrk is not installed (scripts/setup installs it)"
  command -v node >/dev/null || die "node is not installed"
  [[ -x $NGINX_BIN ]] || die "nginx is not installed (nginx-light, scripts/setup installs it)"
}

# A free loopback port: bind port 0, read it back, close (nginx cannot listen on port 0).
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

# start_server NAME CMD...: runs CMD pinned to the server CPU with stdout/stderr in BENCH_TMP,
# waits (10 s at most) for its first stdout line "... listening on http://HOST:PORT" and sets
# SERVER_PID and SERVER_PORT.
start_server() {
  local name=$1
  shift
  local out=$BENCH_TMP/$name.out
  say_cmd "${PIN_SERVER[*]} $*"
  "${PIN_SERVER[@]}" "$@" >"$out" 2>"$BENCH_TMP/$name.err" &
  SERVER_PID=$!
  BENCH_PIDS+=("$SERVER_PID")
  local line=""
  for _ in $(seq 200); do
    line=$(head -n 1 "$out" 2>/dev/null || true)
    [[ $line == *"listening on http://"* ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$BENCH_TMP/$name.err" >&2; die "$name exited"; }
    sleep 0.05
  done
  [[ $line == *"listening on http://"* ]] || die "$name did not print its port"
  SERVER_PORT=${line##*:}
}

start_sim() {  # start_sim NAME [extra flags]: vllm-sim on a free port
  local name=$1
  shift
  start_server "$name" "$SIM_BIN" --host 127.0.0.1 --port 0 --threads 1 \
    --served-model-name "$SERVED_MODEL" "$@"
}

# start_proxy NAME BACKEND_PORT [extra flags]: qwen35-proxy with one thread and its default log
# level (like nginx's access log, its logging is part of its cost), on a free port or on
# PROXY_PORT (a port other qwen35-proxy processes listen on: each listener has SO_REUSEPORT, so the
# kernel spreads the connections over the processes). A build with a metrics listener gets a free
# port for it (the default port is fixed and would collide).
start_proxy() {
  local name=$1 backend=$2
  shift 2
  local extra=()
  if [[ -z ${PROXY_HAS_METRICS:-} ]]; then
    PROXY_HAS_METRICS=0
    "$PROXY_BIN" --help 2>/dev/null | grep -q -- '--metrics-listen' && PROXY_HAS_METRICS=1
  fi
  ((PROXY_HAS_METRICS)) && extra+=(--metrics-listen "127.0.0.1:$(free_port)")
  start_server "$name" "$PROXY_BIN" --listen 127.0.0.1 --port "${PROXY_PORT:-0}" \
    --target "http://127.0.0.1:$backend" --served-model "$SERVED_MODEL" --threads 1 \
    "${extra[@]}" "$@"
}

# backend_body PROXY_PORT VIRTUAL_BODY OUT: writes to OUT the body qwen35-proxy sends its backend
# for VIRTUAL_BODY (POST /v1/profiles/preview), so that the direct and nginx paths ask the backend
# for exactly what the proxy asks it: every path then costs the backend the same.
backend_body() {
  curl -sS --fail -o "$3" -H 'content-type: application/json' --data-binary @"$2" \
    "http://127.0.0.1:$1/v1/profiles/preview" || die "no profile preview from port $1"
  grep -q "\"model\":\"$SERVED_MODEL\"" "$3" || die "the previewed body does not name $SERVED_MODEL"
}

# nginx_conf DIR PORT SERVER_BODY [HTTP_EXTRA]: writes DIR/nginx.conf for NGINX_WORKERS workers
# (default 1) listening on PORT; SERVER_BODY goes inside server{} (locations), HTTP_EXTRA inside
# http{} (upstreams). Several workers listen with reuseport: the kernel spreads the connections
# over them by hash, as it does over several qwen35-proxy processes on one port.
nginx_conf() {
  local dir=$1 port=$2 body=$3 extra=${4:-}
  local workers=${NGINX_WORKERS:-1} reuseport=""
  ((workers > 1)) && reuseport=" reuseport"
  mkdir -p "$dir"
  chmod 755 "$dir"
  cat >"$dir/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes $workers;
worker_rlimit_nofile 65536;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events {
  worker_connections 32768;
  multi_accept on;
}
http {
  access_log $dir/access.log combined buffer=64k flush=1s;
  client_body_temp_path $dir/client_body;
  proxy_temp_path $dir/proxy_temp;
  fastcgi_temp_path $dir/fastcgi_temp;
  uwsgi_temp_path $dir/uwsgi_temp;
  scgi_temp_path $dir/scgi_temp;
  keepalive_requests 1000000;
  keepalive_timeout 60s;
$extra
  server {
    listen 127.0.0.1:$port backlog=65535$reuseport;
$body
  }
}
EOF
}

# start_nginx NAME SERVER_BODY [HTTP_EXTRA]: nginx (NGINX_WORKERS workers, default 1) on a free
# port; sets SERVER_PID (the master), NGINX_WORKER_PIDS (all workers), NGINX_WORKER_PID (the
# first) and SERVER_PORT.
start_nginx() {
  local name=$1 body=$2 extra=${3:-}
  local dir=$BENCH_TMP/$name port
  port=$(free_port)
  nginx_conf "$dir" "$port" "$body" "$extra"
  say_cmd "${PIN_SERVER[*]} $NGINX_BIN -p $dir -e $dir/error.log -c $dir/nginx.conf"
  "${PIN_SERVER[@]}" "$NGINX_BIN" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" \
    >"$BENCH_TMP/$name.out" 2>"$BENCH_TMP/$name.err" &
  SERVER_PID=$!
  BENCH_PIDS+=("$SERVER_PID")
  SERVER_PORT=$port
  NGINX_WORKER_PID="" NGINX_WORKER_PIDS=()
  for _ in $(seq 200); do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$BENCH_TMP/$name.err" "$dir/error.log" >&2 || true; die "$name exited"; }
    mapfile -t NGINX_WORKER_PIDS < <(pgrep -P "$SERVER_PID" || true)
    NGINX_WORKER_PID=${NGINX_WORKER_PIDS[0]:-}
    if ((${#NGINX_WORKER_PIDS[@]} == ${NGINX_WORKERS:-1})) &&
      (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.05
  done
  die "$name did not start listening on $port"
}

# start_nginx_proxy NAME BACKEND_PORT [extra directives for location /]: nginx as the reverse
# proxy under test: keep-alive upstream, HTTP/1.1 upstream, no response buffering.
start_nginx_proxy() {
  local name=$1 backend=$2 extra=${3:-}
  start_nginx "$name" "    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_buffering off;
      proxy_read_timeout 300s;
      $extra
    }" "  upstream backend {
    server 127.0.0.1:$backend;
    keepalive 64;
  }"
}
# /proc accounting. cpu_ticks PID: utime+stime in clock ticks. mem_kib PID FIELD: VmRSS/VmHWM.
cpu_ticks() {
  local stat
  stat=$(<"/proc/$1/stat")
  stat=${stat##*) }  # fields after "(comm) "; field 3 of the file is the first here
  local -a f
  read -r -a f <<<"$stat"
  echo $((f[11] + f[12]))
}
mem_kib() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
CLK_TCK=$(getconf CLK_TCK)

# Optional reset of VmHWM so that a later peak belongs to the next phase (Linux >= 4.0).
reset_hwm() { echo 5 >"/proc/$1/clear_refs" 2>/dev/null || true; }

# run_wrk LABEL URL CONNECTIONS DURATION_S BODY_FILE [HEADERS]: one wrk run pinned to the load
# CPU with bench/wrk_post.lua; prints the command and leaves the JSON summary in WRK_RESULT.
# HEADERS: "name: value" pairs separated by ';'.
run_wrk() {
  local label=$1 url=$2 conns=$3 dur=$4 body=$5 headers=${6:-}
  local threads=1
  local out=$BENCH_TMP/wrk-$label.txt
  say_cmd "BENCH_BODY=$body BENCH_HEADERS='$headers' ${PIN_LOAD[*]} wrk -t$threads -c$conns -d${dur}s --timeout 30s -s $BENCH_ROOT/bench/wrk_post.lua $url"
  BENCH_BODY=$body BENCH_HEADERS=$headers "${PIN_LOAD[@]}" wrk -t"$threads" -c"$conns" \
    -d"${dur}s" --timeout 30s -s "$BENCH_ROOT/bench/wrk_post.lua" "$url" >"$out" 2>&1 ||
    { cat "$out" >&2; die "wrk failed ($label)"; }
  WRK_RESULT=$(grep '^BENCH ' "$out" | sed 's/^BENCH //')
  [[ -n $WRK_RESULT ]] || { cat "$out" >&2; die "wrk printed no summary ($label)"; }
}

# json_get JSON KEY: a number from a flat JSON object.
json_get() { node -e 'const o=JSON.parse(process.argv[1]);console.log(o[process.argv[2]]);' "$1" "$2"; }

# The load on the machine, so that a noisy run can be recognised.
print_load() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"; }

machine_info() {
  echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), kernel $(uname -r)"
  print_load
}
