#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Peak memory and task counts of the three services, the figures MemoryHigh=, MemoryMax= and
# TasksMax= in systemd/*.service are set from (docs/deployment.md, docs/performance.md):
#  - recorderd recording the 1080p30 test pattern with libx264 (its defaults: ultrafast, CRF 23,
#    1 s fragments) and 20 s segments, for DURATION seconds;
#  - recorder-watchdog watching a fake recorder's heartbeat (bench/watchdog-footprint.sh's set-up:
#    a private dbus-daemon as system bus, --dry-run), for DURATION seconds;
#  - recorder-exporter under bench/exporter-auth.py (8 password guessers, scrapes every second).
# For each: peak VmHWM (resident set, from /proc/PID/status) and the most threads seen (TasksMax=
# counts threads), sampled every 0.2 s. Page cache the services cause (the recorder's video) is
# not in these figures: the cgroup limits count it, and the kernel reclaims it at MemoryHigh=.
# Usage: bench/service-limits.sh [BUILD_DIR] [DURATION]   (defaults: build, 60)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$repo/build}
duration=${2:-60}
for binary in daemon/recorderd watchdog/recorder-watchdog exporter/recorder-exporter tests/support/fake-recorder; do
  [ -x "$build/$binary" ] || { echo "service-limits: $build/$binary is not built" >&2; exit 1; }
done

work=$(mktemp -d)
chmod 0750 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# peak NAME PID SECONDS: samples the process until it ends or SECONDS pass, then stops it.
peak() {
  python3 - "$@" <<'PY'
import os, signal, sys, time
name, pid, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
hwm = threads = 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    try:
        with open(f"/proc/{pid}/status") as f:
            fields = dict(line.rstrip("\n").split(":\t", 1) for line in f if ":\t" in line)
    except OSError:
        break
    if fields.get("State", "").startswith("Z"):
        break
    hwm = max(hwm, int(fields["VmHWM"].split()[0]))
    threads = max(threads, int(fields["Threads"]))
    time.sleep(0.2)
try:
    os.kill(pid, signal.SIGTERM)
except ProcessLookupError:
    pass
print(f"{name}: peak VmHWM {hwm / 1024:.1f} MB, most threads {threads}")
PY
}

mkdir -p "$work/run" "$work/state" "$work/rec" "$work/log"
cat >"$work/recorder.conf" <<CONF
[paths]
runtime_dir=$work/run
state_dir=$work/state
recordings_dir=$work/rec
log_dir=$work/log
[camera]
source=testpattern
width=1920
height=1080
fps=30
[encoder]
encoder=libx264
[recording]
segment_duration=20s
[storage]
min_free=0
CONF

echo "service-limits: recorderd, 1080p30 test pattern, libx264, ${duration} s..."
"$build/daemon/recorderd" --config "$work/recorder.conf" 2>"$work/recorderd.err" &
pid=$!; pids+=("$pid")
peak recorderd "$pid" "$duration"
wait "$pid" 2>/dev/null || true
echo "  frames: $(python3 -c 'import json,sys; h=json.load(open(sys.argv[1])); print(h["frames_captured"], "captured,", h["frames_dropped"], "dropped")' "$work/run/heartbeat.json")"

echo "service-limits: recorder-watchdog with a fake recorder, ${duration} s..."
# As bench/watchdog-footprint.sh: a private bus without service activation as the system bus.
sed -e '/standard_session_servicedirs/d' -e "s|<listen>.*</listen>|<listen>unix:dir=$work</listen>|" \
  /usr/share/dbus-1/session.conf >"$work/bus.conf"
dbus-daemon --config-file="$work/bus.conf" --nofork --nopidfile --print-address=3 3>"$work/bus-address" 2>/dev/null &
pids+=("$!")
for _ in $(seq 50); do [ -s "$work/bus-address" ] && break; sleep 0.1; done
DBUS_SYSTEM_BUS_ADDRESS=$(head -1 "$work/bus-address")
export DBUS_SYSTEM_BUS_ADDRESS
"$build/tests/support/fake-recorder" --heartbeat "$work/run/heartbeat.json" --interval 1 &
pids+=("$!")
"$build/watchdog/recorder-watchdog" --config "$work/recorder.conf" --dry-run 2>"$work/watchdog.err" &
pid=$!; pids+=("$pid")
peak recorder-watchdog "$pid" "$duration"

echo "service-limits: recorder-exporter under bench/exporter-auth.py..."
python3 "$repo/bench/exporter-auth.py" --seconds "$duration" "$build/exporter/recorder-exporter" >"$work/auth.txt"
tail -1 "$work/auth.txt"
python3 - "$work/auth.txt" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
attack = json.loads(text[:text.rindex("\nrefusal:")])["attack"]
print(f"recorder-exporter: peak VmHWM {attack['exporter_peak_rss_mb']} MB, most threads {attack['exporter_peak_threads']}")
PY
