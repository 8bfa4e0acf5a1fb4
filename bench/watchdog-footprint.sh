#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Footprint of recorder-watchdog when all is well: idle RSS (target <= 10 MB) and CPU time over an
# idle run (target <= 0.1 s in 60 s). A fake recorder writes a heartbeat every second (the default
# interval), so the watchdog sees a file change every second and checks every 10 s, talking to a
# private dbus-daemon as its system bus (nothing answers for systemd, as on a machine without it).
# Usage: bench/watchdog-footprint.sh [seconds]   (default 60; BUILD_DIR defaults to ./build)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$repo/build}
duration=${1:-60}
watchdog=$build/watchdog/recorder-watchdog
recorder=$build/tests/support/fake-recorder
for binary in "$watchdog" "$recorder"; do
  [ -x "$binary" ] || { echo "watchdog-footprint: $binary is not built (cmake --build build)" >&2; exit 1; }
done

work=$(mktemp -d)
chmod 0700 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/run"
cat >"$work/recorder.conf" <<CONF
[paths]
runtime_dir=$work/run
state_dir=$work/state
log_dir=$work/log
CONF

# A bus with no service activation: the session bus's service files would start a user systemd
# every time the watchdog asks for its unit.
sed -e '/standard_session_servicedirs/d' -e "s|<listen>.*</listen>|<listen>unix:dir=$work</listen>|" \
  /usr/share/dbus-1/session.conf >"$work/bus.conf"
dbus-daemon --config-file="$work/bus.conf" --nofork --nopidfile --print-address=3 3>"$work/bus-address" 2>/dev/null &
pids+=($!)
for _ in $(seq 50); do [ -s "$work/bus-address" ] && break; sleep 0.1; done
export DBUS_SYSTEM_BUS_ADDRESS=$(head -1 "$work/bus-address")

"$recorder" --heartbeat "$work/run/heartbeat.json" --interval 1 &
pids+=($!)
"$watchdog" --config "$work/recorder.conf" --dry-run 2>"$work/watchdog.stderr" &
wd=$!
pids+=($wd)

cpu_seconds() { # utime + stime of a process, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); print ($12 + $13) / hz }' "/proc/$1/stat"
}
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
hwm_kib() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
# Private pages (USS) and the proportional share of shared ones (PSS), from smaps_rollup.
uss_kib() { awk '/^Private_(Clean|Dirty):/ { s += $2 } END { print s }' "/proc/$1/smaps_rollup"; }
pss_kib() { awk '/^Pss:/ { print $2 }' "/proc/$1/smaps_rollup"; }

sleep 3 # start-up is not idle
kill -0 "$wd" || { echo "watchdog-footprint: the watchdog exited; see $work/log-watchdog/watchdog.log" >&2; exit 1; }
cpu0=$(cpu_seconds "$wd")
sleep "$duration"
cpu1=$(cpu_seconds "$wd")
rss=$(rss_kib "$wd")
hwm=$(hwm_kib "$wd")
uss=$(uss_kib "$wd")
pss=$(pss_kib "$wd")
verdict=$(sed -n 's/.*"verdict": "\([a-z_]*\)".*/\1/p' "$work/run-watchdog/watchdog.json")

awk -v rss="$rss" -v hwm="$hwm" -v uss="$uss" -v pss="$pss" -v c0="$cpu0" -v c1="$cpu1" -v d="$duration" -v verdict="$verdict" 'BEGIN {
  cpu = c1 - c0
  printf "watchdog idle run: %d s, verdict %s\n", d, verdict
  printf "  RSS           %6.2f MB (peak %.2f MB)   target <= 10 MB   ratio %.2f\n", rss / 1024, hwm / 1024, rss / 1024 / 10
  printf "  private (USS) %6.2f MB, PSS %.2f MB: the rest of RSS is shared library pages\n", uss / 1024, pss / 1024
  printf "  CPU time      %6.3f s over %d s        target <= 0.1 s  ratio %.2f\n", cpu, d, cpu / 0.1 * 60 / d
}'
