#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Checks the recorder's D-Bus policy when it is there (it comes with the D-Bus API): its grants
# (check_dbus_policy.py), and that dbus-daemon loads it without complaint. Skips (77) before then.
set -euo pipefail
src=${RECORDER_SOURCE_DIR:?RECORDER_SOURCE_DIR is not set}
policy=$src/systemd/org.recorder.Recorder1.conf
[ -f "$policy" ] || { echo "SKIP: $policy does not exist yet"; exit 77; }

python3 "$(dirname "$0")/check_dbus_policy.py" "$policy"
# recorder-offload's name: owned by its user only; recorderd's user and the other service users
# have no business pausing uploads.
offloadPolicy=$src/systemd/org.recorder.Offload1.conf
python3 "$(dirname "$0")/check_dbus_policy.py" "$offloadPolicy" org.recorder.Offload1 recorder-offload \
    recorder recorder-watchdog recorder-metrics

tmp=$(mktemp -d)
trap 'kill "$daemon" 2>/dev/null || true; rm -rf "$tmp"' EXIT
cat >"$tmp/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <listen>unix:path=$tmp/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow user="*"/></policy>
  <include>$policy</include>
  <include>$offloadPolicy</include>
</busconfig>
CONF
dbus-daemon --config-file="$tmp/bus.conf" --nofork --nopidfile --nosyslog >"$tmp/daemon.log" 2>&1 &
daemon=$!
for _ in $(seq 1 100); do [ -S "$tmp/bus" ] && break; kill -0 "$daemon" 2>/dev/null || break; sleep 0.1; done
# The recorder user and group exist only where the package or install.sh created them; a
# container may refuse the fd limit a daemon started as root asks for.
complaints=$(grep -v -e 'Unknown username "recorder[a-z-]*"' -e 'Unknown group "recorder"' -e 'Failed to set fd limit' "$tmp/daemon.log" || true)
if [ -S "$tmp/bus" ] && [ -z "$complaints" ]; then
    echo "PASS: dbus-daemon loads the policy without complaint"
else
    echo "FAIL: dbus-daemon did not load the policy cleanly: $complaints"
    exit 1
fi
