#!/usr/bin/env bash
# Every benchmark of xy beside supervisord and pm2, one after the other, in one run: CLI status latency (20 and 100
# servers), log ingestion cold and warm, daemon RSS (1, 20, 100 servers; idle and after bursts), line -> follower
# latency. Each script's environment knobs pass through; a quick smoke run:
#   RUNS=5 WARMUP=1 SERVERS_CLI="5" SERVERS_RSS="1 5" BURSTS=2 BURST_LINES=200000 SAMPLES=50 benchmarks/peers-all.sh
# Usage: benchmarks/peers-all.sh [OUTPUT_FILE]  (the report is also written there when given)
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)"
run_all() {
  SERVERS="${SERVERS_CLI:-20 100}" "$dir/peers-cli-latency.sh"; echo
  "$dir/peers-log-ingest.sh"; echo
  SERVERS="${SERVERS_RSS:-1 20 100}" "$dir/peers-rss.sh"; echo
  "$dir/peers-follow-latency.sh"
}
if [ $# -gt 0 ]; then run_all 2>&1 | tee "$1"; else run_all; fi
