#!/usr/bin/env bash
# Log ingestion, cold and warm: one server whose child writes BURST_LINES lines as fast as `seq | sed` can
# (benchmarks/peers-burst-child.sh, ~35 bytes a line), started BURSTS times in a row on freshly started daemons
# (burst 1 is the cold one), under xy, supervisord and pm2, each burst against the same child writing straight into
# a file. A burst is timed from the child's own start until its unique last line is in the tool's log file (polled
# every 2 ms), so CLI start-up is not part of it. Each tool keeps its default log settings (xy rotates at 10 MB,
# supervisord at 50 MB, pm2 never; xy also prefixes each line with a timestamp and the stream).
#
# Usage: benchmarks/peers-log-ingest.sh     Environment: BURSTS (4), BURST_LINES (2000000), BURST_PAUSE (1 s),
#   PEERS_TOOLS ("supervisord pm2"), XY_DAEMON_OPTS / XY_VARIANT_OPTS (JVM flags; see peers-lib.sh).
set -euo pipefail
source "$(dirname "$0")/peers-lib.sh"
BURSTS="${BURSTS:-4}"
export BURST_LINES="${BURST_LINES:-2000000}"

peers_init
echo "== log ingestion: $BURSTS bursts of $BURST_LINES lines, fresh daemons (burst 1 is cold)"
peers_versions
[ -n "${XY_DAEMON_OPTS:-}" ] && echo "xy daemon JVM flags: $XY_DAEMON_OPTS"
[ -n "${XY_VARIANT_OPTS:-}" ] && echo "xy-tuned daemon JVM flags: $XY_VARIANT_OPTS"
peers_add_burst_server
peers_up
peers_wait_running 0
results="$PEERS_WORK/bursts.jsonl"
: >"$results"
peers_run_bursts 1 "$BURSTS" "$results"
echo "time from the child's start until its last line is in the log file (ratio to the plain file, same round):"
peers_tool burst-table "$results"
sleep 2
echo "daemon memory after the bursts:"
peers_rss_rows "after $BURSTS bursts"
