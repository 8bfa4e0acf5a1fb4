#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark (not a CTest test) of recorder-offload's throughput (issue 15: at least 0.80 of a plain
# `rclone copy`), and of what it costs the recording. FILES copies of one real test-pattern MP4
# (1080p30 libx264 ultrafast, about TOTAL_MB / FILES each) lie in the recordings folder as finished
# recordings; the real recorderd adopts and queues them at start-up while it records 1920x1080 at
# 30 fps (test pattern, libx264 ultrafast, 10 min segments, so no new file competes), and the real
# recorder-offload drains them to `rclone serve` on localhost. Figures:
#   - recorder-offload: seconds from its start until recorderd marked the last adopted row
#     'uploaded' (each copy verified: size, then the remote's MD5 over SFTP; WebDAV keeps no hash,
#     so there the copy is read back and compared byte for byte);
#   - by hand, recorderd still recording: `rclone copy DIR REMOTE:` of the same files (rclone's
#     defaults, 4 transfers), then `rclone check --one-way` of them (the uploader's guarantee:
#     with --download on WebDAV, every byte of every copy read back; the server's MD5 on SFTP),
#     and `rclone copy --transfers 1` (the uploader's default concurrency 1);
#   - the ratios by-hand seconds / offload seconds (1.0 = as fast; target ≥ 0.80): ratio4 against
#     the copy alone, ratio4c against the copy and its check, ratio1 against one transfer;
#   - recorderd's frames_dropped (heartbeat) before and after the drain (target: unchanged, 0).
# Each for REMOTES (default "webdav sftp": over SFTP the MD5 is computed on the server side).
#
# Usage: bench/offload/offload-bench.sh BUILD_DIR [TOTAL_MB=300] [FILES=30]
#   needs: ninja -C BUILD_DIR recorderd recorder-offload; rclone, ffmpeg, dbus-daemon, sqlite3, python3
#   env:   REMOTES="webdav sftp"; CONCURRENCY=1 ([offload] concurrency); REPEAT=3 runs of each (one
#          row each: the spread is part of the figure); KEEP=1 keeps the temp dir; CPU=1 adds, after
#          each row, the core-seconds each process used in each phase (bench/offload/cpu-sampler.py).
set -euo pipefail
usage="usage: bench/offload/offload-bench.sh BUILD_DIR [TOTAL_MB=300] [FILES=30]  (build first: ninja -C BUILD_DIR recorderd recorder-offload)"
[ $# -ge 1 ] || { echo "$usage" >&2; exit 2; }
case ${1:-} in -h|--help) echo "$usage"; exit 0 ;; esac
build=$(cd "$1" && pwd)
totalMb=${2:-300}
files=${3:-30}
remotes=${REMOTES:-webdav sftp}
repeat=${REPEAT:-3}
concurrency=${CONCURRENCY:-1}
recorderd=$build/daemon/recorderd
offload=$build/offload/recorder-offload
for file in "$recorderd" "$offload"; do
    [ -x "$file" ] || { echo "offload-bench: $file is not built" >&2; echo "$usage" >&2; exit 1; }
done
for tool in rclone ffmpeg ffprobe dbus-daemon sqlite3 python3; do
    command -v "$tool" >/dev/null || { echo "offload-bench: $tool is missing" >&2; exit 1; }
done
rclone=$(command -v rclone)

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [ "${KEEP:-0}" = 1 ]; then echo "offload-bench: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../tests/system/helpers.sh" # waitFor, freePort, jsonField, listening
now() { date +%s.%N; }
elapsed() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.2f", a - b }'; }
heartbeat() { jsonField "$1/run/heartbeat.json" "$2"; }

# One real recording: the test pattern at 1080p30 through libx264 ultrafast, fragmented MP4 like
# recorderd's, sized to TOTAL_MB / FILES (4 Mbit/s: 1 MB every 2 s).
perFile=$((totalMb * 1024 * 1024 / files))
seconds=$(awk -v b="$perFile" 'BEGIN { printf "%d", b / 524288 + 1 }')
echo "offload-bench: making a ${seconds} s 1080p30 test-pattern MP4 (~$((perFile / 1048576)) MB), $files copies"
ffmpeg -nostdin -v error -f lavfi -i "testsrc2=size=1920x1080:rate=30" -t "$seconds" -c:v libx264 \
    -preset ultrafast -b:v 4M -maxrate 4M -bufsize 8M -movflags +frag_keyframe+empty_moov+default_base_moof \
    "$work/sample.mp4"
