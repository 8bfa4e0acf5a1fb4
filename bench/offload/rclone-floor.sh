#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark (not a CTest test): what rclone itself allows an uploader that reads every copy back,
# as recorder-offload does on a remote without hashes (plain WebDAV). No recorder program runs:
# one `rclone rcd` (the uploader's flags) copies FILES files of TOTAL_MB to `rclone serve webdav`
# on localhost one after another (operations/copyfile), and reads each copy back through
# --rc-serve while the next one is copied (curl to /dev/null: nothing compared, so a floor);
# CONCURRENCY such pipelines run side by side.
# Figures, in seconds: that pipeline, the copies alone, and by hand `rclone copy` (4 transfers),
# `rclone copy --transfers 1` and `rclone check --one-way --download`. A LOAD=1 run adds an
# encoder like recorderd's (ffmpeg, 1080p30 libx264 ultrafast, in real time) on the same cores.
#
# Usage: bench/offload/rclone-floor.sh [TOTAL_MB=300] [FILES=30]
#   env:   CONCURRENCY=1 pipelines side by side (the uploader's [offload] concurrency); LOAD=1
#   needs: rclone, curl, python3 (and ffmpeg with LOAD=1)
set -euo pipefail
usage="usage: bench/offload/rclone-floor.sh [TOTAL_MB=300] [FILES=30]  (env CONCURRENCY=1; LOAD=1: an encoder runs beside)"
case ${1:-} in -h|--help) echo "$usage"; exit 0 ;; esac
totalMb=${1:-300}
files=${2:-30}
concurrency=${CONCURRENCY:-1}
for tool in rclone curl python3; do
    command -v "$tool" >/dev/null || { echo "rclone-floor: $tool is missing" >&2; exit 1; }
done
[ "${LOAD:-0}" = 1 ] && { command -v ffmpeg >/dev/null || { echo "rclone-floor: ffmpeg is missing (LOAD=1)" >&2; exit 1; }; }

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

. "$(cd "$(dirname "$0")/../.." && pwd)/tests/system/helpers.sh" # waitFor, freePort, listening
now() { date +%s.%N; }
elapsed() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.2f", a - b }'; }

mkdir -p "$work/src" "$work/served"
perFile=$((totalMb * 1024 * 1024 / files))
for i in $(seq 1 "$files"); do head -c "$perFile" /dev/urandom >"$work/src/f$i.bin"; done

port=$(freePort)
rclone serve webdav "$work/served" --addr "127.0.0.1:$port" --user bench --pass bench-only-password \
    --config /dev/null >"$work/server.log" 2>&1 &
pids+=($!)
waitFor 20 listening "$port"
printf '[nas]\ntype = webdav\nurl = http://127.0.0.1:%s\nvendor = other\nuser = bench\npass = %s\n' \
    "$port" "$(rclone obscure bench-only-password)" >"$work/rclone.conf"

rcPort=$(freePort)
# The uploader's rcd flags (offload/rclonearguments.cpp).
RCLONE_RC_USER=bench RCLONE_RC_PASS=rc-only-password rclone rcd --config "$work/rclone.conf" \
    --rc-addr "127.0.0.1:$rcPort" --rc-serve --log-level NOTICE --bwlimit 0 --low-level-retries 2 \
    --contimeout 15s --timeout 60s --ignore-times >"$work/rcd.log" 2>&1 &
pids+=($!)
waitFor 20 listening "$rcPort"
rc="http://127.0.0.1:$rcPort"
copy() { # copy FILE_INDEX FOLDER
    curl -sf -u bench:rc-only-password -H 'Content-Type: application/json' \
        -d "{\"srcFs\":\"/\",\"srcRemote\":\"${work#/}/src/f$1.bin\",\"dstFs\":\"nas:$2\",\"dstRemote\":\"f$1.bin\"}" \
        "$rc/operations/copyfile" >/dev/null
}
readBack() { curl -sf -u bench:rc-only-password "$rc/%5Bnas:$2%5D/f$1.bin" -o /dev/null; }

if [ "${LOAD:-0}" = 1 ]; then
    ffmpeg -nostdin -v error -re -f lavfi -i "testsrc2=size=1920x1080:rate=30" -c:v libx264 -preset ultrafast \
        -b:v 4M -f null - &
    pids+=($!)
    sleep 2
fi

started=$(now)
for i in $(seq 1 "$files"); do copy "$i" alone; done
alone=$(elapsed "$started")

# File i read back while file i+1 is copied: recorder-offload's pipeline, CONCURRENCY of them side
# by side (the files dealt out in turn).
pipelineOf() { # pipelineOf FIRST STEP
    local reader= i
    for i in $(seq "$1" "$2" "$files"); do
        copy "$i" pipeline
        [ -z "$reader" ] || wait "$reader"
        readBack "$i" pipeline &
        reader=$!
    done
    [ -z "$reader" ] || wait "$reader"
}
started=$(now)
lanes=()
for lane in $(seq 1 "$concurrency"); do
    pipelineOf "$lane" "$concurrency" &
    lanes+=($!)
done
wait "${lanes[@]}"
pipeline=$(elapsed "$started")

started=$(now)
rclone copy "$work/src" nas:hand4 --config "$work/rclone.conf"
hand4=$(elapsed "$started")
started=$(now)
rclone check --one-way --download "$work/src" nas:hand4 --config "$work/rclone.conf" 2>/dev/null
check4=$(elapsed "$started")
started=$(now)
rclone copy "$work/src" nas:hand1 --config "$work/rclone.conf" --transfers 1
hand1=$(elapsed "$started")

mb=$(du -sm "$work/src" | cut -f1)
printf '%5s %10s %8s %8s %9s %8s %12s %12s\n' MB pipeline_s copies_s hand4_s check4_s hand1_s \
    floor_ratio4 floor_ratio4c
printf '%5s %10s %8s %8s %9s %8s %12s %12s\n' "$mb" "$pipeline" "$alone" "$hand4" "$check4" "$hand1" \
    "$(awk -v h="$hand4" -v p="$pipeline" 'BEGIN { printf "%.2f", h / p }')" \
    "$(awk -v h="$hand4" -v c="$check4" -v p="$pipeline" 'BEGIN { printf "%.2f", (h + c) / p }')"
echo "rclone-floor: the best ratios (by-hand seconds / pipeline seconds) an uploader through one rcd" \
    "that reads every copy back can reach here, at concurrency $concurrency"
