#!/usr/bin/env bash
# Hostile followers against the real xy daemon: CLIENTS connections each ask for `logs -f --tail TAIL` of a chatty
# server whose files hold tens of MB, and never read (what `xy logs -f --tail 100000` in suspended terminals does).
# Prints the daemon's RSS before, its peak (VmHWM) and RSS while the clients hold on, whether `xy list` still
# answers during the flood, and the RSS once they are gone. xy alone (supervisord and pm2 have no such stream).
#
# Usage: benchmarks/xy-follow-flood.sh   Environment: CLIENTS (40), TAIL (100000), HOLD (15 s), FILL (6 s of output
#   before the flood), XY_DAEMON_OPTS (extra JVM flags)
set -euo pipefail
export PEERS_TOOLS=""
source "$(dirname "$0")/peers-lib.sh"
CLIENTS="${CLIENTS:-40}"
TAIL="${TAIL:-100000}"
HOLD="${HOLD:-15}"
FILL="${FILL:-6}"

peers_init
echo "== follow flood: $CLIENTS clients ask for logs -f --tail $TAIL of a chatty server and never read"
peers_versions
# ~100-byte lines as fast as a shell loop writes them: the files fill (and rotate) before the flood.
peers_add_server chatty $((PEERS_PORT_BASE + 1)) true /bin/sh -c \
  'i=0; while :; do i=$((i+1)); echo "line $i lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor"; done'
peers_up
peers_wait_running 1 60
pid="$(xy_pid xy)"
sleep "$FILL"
rss() { awk '/^VmRSS/ {r=$2} /^VmHWM/ {h=$2} END {printf "RSS %6.1f MB   peak %6.1f MB", r/1024, h/1024}' "/proc/$pid/status"; }
echo "  log files: $(du -sh "$(xy_log_dir xy)" | cut -f1)"
echo "  before the flood     $(rss)"

"$PEERS_PY" - "$PEERS_WORK/xy/run/xy.sock" "$CLIENTS" "$TAIL" "$HOLD" "$pid" "$PEERS_ROOT/bin/xy" "$(_xy_env xy)" <<'PY'
import json, os, socket, subprocess, sys, time
sock_path, clients, tail, hold, pid, xy, env_words = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6], sys.argv[7]
env = dict(os.environ, **dict(w.split("=", 1) for w in env_words.split()))
def status():
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            fields[k] = v.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
held = []
request = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "logs",
                      "params": {"name": "chatty", "tail": tail, "follow": True}}) + "\n"
for _ in range(clients):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # small, as a stopped terminal's pipe soon is
    s.connect(sock_path)
    s.sendall(request.encode())
    held.append(s)
start = time.monotonic()
top = 0.0
answered = []
while time.monotonic() - start < hold:
    rss, hwm = status()
    top = max(top, rss)
    if len(answered) < 3 and time.monotonic() - start > (len(answered) + 1) * hold / 4:
        t0 = time.monotonic()
        r = subprocess.run([xy, "list"], env=env, capture_output=True, timeout=60)
        answered.append(f"exit {r.returncode} in {1000 * (time.monotonic() - t0):.0f} ms")
    time.sleep(0.2)
rss, hwm = status()
print(f"  during the flood     RSS {rss:6.1f} MB   peak {hwm:6.1f} MB   (highest RSS sampled {top:.1f} MB)")
print(f"  xy list during it:   {', '.join(answered)}")
for s in held:
    s.close()
time.sleep(3)
rss, hwm = status()
print(f"  3 s after they left  RSS {rss:6.1f} MB   peak {hwm:6.1f} MB")
PY
