# Shared set-up for the benchmarks that run xy beside supervisord and pm2 (benchmarks/peers-*.sh). Sourced, not run.
#
# What it gives a script:
#   peers_init                 installs/builds what is missing, makes a temporary work dir, arms the cleanup trap
#   peers_add_server NAME PORT AUTOSTART(true|false) COMMAND [ARGS...]
#                              one server for every tool (xy KDL file, supervisord [program:], pm2 app), with the
#                              variables in PEERS_ENV (NAME=VALUE; "@TOOL@" in a value becomes the tool's name)
#   peers_add_idle N           N idle servers (`sleep infinity`), idle-001 … idle-N
#   peers_up / peers_down      start / stop every daemon (xy instances, supervisord, pm2's God daemon)
#   peers_wait_running N       until every tool reports N servers running
#   peers_reset_servers        forget every server config and log (daemons must be down)
#   xy_cli INSTANCE ARGS…      the xy CLI against one xy instance; xy_cmd INSTANCE ARGS… prints it for the timer
#   sv_cli ARGS… / pm2_cli ARGS…   supervisorctl / pm2 against the benchmark's own instance
#   xy_pid INSTANCE / sv_pid / pm2_pid   the daemon processes (the JVM, supervisord's python, pm2's God)
#   peers_tool SUBCOMMAND …    benchmarks/peers_tool.py (timers, burst driver, follower)
#
# Linux only (/proc, GNU date and grep). Isolation: every daemon runs in temporary XDG/PM2_HOME/supervisord directories under /tmp/xyp.XXXXXX (short, for
# the Unix socket limit); a user's own daemons are never touched. Cleanup (on any exit): SIGTERM to each daemon we
# started (they stop their servers), `pm2 kill`, then SIGKILL to any leftover process that carries this run's
# marker variable in its environment (only processes this run started have it), then the work dir is removed.
#
# Knobs (environment): XY_DAEMON_OPTS   JVM flags for the xy daemon, after its built-in ones, so they win
#                                       (through XY_DAEMON_JVM_OPTIONS, which bin/xy daemon reads; default none)
#                      XY_VARIANT_OPTS  if set, a second xy daemon ("xy-tuned") runs beside with these JVM flags
#                      PEERS_PORT_BASE  first port for xy's configs (default 41000)
#                      PEERS_TOOLS      which peers to run, default "supervisord pm2"
#                      PM2              a pm2 binary to use (default: on PATH, else installed into ~/.cache/xy-bench)
# shellcheck shell=bash

PEERS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEERS_PY="$(command -v /usr/bin/python3 || command -v python3)"
PEERS_PORT_BASE="${PEERS_PORT_BASE:-41000}"
PEERS_TOOLS="${PEERS_TOOLS-supervisord pm2}" # set it empty to run xy alone
PEERS_CACHE="${XY_BENCH_CACHE:-$HOME/.cache/xy-bench}"
PEERS_ENV=()
PEERS_CLEANUP_FILES=() # files outside the work dir that a script made (e.g. /tmp/perf-<pid>.map)
PEERS_WORK=""
PEERS_XY_HEALTH=""
declare -A PEERS_XY_PID=()
PEERS_SV_PID=""
PEERS_PM2_UP=""

peers_log() { printf '%s\n' "$*" >&2; }
peers_tool() { "$PEERS_PY" "$PEERS_ROOT/benchmarks/peers_tool.py" "$@"; }
peers_has() { [[ " $PEERS_TOOLS " == *" $1 "* ]]; }

# ------------------------------------------------------------------------------------------------ installing

peers_ensure_xy() {
  if [ ! -f "$PEERS_ROOT/xy-cli/target/xy-cli.jar" ]; then
    peers_log "building xy (./mvnw -B -q package -DskipTests) …"
    (cd "$PEERS_ROOT" && ./mvnw -B -q package -DskipTests)
  fi
}

