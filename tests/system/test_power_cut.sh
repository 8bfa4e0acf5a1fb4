#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Power-cut test (issue 17): the real recorderd records onto ext4 in an image file on a loop device;
# at seeded random moments it is frozen (SIGSTOP) and the image copied: the copy holds only what
# left the page cache, as after a power cut. The copy is fsck'ed and, in a private mount namespace,
# mounted where the recorder's filesystem was (the catalog holds absolute paths), then checked:
#   before recorderd: PRAGMA integrity_check; every catalog row committed more than 1 s before the
#                     cut is there (session, protect flag, a closed file stays closed);
#   after recorderd's start-up recovery: integrity_check again; every file decodes; the file being
#                     written lost at most one fragment (+ one frame) and is 'recovered'; every file
#                     closed more than 1 s before the cut is byte for byte as it was; every protect
#                     marker of the cut moment is there and its row protected.
# The recorder is continued (SIGCONT) after each copy: one recording run serves all cuts. Cut kinds
# rotate: a random moment, a segment change, right after a Protect, right after a session start.
# RECORDER_POWERCUT_SEED overrides the seed, RECORDER_POWERCUT_CUTS the number of cuts (20).
# Needs root, loop devices, mkfs.ext4, e2fsck, unshare, ffmpeg, sqlite3, dbus-daemon; else skips (77).
set -euo pipefail

fragment=0.5   # [encoder] fragment_duration, seconds
fps=15

build=${RECORDER_BINARY_DIR:?RECORDER_BINARY_DIR is not set}
recorderd=$build/daemon/recorderd
recorderctl=$build/recorderctl/recorderctl
skip() { echo "SKIP: $*"; exit 77; }
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "PASS: $*"; }
note() { echo "NOTE: $*"; }

# waitFor SECONDS COMMAND...: polls until COMMAND succeeds; false after SECONDS.
waitFor() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.05
    done
}
decodeErrors() { ffmpeg -nostdin -v error -i "$1" -f null - 2>&1 | head -n 2; }
frames() { # video packets libavformat reads in FILE (0 when none)
    local n
    n=$(ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets \
        -of csv=p=0 "$1" 2>/dev/null | head -n 1)
    case $n in '' | *[!0-9]*) echo 0 ;; *) echo "$n" ;; esac # N/A when none
}
rows() { # DB: path|state|protected|session of every row, sorted
    sqlite3 -readonly -separator '|' "$1" \
        "SELECT path, state, protected, ifnull(session_id, '') FROM recordings ORDER BY path" 2>/dev/null
}

