#!/usr/bin/env bash
# Checks a jpackage build of xy for real (docs/desktop.md, "Packaging"), after
#   ./mvnw -B -Ppackage -pl packaging -am package -DskipTests
# The image's app starts on its own X display with a tray host and hosts a server from temporary XDG folders; the
# image's own `xy` launcher, with an empty environment (no java on a PATH), sees that server; "Start xy at login"
# in the tray menu writes an autostart entry that runs the image's launcher, and removes it again; SIGTERM quits
# with exit 0, the server stopped and the socket gone. Then the .deb: its dependencies and its files.
#
# Usage: packaging/check-image.sh [IMAGE_DIR [DEB]]   (defaults: packaging/target/jpackage/xy-gui, the one .deb
# in packaging/target/installer). Needs Xvfb, trayer, xdotool, xwininfo and dpkg-deb:
#   apt-get install xvfb trayer xdotool x11-utils libgtk-3-0
# XY_CHECK_SCREENSHOT=FILE also saves a screenshot of the display (ImageMagick's `import`).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
image="${1:-$here/target/jpackage/xy-gui}"
deb="${2:-$(ls "$here"/target/installer/*.deb 2>/dev/null | head -n 1 || true)}"

fail() {
  echo "check-image: FAIL: $*" >&2
  exit 1
}
ok() { echo "check-image: ok: $*"; }

for tool in Xvfb trayer xdotool xwininfo dpkg-deb; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing: apt-get install xvfb trayer xdotool x11-utils libgtk-3-0"
done
[ -x "$image/bin/xy-gui" ] && [ -x "$image/bin/xy" ] \
  || fail "no image at $image: build it with ./mvnw -B -Ppackage -pl packaging -am package -DskipTests"
[ -f "$deb" ] || fail "no .deb (looked in $here/target/installer)"
# A jpackage launcher reports its own path with symlinks resolved: compare with that.
image="$(cd -P "$image" && pwd)"

# Short paths: a Unix socket path has a hard length limit.
tmp="$(mktemp -d /tmp/xyimg.XXXXXX)"
app_pid="" trayer_pid="" xvfb_pid=""
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  for pid in "$trayer_pid" "$xvfb_pid"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# until SECONDS COMMAND…: runs COMMAND every quarter second until it succeeds; fails after SECONDS.
until_true() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.25
  done
}

