#!/usr/bin/env bash
# The 8-row sweep of docs/SWEEPS.md (D=64, 500 steps per row) three ways on this machine:
# one row at a time (2 training threads), embedded --parallel 2 (1 thread each), Spark local[2]
# (1 CPU per task). Prints each wall time; the Spark run also prints its overhead per row.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-/tmp/ftx-bench-sweep}"
rm -rf "$OUT"
SPEC=(--d-model 64 --ffn 192 --batch 32 --steps 500 --latent-bits 8 --kappa-bits 1/64,1/8,1,8 --seed 1,2
      --groups 20 --samples 5 --no-checkpoints)
run() {
  local name="$1"; shift
  local t0; t0=$(date +%s.%N)
  "$ROOT/ftx" sweep "${SPEC[@]}" --out "$OUT/$name" "$@" 2> "$OUT-$name.log"
  local t1; t1=$(date +%s.%N)
  printf '%-22s %6.1f s\n' "$name" "$(echo "$t1 - $t0" | bc)"
  grep -E '^spark, per row' "$OUT-$name.log" || true
}
"$ROOT/ftx" --help > /dev/null 2>&1 || true  # builds the engine outside the timings
"$ROOT/ftx" sweep --master 'local[1]' --print-spec > /dev/null  # builds spark/ outside the timings
run sequential --threads 2
run embedded-parallel-2 --parallel 2 --threads 1
run spark-local-2 --master 'local[2]' --threads 1
