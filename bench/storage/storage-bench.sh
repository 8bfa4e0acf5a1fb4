#!/bin/sh
# SPDX-License-Identifier: MIT
# Storage figures: queued catalog writes, recovery of a 60 s 1080p30 file cut by a crash, retention.
# Usage: bench/storage/storage-bench.sh [BUILD_DIR]   (default: build)
set -eu
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

# The recorder's own settings: libx264 ultrafast, CRF 23, a keyframe (and fragment) every second.
ffmpeg -nostdin -v error -f lavfi -i testsrc2=size=1920x1080:rate=30 -t 60 \
  -c:v libx264 -preset ultrafast -crf 23 -g 30 \
  -movflags frag_keyframe+empty_moov+default_base_moof "$work/full.mp4"
# A crash in the middle of the last fragment's data: keep all but the last 100 kB.
size=$(stat -c %s "$work/full.mp4")
head -c $((size - 100000)) "$work/full.mp4" > "$work/cut.mp4"

"$build/bench/storage/storage-bench" "$work/cut.mp4"