# --- The image: its CLI alone ---------------------------------------------------------------------------------
mkdir -p "$tmp/cfg/xy/servers" "$tmp/state" "$tmp/run" "$tmp/home"
chmod 700 "$tmp/run"
port=$((20000 + RANDOM % 40000))
cat >"$tmp/cfg/xy/servers/alpha.kdl" <<EOF
command "/bin/sh"
args "-c" "exec sleep 1000"
port $port
health {
  mode "none"
}
EOF
xdg=(HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/cfg" XDG_STATE_HOME="$tmp/state" XDG_RUNTIME_DIR="$tmp/run")
# The CLI with nothing from this shell: no PATH, no JAVA_HOME. It runs on the image's own runtime or not at all.
xy() { env -i "${xdg[@]}" "$image/bin/xy" "$@"; }

version="$(xy --version)" || fail "the image's xy does not run"
ok "$image/bin/xy --version: $version"

# --- The image: the app on its own display, with a tray host --------------------------------------------------
# Xvfb picks a free display itself (-displayfd); one that cannot be reached after all (other X servers come and go
# on a shared machine) is replaced by a fresh one.
start_xvfb() {
  rm -f "$tmp/display"
  Xvfb -displayfd 5 -screen 0 1400x900x24 -nolisten tcp 5>"$tmp/display" 2>"$tmp/xvfb.log" &
  xvfb_pid=$!
  until_true 20 test -s "$tmp/display" || return 1
  display=":$(tr -d '[:space:]' <"$tmp/display")"
  until_true 10 env DISPLAY="$display" xwininfo -root >/dev/null 2>&1
}
for attempt in 1 2 3; do
  start_xvfb && break
  kill "$xvfb_pid" 2>/dev/null || true
  [ "$attempt" -lt 3 ] || fail "Xvfb did not start: $(cat "$tmp/xvfb.log")"
done
export DISPLAY="$display"
trayer --edge top --align right --widthtype pixel --width 200 --height 24 --transparent false >"$tmp/trayer.log" 2>&1 &
trayer_pid=$!
until_true 60 sh -c 'xwininfo -root -tree | grep -q "(\"panel\" \"trayer\")"' \
  || fail "trayer did not show its panel on $display: $(cat "$tmp/trayer.log") $(cat "$tmp/xvfb.log")"

# JAVA_TOOL_OPTIONS reaches the JVM through any launcher: the app writes its tray menu's labels to a file, and
# user.home (which Java takes from the password database, not from HOME) is the temporary one.
env -i "${xdg[@]}" PATH=/usr/bin:/bin DISPLAY="$display" XY_GUI_THEME=light \
  JAVA_TOOL_OPTIONS="-Dxy.gui.trayMenuDump=$tmp/tray.txt -Duser.home=$tmp/home" \
  "$image/bin/xy-gui" >"$tmp/app.log" 2>&1 &
app_pid=$!

hosting() {
  kill -0 "$app_pid" 2>/dev/null || fail "the app exited; its log:
$(cat "$tmp/app.log")"
  grep -q "xy-gui: hosting" "$tmp/app.log" && xy status alpha --json >"$tmp/status.json" 2>/dev/null \
    && grep -q '"state" *: *"running"' "$tmp/status.json"
}
until_true 120 hosting || fail "the app did not host alpha; its log:
$(cat "$tmp/app.log")"
alpha_pid="$(sed -n 's/.*"pid" *: *\([0-9][0-9]*\).*/\1/p' "$tmp/status.json" | head -n 1)"
[ -n "$alpha_pid" ] || fail "no pid for alpha in $(cat "$tmp/status.json")"
ok "the app hosts alpha (pid $alpha_pid) and the image's own xy sees it:"
xy list | sed 's/^/    /'

grep -q "$image/lib/runtime/lib/server/libjvm.so" "/proc/$app_pid/maps" \
  || fail "the app does not run on the image's runtime"
ok "the app runs on the image's runtime ($image/lib/runtime)"
until_true 30 xdotool search --onlyvisible --name '^xy$' >/dev/null || fail "no window titled xy"
ok "the window \"xy\" is shown"

# --- Start xy at login, through the tray menu -----------------------------------------------------------------
until_true 30 grep -qx "Start xy at login" "$tmp/tray.txt" 2>/dev/null \
  || fail "the tray menu has no \"Start xy at login\": $(cat "$tmp/tray.txt" 2>/dev/null)"
icon_at() {
  # "JavaEmbeddedFrame": (…)  24x22+0+0  +1375+1  →  the centre of the icon on screen
  xwininfo -root -tree | sed -n 's/.*"JavaEmbeddedFrame".* \([0-9]*\)x\([0-9]*\)+-*[0-9]*+-*[0-9]* *+\(-*[0-9]*\)+\(-*[0-9]*\).*/\1 \2 \3 \4/p' \
    | awk '$1 > 1 { print int($3 + $1 / 2), int($4 + $2 / 2); exit }'
}
has_icon() { [ -n "$(icon_at)" ]; }
until_true 30 has_icon || fail "no tray icon"
read -r icon_x icon_y <<<"$(icon_at)"
entry="$tmp/cfg/autostart/xy.desktop"
[ ! -e "$entry" ] || fail "an autostart entry exists before anyone asked for one"
toggle_at_login() {
  xdotool mousemove "$icon_x" "$icon_y" click 3
  until_true 10 xdotool search --onlyvisible --name XPopupMenuPeer >/dev/null || fail "the tray menu did not open"
  xdotool key --delay 150 Up Up Return # the item above "Quit xy"
}
toggle_at_login
until_true 15 test -f "$entry" || fail "\"Start xy at login\" wrote no $entry"
grep -qx "Exec=$image/bin/xy-gui" "$entry" || fail "the autostart entry does not run $image/bin/xy-gui:
$(cat "$entry")"
grep -qx "X-GNOME-Autostart-enabled=true" "$entry" || fail "the autostart entry is not enabled"
ok "Start xy at login wrote $entry with Exec=$image/bin/xy-gui"
if [ -n "${XY_CHECK_SCREENSHOT:-}" ] && command -v import >/dev/null 2>&1; then
  import -window root "$XY_CHECK_SCREENSHOT" && ok "screenshot: $XY_CHECK_SCREENSHOT"
fi
toggle_at_login
until_true 15 test ! -e "$entry" || fail "switching it off left $entry"
ok "switching it off removed the entry"

# --- Quitting -------------------------------------------------------------------------------------------------
kill -TERM "$app_pid"
status=0
wait "$app_pid" || status=$?
app_pid=""
[ "$status" -eq 0 ] || fail "the app exited $status on SIGTERM; its log:
$(cat "$tmp/app.log")"
[ ! -e "$tmp/run/xy.sock" ] || fail "the socket is still there after quitting"
stat="$(ps -o stat= -p "$alpha_pid" 2>/dev/null || true)"
[ -z "$stat" ] || [[ "$stat" == Z* ]] || fail "alpha (pid $alpha_pid) outlived the app"
ok "SIGTERM: exit 0, alpha stopped, socket removed"
# JavaFX's native libraries travel inside its module jars, so jlink keeps them as resources of the runtime's
# modules file; JavaFX unpacks them into ~/.openjfx/cache at its first start (as it does for bin/xy-gui).
glass="$(find "$tmp/home/.openjfx/cache" -name libglassgtk3.so 2>/dev/null | head -n 1 || true)"
[ -n "$glass" ] || fail "JavaFX's GTK glass was not unpacked into ~/.openjfx/cache"
ok "JavaFX's natives came from the image's modules into ${glass#"$tmp/home/"} ($(du -sh "$tmp/home/.openjfx" | cut -f1))"

# --- The .deb -------------------------------------------------------------------------------------------------
depends="$(dpkg-deb -f "$deb" Depends)"
tr ',' '\n' <<<"$depends" | sed 's/^ *//; s/ *$//' | grep -qx 'libgtk-3-0' \
  || fail "the .deb does not depend on libgtk-3-0: $depends"
ok "$(basename "$deb"): $(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version), depends on libgtk-3-0"
dpkg-deb -c "$deb" | awk '{ print $NF }' >"$tmp/contents"
for file in ./opt/xy/bin/xy-gui ./opt/xy/bin/xy ./opt/xy/lib/app/xy-gui.jar ./opt/xy/lib/app/xy-cli.jar \
  ./opt/xy/lib/runtime/lib/server/libjvm.so ./opt/xy/lib/runtime/lib/modules ./opt/xy/lib/xy-xy-gui.desktop; do
  grep -qx "$file" "$tmp/contents" || fail "the .deb has no $file"
done
ok "the .deb holds both launchers, the jars, one runtime, the menu entry"
dpkg-deb -I "$deb" postinst | grep -q 'ln -s "/opt/xy/bin/$command" "/usr/bin/$command"' \
  || fail "the .deb's postinst does not link xy into /usr/bin"
ok "postinst links /usr/bin/xy and /usr/bin/xy-gui"

echo "check-image: sizes: image $(du -sh "$image" | cut -f1) ($image), .deb $(du -h "$deb" | cut -f1) ($deb)"
echo "check-image: all checks passed"
