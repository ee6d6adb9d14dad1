#!/usr/bin/env bash
# Where the real xy daemon's time and memory go: the daemon (bin/xy daemon, its real flags plus XY_DAEMON_OPTS)
# supervises IDLE idle servers and one burst server (as in peers-log-ingest.sh), with Java Flight Recorder
# (settings=profile), Native Memory Tracking and a GC log. Prints: the JVM's heap sizing, RSS / NMT breakdown and
# threads by kind when idle and after the bursts, and per burst the GCs, JIT compilations, sampled allocation and
# CPU samples, then the hottest frames and allocating classes. Runs xy alone (no peers).
#
# Usage: benchmarks/xy-daemon-profile.sh   Environment: IDLE (20), BURSTS (4), BURST_LINES (2000000),
#   XY_DAEMON_OPTS (extra JVM flags to try, e.g. "-XX:+UseSerialGC -Xmx64m"), KEEP_JFR (a path to copy the recording to)
set -euo pipefail
export PEERS_TOOLS=""
source "$(dirname "$0")/peers-lib.sh"
IDLE="${IDLE:-20}"
BURSTS="${BURSTS:-4}"
export BURST_LINES="${BURST_LINES:-2000000}"
extra="${XY_DAEMON_OPTS:-}"

peers_init
jfr="$PEERS_WORK/xy.jfr"
export XY_DAEMON_OPTS="$extra -XX:NativeMemoryTracking=summary -XX:StartFlightRecording=name=xy,settings=profile,filename=$jfr -Xlog:gc:file=$PEERS_WORK/gc.log:uptime"
echo "== xy daemon profile: $IDLE idle servers + $BURSTS bursts of $BURST_LINES lines; extra JVM flags: ${extra:-none}"
peers_versions
peers_add_idle "$IDLE"
peers_add_burst_server
peers_up
peers_wait_running "$IDLE" 300
pid="$(xy_pid xy)"
sleep 3

flags() {
  jcmd "$pid" VM.flags -all 2>/dev/null | awk '
    / (MaxHeapSize|InitialHeapSize|MinHeapSize|ThreadStackSize|ReservedCodeCacheSize|ParallelGCThreads|ConcGCThreads|CICompilerCount) / { printf "%s=%s ", $2, $4 }
    / (UseG1GC|UseSerialGC|UseParallelGC) .*true/ { printf "%s ", $2 }'
  echo
}
memory() { # label
  echo "-- $1"
  peers_rss_rows "$1"
  # NMT: committed memory by category (the part of RSS the JVM knows about; committed is an upper bound of resident)
  jcmd "$pid" VM.native_memory summary 2>/dev/null | awk '
    /^Total:/ { match($0, /committed=[0-9]+KB/); printf "  NMT total committed %.1f MB:", substr($0, RSTART + 10, RLENGTH - 12) / 1024 }
    /^-/ { line = $0; sub(/^- */, "", line); name = line; sub(/ *\(.*/, "", name)
           if (match(line, /committed=[0-9]+KB/)) { mb = substr(line, RSTART + 10, RLENGTH - 12) / 1024
             if (mb >= 0.5) printf " %s %.1f,", name, mb } }
    END { print "" }'
  # Threads by kind (names from /proc/<pid>/task/*/comm, digits and server names folded)
  printf '  threads by kind:'
  cat /proc/"$pid"/task/*/comm 2>/dev/null | sed -E 's/^xy-pump-.*/xy-pump-*/; s/^xy-supervisor.*/xy-supervisor-*/; s/[0-9]+/N/g' |
    sort | uniq -c | sort -rn | awk '{ n = $1; $1 = ""; printf " %s×%d,", substr($0, 2), n } END { print "" }'
}

echo "JVM: $(flags)"
memory "idle, $IDLE servers"
results="$PEERS_WORK/bursts.jsonl"
: >"$results"
peers_run_bursts 1 "$BURSTS" "$results"
sleep 3
memory "after $BURSTS bursts"
jcmd "$pid" JFR.dump name=xy filename="$jfr" >/dev/null
[ -n "${KEEP_JFR:-}" ] && cp "$jfr" "$KEEP_JFR"
echo "GC log: $(grep -c 'Pause' "$PEERS_WORK/gc.log") pauses in all; $(grep -c 'Pause Full' "$PEERS_WORK/gc.log" || true) full"
echo "-- the bursts, from the recording"
peers_tool jfr-summary "$jfr" "$results"
