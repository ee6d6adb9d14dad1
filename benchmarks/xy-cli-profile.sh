#!/usr/bin/env bash
# Where `xy list` spends its time, against a real daemon with SERVERS idle servers (xy alone): the daemon's own
# share (raw JSON-RPC round trips), classes loaded by library and source (-Xlog:class+load), whether junixsocket
# extracts its native library on the run (strace), and a timed, alternating comparison of launch variants that
# need no code change: bin/xy as shipped, the same java command with an archive recorded by `list` or by
# `--version`, no archive, -XX:-UsePerfData, junixsocket's library given with
# -Dorg.newsclub.net.unix.library.override, and JDK 25 with an AOT cache (when JDK25_HOME or
# /usr/lib/jvm/temurin-25-jdk-amd64 exists); then the floors: a bare JDK-socket client (benchmarks/BareListClient.java,
# with and without Jackson) and `java -version`. The CPU column (user+sys) is steadier than wall time on a busy box.
#
# Usage: benchmarks/xy-cli-profile.sh    Environment: SERVERS (20), RUNS (15), WARMUP (3), JDK25_HOME,
#   XY_CLI_ARCHIVE (keep: the build's archive | fresh: record it again first with the build's training run)
set -euo pipefail
export PEERS_TOOLS=""
source "$(dirname "$0")/peers-lib.sh"
SERVERS="${SERVERS:-20}"
RUNS="${RUNS:-15}"
WARMUP="${WARMUP:-3}"
JDK25_HOME="${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

peers_init
echo "== xy list, taken apart: $SERVERS idle servers"
peers_versions
peers_add_idle "$SERVERS"
peers_up
peers_wait_running "$SERVERS" 300
sleep 2
w="$PEERS_WORK"
jar="$PEERS_ROOT/xy-cli/target/xy-cli.jar"
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
xyenv=(env XDG_CONFIG_HOME="$w/xy/cfg" XDG_STATE_HOME="$w/xy/state" XDG_RUNTIME_DIR="$w/xy/run")

echo "-- the daemon's share"
peers_tool rpc-rtt "$w/xy/run/xy.sock" --method list

echo "-- archives for the variants below (recorded now, in the work dir)"
"${xyenv[@]}" java "${flags[@]}" -XX:ArchiveClassesAtExit="$w/list.jsa" -jar "$jar" list >/dev/null
"${xyenv[@]}" java "${flags[@]}" -XX:ArchiveClassesAtExit="$w/version.jsa" -jar "$jar" --version >/dev/null
echo "  recorded by \`list\`: $(du -k "$w/list.jsa" | cut -f1) KB; by \`--version\`: $(du -k "$w/version.jsa" | cut -f1) KB"
jsa="$PEERS_ROOT/xy-cli/target/xy-cli.jsa"
if [ "${XY_CLI_ARCHIVE:-keep}" = fresh ]; then
  rm -f "$jsa"
  XY_RECORD_ARCHIVE="$jsa" "$PEERS_ROOT/bin/xy" >/dev/null 2>&1 || true
  echo "  bin/xy's own archive, recorded again by the build's training run: $(du -k "$jsa" | cut -f1) KB"
elif [ -f "$jsa" ] && [ "$jsa" -nt "$jar" ]; then
  echo "  bin/xy's own archive, as the build recorded it (training run): $(du -k "$jsa" | cut -f1) KB"
fi

echo "-- classes loaded by one \`java … -XX:SharedArchiveFile=<list archive> -jar xy-cli.jar list\`"
"${xyenv[@]}" java "${flags[@]}" -XX:SharedArchiveFile="$w/list.jsa" -Xlog:class+load:file="$w/cl-list.log":uptime -jar "$jar" list >/dev/null
peers_tool class-load "$w/cl-list.log"
echo "-- the same with the archive recorded by \`--version\` (what a first run without a daemon leaves behind)"
"${xyenv[@]}" java "${flags[@]}" -XX:SharedArchiveFile="$w/version.jsa" -Xlog:class+load:file="$w/cl-version.log":uptime -jar "$jar" list >/dev/null
peers_tool class-load "$w/cl-version.log"

echo "-- files junixsocket writes on one bin/xy list (strace -f -e trace=openat)"
if command -v strace >/dev/null; then
  "${xyenv[@]}" strace -f -qq -e trace=openat -o "$w/strace.log" "$PEERS_ROOT/bin/xy" list >/dev/null 2>&1 || true
  grep -E 'junixsocket.*O_CREAT|O_CREAT.*junixsocket' "$w/strace.log" | sed -E 's/^[0-9]+ +/  /' | head -5 ||
    echo "  none from junixsocket (this client does not use it)"
  echo "  ($(grep -c 'O_CREAT' "$w/strace.log") files opened with O_CREAT in all)"
