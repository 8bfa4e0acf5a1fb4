#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# System test of recovery levels 2 and 3 (systemd/TESTING.md scenarios 2 and 3): the installed
# recorder.service and recorder-watchdog.service run under the systemd test double on a private
# bus, with the real recorder-watchdog and, for recorderd, the heartbeat-writing stand-in
# fake-recorder (tests/support). Times are scaled by 0.2 (RestartSec=10 → 2 s).
#   freeze:     SIGSTOP of the recorder → one RestartUnit within timeout + check interval + 2 s,
#               then a fresh heartbeat ("Service restarted successfully");
#   never back: the recorder cannot start again → exactly 3 restarts, then exactly one Reboot
#               and reboot_trigger.log.
# Skips (77) until recorder-watchdog and fake-recorder are in the build.
set -euo pipefail

build=${RECORDER_BINARY_DIR:?RECORDER_BINARY_DIR is not set}
double=${RECORDER_SYSTEMD_DOUBLE:?RECORDER_SYSTEMD_DOUBLE is not set}
watchdog=$build/watchdog/recorder-watchdog
standIn=$build/tests/support/fake-recorder
units=$build/systemd/units
skip() { echo "SKIP: $*"; exit 77; }
[ -x "$watchdog" ] || skip "recorder-watchdog is not built yet ($watchdog)"
[ -x "$standIn" ] || skip "fake-recorder is not built yet ($standIn)"
for tool in dbus-daemon systemd-notify; do
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
    for unit in recorder.service recorder-watchdog.service; do
        program=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$units/$unit")
        mkdir -p "$(dirname "$dir/root$program")"
        if [ "$unit" = recorder.service ]; then
            # The stand-in pings WATCHDOG=1 from a helper that a SIGSTOP of the main process does
            # not freeze: only recorder-watchdog can see the freeze, which is what is tested here.
            cat >"$dir/root$program" <<SCRIPT
#!/bin/sh
[ -e "$dir/broken" ] && { echo "recorderd stand-in: cannot start" >&2; exit 1; }
systemd-notify --ready
(while sleep 1; do systemd-notify WATCHDOG=1; done) &
exec "$standIn" --heartbeat "$dir/run/heartbeat.json" --interval 0.2
SCRIPT
        else
            printf '#!/bin/sh\nexec "%s" "$@"\n' "$watchdog" >"$dir/root$program"
        fi
        chmod 0755 "$dir/root$program"
    done
    cat >"$dir/recorder.conf" <<CONF
[paths]
runtime_dir=$dir/run
state_dir=$dir/state
log_dir=$dir/log
[heartbeat]
timeout=${timeout}s
[watchdog]
check_interval=${interval}s
restart_window=1min
CONF
    dbus-daemon --session --nofork --nopidfile --print-address=1 >"$dir/bus" 2>/dev/null &
    pids+=($!)
    waitFor 10 test -s "$dir/bus" || { echo "FAIL: dbus-daemon printed no address"; exit 1; }
    DBUS_SYSTEM_BUS_ADDRESS=$(head -n 1 "$dir/bus") "$double" \
        --unit "$units/recorder.service" --unit "$units/recorder-watchdog.service" --root "$dir/root" \
        --append-argument --config --append-argument "$dir/recorder.conf" --time-scale 0.2 \
        --reboot-log "$dir/reboot.log" --start >"$dir/double.out" 2>"$dir/double.log" &
    pids+=($!)
    waitFor 30 logHas "$dir/log/watchdog.log" "Verdict healthy" \
        || { cat "$dir/double.log" "$dir/log/watchdog.log" 2>/dev/null; echo "FAIL: the stack never became healthy"; exit 1; }
}

recorderPid() { sed -n 's/.*recorder\.service: started .*, pid \([0-9]*\)$/\1/p' "$1/double.log" | tail -n 1; }

# --- freeze
dir=$tmp/freeze
startStack "$dir"
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
else
    fail "never back: no Reboot within 120 s"
fi

if [ "$failures" -ne 0 ]; then
    for log in "$tmp"/*/double.log "$tmp"/*/log/watchdog.log; do echo "== $log"; cat "$log"; done
fi
echo "$failures failure(s)"
[ "$failures" -eq 0 ]
