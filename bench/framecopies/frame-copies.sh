#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Copies and heap allocations per 1920x1080 frame from each kind of source to the encoder (not a
# CTest test; figures for docs/performance.md). Writes 1 s clips with the ffmpeg command line (raw
# Y4M for the file source; MJPEG 4:2:2 and raw YUYV as a USB webcam delivers them, decoded by the
# same MediaInput code V4l2Source uses), then runs frame-copies-bench with the counting shim
# preloaded: it feeds each source's pictures through the encoding thread's steps (conversion, time
# overlay, libx264) and prints, per stage and frame, allocations, memcpy bytes, read() bytes and
# libswscale output, and their sum over the frame size.
# Usage: bench/framecopies/frame-copies.sh [BUILD_DIR] [FRAMES]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$repo/build}
frames=${2:-150}
bench=$build/bench/framecopies/frame-copies-bench
shim=$build/bench/framecopies/libframe-copies-shim.so
for file in "$bench" "$shim"; do
  [ -e "$file" ] || { echo "frame-copies: $file is not built (ninja -C $build frame-copies-bench frame-copies-shim)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "frame-copies: writing 1 s 1920x1080@30 clips (raw Y4M, MJPEG 4:2:2, raw YUYV)..." >&2
ffmpeg -nostdin -v error -f lavfi -i "testsrc2=size=1920x1080:rate=30" -t 1 -pix_fmt yuv420p "$work/clip.y4m"
ffmpeg -nostdin -v error -f lavfi -i "testsrc2=size=1920x1080:rate=30" -t 1 -pix_fmt yuvj422p -c:v mjpeg -q:v 4 \
  "$work/clip-mjpeg.avi"
ffmpeg -nostdin -v error -f lavfi -i "testsrc2=size=1920x1080:rate=30" -t 1 -pix_fmt yuyv422 -c:v rawvideo \
  "$work/clip-yuyv.nut"
LD_PRELOAD=$shim "$bench" --frames "$frames" --y4m "$work/clip.y4m" --mjpeg "$work/clip-mjpeg.avi" \
  --yuyv "$work/clip-yuyv.nut"
