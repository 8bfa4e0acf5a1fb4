#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# CPU cost of the time overlay per 1920x1080 picture (not a CTest test): drawn in place, and into a
# copy of a read-only picture (a libcamera buffer, a repeated file picture). Exits 1 when drawing in
# place misses the 0.5 ms target.
# Usage: bench/overlay/overlay-bench.sh [BUILD_DIR] [FRAMES]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$repo/build}
frames=${2:-9000}
bench=$build/bench/overlay/overlay-bench
[ -x "$bench" ] || { echo "overlay-bench: $bench is not built (ninja -C $build overlay-bench)" >&2; exit 1; }
"$bench" --frames "$frames"
