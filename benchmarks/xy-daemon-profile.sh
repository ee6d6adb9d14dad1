#!/usr/bin/env bash
# Where the real xy daemon's time and memory go: the daemon (bin/xy daemon, its real flags plus XY_DAEMON_OPTS)
# supervises IDLE idle servers and one burst server (as in peers-log-ingest.sh), with Java Flight Recorder
# (settings=profile), Native Memory Tracking and a GC log. Prints: the JVM's heap sizing, RSS / NMT breakdown and
# threads by kind when idle and after the bursts, and per burst the GCs, JIT compilations, sampled allocation and
# CPU samples, then the hottest frames and allocating classes. With perf (PERF=1, the default when perf is
# installed) it also samples the daemon's CPU during the bursts — every thread, kernel included, JIT-compiled Java
# resolved through `jcmd <pid> Compiler.perfmap` — which JFR's sampler (Java frames only, biased to debug-info
# points) cannot show. Runs xy alone (no peers).
#
# Usage: benchmarks/xy-daemon-profile.sh   Environment: IDLE (20), BURSTS (4), BURST_LINES (2000000),
#   XY_DAEMON_OPTS (extra JVM flags to try, e.g. "-XX:+UseSerialGC -Xmx64m"), KEEP_JFR (a path to copy the recording
#   to), PERF (1/0)
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
  # Live heap (a full GC first) and its biggest classes
  jcmd "$pid" GC.class_histogram 2>/dev/null | awk '
    /^ +[0-9]+:/ { if (++n <= 5) top = top sprintf(" %s %.1f MB (%d),", $4, $3 / 1048576, $2) }
    /^Total/ { printf "  live heap %.1f MB in %d objects; biggest:%s\n", $3 / 1048576, $2, top }'
  # Threads by kind (names from /proc/<pid>/task/*/comm, digits and server names folded)
  printf '  threads by kind:'
  cat /proc/"$pid"/task/*/comm 2>/dev/null | sed -E 's/^xy-pump-.*/xy-pump-*/; s/^xy-supervisor.*/xy-supervisor-*/; s/[0-9]+/N/g' |
    sort | uniq -c | sort -rn | awk '{ n = $1; $1 = ""; printf " %s×%d,", substr($0, 2), n } END { print "" }'
}

echo "JVM: $(flags)"
memory "idle, $IDLE servers"
results="$PEERS_WORK/bursts.jsonl"
: >"$results"
perf_pid=""
if [ "${PERF:-1}" = 1 ] && command -v perf >/dev/null; then
  perf record -q -F 499 -g -p "$pid" -o "$PEERS_WORK/perf.data" >/dev/null 2>&1 &
  perf_pid=$!
fi
peers_run_bursts 1 "$BURSTS" "$results"
if [ -n "$perf_pid" ]; then
  kill -INT "$perf_pid"; wait "$perf_pid" || true
  PEERS_CLEANUP_FILES+=("/tmp/perf-$pid.map")
  jcmd "$pid" Compiler.perfmap >/dev/null 2>&1 || true
fi
sleep 3
memory "after $BURSTS bursts"
jcmd "$pid" JFR.dump name=xy filename="$jfr" >/dev/null
[ -n "${KEEP_JFR:-}" ] && cp "$jfr" "$KEEP_JFR"
echo "GC log: $(grep -c 'Pause' "$PEERS_WORK/gc.log") pauses in all; $(grep -c 'Pause Full' "$PEERS_WORK/gc.log" || true) full"
echo "-- the bursts, from the recording"
peers_tool jfr-summary "$jfr" "$results"
if [ -n "$perf_pid" ]; then
  echo "-- perf: CPU samples during the bursts by thread (the burst's own seq and sed included), then by function"
  perf report -i "$PEERS_WORK/perf.data" --no-children --sort comm --stdio 2>/dev/null | grep -E '^ +[0-9.]+% ' |
    sed -E 's/xy-pump-[^ ]*/xy-pump-*/; s/(C[12] CompilerThre|GC Thread#|G1 [A-Za-z]+)[^ ]*/\1/' |
    awk '{ p = $1; sub(/%/, "", p); $1 = ""; k = substr($0, 2); s[k] += p } END { for (k in s) printf "  %6.1f%%  %s\n", s[k], k }' | sort -rn | head -8
  echo "  top functions of the daemon's own threads ([k] kernel; compiled Java by name, percent of all samples):"
  perf report -i "$PEERS_WORK/perf.data" --pid "$pid" --no-children --sort sym -g none --stdio 2>/dev/null |
    grep -E '^ +[0-9]' | head -25 | cut -c1-150 | sed 's/^/  /'
  rm -f "/tmp/perf-$pid.map"
fi
