#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# System test of the real recorderd under the systemd test double on a private bus, with the real
# recorder-watchdog and recorder-exporter (systemd/TESTING.md scenarios 1, 2 and 5). The test
# pattern at 320x240@15, 2 s segments, 0.5 s fragments; unit times scaled by 0.2 (RestartSec=10 → 2 s).
#   kill -9:   SIGKILL of recorderd → a new MainPID with a fresh heartbeat within RestartSec + 2 s;
#              the cut file is 'recovered' in the catalog and decodes;
#   freeze:    SIGSTOP of recorderd → recorder-watchdog restarts it within timeout + interval + 2 s.
#              recorder.service runs here without WatchdogSec=: in production systemd's own watchdog
#              races recorder-watchdog for a frozen recorder (TESTING.md, scenario 2), and this
#              scenario is about the second guard;
#   disk full: the recordings dir is a 24 MB tmpfs; a file leaving less than [storage] min_free makes
#              the recorder refuse ("insufficient storage space", state error) without a restart, and
#              it records again by itself when the file is removed.
#   config error: the config names a missing camera file, so recorderd exits 78: Restart= does not
#              retry it (RestartPreventExitStatus=78), and neither does the watchdog: no restart, no
#              reboot, verdict config_error and recorder_watchdog_config_error 1.
# recorder_up and the watchdog's metrics follow each step; before "config error" every recording decodes.
# Skips (77) without the programs, ffmpeg or sqlite3, or when a tmpfs cannot be mounted.
set -euo pipefail

build=${RECORDER_BINARY_DIR:?RECORDER_BINARY_DIR is not set}
double=${RECORDER_SYSTEMD_DOUBLE:?RECORDER_SYSTEMD_DOUBLE is not set}
recorderd=$build/daemon/recorderd
watchdog=$build/watchdog/recorder-watchdog
exporter=$build/exporter/recorder-exporter
units=$build/systemd/units
skip() { echo "SKIP: $*"; exit 77; }
for program in "$recorderd" "$watchdog" "$exporter"; do
    [ -x "$program" ] || skip "$program is not built"
done
for tool in dbus-daemon ffmpeg sqlite3 python3 mount; do
    command -v "$tool" >/dev/null || skip "$tool is not installed"
done

timeout=6        # [heartbeat] timeout: above RestartSec (2 s) + a start on a loaded machine
interval=0.5     # [watchdog] check_interval
restartSec=2     # RestartSec=10 scaled by 0.2
window=20        # [watchdog] restart_window
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "PASS: $*"; }

tmp=$(mktemp -d)
dir=$tmp/stack
recordings=$dir/recordings
mkdir -p "$dir/run" "$dir/state" "$dir/log" "$dir/units" "$recordings"
pids=()
mounted=0
cleanUp() {
    local pid
    # The double stops its services (each a process group) when it gets SIGTERM.
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ "$mounted" -eq 0 ] || umount "$recordings" 2>/dev/null || true
    [ -n "${RECORDER_KEEP_TEST_DIR:-}" ] && echo "kept $tmp" || rm -rf "$tmp"
}
trap cleanUp EXIT

mount -t tmpfs -o size=24m,mode=0750 tmpfs "$recordings" 2>/dev/null \
    || skip "cannot mount a tmpfs for the recordings (needs root)"
mounted=1

# waitFor SECONDS COMMAND...: polls until COMMAND succeeds; false after SECONDS.
waitFor() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.1
    done
}
logHas() { grep -qF -- "$2" "$1" 2>/dev/null; }
freePort() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
port=$(freePort)

# heartbeat FIELD: that field of the recorder's heartbeat, empty when unreadable.
heartbeat() {
    python3 - "$dir/run/heartbeat.json" "$1" <<'PY' 2>/dev/null || true
import json, sys
value = json.load(open(sys.argv[1]))[sys.argv[2]]
print(str(value).lower() if isinstance(value, bool) else value)
PY
}
heartbeatIs() { [ "$(heartbeat "$1")" = "$2" ]; }
heartbeatHas() { heartbeat "$1" | grep -qF -- "$2"; }

# metric NAME: the sample's value from the exporter, empty when unavailable.
metric() {
    python3 - "$port" "$1" <<'PY' 2>/dev/null || true
import sys, urllib.request
text = urllib.request.urlopen("http://127.0.0.1:%s/metrics" % sys.argv[1], timeout=5).read().decode()
for line in text.splitlines():
    if line.split(" ")[0] == sys.argv[2]:
        print(line.split(" ")[1])
PY
}
metricIs() { [ "$(metric "$1")" = "$2" ]; }
expectMetric() {
    if waitFor 20 metricIs "$1" "$2"; then pass "$3: $1 $2"; else fail "$3: $1 is '$(metric "$1")', not $2"; fi
}

