#!/usr/bin/env bash
# Line -> follower latency: a server whose child prints "tick <epoch ns>" every 20 ms (benchmarks/peers-tick-child.sh,
# flushed at once), followed live by `bin/xy logs tick -f`, `pm2 logs tick --raw` and `supervisorctl tail -f tick`
# side by side; each line that reaches a follower's stdout gives one sample of (now - the stamp in the line).
# So the figure is child write -> daemon read -> daemon's file/ring/fan-out -> socket -> follower CLI -> its stdout.
#
# Usage: benchmarks/peers-follow-latency.sh    Environment: SAMPLES (500 per follower), WARMUP_LINES (25),
#   TICK_SECONDS (0.02), PEERS_TOOLS ("supervisord pm2").
set -euo pipefail
source "$(dirname "$0")/peers-lib.sh"
SAMPLES="${SAMPLES:-500}"
WARMUP_LINES="${WARMUP_LINES:-25}"
TICK_SECONDS="${TICK_SECONDS:-0.02}"

peers_init
echo "== line -> follower latency: a line every ${TICK_SECONDS}s, $SAMPLES samples per follower"
peers_versions
PEERS_ENV=("TICK_SECONDS=$TICK_SECONDS")
peers_add_server tick $((PEERS_PORT_BASE + 901)) true /bin/sh "$PEERS_ROOT/benchmarks/peers-tick-child.sh"
PEERS_ENV=()
peers_up
peers_wait_running 1
followers=("xy logs tick -f=$(xy_cmd xy logs tick -f -n 0)")
peers_has pm2 && followers+=("pm2 logs tick --raw=$(pm2_cmd logs tick --raw --lines 0)")
peers_has supervisord && followers+=("supervisorctl tail -f tick=$(sv_cmd tail -f tick)")
timeout=$(awk -v n="$SAMPLES" -v w="$WARMUP_LINES" -v t="$TICK_SECONDS" 'BEGIN { printf "%d", (n + w) * t * 3 + 60 }')
peers_tool follow --samples "$SAMPLES" --warmup "$WARMUP_LINES" --timeout "$timeout" "${followers[@]}"