# verify CUTDIR LIVE CONFIG: the checks on the copy, mounted at LIVE in this namespace. Prints
# PASS/FAIL/NOTE lines and "LOST <seconds>"; exits with the number of failures.
verify() {
    local cut=$1 live=$2 config=$3 pre=$1/pre failures=0
    fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
    mkdir -p "$pre"
    cp "$live"/state/catalog.db* "$pre"/ 2>/dev/null || true
    local check
    check=$(sqlite3 "$pre/catalog.db" "PRAGMA integrity_check" 2>&1 | head -n 3)
    [ "$check" = ok ] || fail "catalog before recovery: integrity_check says '$check'"
    rows "$pre/catalog.db" >"$cut/rows.copy" || true
    # Every row of the dump taken 1 s before the cut: there, same session, same protect flag (the
    # marker rules it; the row follows within a commit), and a closed file is still closed.
    local path state protected session got missing=0
    while IFS='|' read -r path state protected session; do
        got=$(grep -F -- "$path|" "$cut/rows.copy" | head -n 1 || true)
        if [ -z "$got" ]; then
            fail "row of $(basename "$path") ($state, committed >1 s before the cut) is missing"
            missing=$((missing + 1)); continue
        fi
        IFS='|' read -r _ gstate gprotected gsession <<<"$got"
        [ "$gsession" = "$session" ] || fail "$(basename "$path"): session '$gsession', was '$session'"
        # A Protect after the dump may have set it since: the marker at the cut rules (checked below).
        if [ "$gprotected" != "$protected" ] && ! { [ "$gprotected" = 1 ] && grep -qxF -- "$path.protected" "$cut/markers"; }; then
            fail "$(basename "$path"): protected $gprotected, was $protected"
        fi
        case "$state:$gstate" in
            complete:complete | recording:recording | recording:complete) ;;
            *) fail "$(basename "$path"): state '$gstate' in the copy, '$state' 1 s before the cut" ;;
        esac
    done <"$cut/rows.before"
    [ "$missing" -eq 0 ] && [ "$failures" -eq 0 ] \
        && echo "PASS: all $(wc -l <"$cut/rows.before") rows committed >1 s before the cut survived"

    # recorderd on the copy: session mode and no bus, so it only recovers and then idles.
    rm -rf "$cut/run" "$cut/log"
    mkdir -p "$cut/run" "$cut/log"
    sed -e "s|^runtime_dir=.*|runtime_dir=$cut/run|" -e "s|^log_dir=.*|log_dir=$cut/log|" "$config" >"$cut/copy.conf"
    DBUS_SYSTEM_BUS_ADDRESS="unix:path=$cut/no-bus" "$recorderd" --config "$cut/copy.conf" \
        >"$cut/recorderd.out" 2>&1 &
    local pid=$!
    if ! waitFor 60 grep -qs "recovery: [0-9]" "$cut/log/service.log" "$cut/recorderd.out"; then
        fail "recorderd on the copy logged no recovery line"
        tail -n 20 "$cut/recorderd.out" "$cut/log/service.log" 2>/dev/null || true
    fi
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    grep -h "recovery: [0-9]" "$cut/log/service.log" "$cut/recorderd.out" 2>/dev/null | sed 's/^.*recovery:/NOTE: recovery:/' | head -n 1
    local db=$live/state/catalog.db
    check=$(sqlite3 -readonly "$db" "PRAGMA integrity_check" 2>&1 | head -n 3)
    [ "$check" = ok ] && echo "PASS: catalog after recovery passes integrity_check" \
        || fail "catalog after recovery: integrity_check says '$check'"
    rows "$db" >"$cut/rows.after" || true
    rowState() { grep -F -- "$1|" "$cut/rows.after" | head -n 1 | cut -d'|' -f2; }
    rowProtected() { grep -F -- "$1|" "$cut/rows.after" | head -n 1 | cut -d'|' -f3; }

    # The files being written at the cut (the current one, and one just closed whose row may still
    # say 'recording'): lost at most one fragment, 'recovered' (or 'complete' when it was closed).
    local current lost=0 liveFrames copyFrames fileLost
    current=$(cat "$cut/current" 2>/dev/null || true)
    local file decoded=0 bad=0
    while IFS= read -r -d '' file; do
        if [ "$file" = "$current" ]; then
            liveFrames=$(frames "$cut/current.mp4")
            copyFrames=$(frames "$file")
            fileLost=$(awk -v a="$liveFrames" -v b="$copyFrames" -v f="$fps" 'BEGIN { printf "%.3f", (a - b) / f }')
            lost=$fileLost
            # Against the clock: the video of the time between the file's first frame and the cut
            # that is not on the copy, including what was still in the encoder and writer queues.
            local startMs behind
            startMs=$(sqlite3 -readonly "$live/state/catalog.db" "SELECT start_time_ms FROM recordings WHERE path = '$file'" 2>/dev/null || true)
            behind=$(awk -v c="$(cat "$cut/time")" -v s="${startMs:-0}" -v n="$copyFrames" -v f="$fps" \
                'BEGIN { if (s > 0) printf "%.2f", (c - s) / 1000 - n / f; else print "?" }')
            echo "BEHIND $behind"
            if [ "$copyFrames" -eq 0 ]; then
                # A file cut before its first fragment: nothing in it plays; recovery marks it corrupted.
                awk -v l="$fileLost" -v f="$fragment" -v r="$fps" 'BEGIN { exit !(l <= f + 1 / r) }' \
                    && echo "NOTE: $(basename "$file") had no complete fragment at the cut ($liveFrames frames written): '$(rowState "$file")'" \
                    || fail "$(basename "$file"): nothing plays, $liveFrames frames were written"
                continue
            fi
            awk -v l="$fileLost" -v f="$fragment" -v r="$fps" 'BEGIN { exit !(l <= f + 1 / r) }' \
                && echo "PASS: file being written lost ${fileLost}s ($liveFrames -> $copyFrames frames; bound ${fragment}s + a frame)" \
                || fail "file being written lost ${fileLost}s ($liveFrames -> $copyFrames frames), more than one fragment"
            [ "$(rowState "$file")" = recovered ] && echo "PASS: $(basename "$file") is 'recovered'" \
                || fail "$(basename "$file") is '$(rowState "$file")', not recovered"
        fi
        local errors
        errors=$(decodeErrors "$file")
        if [ -n "$errors" ]; then
            fail "$(basename "$file") ('$(rowState "$file")') does not decode: $errors"; bad=$((bad + 1))
        else
            decoded=$((decoded + 1))
        fi
    done < <(find "$live/recordings" -name '*.mp4' -print0)
    [ "$bad" -eq 0 ] && echo "PASS: all $decoded files decode"
    [ -z "$current" ] || [ -e "$current" ] || fail "the file being written, $(basename "$current"), is gone"
    echo "LOST $lost"

    # Closed more than 1 s before the cut: unchanged, still complete.
    local hash changed=0
    while read -r hash path; do
        if [ "$(sha256sum "$path" 2>/dev/null | cut -d' ' -f1)" != "$hash" ]; then
            fail "$(basename "$path") changed (closed >1 s before the cut)"; changed=$((changed + 1))
        elif [ "$(rowState "$path")" != complete ]; then
            fail "$(basename "$path") is '$(rowState "$path")', was complete"; changed=$((changed + 1))
        fi
    done <"$cut/hashes"
    [ "$changed" -eq 0 ] && echo "PASS: $(wc -l <"$cut/hashes") closed files unchanged"
    # Protect markers of the cut moment: durable, and they rule the rows.
    local marker unprotected=0
    while IFS= read -r marker; do
        [ -n "$marker" ] || continue
        path=${marker%.protected}
        [ -e "$marker" ] || { fail "marker $(basename "$marker") lost"; unprotected=$((unprotected + 1)); continue; }
        [ "$(rowProtected "$path")" = 1 ] || { fail "$(basename "$path") not protected after recovery"; unprotected=$((unprotected + 1)); }
    done <"$cut/markers"
    [ "$unprotected" -eq 0 ] && [ -s "$cut/markers" ] && echo "PASS: $(wc -l <"$cut/markers") protected files still protected"
    return "$failures"
}
if [ "${1:-}" = --verify-in-namespace ]; then
    # $2 loop device of the copy, $3 cut dir, $4 live mount point, $5 config
    mount -t ext4 "$2" "$4" || { echo "FAIL: cannot mount the fsck'ed copy"; exit 1; }
    rc=0
    verify "$3" "$4" "$5" || rc=$?
    umount "$4" || true
    exit "$rc"
