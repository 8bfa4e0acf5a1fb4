#!/bin/sh
# SPDX-License-Identifier: MIT
# Measures recorder-dashboard under Xvfb: time to the first painted window, and CPU while idle
# beside a recorder that rewrites its heartbeat every second (simulated here).
# Usage: bench/dashboard.sh [BUILD_DIR] [IDLE_SECONDS]
set -eu
build=${1:-build}
idle=${2:-60}
dashboard="$build/gui/recorder-dashboard"
fixtures="$(dirname "$0")/../tests/gui/fixtures"
[ -x "$dashboard" ] || { echo "no $dashboard: build first" >&2; exit 1; }

work=$(mktemp -d)
heartbeat_pid=
cleanup() {
    [ -n "$heartbeat_pid" ] && kill "$heartbeat_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -m 0750 "$work/run" "$work/state"
cat > "$work/recorder.conf" <<CONF
[paths]
runtime_dir = $work/run
state_dir = $work/state
log_dir = $work/log
[gui]
metrics_url = http://127.0.0.1:9/metrics
CONF

ffmpeg -loglevel error -f lavfi -i testsrc2=size=640x360 -frames:v 1 "$work/preview-source.jpg"

# A recorder stand-in: the "recording" fixture, stamped with this boot's clock, once a second,
# and a new preview JPEG every 2 s ([preview] interval's default).
python3 - "$fixtures/recording.json" "$work/run/heartbeat.json" "$work/preview-source.jpg" "$work/run/preview.jpg" <<'PY' &
import json, os, shutil, sys, time
src, dst, preview_src, preview_dst = sys.argv[1:5]
doc = json.load(open(src))
boot = open('/proc/sys/kernel/random/boot_id').read().strip()
while True:
    doc['boot_id'] = boot
    doc['boottime_seconds'] = time.clock_gettime(time.CLOCK_BOOTTIME)
    doc['timestamp'] = time.strftime('%Y-%m-%dT%H:%M:%S.000Z', time.gmtime())
    doc['sequence'] += 1
    doc['bytes_written'] += 1_000_000
    tmp = dst + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(doc, f)
    os.chmod(tmp, 0o644)
    os.replace(tmp, dst)
    if doc['sequence'] % 2 == 0:
        shutil.copyfile(preview_src, preview_dst + '.tmp')
        os.chmod(preview_dst + '.tmp', 0o644)
        os.replace(preview_dst + '.tmp', preview_dst)
    time.sleep(1)
PY
heartbeat_pid=$!
sleep 1

echo "== first painted window (5 runs; in-process ms from main(), and wall ms for the whole process)"
for i in 1 2 3 4 5; do
    start=$(date +%s%N)
    line=$(xvfb-run -a env QT_QPA_PLATFORM=xcb "$dashboard" --config "$work/recorder.conf" --quit-after-first-paint 2>/dev/null)
    end=$(date +%s%N)
    echo "run $i: $line; process wall $(( (end - start) / 1000000 )) ms (includes Xvfb start-up)"
done

echo "== idle CPU over ${idle} s (status page; heartbeat every 1 s, preview every 2 s; exporter absent)"
xvfb-run -a env QT_QPA_PLATFORM=xcb "$dashboard" --config "$work/recorder.conf" 2>/dev/null &
runner=$!
sleep 5
pid=$(pgrep -n -f "^$dashboard --config $work/recorder.conf" || true)
[ -n "$pid" ] || { echo "dashboard did not start" >&2; exit 1; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
t0=$(ticks "$pid")
sleep "$idle"
t1=$(ticks "$pid")
hz=$(getconf CLK_TCK)
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
kill "$pid"
wait "$runner" 2>/dev/null || true
awk -v d=$((t1 - t0)) -v hz="$hz" -v s="$idle" -v rss="$rss" \
    'BEGIN { printf "cpu %.2f%% of one core (%d ticks in %d s); RSS %.1f MB\n", 100 * d / hz / s, d, s, rss / 1024 }'