sampleBytes=$(stat -c %s "$work/sample.mp4")

dbus-daemon --session --nofork --nopidfile --print-address=1 >"$work/bus" 2>/dev/null &
pids+=($!)
waitFor 10 test -s "$work/bus"
export DBUS_SYSTEM_BUS_ADDRESS
DBUS_SYSTEM_BUS_ADDRESS=$(head -n 1 "$work/bus")

printf '%-7s %5s %9s %6s %8s %8s %8s %7s %7s %7s %7s\n' remote MB offload_s MB/s hand4_s check4_s hand1_s ratio4 ratio4c ratio1 dropped
for kind in $remotes; do
for run in $(seq 1 "$repeat"); do
    dir=$work/$kind-$run
    mkdir -p "$dir/recordings/2026/01/01" "$dir/run" "$dir/state" "$dir/log" "$dir/served" "$dir/hand"
    # Copies under recorderd's names, an hour apart, ended long ago: finished recordings it adopts.
    for i in $(seq 1 "$files"); do
        name=$(printf 'recording_2026-01-01_%02d%02d00.mp4' $((i / 60)) $((i % 60)))
        cp "$work/sample.mp4" "$dir/recordings/2026/01/01/$name"
        cp "$work/sample.mp4" "$dir/hand/$name"
        touch -d '2026-01-01 00:00' "$dir/recordings/2026/01/01/$name"
    done
    port=$(freePort)
    "$rclone" serve "$kind" "$dir/served" --addr "127.0.0.1:$port" --user bench --pass bench-only-password \
        --config /dev/null >"$dir/log/server.log" 2>&1 &
    server=$!
    pids+=("$server")
    waitFor 20 listening "$port"
    {
        echo "[nas]"
        if [ "$kind" = webdav ]; then
            printf 'type = webdav\nurl = http://127.0.0.1:%s\nvendor = other\n' "$port"
        else
            printf 'type = sftp\nhost = 127.0.0.1\nport = %s\n' "$port"
        fi
        printf 'user = bench\npass = %s\n' "$("$rclone" obscure bench-only-password)"
    } >"$dir/rclone.conf"
    cat >"$dir/recorder.conf" <<CONF