recorderPid() { sed -n 's/.*recorder\.service: started .*, pid \([0-9]*\)$/\1/p' "$dir/double.log" | tail -n 1; }
# freshFrom PID: the heartbeat is written by PID and is recording.
freshFrom() { heartbeatIs pid "$1" && heartbeatIs state recording; }
recorderRecording() { local pid; pid=$(recorderPid); [ -n "$pid" ] && freshFrom "$pid"; }
newRecorderRecording() { local pid; pid=$(recorderPid); [ -n "$pid" ] && [ "$pid" != "$1" ] && freshFrom "$pid"; }
decodes() { [ -s "$1" ] && [ -z "$(ffmpeg -nostdin -v error -i "$1" -f null - 2>&1)" ]; }
catalogState() { sqlite3 "$dir/state/catalog.db" "SELECT state FROM recordings WHERE path LIKE '%$(basename "$1")'" 2>/dev/null || true; }
catalogStateIs() { [ "$(catalogState "$1")" = "$2" ]; }
elapsedSince() { awk -v a="$(date +%s.%N)" -v b="$1" 'BEGIN { printf "%.1f", a - b }'; }
within() { awk -v d="$1" -v b="$2" 'BEGIN { exit !(d <= b) }'; }

# --- the stack: installed units, the real programs, one config file
for unit in recorder.service recorder-watchdog.service recorder-metrics.service; do
    sed '/^WatchdogSec=/d' "$units/$unit" >"$dir/units/$unit"
    program=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$units/$unit")
    case $unit in
        recorder.service) real=$recorderd ;;
        recorder-watchdog.service) real=$watchdog ;;
        *) real=$exporter ;;
    esac
    mkdir -p "$(dirname "$dir/root$program")"
    printf '#!/bin/sh\nexec "%s" "$@"\n' "$real" >"$dir/root$program"
    chmod 0755 "$dir/root$program"
done
cat >"$dir/recorder.conf" <<CONF
[paths]
runtime_dir=$dir/run
state_dir=$dir/state
log_dir=$dir/log
watchdog_runtime_dir=$dir/run
watchdog_state_dir=$dir/state
watchdog_log_dir=$dir/log
exporter_log_dir=$dir/log
recordings_dir=$recordings
[camera]
source=testpattern
width=320
height=240
fps=15
[encoder]
fragment_duration=0.5s
keyframe_interval=0.5s
[recording]
mode=continuous
segment_duration=2s
[storage]
min_free=8MB
[preview]
interval=0
[heartbeat]
interval=0.5s
timeout=${timeout}s
[watchdog]
check_interval=${interval}s
restart_window=${window}s
[metrics]
listen=127.0.0.1
port=$port
cache=0
CONF
dbus-daemon --session --nofork --nopidfile --print-address=1 >"$dir/bus" 2>/dev/null &
pids+=($!)
waitFor 10 test -s "$dir/bus" || { echo "FAIL: dbus-daemon printed no address"; exit 1; }
DBUS_SYSTEM_BUS_ADDRESS=$(head -n 1 "$dir/bus") "$double" --unit "$dir/units/recorder.service" \
    --unit "$dir/units/recorder-watchdog.service" --unit "$dir/units/recorder-metrics.service" \
    --root "$dir/root" --append-argument --config --append-argument "$dir/recorder.conf" --time-scale 0.2 \
    --reboot-log "$dir/reboot.log" --start >"$dir/double.out" 2>"$dir/double.log" &