fi

# --- preconditions
[ "$(id -u)" -eq 0 ] || skip "needs root (loop devices, mount)"
[ -e /dev/loop-control ] || skip "no /dev/loop-control"
for program in "$recorderd" "$recorderctl"; do [ -x "$program" ] || skip "$program is not built"; done
for tool in losetup mkfs.ext4 e2fsck mount umount unshare ffmpeg ffprobe sqlite3 dbus-daemon python3 sha256sum; do
    command -v "$tool" >/dev/null || skip "$tool is not installed"
done
cuts=${RECORDER_POWERCUT_CUTS:-20}
seed=${RECORDER_POWERCUT_SEED:-$(( $(date +%s%N) % 32768 ))}
RANDOM=$seed
echo "seed $seed (RECORDER_POWERCUT_SEED=$seed reproduces the cut moments), $cuts cuts"

tmp=$(mktemp -d /tmp/recorder-powercut.XXXXXX)
live=$tmp/live
mkdir -p "$live" "$tmp/run" "$tmp/log"
loops=()
recorderPid=
busPid=
cleanUp() {
    set +e
    if [ -n "$recorderPid" ]; then
        kill -CONT "$recorderPid" 2>/dev/null; kill -TERM "$recorderPid" 2>/dev/null; wait "$recorderPid" 2>/dev/null
    fi
    [ -z "$busPid" ] || { kill "$busPid" 2>/dev/null; wait "$busPid" 2>/dev/null; }
    mountpoint -q "$live" && umount "$live"
    local loop
    for loop in "${loops[@]}"; do losetup -d "$loop" 2>/dev/null; done
    [ -n "${RECORDER_KEEP_TEST_DIR:-}" ] && echo "kept $tmp" || rm -rf "$tmp"
}
trap cleanUp EXIT

