#!/bin/bash
# SPDX-License-Identifier: MIT
# The cost of a durable catalog on a slow card: recorderd at 1280x720@30 (test pattern, 5 s segments)
# for SECONDS with every fsync/fdatasync of its files slowed by the fault-injection shim; prints frames
# captured and dropped, and how far the catalog lags the files (rows committed at the end).
# Usage: bench/storage/slow-card.sh [BUILD_DIR] [SYNC_DELAY_MS] [SECONDS] [RECORDERD]
#   (defaults: build, 800, 30, BUILD_DIR/daemon/recorderd; pass another recorderd to compare builds)
set -eu
build=${1:-build}
delay=${2:-800}
seconds=${3:-30}
recorderd=${4:-$build/daemon/recorderd}
shim=$build/tests/support/faultinject/librecorder-faultinject.so
work=$(mktemp -d)
pid=
cleanUp() { [ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }; rm -rf "$work"; }
trap cleanUp EXIT
mkdir -p "$work/run" "$work/state" "$work/log" "$work/recordings"
cat >"$work/recorder.conf" <<CONF
[paths]
runtime_dir=$work/run
state_dir=$work/state
log_dir=$work/log
recordings_dir=$work/recordings
[camera]
source=testpattern
width=1280
height=720
fps=30
[recording]
mode=continuous
segment_duration=5s
[storage]
min_free=0
[preview]
interval=0
CONF
# No bus: the control API is not part of this measurement.
DBUS_SYSTEM_BUS_ADDRESS="unix:path=$work/no-bus" LD_PRELOAD=$shim RECORDER_FAULT_SYNC_DELAY_MS=$delay \
    RECORDER_FAULT_PATH_PREFIX=$work "$recorderd" --config "$work/recorder.conf" >"$work/out" 2>&1 &
pid=$!
sleep "$seconds" # the measured run, not a wait for an event
heartbeat=$(cat "$work/run/heartbeat.json")
field() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$heartbeat" "$1"; }
files=$(find "$work/recordings" -name '*.mp4' | wc -l)
rows=$(sqlite3 -readonly "$work/state/catalog.db" "SELECT count(*) FROM recordings" 2>/dev/null || echo 0)
closed=$(sqlite3 -readonly "$work/state/catalog.db" "SELECT count(*) FROM recordings WHERE state = 'complete'" 2>/dev/null || echo 0)
kill -TERM "$pid"
wait "$pid" 2>/dev/null || true
pid=
echo "sync delay ${delay} ms, ${seconds} s: captured $(field frames_captured), dropped $(field frames_dropped);" \
     "$files files, $rows rows ($closed complete) at the end; $(strings -el "$recorderd" | grep -o 'synchronous=[A-Z]*' | head -n 1)"