else
  echo "  strace not installed"
fi
unzip -o -q -j "$PEERS_ROOT/xy-cli/target/lib/junixsocket-native-common.jar" 'lib/amd64-Linux-clang/jni/libjunixsocket-native-*[0-9].so' -d "$w/native" 2>/dev/null || true
lib="$(ls "$w"/native/libjunixsocket-native-*.so 2>/dev/null | head -1 || true)"
grep -q 'junixsocket.*O_CREAT' "$w/strace.log" 2>/dev/null || lib="" # the client does not extract it: nothing to try

echo "-- launch variants, timed in turn"
q() { printf '%q ' "$@"; }
base="$(q "${xyenv[@]}" java "${flags[@]}")"
variants=("bin/xy list=$(q "${xyenv[@]}" "$PEERS_ROOT/bin/xy" list)"
  "java, archive of list=$base -XX:SharedArchiveFile=$w/list.jsa -jar $jar list"
  "java, archive of --version=$base -XX:SharedArchiveFile=$w/version.jsa -jar $jar list"
  "java, no app archive=$base -jar $jar list"
  "java, archive of list, -UsePerfData=$base -XX:SharedArchiveFile=$w/list.jsa -XX:-UsePerfData -jar $jar list")
[ -n "$lib" ] && variants+=("java, archive of list, lib override=$base -XX:SharedArchiveFile=$w/list.jsa -Dorg.newsclub.net.unix.library.override=$lib -jar $jar list")
if [ -x "$JDK25_HOME/bin/java" ]; then
  j25=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
  "${xyenv[@]}" "$JDK25_HOME/bin/java" "${j25[@]}" -XX:AOTCacheOutput="$w/xy.aot" -jar "$jar" list >/dev/null 2>&1 || true
  [ -f "$w/xy.aot" ] && variants+=("JDK 25, AOT cache of list=$(q "${xyenv[@]}" "$JDK25_HOME/bin/java" "${j25[@]}" -XX:AOTCache="$w/xy.aot" -jar "$jar" list)")
fi
# The floor of a JVM client: the JDK's own Unix socket, no picocli, no junixsocket; with and without Jackson.
libcp="$(ls "$PEERS_ROOT"/xy-cli/target/lib/jackson-*.jar | paste -sd: -)"
if javac -d "$w/bare" -cp "$libcp" "$PEERS_ROOT/benchmarks/BareListClient.java" 2>/dev/null; then
  jar cf "$w/bare.jar" -C "$w/bare" . # CDS archives only classes from jars, not from directories
  bcp="$w/bare.jar:$libcp"
  java "${flags[@]}" -XX:ArchiveClassesAtExit="$w/bare.jsa" -cp "$bcp" BareListClient "$w/xy/run/xy.sock" --jackson >/dev/null || true
  variants+=("bare JDK socket client=java ${flags[*]} -XX:SharedArchiveFile=$w/bare.jsa -cp $bcp BareListClient $w/xy/run/xy.sock"
    "bare client + Jackson readTree=java ${flags[*]} -XX:SharedArchiveFile=$w/bare.jsa -cp $bcp BareListClient $w/xy/run/xy.sock --jackson")
fi
if javac -d "$w/probe" -cp "$jar" "$PEERS_ROOT/benchmarks/PicocliProbe.java" "$PEERS_ROOT/benchmarks/ListOnlyProbe.java" 2>/dev/null; then
  jar cf "$w/probe.jar" -C "$w/probe" .
  "${xyenv[@]}" java "${flags[@]}" -XX:ArchiveClassesAtExit="$w/probe.jsa" -cp "$w/probe.jar:$jar" PicocliProbe list >/dev/null || true
  "${xyenv[@]}" java "${flags[@]}" -XX:ArchiveClassesAtExit="$w/probe1.jsa" -cp "$w/probe.jar:$jar" dev.xy.cli.ListOnlyProbe >/dev/null || true
  variants+=("picocli only: xy's whole tree=$base -XX:SharedArchiveFile=$w/probe.jsa -cp $w/probe.jar:$jar PicocliProbe list"
    "picocli only: the list command=$base -XX:SharedArchiveFile=$w/probe1.jsa -cp $w/probe.jar:$jar dev.xy.cli.ListOnlyProbe")
fi
variants+=("java -version (floor)=java ${flags[*]} -version")
peers_tool alternate --title "xy list variants, $SERVERS servers" -n "$RUNS" -w "$WARMUP" "${variants[@]}"
