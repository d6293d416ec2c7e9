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
tail -n +2 "$shared/datasets/wikiqa/WikiQA-dev.tsv" | head -n "$n" | awk -F'\t' '{print $2 "\t" $6}' > "$work/pairs.tsv"
[[ -f "$root/rerank4j-cli/target/rerank4j-cli.jar" ]] || "$root/rerank4j" --version >/dev/null
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
