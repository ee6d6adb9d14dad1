#!/usr/bin/env bash
# Wall time of one `xy list` against a running daemon, start to exit, as a person types it.
# Needs the build (./mvnw -B package -DskipTests). Usage: benchmarks/cli-latency.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-20}"
work="$(mktemp -d /tmp/xybench.XXXXXX)"
mkdir -p "$work/cfg/xy/servers" "$work/run"
chmod 700 "$work/run"
export XDG_CONFIG_HOME="$work/cfg" XDG_STATE_HOME="$work/state" XDG_RUNTIME_DIR="$work/run"
cp "$root/examples/servers/"*.kdl "$work/cfg/xy/servers/" 2>/dev/null || true
sed -i.bak "s|working-dir \"../src|working-dir \"$root/examples/src|" "$work/cfg/xy/servers/"*.kdl
"$root/bin/xy" daemon >"$work/daemon.log" 2>&1 &
daemon=$!
trap 'kill -TERM $daemon 2>/dev/null; wait $daemon 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do "$root/bin/xy" list >/dev/null 2>&1 && break; sleep 0.1; done
sleep 5 # let the example servers finish compiling themselves, so they do not compete for the CPU

jar="$root/xy-cli/target/xy-cli.jar"
measure() { # label, command...
  local label="$1"; shift
  local times=()
  for _ in $(seq 1 "$runs"); do
    local start end
    start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%-44s median %4d ms   min %4d ms   max %4d ms   (%d runs)\n' "$label" \
    "$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")" "$(echo "$sorted" | head -1)" "$(echo "$sorted" | tail -1)" "$runs"
}
"$root/bin/xy" list >/dev/null # makes the AppCDS archive if the jar is new
measure "bin/xy list (C1, SerialGC, AppCDS)" "$root/bin/xy" list
measure "java -jar xy-cli.jar list (default flags)" java -jar "$jar" list
measure "java -jar, C1 + SerialGC, no archive" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" list
