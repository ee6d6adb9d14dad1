#!/usr/bin/env bash
# How long one `xy list` (20 idle servers) and one `xy --version` take, start to exit, as a person types them;
# next to the floor of any Java CLI (a hello-world JVM) and to `supervisorctl status` with the same 20 programs
# (when supervisord is installed). Each round runs every command once, in turn, so that a machine whose speed drifts
# slows all of them alike: the per-round ratios are the figures to compare, the times are for this machine only.
#
# Needs the build (./mvnw -B package -DskipTests), which records bin/xy's class-data-sharing archive.
# Usage: benchmarks/cli-latency.sh [rounds]     (default 20, after 3 warm-up rounds)
set -euo pipefail
root="$(cd -P "$(dirname "$0")/.." && pwd)"
rounds="${1:-20}"
xy="$root/bin/xy"
jar="$root/xy-cli/target/xy-cli.jar"
[ -f "$jar" ] || { echo "build first: ./mvnw -B package -DskipTests" >&2; exit 1; }
java="java"
[ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"

work="$(mktemp -d /tmp/xybench.XXXXXX)"
supervisord_pid=""
daemon=""
cleanup() {
  [ -n "$daemon" ] && { kill -TERM "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; }
  if [ -n "$supervisord_pid" ]; then
    supervisorctl -c "$work/supervisord.conf" shutdown >/dev/null 2>&1 || kill -TERM "$supervisord_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$supervisord_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# xy: a daemon with 20 idle servers, in temporary XDG directories.
mkdir -p "$work/cfg/xy/servers" "$work/run"
chmod 700 "$work/run"
export XDG_CONFIG_HOME="$work/cfg" XDG_STATE_HOME="$work/state" XDG_RUNTIME_DIR="$work/run"
for i in $(seq 1 20); do
  printf 'command "/bin/sleep"\nargs "1000000"\nport %d\n' $((42700 + i)) >"$work/cfg/xy/servers/idle$i.kdl"
done
"$xy" daemon >"$work/daemon.log" 2>&1 &
daemon=$!
for _ in $(seq 1 100); do "$xy" list >/dev/null 2>&1 && break; sleep 0.1; done

# The same 20 programs under supervisord, if it is installed.
have_supervisor=""
if command -v supervisord >/dev/null && command -v supervisorctl >/dev/null; then
  {
    printf '[unix_http_server]\nfile=%s/supervisor.sock\n' "$work"
    printf '[supervisord]\nlogfile=%s/supervisord.log\npidfile=%s/supervisord.pid\nchildlogdir=%s\n' "$work" "$work" "$work"
    printf '[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n'
    printf '[supervisorctl]\nserverurl=unix://%s/supervisor.sock\n' "$work"
    for i in $(seq 1 20); do printf '[program:idle%d]\ncommand=/bin/sleep 1000000\n' "$i"; done
  } >"$work/supervisord.conf"
  supervisord -c "$work/supervisord.conf"
  for _ in $(seq 1 100); do [ -s "$work/supervisord.pid" ] && break; sleep 0.1; done
  supervisord_pid="$(cat "$work/supervisord.pid")"
  for _ in $(seq 1 100); do
    [ "$(supervisorctl -c "$work/supervisord.conf" status 2>/dev/null | grep -c RUNNING)" = 20 ] && break
    sleep 0.1
  done
  have_supervisor=yes
fi

# The floor: a JVM that prints one line, default flags, the JDK's own class-data-sharing archive.
mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$work/Hello.java"
"${java%java}javac" -d "$work/hello" "$work/Hello.java" 2>/dev/null || javac -d "$work/hello" "$work/Hello.java"
sleep 3 # let the servers settle

labels=("xy list" "xy --version" "hello-world JVM" "java -jar xy-cli.jar list")
n=4
run_command() { # index
  case "$1" in
    0) "$xy" list ;;
    1) "$xy" --version ;;
    2) "$java" -cp "$work/hello" Hello ;;
    3) "$java" -jar "$jar" list ;;
    4) supervisorctl -c "$work/supervisord.conf" status ;;
  esac
}
if [ -n "$have_supervisor" ]; then
  labels+=("supervisorctl status")
  n=5
fi

# Wall time from bash's own clock, CPU time (user + system, of the command and its threads and children) from
# bash's `times`: both builtins, so that measuring starts no process whose time would count.
declare -A wall cpu0 cpu1
run_round() { # round number, or "" for a warm-up
  local i start end u s
  for ((i = 0; i < n; i++)); do
    times >"$work/t0"
    start=$EPOCHREALTIME
    run_command "$i" >/dev/null 2>&1 || true
    end=$EPOCHREALTIME
    times >"$work/t1"
    if [ -n "$1" ]; then
      wall[$i,$1]=$((${end/[.,]/} - ${start/[.,]/}))
      { read -r _; read -r u s; } <"$work/t0"
      cpu0[$i,$1]="$u $s"
      { read -r _; read -r u s; } <"$work/t1"
      cpu1[$i,$1]="$u $s"
    fi
  done
}
for _ in 1 2 3; do run_round ""; done
for ((r = 0; r < rounds; r++)); do run_round "$r"; done

seconds() { awk '{ s = 0; for (i = 1; i <= NF; i++) { split($i, p, "m"); sub("s", "", p[2]); s += p[1] * 60 + p[2] } print s }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
column() { local i=$1 r; for ((r = 0; r < rounds; r++)); do echo "${wall[$i,$r]}"; done; }
cpu_column() {
  local i=$1 r
  for ((r = 0; r < rounds; r++)); do
    echo "$(echo "${cpu1[$i,$r]}" | seconds) $(echo "${cpu0[$i,$r]}" | seconds)" | awk '{ printf "%.0f\n", ($1 - $2) * 1000 }'
  done
}
ratio() { local a=$1 b=$2 r; for ((r = 0; r < rounds; r++)); do echo "${wall[$a,$r]} ${wall[$b,$r]}" | awk '{ printf "%.3f\n", $1 / $2 }'; done | median; }

echo "$(uname -m), $(nproc) cores, $("$java" -version 2>&1 | head -1), $rounds rounds (after 3 warm-up rounds), load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
printf '%-28s %12s %10s %10s %14s\n' "command" "median wall" "min" "max" "median CPU"
for ((i = 0; i < n; i++)); do
  sorted=$(column "$i" | sort -n)
  cpus=$(cpu_column "$i" | median)
  printf '%-28s %9.1f ms %7.1f ms %7.1f ms %11s ms\n' "${labels[$i]}" \
    "$(echo "$sorted" | median | awk '{ print $1 / 1000 }')" "$(echo "$sorted" | head -1 | awk '{ print $1 / 1000 }')" \
    "$(echo "$sorted" | tail -1 | awk '{ print $1 / 1000 }')" "$cpus"
done
echo "ratios of wall time, median over rounds:"
echo "  xy list / hello-world JVM:       $(ratio 0 2)"
echo "  xy --version / hello-world JVM:  $(ratio 1 2)"
echo "  xy list / java -jar (no archive, default flags): $(ratio 0 3)"
if [ -n "$have_supervisor" ]; then
  echo "  xy list / supervisorctl status:  $(ratio 0 4)"
fi
