#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A/V sync of a long recording (not a CTest test): runs recorderd for DURATION seconds with
# [audio] source=testtone (testpattern video, 640x360 at 30 fps, one file per 10 minutes), then
# bench/audio-sync.py prints the offset of the test tone's clicks from the video clock at the start
# and the end of the run, and the worst.
# Usage: bench/audio-sync.sh [BUILD_DIR] [DURATION]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$repo/build}
duration=${2:-600}
recorderd=$build/daemon/recorderd
[ -x "$recorderd" ] || { echo "audio-sync: $recorderd is not built" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 0750 "$work"
cat >"$work/recorder.conf" <<CONF
[paths]
runtime_dir=$work/run
state_dir=$work/state
recordings_dir=$work/rec
log_dir=$work/log
[camera]
source=testpattern
width=640
height=360
fps=30
[recording]
segment_duration=10min
[storage]
min_free=0
[audio]
source=testtone
CONF
echo "audio-sync: recording ${duration} s with the test tone..."
timeout -s TERM "$duration" "$recorderd" --config "$work/recorder.conf" 2>"$work/recorderd.log" || true
mapfile -t files < <(find "$work/rec" -name '*.mp4' | sort)
[ "${#files[@]}" -gt 0 ] || { cat "$work/recorderd.log" >&2; echo "audio-sync: no file was written" >&2; exit 1; }
"$repo/bench/audio-sync.py" "${files[@]}"