[paths]
runtime_dir=$dir/run
state_dir=$dir/state
log_dir=$dir/log
recordings_dir=$dir/recordings
[camera]
source=testpattern
width=1920
height=1080
fps=30
[encoder]
encoder=libx264
preset=ultrafast
[recording]
mode=continuous
segment_duration=10min
[storage]
min_free=100MB
[preview]
interval=0
[offload]
enabled=true
remote=nas:offload
rclone_config=$dir/rclone.conf
concurrency=$concurrency
CONF
    "$recorderd" --config "$dir/recorder.conf" >"$dir/log/recorderd.out" 2>&1 &
    recorder=$!
    pids+=("$recorder")
    pending() { sqlite3 -readonly "$dir/state/catalog.db" "SELECT count(*) FROM uploads u JOIN recordings r ON r.id = u.recording_id WHERE r.path LIKE '%/2026/01/01/%' AND u.state = '$1'" 2>/dev/null || echo 0; }
    allPending() { [ "$(pending pending)" -ge "$files" ]; }
    recording() { [ "$(heartbeat "$dir" state)" = recording ]; }
    waitFor 120 allPending || { echo "offload-bench: recorderd queued $(pending pending) of $files files" >&2; exit 1; }
    waitFor 60 recording || { echo "offload-bench: recorderd does not record" >&2; exit 1; }
    sleep 5 # the encoder settles before the first count
    droppedBefore=$(heartbeat "$dir" frames_dropped)

    if [ "${CPU:-0}" = 1 ]; then
        "$here/cpu-sampler.py" sample "$dir/cpu-samples" &
        sampler=$!
        pids+=("$sampler")
        : >"$dir/cpu-phases"
    fi
    phase() { [ "${CPU:-0}" != 1 ] || echo "$1 $2 $3" >>"$dir/cpu-phases"; } # phase NAME START END

    started=$(now)
    "$offload" --config "$dir/recorder.conf" --rclone "$rclone" >"$dir/log/offload.out" 2>&1 &
    uploader=$!
    pids+=("$uploader")
    allUploaded() { [ "$(pending uploaded)" -ge "$files" ]; }
    waitFor 3600 allUploaded || { echo "offload-bench: $(pending uploaded) of $files uploaded" >&2; exit 1; }
    # Until the last row was marked uploaded (recorderd's own time), not until this loop saw it.
    lastMs=$(sqlite3 -readonly "$dir/state/catalog.db" "SELECT max(u.uploaded_at_ms) FROM uploads u JOIN recordings r ON r.id = u.recording_id WHERE r.path LIKE '%/2026/01/01/%'")
    offloadSeconds=$(awk -v l="$lastMs" -v s="$started" 'BEGIN { printf "%.2f", l / 1000 - s }')
    phase recorder-offload "$started" "$(awk -v l="$lastMs" 'BEGIN { printf "%.3f", l / 1000 }')"
    droppedAfter=$(heartbeat "$dir" frames_dropped)
    kill -TERM "$uploader" 2>/dev/null || true
    wait "$uploader" 2>/dev/null || true

    # The same files by hand, recorderd still recording (the same two cores as the uploader had).
    started=$(now)
    "$rclone" copy "$dir/hand" nas:hand4 --config "$dir/rclone.conf"
    hand4=$(elapsed "$started")
    phase hand4 "$started" "$(now)"
    # The same guarantee as the uploader's (every byte checked): the copy, then rclone's own check.
    started=$(now)
    # WebDAV keeps no hash: --download reads every copy back, as the uploader does; SFTP compares
    # the server's MD5 with the file's, as the uploader does.
    checkHow=()
    [ "$kind" = webdav ] && checkHow=(--download)
    "$rclone" check --one-way "${checkHow[@]}" "$dir/hand" nas:hand4 --config "$dir/rclone.conf" 2>/dev/null
    check4=$(elapsed "$started")
    phase check4 "$started" "$(now)"
    started=$(now)
    "$rclone" copy "$dir/hand" nas:hand1 --config "$dir/rclone.conf" --transfers 1
    hand1=$(elapsed "$started")
    phase hand1 "$started" "$(now)"
    kill -TERM "$recorder" 2>/dev/null || true
    wait "$recorder" 2>/dev/null || true
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true

    mb=$(awk -v b="$sampleBytes" -v n="$files" 'BEGIN { printf "%.0f", b * n / 1048576 }')
    ratio() { awk -v h="$1" -v o="$offloadSeconds" 'BEGIN { printf "%.2f", h / o }'; }
    printf '%-7s %5s %9s %6s %8s %8s %8s %7s %7s %7s %7s\n' "$kind" "$mb" "$offloadSeconds" \
        "$(awk -v m="$mb" -v s="$offloadSeconds" 'BEGIN { printf "%.1f", m / s }')" "$hand4" "$check4" "$hand1" \
        "$(ratio "$hand4")" "$(ratio "$(awk -v a="$hand4" -v b="$check4" 'BEGIN { print a + b }')")" \
        "$(ratio "$hand1")" "$droppedBefore->$droppedAfter"
    if [ "${CPU:-0}" = 1 ]; then
        kill -TERM "$sampler" 2>/dev/null || true
        wait "$sampler" 2>/dev/null || true
        kept=() # not killed again at exit: by then its pid may be another process's
        for pid in "${pids[@]}"; do [ "$pid" = "$sampler" ] || kept+=("$pid"); done
        pids=("${kept[@]}")
        "$here/cpu-sampler.py" report "$dir/cpu-samples" "$dir/cpu-phases"
    fi
    rm -rf "$dir/recordings" "$dir/hand" "$dir/served"
done
done
echo "offload-bench: ratio = by-hand seconds / recorder-offload seconds (target >= 0.80); ratio4c counts" \
    "hand4 + check4 (rclone check: every copy checked, as the uploader does);" \
    "dropped = recorderd's frames_dropped before->after the drain (target unchanged, 0)"
