#!/bin/sh
# SPDX-License-Identifier: MIT
# Control-layer figures: preview cost on the capture thread and the worker, heartbeat build time.
# Usage: bench/control/control-bench.sh [BUILD_DIR]   (default: build)
set -eu
build=${1:-build}
cmake --build "$build" --target control-bench >/dev/null
"$build/bench/control/control-bench"