# --- the recorder's filesystem: 96 MB of ext4 in a file, on a loop device
truncate -s 96M "$tmp/disk.img"
mkfs.ext4 -q -F "$tmp/disk.img" || skip "mkfs.ext4 failed"
loop=$(losetup --find --show "$tmp/disk.img" 2>/dev/null) || skip "no free loop device"
loops+=("$loop")
mount -t ext4 "$loop" "$live" || skip "cannot mount ext4 from $loop"
mkdir -p "$live/state" "$live/recordings"
config=$tmp/recorder.conf
cat >"$config" <<CONF
[paths]
runtime_dir=$tmp/run
state_dir=$live/state
log_dir=$tmp/log
recordings_dir=$live/recordings
[camera]
source=testpattern
width=320
height=240
fps=$fps
[encoder]
fragment_duration=${fragment}s
keyframe_interval=${fragment}s
[recording]
mode=session
segment_duration=2s
session_duration=1h
max_duration=2h
[storage]
min_free=0
[preview]
interval=0
[heartbeat]
interval=0.2s
CONF

# A private bus for recorderctl (Protect, session start): the machine's system bus is never used.
dbus-daemon --session --nofork --nopidfile --print-address=1 >"$tmp/bus" 2>"$tmp/bus.log" &
busPid=$!
waitFor 10 test -s "$tmp/bus" || { echo "FAIL: dbus-daemon printed no address"; exit 1; }
DBUS_SYSTEM_BUS_ADDRESS=$(head -n 1 "$tmp/bus")
export DBUS_SYSTEM_BUS_ADDRESS
ctl() { "$recorderctl" --config "$config" "$@" >>"$tmp/ctl.log" 2>&1; }

heartbeat() {
    python3 - "$tmp/run/heartbeat.json" "$1" <<'PY' 2>/dev/null || true
import json, sys
print(json.load(open(sys.argv[1]))[sys.argv[2]])
PY
}
recording() { [ "$(heartbeat state)" = recording ] && [ -n "$(heartbeat current_file)" ]; }
"$recorderd" --config "$config" >"$tmp/recorderd.out" 2>&1 &
recorderPid=$!
waitFor 30 test -s "$tmp/run/heartbeat.json" || { echo "FAIL: recorderd wrote no heartbeat"; tail -n 20 "$tmp/recorderd.out"; exit 1; }
waitFor 20 ctl start || { echo "FAIL: recorderctl start failed: $(tail -n 3 "$tmp/ctl.log")"; exit 1; }
waitFor 20 recording || { echo "FAIL: recorderd does not record"; exit 1; }
pass "recorderd records on ext4 on $loop (session mode, 2 s segments, ${fragment}s fragments)"
sleep 4 # a first few closed segments before the first cut; positions, does not measure

