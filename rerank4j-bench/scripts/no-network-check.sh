#!/usr/bin/env bash
# Proves that `rerank4j predict` with the offline all-MiniLM-L6-v2 opens no network connection, even from cold caches
# (PyTorch natives extracted, model converted): every connect() is traced with strace and AF_INET/AF_INET6 ones fail
# the check. Needs strace (apt-get install strace).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf '{"query": "How many people live in Berlin?", "document": "Berlin has 3.7 million people."}\n' > "$work/pairs.jsonl"
"$root/rerank4j" --version >/dev/null # build the jar first, outside the trace
DJL_CACHE_DIR="$work/djl" RERANK4J_HOME="$work/home" strace -f -qq -e trace=connect -o "$work/trace.txt" \
  "$root/rerank4j" predict --model sentence-transformers/all-MiniLM-L6-v2 --input "$work/pairs.jsonl" >/dev/null 2>&1
echo "connect() calls: $(grep -c connect "$work/trace.txt" || true)"
if grep -E "AF_INET6?" "$work/trace.txt"; then
  echo "FAIL: network connections were attempted" >&2
  exit 1
fi
echo "OK: no network connection"
