#!/usr/bin/env bash
# Rebuilds every sample model of this folder and its model card: ./sample-models/make.sh
# (ONLY="synthetic-kappa-1-bit ..." rebuilds just those.)
# Each model: ./ftx train (seed 1) then ./ftx evaluate (seed 1); about 3-5 minutes each on 2 cores.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/sample-models"
# name | kappa in bits | latent bits H
SPECS=("synthetic-kappa-1-64-bit 0.015625 8" "synthetic-kappa-1-8-bit 0.125 8" "synthetic-kappa-1-bit 1 8"
       "synthetic-kappa-8-bit 8 8" "synthetic-baseline 0.125 0")
COMMON="--d-model 64 --layers 4 --heads 4 --ffn 192 --steps 1000 --batch 32 --save-every 0 --seed 1"
for spec in "${SPECS[@]}"; do
  set -- $spec
  name=$1 kappa=$2 h=$3
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $name "* ]]; then continue; fi
  dir="$OUT/$name"
  work="$(mktemp -d)"
  cmd="./ftx train --out $name --latent-bits $h --kappa-bits $kappa $COMMON"
  start=$(date +%s)
  "$ROOT/ftx" train --out "$work/$name" --latent-bits "$h" --kappa-bits "$kappa" $COMMON
  seconds=$(( $(date +%s) - start ))
  "$ROOT/ftx" evaluate --model "$work/$name" --groups 20 --samples 5 --seed 1 --json > "$work/eval.json"
  "$ROOT/ftx" evaluate --model "$work/$name" --groups 20 --samples 5 --seed 1 > "$work/eval.txt"
  rm -f "$work/$name/optimizer.safetensors"   # inspection and generation need only the weights
  rm -rf "$dir" && mv "$work/$name" "$dir"
  cp "$work/eval.json" "$dir/evaluation.json"
  {
    echo "# $name"
    echo
    echo "Made by: \`$cmd\` (then \`./ftx evaluate --model $name --groups 20 --samples 5 --seed 1\`)."
    echo "Training wall time: ${seconds} s on $(nproc) cores, $(date -u +%Y-%m-%d)."
    echo
    echo '```'
    cat "$work/eval.txt"
    echo '```'
  } > "$dir/MODEL_CARD.md"
  rm -rf "$work"
done
