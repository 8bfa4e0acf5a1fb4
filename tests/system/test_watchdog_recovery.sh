#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# System test of recovery levels 2 and 3 (systemd/TESTING.md scenarios 2 and 3): the installed
# recorder.service and recorder-watchdog.service run under the systemd test double on a private
# bus, with the real recorder-watchdog and, for recorderd, the heartbeat-writing stand-in
# fake-recorder (tests/support). Times are scaled by 0.2 (RestartSec=10 → 2 s).
#   freeze:     SIGSTOP of the recorder → one RestartUnit within timeout + check interval + 2 s,
#               then a fresh heartbeat ("Service restarted successfully");
#   never back: the recorder cannot start again → exactly 3 restarts, then exactly one Reboot
#               and reboot_trigger.log; once systemd's start limit is hit, ResetFailedUnit comes
#               before the next restart;
#   config error: the recorder exits 78 → no restart, no reboot, the watchdog's status and
#               metrics name the configuration error; an operator's start ends it.
# When recorder-exporter is built, recorder-metrics.service runs too and its recorder_up and
# recorder_watchdog_* metrics must follow each step. Skips (77) until recorder-watchdog and
# fake-recorder are in the build.
set -euo pipefail

build=${RECORDER_BINARY_DIR:?RECORDER_BINARY_DIR is not set}
double=${RECORDER_SYSTEMD_DOUBLE:?RECORDER_SYSTEMD_DOUBLE is not set}
watchdog=$build/watchdog/recorder-watchdog
exporter=$build/exporter/recorder-exporter
standIn=$build/tests/support/fake-recorder
units=$build/systemd/units
skip() { echo "SKIP: $*"; exit 77; }
[ -x "$watchdog" ] || skip "recorder-watchdog is not built yet ($watchdog)"
[ -x "$standIn" ] || skip "fake-recorder is not built yet ($standIn)"
for tool in dbus-daemon dbus-send systemd-notify; do
    command -v "$tool" >/dev/null || skip "$tool is not installed"
done

timeout=2        # [heartbeat] timeout
interval=0.5     # [watchdog] check_interval
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "PASS: $*"; }

