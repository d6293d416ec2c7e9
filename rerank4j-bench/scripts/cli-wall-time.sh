#!/usr/bin/env bash
# Wall time of one `rerank4j predict` call with the offline all-MiniLM-L6-v2, cold (empty DJL and rerank4j caches:
# natives extracted, model converted) and warm (second and third call), on the first N pairs of WikiQA dev.
# Usage: rerank4j-bench/scripts/cli-wall-time.sh [N=1000] [shared dir=../shared]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-1000}"
shared="${2:-$root/../shared}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# WikiQA-dev.tsv: QuestionID Question DocumentID DocumentTitle SentenceID Sentence Label
# (one awk, no `head`: under pipefail a reader that stops early kills the writer with SIGPIPE)
awk -F'\t' -v n="$n" 'NR > 1 && NR <= n + 1 {print $2 "\t" $6}' "$shared/datasets/wikiqa/WikiQA-dev.tsv" > "$work/pairs.tsv"
# build the jar now if missing or stale, so that no build falls inside a timed call
"$root/rerank4j" --version >/dev/null
run() {
  local start end
  start=$(date +%s.%N)
  DJL_CACHE_DIR="$work/djl" RERANK4J_HOME="$work/home" "$root/rerank4j" predict \
    --model sentence-transformers/all-MiniLM-L6-v2 --input "$work/pairs.tsv" --output "$work/scores.jsonl" --no-progress 2>/dev/null
  end=$(date +%s.%N)
  echo "$1: $(echo "$end - $start" | bc) s ($(wc -l < "$work/scores.jsonl") scores)"
}
run "cold (empty caches)"
run "warm"
run "warm"
