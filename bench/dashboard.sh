#!/bin/sh
# SPDX-License-Identifier: MIT
# Measures recorder-dashboard under Xvfb: time to the first painted window, and CPU while idle
# beside a recorder that rewrites its heartbeat every second (simulated here) and, unless
# EXPORTER=0, the real recorder-exporter on a fixture catalog, whose /metrics the dashboard fetches
# and parses every 5 s (EXPORTER=0: nobody listens, the dashboard only retries).
# Usage: [EXPORTER=0|1] [RECORDINGS=n] bench/dashboard.sh [BUILD_DIR] [IDLE_SECONDS]
set -eu
build=${1:-build}
idle=${2:-60}
with_exporter=${EXPORTER:-1}
recordings=${RECORDINGS:-1000}
dashboard="$build/gui/recorder-dashboard"
exporter="$build/exporter/recorder-exporter"
fixture="$build/tests/exporter/exporter-fixture"
fixtures="$(dirname "$0")/../tests/gui/fixtures"
[ -x "$dashboard" ] || { echo "no $dashboard: build first" >&2; exit 1; }
if [ "$with_exporter" = 1 ]; then
    for tool in "$exporter" "$fixture"; do
        [ -x "$tool" ] || { echo "no $tool: build it (ninja -C $build recorder-exporter exporter-fixture) or run with EXPORTER=0" >&2; exit 1; }
    done
fi

work=$(mktemp -d)
heartbeat_pid=
exporter_pid=
cleanup() {
    [ -n "$heartbeat_pid" ] && kill "$heartbeat_pid" 2>/dev/null || true
    [ -n "$exporter_pid" ] && kill "$exporter_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -m 0750 "$work/run" "$work/state" "$work/log"
metrics_url=http://127.0.0.1:9/metrics
metrics_section=
if [ "$with_exporter" = 1 ]; then
    # Heartbeat, watchdog status and a catalog of $recordings recordings, as the exporter bench uses.
    "$fixture" "$work/run" "$work/state" "$recordings" >/dev/null
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    metrics_url=http://127.0.0.1:$port/metrics
    metrics_section="[metrics]
listen = 127.0.0.1
port = $port"
fi
cat > "$work/recorder.conf" <<CONF
[paths]
runtime_dir = $work/run
state_dir = $work/state
log_dir = $work/log
; the exporter fixture writes the watchdog's status beside the heartbeat
watchdog_runtime_dir = $work/run
$metrics_section
[gui]
metrics_url = $metrics_url
CONF
if [ "$with_exporter" = 1 ]; then
    "$exporter" --config "$work/recorder.conf" 2>"$work/exporter.err" &
    exporter_pid=$!
    python3 - "$metrics_url" <<'PY' || { echo "the exporter did not answer" >&2; cat "$work/exporter.err" >&2; exit 1; }
import sys, time, urllib.request
for _ in range(100):
    try:
        body = urllib.request.urlopen(sys.argv[1], timeout=1).read().decode()
        samples = [l for l in body.splitlines() if l and not l.startswith('#')]
        print("exporter: %d samples, %d bytes per /metrics reply" % (len(samples), len(body)))
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
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

if [ "$with_exporter" = 1 ]; then what="exporter present, /metrics parsed every 5 s"; else what="exporter absent"; fi
echo "== idle CPU over ${idle} s (status page; heartbeat every 1 s, preview every 2 s; $what)"
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
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
