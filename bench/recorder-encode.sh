#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark of the recorder pipeline (issue 3), not a CTest test: records 1920x1080 at 30 fps from
# the test pattern with libx264 ultrafast CRF 23 for DURATION seconds (default 60), then has the
# ffmpeg command line encode lavfi testsrc2 with the same settings into fragmented MP4 in real
# time (-re), and prints CPU seconds per recorded second, frames dropped, peak RSS and the ratios.
# Usage: bench/recorder-encode.sh [BUILD_DIR] [DURATION]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$repo/build}
duration=${2:-60}
recorderd=$build/daemon/recorderd
[ -x "$recorderd" ] || { echo "recorder-encode: $recorderd is not built" >&2; exit 1; }

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
width=1920
height=1080
fps=30
[encoder]
encoder=libx264
preset=ultrafast
crf=23
keyframe_interval=1s
fragment_duration=1s
[recording]
segment_duration=1h
[storage]
min_free=0
CONF

# Runs a command, stops it with SIGTERM after a time (or lets it finish), and prints
# "cpu_seconds peak_rss_kib" from wait4(): the kernel's own accounting of the whole process.
measure() { # seconds-or-0 command...
  python3 - "$@" <<'PY'
import os, signal, subprocess, sys, time
limit = float(sys.argv[1])
process = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if limit > 0:
    time.sleep(limit)
    process.send_signal(signal.SIGTERM)
_, status, usage = os.wait4(process.pid, 0)
print(f"{usage.ru_utime + usage.ru_stime:.2f} {usage.ru_maxrss}")
PY
}

echo "recorder-encode: recording ${duration} s of 1920x1080@30 test pattern with recorderd..."
read -r rec_cpu rec_rss < <(measure "$duration" "$recorderd" --config "$work/recorder.conf")
recorded=0
for f in $(find "$work/rec" -name '*.mp4' | sort); do
  d=$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$f")
  recorded=$(python3 -c "print($recorded + $d)")
done
dropped=$(python3 -c "import json; print(json.load(open('$work/run/heartbeat.json'))['frames_dropped'])")
captured=$(python3 -c "import json; print(json.load(open('$work/run/heartbeat.json'))['frames_captured'])")

echo "recorder-encode: the same with the ffmpeg command line (lavfi testsrc2, -re)..."
read -r ff_cpu ff_rss < <(measure 0 ffmpeg -nostdin -v error -re -f lavfi -i "testsrc2=size=1920x1080:rate=30" \
  -t "$duration" -c:v libx264 -preset ultrafast -crf 23 -g 30 -pix_fmt yuv420p \
  -movflags frag_keyframe+empty_moov+default_base_moof -frag_duration 1000000 -y "$work/ffmpeg.mp4")
ff_recorded=$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$work/ffmpeg.mp4")

python3 - "$rec_cpu" "$rec_rss" "$recorded" "$dropped" "$captured" "$ff_cpu" "$ff_rss" "$ff_recorded" <<'PY'
import sys
rec_cpu, rec_rss, recorded, dropped, captured, ff_cpu, ff_rss, ff_recorded = sys.argv[1:]
rec_ratio = float(rec_cpu) / float(recorded)
ff_ratio = float(ff_cpu) / float(ff_recorded)
print(f"recorderd: {float(recorded):.1f} s recorded, {captured} frames captured, {dropped} dropped, "
      f"{rec_ratio:.3f} CPU s per recorded s, peak RSS {int(rec_rss) / 1024:.0f} MiB")
print(f"ffmpeg:    {float(ff_recorded):.1f} s recorded, "
      f"{ff_ratio:.3f} CPU s per recorded s, peak RSS {int(ff_rss) / 1024:.0f} MiB")
print(f"ratios:    CPU {rec_ratio / ff_ratio:.2f} (target <= 1.1), peak RSS {int(rec_rss) / int(ff_rss):.2f} "
      f"(target <= 1.0), dropped {dropped} (target 0)")
PY