pids+=($!)
showLogs() { for log in "$dir/double.log" "$dir"/log/*.log; do echo "== $log"; tail -n 40 "$log"; done; }
if ! waitFor 40 recorderRecording || ! waitFor 20 logHas "$dir/log/watchdog.log" "Verdict healthy"; then
    showLogs
    echo "FAIL: the stack never became healthy"
    exit 1
fi
pass "start: recorderd records, the watchdog says healthy"
expectMetric recorder_up 1 "start"
expectMetric recorder_watchdog_up 1 "start"

# --- kill -9
hasCurrentFile() { [ -n "$(heartbeat current_file)" ]; }
waitFor 20 hasCurrentFile || true
first=$(recorderPid)
# Kill in the middle of a segment: a file that has just begun has no complete fragment yet, and one
# that ended is complete. So kill while the file being written holds two fragments and no fragment
# index (mfra, written at its end), and is still the one the heartbeat names. One python process
# watches and kills: started afresh for every look, as before, it was too slow on a loaded machine
# to catch a 2 s segment in its middle (it saw each file only once it had ended).
killMidSegment() {
    python3 - "$dir/run/heartbeat.json" "$1" <<'PY'
import json, os, signal, sys, time
heartbeat, pid = sys.argv[1], int(sys.argv[2])
def current():
    try:
        with open(heartbeat) as f:
            return json.load(f).get("current_file") or ""
    except (OSError, ValueError):
        return ""
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    path = current()
    if path:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            data = b""
        if data.count(b"moof") >= 2 and b"mfra" not in data and current() == path:
            os.kill(pid, signal.SIGKILL)
            print(path)
            sys.exit(0)
    time.sleep(0.02)
print("NOTE: no file caught with two fragments in its middle within 60 s", file=sys.stderr)
sys.exit(1)
PY
}
cut=$(killMidSegment "$first") || { cut=""; kill -9 "$first"; }
killedAt=$(date +%s.%N)
cp "$cut" "$tmp/cut.mp4" 2>/dev/null || true # as it was at the kill, for the report
newPid() { local pid; pid=$(recorderPid); [ -n "$pid" ] && [ "$pid" != "$1" ]; }
if waitFor $((restartSec + 20)) newPid "$first"; then
    delay=$(elapsedSince "$killedAt")
    within "$delay" $((restartSec + 2)) && pass "kill -9: new MainPID $(recorderPid) ${delay}s after SIGKILL (bound $((restartSec + 2))s)" \
        || fail "kill -9: new MainPID ${delay}s after SIGKILL, more than $((restartSec + 2))s"
    waitFor 20 recorderRecording && pass "kill -9: the new recorderd's heartbeat is fresh and recording" \
        || fail "kill -9: heartbeat pid '$(heartbeat pid)', state '$(heartbeat state)'"
else
    fail "kill -9: no new MainPID within $((restartSec + 20)) s"
fi
logHas "$dir/log/watchdog.log" "Restarting service" && fail "kill -9: the watchdog restarted too" \
    || pass "kill -9: the watchdog did not act"
if [ -n "$cut" ] && waitFor 20 catalogStateIs "$cut" recovered; then
    pass "kill -9: $(basename "$cut") is 'recovered' in the catalog"
else
    fail "kill -9: the cut file '$cut' is '$(catalogState "$cut")' in the catalog, not recovered"
fi
decodes "$cut" && pass "kill -9: the cut file decodes" \
    || fail "kill -9: the cut file does not decode: $(ffmpeg -nostdin -v error -i "$cut" -f null - 2>&1 | head -n 3) (at the kill: $(stat -c %s "$tmp/cut.mp4" 2>/dev/null) bytes, now $(stat -c %s "$cut" 2>/dev/null))"
expectMetric recorder_up 1 "kill -9, after"

# --- freeze
frozen=$(recorderPid)
stoppedAt=$(date +%s.%N)
kill -STOP "$frozen"
bound=$(awk -v t="$timeout" -v i="$interval" 'BEGIN { print t + i + 2 }')
if waitFor 60 logHas "$dir/log/watchdog.log" "Restarting service (attempt 1/3)"; then
    delay=$(elapsedSince "$stoppedAt")
    within "$delay" "$bound" && pass "freeze: the watchdog restarted recorderd ${delay}s after SIGSTOP (bound ${bound}s)" \
        || fail "freeze: restart seen ${delay}s after SIGSTOP, more than ${bound}s"
    expectMetric recorder_watchdog_restarts_total 1 "freeze"
    waitFor 40 newRecorderRecording "$frozen" && pass "freeze: a new recorderd records" \
        || fail "freeze: no new recording recorderd"
    waitFor 20 logHas "$dir/log/watchdog.log" "Service restarted successfully" \
        && pass "freeze: 'Service restarted successfully'" || fail "freeze: no 'Service restarted successfully'"
    expectMetric recorder_up 1 "freeze, after"
else
    fail "freeze: no restart within 60 s"
fi

# --- disk full
running=$(recorderPid)
avail=$(df --output=avail -B1 "$recordings" | tail -n 1)
fallocate -l $((avail - 2 * 1024 * 1024)) "$recordings/fill" 2>/dev/null \
    || dd if=/dev/zero of="$recordings/fill" bs=1M count=$((avail / 1048576 - 2)) status=none
if waitFor 30 heartbeatIs state error && heartbeatHas last_error "insufficient storage space"; then
    pass "disk full: state error, last_error '$(heartbeat last_error)'"
else
    fail "disk full: state '$(heartbeat state)', last_error '$(heartbeat last_error)'"
fi
logHas "$dir/log/service.log" "insufficient storage space" && pass "disk full: logged 'insufficient storage space'" \
    || fail "disk full: no 'insufficient storage space' in service.log"
expectMetric recorder_up 1 "disk full (the recorder is alive)"
rm -f "$recordings/fill"
if waitFor 90 heartbeatIs state recording; then
    pass "disk full: records again by itself once space returns"
else
    fail "disk full: state '$(heartbeat state)' after space returned"
fi
[ "$(recorderPid)" = "$running" ] && pass "disk full: no restart" || fail "disk full: recorderd was restarted"
filesAtLeast() { [ "$(find "$recordings" -name '*.mp4' | wc -l)" -ge "$1" ]; }
# One file finished after space returned, besides the one being written (retention may have removed
# every older one while the disk was full).
resumedWith=$(find "$recordings" -name '*.mp4' | wc -l)
waitFor 30 filesAtLeast $((resumedWith + 1)) || true

# --- every recording plays
count=0
# The newest file is still being written (the heartbeat may not name it yet): it may have no fragment.
newest=$(find "$recordings" -name '*.mp4' | sort | tail -n 1)
while IFS= read -r -d '' file; do
    [ "$file" = "$newest" ] && continue
    # A recorder killed (kill -9, or the frozen one systemd kills) before the first fragment of a new
    # file leaves one with headers and no media at all: recovery marks it corrupted, as documented
    # (docs/storage.md). Nothing was recorded in it, so nothing is lost; anything with a fragment
    # must play.
    if [ "$(catalogState "$file")" = corrupted ] && ! grep -q moof "$file"; then
        echo "NOTE: $file holds no fragment (corrupted in the catalog, $(stat -c %s "$file") bytes): nothing was recorded in it"
        continue
    fi
    count=$((count + 1))
    decodes "$file" || fail "unplayable ($(catalogState "$file") in the catalog, $(stat -c %s "$file") bytes): $file: $(ffmpeg -nostdin -v error -i "$file" -f null - 2>&1 | head -n 2)"
done < <(find "$recordings" -name '*.mp4' -print0)
[ "$count" -gt 0 ] && pass "$count recordings checked with ffmpeg" || fail "no recordings at the end"

# --- config error: exit 78, which neither systemd's Restart= nor the watchdog retries, and no
# reboot: a reboot cannot fix a configuration file.
sed -i 's|^source=testpattern$|source=file:/nonexistent|' "$dir/recorder.conf"
restartsBefore=$(grep -c "Restarting service (attempt" "$dir/log/watchdog.log" || true)
doubleLine=$(wc -l <"$dir/double.log")
kill -9 "$(recorderPid)"
afterKill() { tail -n +$((doubleLine + 1)) "$dir/double.log"; }
exited78() { afterKill | grep -qF "recorder.service: main process exited, status 78"; }
if waitFor 20 exited78; then
    pass "config error: recorderd started again by the unit's Restart= and exited 78"
else
    fail "config error: no exit 78 after the kill"
fi
if waitFor 30 logHas "$dir/log/watchdog.log" "Recorder configuration error"; then
    pass "config error: named in the watchdog's log"
    # More than the old watchdog took for its 3 restarts and reboot here (timeout, then 3 × grace).
    if waitFor 20 test -s "$dir/reboot.log"; then fail "config error: a Reboot was requested"
    else pass "config error: no Reboot"; fi
    restarts=$(( $(grep -c "Restarting service (attempt" "$dir/log/watchdog.log" || true) - restartsBefore ))
    [ "$restarts" -eq 0 ] && pass "config error: no watchdog restart" || fail "config error: $restarts watchdog restarts"
    started=$(afterKill | sed -n '/recorder.service: main process exited, status 78/,$p' | grep -c "recorder.service: started" || true)
    [ "$started" -eq 0 ] && pass "config error: not started again after exit 78" \
        || fail "config error: $started starts after exit 78"
    grep -qF '"verdict": "config_error"' "$dir/run/watchdog.json" && pass "config error: verdict config_error" \
        || fail "config error: watchdog.json: $(cat "$dir/run/watchdog.json")"
    expectMetric recorder_up 0 "config error"
    expectMetric recorder_watchdog_config_error 1 "config error"
else
    fail "config error: no 'Recorder configuration error' line within 30 s"
fi

[ "$failures" -eq 0 ] || showLogs
echo "$failures failure(s)"
[ "$failures" -eq 0 ]
