#!/usr/bin/env bash
# CLI status latency beside the peers: the wall time of `bin/xy list`, `supervisorctl status` and `pm2 jlist`
# (process start to exit, as a person or a script runs them) against daemons supervising the same N idle servers
# (`sleep infinity`), run in turn (A B C, B C A, …) after warm-up rounds, with `java -version` run the same way
# as the JVM's own floor (same flags as bin/xy's client path). Ratios are per round, so machine drift cancels.
#
# bin/xy runs with the class-data archive of the client's classes (xy-cli/target/xy-cli.jsa) that the build records
# with its training run (see docs/benchmarks.md, "CLI latency"). XY_CLI_ARCHIVE=fresh records it again the same way
# first (for a tree built with -Dxy.skipStartupArchive); the default, keep, uses the build's. The CPU column is
# user+sys time of the command (and the children it waited for): on a busy machine it moves much less than wall time.
#
# Usage: benchmarks/peers-cli-latency.sh    Environment: SERVERS ("20 100": one measurement per count),
#   RUNS (15), WARMUP (3), PEERS_TOOLS ("supervisord pm2"), XY_CLI_ARCHIVE (keep | fresh).
set -euo pipefail
source "$(dirname "$0")/peers-lib.sh"
SERVERS="${SERVERS:-20 100}"
RUNS="${RUNS:-15}"
WARMUP="${WARMUP:-3}"

peers_init
echo "== CLI status latency: ${SERVERS// /, } idle servers, $RUNS alternating runs after $WARMUP warm-up rounds"
peers_versions
for n in $SERVERS; do
  peers_reset_servers
  peers_add_idle "$n"
  peers_up
  peers_wait_running "$n" 300
  sleep 2
  jsa="$PEERS_ROOT/xy-cli/target/xy-cli.jsa"
  if [ "${XY_CLI_ARCHIVE:-keep}" = fresh ]; then
    rm -f "$jsa"
    XY_RECORD_ARCHIVE="$jsa" "$PEERS_ROOT/bin/xy" >/dev/null 2>&1 || true # the build's training run
  fi
  echo "bin/xy's class-data archive: $(du -k "$jsa" 2>/dev/null | cut -f1) KB ($([ "${XY_CLI_ARCHIVE:-keep}" = fresh ] && echo "recorded again by the training run" || echo "the build's"))"
  cmds=("bin/xy list=$(xy_cmd xy list)")
  peers_has supervisord && cmds+=("supervisorctl status=$(sv_cmd status)")
  peers_has pm2 && cmds+=("pm2 jlist=$(pm2_cmd jlist)")
  cmds+=("java -version (JVM floor)=java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -version")
  peers_tool alternate --title "$n idle servers" -n "$RUNS" -w "$WARMUP" "${cmds[@]}"
  peers_down
done