peers_ensure_supervisor() {
  peers_has supervisord || return 0
  command -v supervisord >/dev/null && command -v supervisorctl >/dev/null && return 0
  peers_log "installing supervisor (Debian package) …"
  # Note: on a systemd host the package also enables a system-wide supervisord service; the benchmark never
  # talks to it (it runs its own instance), `systemctl disable --now supervisor` removes it if unwanted.
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get install -y supervisor >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y supervisor >/dev/null; }
}

peers_ensure_pm2() {
  peers_has pm2 || return 0
  if [ -z "${PM2:-}" ]; then
    if command -v pm2 >/dev/null; then
      PM2="$(command -v pm2)"
    else
      PM2="$PEERS_CACHE/npm/node_modules/.bin/pm2"
      if [ ! -x "$PM2" ]; then
        peers_log "installing pm2 into $PEERS_CACHE/npm (npm) …"
        mkdir -p "$PEERS_CACHE/npm"
        npm install --silent --no-fund --no-audit --prefix "$PEERS_CACHE/npm" pm2 >/dev/null
      fi
    fi
  fi
  export PM2
}

# pm2 --version would start a God daemon: read the version from its package.json instead.
peers_pm2_version() { node -p "require('$(dirname "$(readlink -f "$PM2")")/../package.json').version" 2>/dev/null || echo "?"; }

peers_versions() {
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  peers_has supervisord && echo "supervisord: $(supervisord --version) ($(head -1 "$(command -v supervisord)" | sed 's/^#!//') $("$(head -1 "$(command -v supervisord)" | sed 's/^#!//' | cut -d' ' -f1)" --version 2>&1))"
  peers_has pm2 && echo "pm2: $(peers_pm2_version) (node $(node --version))"
  return 0
}

# ------------------------------------------------------------------------------------------------ the run

