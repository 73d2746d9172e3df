#!/usr/bin/env bash
# Runs every scenario script of bench/ in its tiny mode (BENCH_SMOKE=1: a few seconds, few
# connections, 100 streams, a 5 MiB body) so that they keep working; numbers are meaningless.
# Exits non-zero if any script fails. Usage: bench/smoke.sh
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
export BENCH_SMOKE=1
failed=()
start=$SECONDS
for script in chat_nonstream chat_stream many_streams large_body micro; do
  t0=$SECONDS
  echo "=== $script (smoke)"
  if "$dir/$script.sh"; then
    echo "=== $script: ok ($((SECONDS - t0)) s)"
  else
    echo "=== $script: FAILED ($((SECONDS - t0)) s)"
    failed+=("$script")
  fi
done
echo "=== smoke: $((SECONDS - start)) s; failed: ${failed[*]:-none}"
((${#failed[@]} == 0))