randomDelay() { awk -v r="$RANDOM" -v max="$1" 'BEGIN { printf "%.2f", r / 32767 * max }'; }
# snapshot CUTDIR: what is committed now: catalog rows, hashes of closed files.
snapshot() {
    rows "$live/state/catalog.db" >"$1/rows.before" || true
    : >"$1/hashes"
    local path state
    while IFS='|' read -r path state _; do
        if [ "$state" = complete ] && [ -f "$path" ]; then
            sha256sum "$path" | awk '{ print $1 " " $2 }' >>"$1/hashes"
        fi
    done <"$1/rows.before"
}
lostAll=()
behindAll=()
kinds=(random "segment change" "after Protect" "after session start")
start=$SECONDS
for ((i = 1; i <= cuts; i++)); do
    kind=${kinds[$(((i - 1) % 4))]}
    cut=$tmp/cut$i
    mkdir -p "$cut"
    case $kind in
        random) snapshot "$cut"; sleep 1; sleep "$(randomDelay 2)" ;;
        "segment change")
            # Cut at the moment a new file appears: the old one's close and the new one's open
            # are in flight.
            snapshot "$cut"; sleep 1
            previous=$(heartbeat current_file)
            changed() { local now; now=$(heartbeat current_file); [ -n "$now" ] && [ "$now" != "$previous" ]; }
            waitFor 5 changed || true
            sleep "$(randomDelay 0.2)" ;;
        "after Protect")
            target=$(sqlite3 -readonly "$live/state/catalog.db" \
                "SELECT path FROM recordings WHERE state = 'complete' AND protected = 0 ORDER BY random() LIMIT 1" 2>/dev/null || true)
            snapshot "$cut"; sleep 1
            [ -z "$target" ] || ctl protect "$target" || fail "cut $i: protect failed: $(tail -n 2 "$tmp/ctl.log")"
            sleep "$(randomDelay 0.3)" ;;
        "after session start")
            ctl stop || true
            waitFor 10 test "$(heartbeat state)" != recording || true
            snapshot "$cut"; sleep 1
            ctl start || fail "cut $i: recorderctl start failed"
            waitFor 5 recording || true
            sleep "$(randomDelay 1)" ;;
    esac
    # The cut: freeze, note what the recorder had written (its page cache), copy the image.
    kill -STOP "$recorderPid"
    date +%s%3N >"$cut/time"
    current=$(heartbeat current_file)
    echo "$current" >"$cut/current"
    [ -z "$current" ] || cp "$current" "$cut/current.mp4" 2>/dev/null || true
    find "$live/recordings" -name '*.protected' >"$cut/markers"
    cp --sparse=always "$tmp/disk.img" "$tmp/copy.img"
    kill -CONT "$recorderPid"

    echo "--- cut $i ($kind)$([ -n "$current" ] && echo ", writing $(basename "$current")")"
    fsckOut=$(e2fsck -fy "$tmp/copy.img" 2>&1) && fsck=0 || fsck=$?
    [ "$fsck" -lt 4 ] && pass "cut $i: e2fsck exit $fsck" || { fail "cut $i: e2fsck exit $fsck: $(echo "$fsckOut" | tail -n 3)"; continue; }
    copyLoop=$(losetup --find --show "$tmp/copy.img") || { fail "cut $i: no loop device for the copy"; continue; }
    loops+=("$copyLoop")
    out=$(unshare --mount --propagation private bash "$0" --verify-in-namespace "$copyLoop" "$cut" "$live" "$config" 2>&1) \
        && rc=0 || rc=$?
    losetup -d "$copyLoop" 2>/dev/null || true
    unset 'loops[-1]'
    echo "$out" | grep -v '^LOST \|^BEHIND ' | sed "s/^\(PASS\|FAIL\|NOTE\): /\1: cut $i: /"
    failures=$((failures + $(echo "$out" | grep -c '^FAIL' || true)))
    [ "$rc" -eq 0 ] || [ "$(echo "$out" | grep -c '^FAIL' || true)" -gt 0 ] || fail "cut $i: verifier exit $rc"
    lost=$(echo "$out" | sed -n 's/^LOST //p' | tail -n 1)
    behind=$(echo "$out" | sed -n 's/^BEHIND //p' | tail -n 1)
    lostAll+=("${lost:-?}")
    behindAll+=("${behind:-?}")
    echo "cut $i ($kind): lost ${lost:-?} s written but not on disk; ${behind:-?} s of the time before the cut not on disk"
    kill -0 "$recorderPid" 2>/dev/null || { fail "recorderd died"; break; }
done
echo "lost seconds per cut, written but not on disk (seed $seed): ${lostAll[*]}"
echo "lost seconds per cut, first frame to cut minus what is on disk (seed $seed): ${behindAll[*]}"
echo "$cuts cuts in $((SECONDS - start)) s"
echo "$failures failure(s)"
[ "$failures" -eq 0 ]