tmp=$(mktemp -d)
pids=()
cleanUp() {
    local pid
    # The double stops its services (each a process group) when it gets SIGTERM.
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanUp EXIT

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
count() { grep -cF -- "$2" "$1" 2>/dev/null || true; }
epochOf() { date -d "$1" +%s.%N; } # ISO 8601 UTC from a log line

# startStack DIR: a private bus, an install root with the stand-in, the double on the units.
startStack() {
    local dir=$1 program
    mkdir -p "$dir/run" "$dir/state" "$dir/log"
    local served=(recorder.service recorder-watchdog.service)
    [ ! -x "$exporter" ] || served+=(recorder-metrics.service)
    for unit in "${served[@]}"; do
        program=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$units/$unit")
        mkdir -p "$(dirname "$dir/root$program")"
        if [ "$unit" = recorder.service ]; then
            # The stand-in pings WATCHDOG=1 from a helper that a SIGSTOP of the main process does
            # not freeze: only recorder-watchdog can see the freeze, which is what is tested here.
            cat >"$dir/root$program" <<SCRIPT
#!/bin/sh
[ -e "$dir/broken" ] && { echo "recorderd stand-in: cannot start" >&2; exit 1; }
[ -e "$dir/badconf" ] && { echo "recorderd stand-in: [camera] fps=0: allowed: an integer from 1 to 240" >&2; exit 78; }
systemd-notify --ready
(while sleep 1; do systemd-notify WATCHDOG=1; done) &
exec "$standIn" --heartbeat "$dir/run/heartbeat.json" --interval 0.2
SCRIPT
        elif [ "$unit" = recorder-watchdog.service ]; then
            printf '#!/bin/sh\nexec "%s" "$@"\n' "$watchdog" >"$dir/root$program"
        else
            printf '#!/bin/sh\nexec "%s" "$@"\n' "$exporter" >"$dir/root$program"
        fi
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
[heartbeat]
timeout=${timeout}s
[watchdog]
check_interval=${interval}s
restart_window=1min
[metrics]
listen=127.0.0.1
port=$(freePort)
cache=0
CONF
    dbus-daemon --session --nofork --nopidfile --print-address=1 >"$dir/bus" 2>/dev/null &
    pids+=($!)
    waitFor 10 test -s "$dir/bus" || { echo "FAIL: dbus-daemon printed no address"; exit 1; }
    local unitOptions=()
    for unit in "${served[@]}"; do unitOptions+=(--unit "$units/$unit"); done
    DBUS_SYSTEM_BUS_ADDRESS=$(head -n 1 "$dir/bus") "$double" "${unitOptions[@]}" --root "$dir/root" \
        --append-argument --config --append-argument "$dir/recorder.conf" --time-scale 0.2 \
        --reboot-log "$dir/reboot.log" --start >"$dir/double.out" 2>"$dir/double.log" &
    pids+=($!)
    waitFor 30 logHas "$dir/log/watchdog.log" "Verdict healthy" \
        || { cat "$dir/double.log" "$dir/log/watchdog.log" 2>/dev/null; echo "FAIL: the stack never became healthy"; exit 1; }
}

freePort() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# metric DIR NAME: the sample's value from the exporter of that stack, empty when unavailable.
metric() {
    local port
    port=$(sed -n 's/^port=//p' "$1/recorder.conf")
    python3 - "$port" "$2" <<'PY' 2>/dev/null || true
import sys, urllib.request
text = urllib.request.urlopen("http://127.0.0.1:%s/metrics" % sys.argv[1], timeout=5).read().decode()
for line in text.splitlines():
    if line.split(" ")[0] == sys.argv[2]:
        print(line.split(" ")[1])
PY
}
metricIs() { [ "$(metric "$1" "$2")" = "$3" ]; }

# expectMetric DIR NAME VALUE WHEN: the metric reaches VALUE within 20 s (skipped without exporter).
expectMetric() {
    [ -x "$exporter" ] || { echo "SKIP: $4: $2 (recorder-exporter is not built)"; return 0; }
    if waitFor 20 metricIs "$1" "$2" "$3"; then
        pass "$4: $2 $3"
    else
        fail "$4: $2 is '$(metric "$1" "$2")', not $3"
    fi
}

# operator DIR METHOD: what `systemctl start|stop|reset-failed recorder.service` sends.
operator() {
    local arguments=(string:recorder.service)
    [ "$2" = ResetFailedUnit ] || arguments+=(string:replace)
    DBUS_SYSTEM_BUS_ADDRESS=$(head -n 1 "$1/bus") dbus-send --system --print-reply --dest=org.freedesktop.systemd1 \
        /org/freedesktop/systemd1 "org.freedesktop.systemd1.Manager.$2" "${arguments[@]}" >/dev/null
}
statusHas() { grep -qF -- "$2" "$1/run/watchdog.json" 2>/dev/null; }

recorderPid() { sed -n 's/.*recorder\.service: started .*, pid \([0-9]*\)$/\1/p' "$1/double.log" | tail -n 1; }

# --- freeze
[ -x "$exporter" ] || echo "NOTE: recorder-exporter is not built yet; metrics are not checked"
dir=$tmp/freeze
startStack "$dir"
expectMetric "$dir" recorder_up 1 "freeze, before"
expectMetric "$dir" recorder_watchdog_up 1 "freeze, before"
frozen=$(recorderPid "$dir")
stoppedAt=$(date +%s.%N)
kill -STOP "$frozen"
if waitFor 60 logHas "$dir/log/watchdog.log" "Service restarted successfully"; then
    restartLine=$(grep -F "Restarting service (attempt 1/3)" "$dir/log/watchdog.log" | head -n 1)
    delay=$(awk -v a="$(epochOf "${restartLine%% *}")" -v b="$stoppedAt" 'BEGIN { printf "%.1f", a - b }')
    bound=$(awk -v t="$timeout" -v i="$interval" 'BEGIN { print t + i + 2 }')
    awk -v d="$delay" -v b="$bound" 'BEGIN { exit !(d <= b) }' \
        && pass "freeze: restart requested ${delay}s after SIGSTOP (bound ${bound}s)" \
        || fail "freeze: restart requested ${delay}s after SIGSTOP, more than ${bound}s"
    logHas "$dir/log/watchdog.log" "Heartbeat stale! Age: " && pass "freeze: 'Heartbeat stale!' logged" \
        || fail "freeze: no 'Heartbeat stale!' line"
    [ "$(count "$dir/double.log" "RestartUnit recorder.service")" -eq 1 ] && pass "freeze: exactly one RestartUnit" \
        || fail "freeze: $(count "$dir/double.log" "RestartUnit recorder.service") RestartUnit calls"
    [ "$(recorderPid "$dir")" != "$frozen" ] && pass "freeze: a new recorder runs" || fail "freeze: no new recorder"
    expectMetric "$dir" recorder_up 1 "freeze, after"
    expectMetric "$dir" recorder_watchdog_restarts_total 1 "freeze, after"
else
    fail "freeze: no 'Service restarted successfully' within 60 s"
fi

# --- never back
dir=$tmp/never-back
startStack "$dir"
touch "$dir/broken"
kill -STOP "$(recorderPid "$dir")"
if waitFor 120 test -s "$dir/reboot.log"; then
    # A grace period, not a measurement: a wrong second Reboot would arrive within it.
    waitFor 3 false || true
    [ "$(wc -l <"$dir/reboot.log")" -eq 1 ] && pass "never back: exactly one Reboot" \
        || fail "never back: $(wc -l <"$dir/reboot.log") Reboot calls"
    [ "$(count "$dir/log/watchdog.log" "Restarting service (attempt")" -eq 3 ] && pass "never back: exactly 3 restarts" \
        || fail "never back: $(count "$dir/log/watchdog.log" "Restarting service (attempt") restarts"
    logHas "$dir/log/watchdog.log" "Service restart failed 3 times. Triggering system reboot..." \
        && pass "never back: reboot line logged" || fail "never back: no reboot line"
    [ -s "$dir/log/reboot_trigger.log" ] && pass "never back: reboot_trigger.log written" \
        || fail "never back: no reboot_trigger.log"
    expectMetric "$dir" recorder_up 0 "never back"
    expectMetric "$dir" recorder_watchdog_restarts_total 3 "never back"
    expectMetric "$dir" recorder_watchdog_reboots_total 1 "never back"
    # Each restart job runs the stand-in until the start limit (5 starts) and ends "failed".
    if logHas "$dir/double.log" "Start request repeated too quickly."; then
        [ "$(count "$dir/double.log" "ResetFailedUnit recorder.service")" -ge 1 ] \
            && pass "never back: ResetFailedUnit before restarting a unit past its start limit" \
            || fail "never back: the start limit was hit, but no ResetFailedUnit"
        logHas "$dir/log/watchdog.log" "did not bring it up: ResetFailedUnit, then job" \
            && pass "never back: the restart job's result was followed" || fail "never back: no job result logged"
    else
        fail "never back: the stand-in never hit the start limit"
    fi
else
    fail "never back: no Reboot within 120 s"
fi

# --- configuration error
dir=$tmp/config-error
startStack "$dir"
touch "$dir/badconf"
# systemd's Restart= brings it back after RestartSec (2 s); that start exits 78, which
# RestartPreventExitStatus=78 leaves failed.
kill -KILL "$(recorderPid "$dir")"
if waitFor 30 logHas "$dir/log/watchdog.log" "Recorder configuration error"; then
    pass "config error: named in the watchdog's log"
    # The old watchdog restarted 3 times and rebooted within about 10 s here (timeout 2 s, grace 2 s).
    if waitFor 15 test -s "$dir/reboot.log"; then fail "config error: a Reboot was requested"
    else pass "config error: no Reboot"; fi
    [ "$(count "$dir/double.log" "RestartUnit recorder.service")" -eq 0 ] && pass "config error: no RestartUnit" \
        || fail "config error: $(count "$dir/double.log" "RestartUnit recorder.service") RestartUnit calls"
    [ "$(count "$dir/log/watchdog.log" "Recorder configuration error")" -eq 1 ] && pass "config error: logged once" \
        || fail "config error: logged $(count "$dir/log/watchdog.log" "Recorder configuration error") times"
    statusHas "$dir" '"verdict": "config_error"' && statusHas "$dir" '"config_error": true' \
        && statusHas "$dir" 'recorder configuration error: see journal' \
        && pass "config error: named in watchdog.json" || fail "config error: watchdog.json: $(cat "$dir/run/watchdog.json")"
    expectMetric "$dir" recorder_watchdog_config_error 1 "config error"
    expectMetric "$dir" recorder_watchdog_restarts_total 0 "config error"
    expectMetric "$dir" recorder_watchdog_reboots_total 0 "config error"

    # The operator fixes the file and starts the unit: the state ends as soon as it runs.
    rm "$dir/badconf"
    operator "$dir" StartUnit
    if waitFor 30 logHas "$dir/log/watchdog.log" "leaving the configuration error state"; then
        pass "config error: left once the unit runs again"
        waitFor 30 statusHas "$dir" '"verdict": "healthy"' && pass "config error: healthy afterwards" \
            || fail "config error: not healthy after the start: $(cat "$dir/run/watchdog.json")"
        statusHas "$dir" '"config_error": false' && pass "config error: cleared in watchdog.json" \
            || fail "config error: still set in watchdog.json"
        expectMetric "$dir" recorder_watchdog_config_error 0 "config error, after the start"
    else
        fail "config error: still in the configuration error state after StartUnit"
    fi
    [ ! -s "$dir/reboot.log" ] && pass "config error: still no Reboot" || fail "config error: a Reboot was requested"
else
    fail "config error: no 'Recorder configuration error' line within 30 s"
fi

if [ "$failures" -ne 0 ]; then
    for log in "$tmp"/*/double.log "$tmp"/*/log/watchdog.log; do echo "== $log"; cat "$log"; done
fi
echo "$failures failure(s)"
[ "$failures" -eq 0 ]
