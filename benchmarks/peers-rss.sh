#!/usr/bin/env bash
# Daemon memory beside the peers: VmRSS (and VmHWM, the peak) from /proc/<pid>/status of the daemon process itself
# — xy's JVM, supervisord's python, pm2's God daemon (node; its servers are separate processes) — with N idle
# servers (`sleep infinity`), once idle (after SETTLE seconds) and once after BURSTS log bursts of BURST_LINES
# lines through a further server (as in peers-log-ingest.sh). Threads are counted from /proc/<pid>/status too.
#
# Usage: benchmarks/peers-rss.sh    Environment: SERVERS ("1 20 100"), SETTLE (5 s), BURSTS (4; 0 = idle only),
#   BURST_LINES (2000000), PEERS_TOOLS ("supervisord pm2"), XY_DAEMON_OPTS / XY_VARIANT_OPTS (JVM flags).
set -euo pipefail
source "$(dirname "$0")/peers-lib.sh"
SERVERS="${SERVERS:-1 20 100}"
SETTLE="${SETTLE:-5}"
BURSTS="${BURSTS:-4}"
export BURST_LINES="${BURST_LINES:-2000000}"

peers_init
echo "== daemon RSS with ${SERVERS// /, } idle servers; idle, then after $BURSTS bursts of $BURST_LINES lines"
peers_versions
[ -n "${XY_DAEMON_OPTS:-}" ] && echo "xy daemon JVM flags: $XY_DAEMON_OPTS"
[ -n "${XY_VARIANT_OPTS:-}" ] && echo "xy-tuned daemon JVM flags: $XY_VARIANT_OPTS"
for n in $SERVERS; do
  peers_reset_servers
  peers_add_idle "$n"
  peers_add_burst_server
  peers_up
  peers_wait_running "$n" 300
  sleep "$SETTLE"
  peers_rss_rows "$n idle server(s), idle"
  if [ "$BURSTS" -gt 0 ]; then
    peers_run_bursts 1 "$BURSTS" "$PEERS_WORK/rss-bursts-$n.jsonl"
    sleep "$SETTLE"
    peers_rss_rows "$n idle server(s), after $BURSTS bursts"
  fi
  peers_down
done