peers_init() {
  peers_ensure_xy
  peers_ensure_supervisor
  peers_ensure_pm2
  PEERS_WORK="$(mktemp -d /tmp/xyp.XXXXXX)"
  trap peers_cleanup EXIT
  trap 'exit 130' INT TERM
  # Newer xy builds check readiness (an MCP exchange by default), which `sleep infinity` never passes: ask
  # those for `health { mode "none" }`. Older builds refuse the node, so try it on this build first (with plain
  # java, not bin/xy, so that this run does not record bin/xy's class-data archive).
  mkdir -p "$PEERS_WORK/probe"
  printf 'command "sleep"\nport 1\nhealth {\n    mode "none"\n}\n' >"$PEERS_WORK/probe/probe.kdl"
  PEERS_XY_HEALTH=""
  if java -jar "$PEERS_ROOT/xy-cli/target/xy-cli.jar" validate "$PEERS_WORK/probe/probe.kdl" >/dev/null 2>&1; then
    PEERS_XY_HEALTH=none
  fi
  PEERS_XY_INSTANCES="xy"
  [ -n "${XY_VARIANT_OPTS:-}" ] && PEERS_XY_INSTANCES="xy xy-tuned"
  local inst
  for inst in $PEERS_XY_INSTANCES; do
    mkdir -p "$PEERS_WORK/$inst/cfg/xy/servers" "$PEERS_WORK/$inst/state" "$PEERS_WORK/$inst/run" "$PEERS_WORK/burst/$inst"
    chmod 700 "$PEERS_WORK/$inst/run"
  done
  mkdir -p "$PEERS_WORK/sv/conf.d" "$PEERS_WORK/sv/logs" "$PEERS_WORK/burst/supervisord" \
    "$PEERS_WORK/pm2/apps" "$PEERS_WORK/pm2/manual" "$PEERS_WORK/pm2/logs" "$PEERS_WORK/burst/pm2" "$PEERS_WORK/burst/plain"
  export PM2_HOME="$PEERS_WORK/pm2/home"
  cat >"$PEERS_WORK/sv/supervisord.conf" <<EOF
[unix_http_server]
file=$PEERS_WORK/sv/s.sock
[supervisord]
logfile=$PEERS_WORK/sv/supervisord.log
pidfile=$PEERS_WORK/sv/supervisord.pid
childlogdir=$PEERS_WORK/sv/logs
nodaemon=true
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[supervisorctl]
serverurl=unix://$PEERS_WORK/sv/s.sock
[include]
files = $PEERS_WORK/sv/conf.d/*.conf
EOF
}

peers_cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [ -n "$PEERS_WORK" ] || exit "$rc"
  peers_down >/dev/null 2>&1
  # Safety net: anything still alive that this run started (daemons pass the marker down to their children).
  local f pid
  for f in $(grep -l -z -x "XY_PEER_BENCH_MARK=$PEERS_WORK" /proc/[0-9]*/environ 2>/dev/null); do
    pid="${f#/proc/}"; pid="${pid%/environ}"
    if [ "$pid" != "$$" ]; then
      local what
      what="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-100)"
      kill -KILL "$pid" 2>/dev/null && peers_log "cleanup: killed leftover pid $pid ($what)"
    fi
  done
  [ ${#PEERS_CLEANUP_FILES[@]} -gt 0 ] && rm -f "${PEERS_CLEANUP_FILES[@]}"
  if [ -n "${PEERS_KEEP_WORK:-}" ]; then peers_log "kept $PEERS_WORK"; else rm -rf "$PEERS_WORK"; fi
  exit "$rc"
}

# ------------------------------------------------------------------------------------------------ configs

_kdl_str() { local s="${1//\\/\\\\}"; printf '"%s"' "${s//\"/\\\"}"; }
_json_str() { local s="${1//\\/\\\\}"; printf '"%s"' "${s//\"/\\\"}"; }

peers_add_server() {
  local name="$1" port="$2" autostart="$3"; shift 3
  local cmd="$1"; shift
  [[ "$cmd" == /* ]] || cmd="$(command -v "$cmd")"
  local inst kv tool arg
  # xy: one KDL file per server and instance
  for inst in $PEERS_XY_INSTANCES; do
    {
      echo "command $(_kdl_str "$cmd")"
      if [ $# -gt 0 ]; then printf 'args'; for arg in "$@"; do printf ' %s' "$(_kdl_str "$arg")"; done; echo; fi
      echo "port $port"
      echo "autostart #$autostart"
      if [ -n "$PEERS_XY_HEALTH" ]; then printf 'health {\n    mode "%s"\n}\n' "$PEERS_XY_HEALTH"; fi
      if [ ${#PEERS_ENV[@]} -gt 0 ]; then
        echo "env {"
        for kv in "${PEERS_ENV[@]}"; do echo "    ${kv%%=*} $(_kdl_str "${kv#*=}")" | sed "s/@TOOL@/$inst/g"; done
        echo "}"
      fi
    } >"$PEERS_WORK/$inst/cfg/xy/servers/$name.kdl"
  done
  # supervisord: one [program:] section per server; a burst that exits must count as a success, not a start failure
  if peers_has supervisord; then
    local envs=()
    for kv in "${PEERS_ENV[@]}"; do envs+=("${kv%%=*}=\"${kv#*=}\""); done
    {
      echo "[program:$name]"
      printf 'command=%s' "$cmd"; for arg in "$@"; do printf ' %s' "$arg"; done; echo
      echo "autostart=$autostart"
      if [ "$autostart" = true ]; then echo "startsecs=1"; echo "autorestart=unexpected"; else echo "startsecs=0"; echo "autorestart=false"; fi
      echo "stdout_logfile=$PEERS_WORK/sv/logs/$name.log"
      echo "stderr_logfile=$PEERS_WORK/sv/logs/$name.err.log"
      [ ${#envs[@]} -gt 0 ] && (IFS=,; echo "environment=${envs[*]}" | sed "s/@TOOL@/supervisord/g")
      true
    } >"$PEERS_WORK/sv/conf.d/$name.conf"
  fi
  # pm2: one app; autostart apps are started with the daemon, the others on demand (pm2_start_app)
  if peers_has pm2; then
    local dir="$PEERS_WORK/pm2/apps"
    [ "$autostart" = true ] || dir="$PEERS_WORK/pm2/manual"
    {
      printf '{"name": %s, "script": %s, "interpreter": "none", "args": [' "$(_json_str "$name")" "$(_json_str "$cmd")"
      local sep=""
      for arg in "$@"; do printf '%s%s' "$sep" "$(_json_str "$arg")"; sep=", "; done
      printf '], "autorestart": %s, "out_file": %s, "error_file": %s, "env": {' \
        "$autostart" "$(_json_str "$PEERS_WORK/pm2/logs/$name.log")" "$(_json_str "$PEERS_WORK/pm2/logs/$name.err.log")"
      sep=""
      for kv in "${PEERS_ENV[@]}"; do
        printf '%s%s: %s' "$sep" "$(_json_str "${kv%%=*}")" "$(_json_str "${kv#*=}" | sed "s/@TOOL@/pm2/g")"; sep=", "
      done
      printf '}}'
    } >"$dir/$name.json"
  fi
}

peers_add_idle() {
  local n="$1" i
  for ((i = 1; i <= n; i++)); do
    peers_add_server "$(printf 'idle-%03d' "$i")" $((PEERS_PORT_BASE + i)) true sleep infinity
  done
}

peers_reset_servers() {
  local inst
  for inst in $PEERS_XY_INSTANCES; do
    rm -rf "$PEERS_WORK/$inst/cfg/xy/servers/"* "$PEERS_WORK/$inst/state/"*
  done
  rm -rf "$PEERS_WORK/sv/conf.d/"* "$PEERS_WORK/sv/logs/"* "$PEERS_WORK/pm2/apps/"* "$PEERS_WORK/pm2/manual/"* \
    "$PEERS_WORK/pm2/logs/"* "$PEERS_WORK/pm2/home"
}

# ------------------------------------------------------------------------------------------------ daemons

_xy_env() { # the environment of one xy instance, as NAME=VALUE words
  printf '%s ' "XDG_CONFIG_HOME=$PEERS_WORK/$1/cfg" "XDG_STATE_HOME=$PEERS_WORK/$1/state" "XDG_RUNTIME_DIR=$PEERS_WORK/$1/run"
}
xy_cli() { local inst="$1"; shift; env $(_xy_env "$inst") "$PEERS_ROOT/bin/xy" "$@"; }
xy_cmd() { local inst="$1"; shift; printf '%q ' env $(_xy_env "$inst") "$PEERS_ROOT/bin/xy" "$@"; }
xy_log_dir() { echo "$PEERS_WORK/$1/state/xy/logs"; }
xy_pid() { echo "${PEERS_XY_PID[$1]}"; }
sv_cli() { supervisorctl -c "$PEERS_WORK/sv/supervisord.conf" "$@"; }
sv_cmd() { printf '%q ' "$(command -v supervisorctl)" -c "$PEERS_WORK/sv/supervisord.conf" "$@"; }
sv_pid() { echo "$PEERS_SV_PID"; }
pm2_cli() { "$PM2" "$@"; }
pm2_cmd() { printf '%q ' env "PM2_HOME=$PM2_HOME" "$PM2" "$@"; }
pm2_pid() { cat "$PM2_HOME/pm2.pid" 2>/dev/null; }

xy_up() {
  local inst="$1" opts="${XY_DAEMON_OPTS:-}"
  [ "$inst" = xy-tuned ] && opts="$XY_VARIANT_OPTS"
  local extra=()
  [ -n "$opts" ] && extra=("XY_DAEMON_JVM_OPTIONS=$opts")
  env $(_xy_env "$inst") "${extra[@]}" XY_PEER_BENCH_MARK="$PEERS_WORK" \
    "$PEERS_ROOT/bin/xy" daemon >>"$PEERS_WORK/$inst/daemon.log" 2>&1 &
  PEERS_XY_PID[$inst]=$!
  local i
  for i in $(seq 1 200); do
    [ -S "$PEERS_WORK/$inst/run/xy.sock" ] && return 0
    kill -0 "${PEERS_XY_PID[$inst]}" 2>/dev/null || { cat "$PEERS_WORK/$inst/daemon.log" >&2; return 1; }
    sleep 0.05
  done
  peers_log "xy daemon ($inst) did not open its socket"; return 1
}

sv_up() {
  env XY_PEER_BENCH_MARK="$PEERS_WORK" supervisord -c "$PEERS_WORK/sv/supervisord.conf" >>"$PEERS_WORK/sv/out.log" 2>&1 &
  PEERS_SV_PID=$!
  local i
  for i in $(seq 1 200); do
    [ -S "$PEERS_WORK/sv/s.sock" ] && return 0
    sleep 0.05
  done
  peers_log "supervisord did not open its socket"; return 1
}

pm2_up() {
  local f apps=()
  for f in "$PEERS_WORK/pm2/apps/"*.json; do [ -e "$f" ] && apps+=("$(cat "$f")"); done
  if [ ${#apps[@]} -gt 0 ]; then
    (IFS=,; printf '{"apps": [%s]}\n' "${apps[*]}") >"$PEERS_WORK/pm2/ecosystem.json"
    env XY_PEER_BENCH_MARK="$PEERS_WORK" "$PM2" start "$PEERS_WORK/pm2/ecosystem.json" >>"$PEERS_WORK/pm2/out.log" 2>&1
  else
    env XY_PEER_BENCH_MARK="$PEERS_WORK" "$PM2" ping >>"$PEERS_WORK/pm2/out.log" 2>&1
  fi
  PEERS_PM2_UP=1
}

# Starts a non-autostart pm2 app (its first start declares it; later ones restart it).
pm2_start_app_cmd() {
  if "$PM2" describe "$1" >/dev/null 2>&1; then pm2_cmd restart "$1"; else pm2_cmd start "$PEERS_WORK/pm2/manual/$1.json"; fi
}

peers_up() {
  local inst
  for inst in $PEERS_XY_INSTANCES; do xy_up "$inst"; done
  if peers_has supervisord; then sv_up; fi
  if peers_has pm2; then pm2_up; fi
}

peers_down() {
  local inst pid pids=()
  for inst in "${!PEERS_XY_PID[@]}"; do
    pid="${PEERS_XY_PID[$inst]}"
    kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
  done
  PEERS_XY_PID=()
  if [ -n "$PEERS_SV_PID" ]; then kill -TERM "$PEERS_SV_PID" 2>/dev/null && pids+=("$PEERS_SV_PID"); PEERS_SV_PID=""; fi
  if [ -n "$PEERS_PM2_UP" ]; then
    local god
    god="$(pm2_pid)"
    "$PM2" kill >/dev/null 2>&1 || true
    if [ -n "$god" ]; then
      kill -TERM "$god" 2>/dev/null || true
      local j # not our child (it daemonized): wait for it to go, up to 10 s, without `wait`
      for j in $(seq 1 100); do [ -d "/proc/$god" ] && ! grep -q '^State:.*Z' "/proc/$god/status" 2>/dev/null || break; sleep 0.1; done
    fi
    PEERS_PM2_UP=""
  fi
  for pid in "${pids[@]}"; do
    local i
    for i in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  return 0
}

peers_count_running() { # tool [instance]; what the tool's own status command says (its exit code is ignored)
  local out=""
  case "$1" in
    xy) out="$(xy_cli "$2" list --json 2>/dev/null)" || true ;;
    supervisord) out="$(sv_cli status 2>/dev/null)" || true ;;
    pm2) out="$("$PM2" jlist 2>/dev/null)" || true ;;
  esac
  printf '%s' "$out" | peers_tool count "$1" 2>/dev/null || echo 0
}

peers_wait_running() {
  local want="$1" timeout="${2:-120}" start=$SECONDS inst n tool
  while :; do
    local ok=1 seen=""
    for inst in $PEERS_XY_INSTANCES; do
      n="$(peers_count_running xy "$inst")"; seen+="$inst=$n "
      [ "$n" -ge "$want" ] || ok=0
    done
    for tool in $PEERS_TOOLS; do
      n="$(peers_count_running "$tool")"; seen+="$tool=$n "
      [ "$n" -ge "$want" ] || ok=0
    done
    [ "$ok" = 1 ] && return 0
    if [ $((SECONDS - start)) -ge "$timeout" ]; then peers_log "not all running after ${timeout}s: $seen"; return 1; fi
    sleep 0.5
  done
}

# One line per daemon: RSS, peak RSS and threads of the daemon process itself.
peers_rss_rows() { # label
  local inst
  for inst in $PEERS_XY_INSTANCES; do _rss_row "$1" "$inst (JVM)" "$(xy_pid "$inst")"; done
  peers_has supervisord && _rss_row "$1" "supervisord (python)" "$(sv_pid)"
  peers_has pm2 && _rss_row "$1" "pm2 (God daemon, node)" "$(pm2_pid)"
  return 0
}
_rss_row() {
  peers_tool proc "$3" | awk -v label="$1" -v who="$2" '{
    for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "  %-34s %-24s RSS %6.1f MB   peak %6.1f MB   threads %3d\n", label, who, v["rss_kb"] / 1024, v["hwm_kb"] / 1024, v["threads"]
  }'
}

# ------------------------------------------------------------------------------------------------ log bursts

# A server "burst" for every tool: benchmarks/peers-burst-child.sh, not started with the daemon.
peers_add_burst_server() {
  PEERS_ENV=("BURST_DIR=$PEERS_WORK/burst/@TOOL@" "BURST_LINES=${BURST_LINES:-2000000}")
  peers_add_server burst $((PEERS_PORT_BASE + 900)) false /bin/sh "$PEERS_ROOT/benchmarks/peers-burst-child.sh"
  PEERS_ENV=()
}

# Runs bursts FIRST..LAST: in each round the plain file, every xy instance, supervisord and pm2 once, in a rotated
# order; appends one JSON line per burst to RESULTS. Each burst is timed from the child's own start until its last
# line is in the tool's log file (see peers_tool.py burst).
peers_run_bursts() { # first last results
  local first="$1" last="$2" results="$3" k who order
  local all=(plain $PEERS_XY_INSTANCES $PEERS_TOOLS)
  for ((k = first; k <= last; k++)); do
    order=()
    local i n=${#all[@]}
    for ((i = 0; i < n; i++)); do order+=("${all[$(((k + i) % n))]}"); done
    for who in "${order[@]}"; do
      sync; sleep "${BURST_PAUSE:-1}" # dirty pages of the last burst go to disk before the next one starts
      case "$who" in
        plain)
          BURST_DIR="$PEERS_WORK/burst/plain" BURST_LINES="${BURST_LINES:-2000000}" peers_tool plain --round "$k" \
            --stamp-dir "$PEERS_WORK/burst/plain" --out "$PEERS_WORK/burst/plain/out.log" \
            /bin/sh "$PEERS_ROOT/benchmarks/peers-burst-child.sh" >>"$results" ;;
        xy*)
          peers_tool burst --round "$k" --label "$who" --stamp-dir "$PEERS_WORK/burst/$who" --pid "$(xy_pid "$who")" \
            --log "$(xy_log_dir "$who")/burst.log" --log "$(xy_log_dir "$who")/burst.log.1" \
            "$(xy_cmd "$who" start burst)" >>"$results" ;;
        supervisord)
          peers_tool burst --round "$k" --label supervisord --stamp-dir "$PEERS_WORK/burst/supervisord" --pid "$(sv_pid)" \
            --log "$PEERS_WORK/sv/logs/burst.log" --log "$PEERS_WORK/sv/logs/burst.log.1" \
            "$(sv_cmd start burst)" >>"$results" ;;
        pm2)
          peers_tool burst --round "$k" --label pm2 --stamp-dir "$PEERS_WORK/burst/pm2" --pid "$(pm2_pid)" \
            --log "$PEERS_WORK/pm2/logs/burst.log" "$(pm2_start_app_cmd burst)" >>"$results" ;;
      esac
    done
    peers_log "  burst round $k done"
  done
}
