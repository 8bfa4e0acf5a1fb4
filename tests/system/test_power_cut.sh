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
failLines=() # repeated at the end: CI keeps a log's tail, and a failure among 20 cuts scrolls away
fail() { echo "FAIL: $*"; failures=$((failures + 1)); failLines+=("$*"); }
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

# compare before|after CUTDIR: one process for the per-row checks (forks are slow on a loaded
# machine, and the rows pile up). Prints PASS/FAIL lines; exits with the number of failures.
compare() {
    python3 - "$@" <<'PY'
import hashlib, os, sys
phase, cut = sys.argv[1], sys.argv[2]
def rows(name):
    out = {}
    for line in open(os.path.join(cut, name)):
        path, state, protected, session = line.rstrip("\n").split("|", 3)
        out[path] = (state, protected, session)
    return out
markers = {line.strip() for line in open(os.path.join(cut, "markers")) if line.strip()}
failures = []
base = os.path.basename
if phase == "before":
    before, copy = rows("rows.before"), rows("rows.copy")
    for path, (state, protected, session) in before.items():
        if path not in copy:
            failures.append("row of %s (%s, committed >1 s before the cut) is missing" % (base(path), state)); continue
        gstate, gprotected, gsession = copy[path]
        if gsession != session:
            failures.append("%s: session '%s', was '%s'" % (base(path), gsession, session))
        # A Protect after the dump may have set it since: the marker at the cut rules.
        if gprotected != protected and not (gprotected == "1" and path + ".protected" in markers):
            failures.append("%s: protected %s, was %s" % (base(path), gprotected, protected))
        if (state, gstate) not in {("complete", "complete"), ("recording", "recording"), ("recording", "complete")}:
            failures.append("%s: state '%s' in the copy, '%s' 1 s before the cut" % (base(path), gstate, state))
    ok = "all %d rows committed >1 s before the cut survived" % len(before)
else:
    after = rows("rows.after")
    hashes = [line.split(" ", 1) for line in open(os.path.join(cut, "hashes")).read().splitlines()]
    for digest, path in hashes:
        try:
            now = hashlib.sha256(open(path, "rb").read()).hexdigest()
        except OSError:
            now = "gone"
        if now != digest:
            failures.append("%s changed (closed >1 s before the cut): %s" % (base(path), now[:12]))
        elif after.get(path, ("missing",))[0] != "complete":
            failures.append("%s is '%s', was complete" % (base(path), after.get(path, ("missing",))[0]))
    for marker in markers:
        path = marker[: -len(".protected")]
        if not os.path.exists(marker):
            failures.append("marker %s lost" % base(marker))
        elif after.get(path, ("", "0"))[1] != "1":
            failures.append("%s not protected after recovery" % base(path))
    ok = "%d closed files unchanged and complete, %d protected files protected" % (len(hashes), len(markers))
for text in failures:
    print("FAIL: " + text)
if not failures:
    print("PASS: " + ok)
sys.exit(min(len(failures), 100))
PY
}

# verify CUTDIR LIVE CONFIG: the checks on the copy, mounted at LIVE in this namespace. Prints
# PASS/FAIL/NOTE lines and "LOST <seconds>"; exits with the number of failures.
verify() {
    local cut=$1 live=$2 config=$3 pre=$1/pre failures=0 began=$SECONDS
    fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
    mkdir -p "$pre"
    cp "$live"/state/catalog.db* "$pre"/ 2>/dev/null || true
    local check
    check=$(sqlite3 "$pre/catalog.db" "PRAGMA integrity_check" 2>&1 | head -n 3)
    [ "$check" = ok ] || fail "catalog before recovery: integrity_check says '$check'"
    rows "$pre/catalog.db" >"$cut/rows.copy" || true
    # Every row of the dump taken 1 s before the cut: there, same session, same protect flag (the
    # marker rules it; the row follows within a commit), and a closed file is still closed.
    compare before "$cut" || failures=$((failures + $?))

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

    # The file being written at the cut: lost at most one fragment, and 'recovered'.
    local current lost=0 liveFrames copyFrames fileLost file="" startMs behind
    current=$(cat "$cut/current" 2>/dev/null || true)
    [ -n "$current" ] && [ -e "$current" ] && file=$current
    if [ -n "$file" ]; then
        liveFrames=$(frames "$cut/current.mp4")
        copyFrames=$(frames "$file")
        fileLost=$(awk -v a="$liveFrames" -v b="$copyFrames" -v f="$fps" 'BEGIN { printf "%.3f", (a - b) / f }')
        lost=$fileLost
        # Against the clock: the video of the time between the file's first frame and the cut that
        # is not on the copy, including what was still in the encoder and writer queues.
        startMs=$(sqlite3 -readonly "$db" "SELECT start_time_ms FROM recordings WHERE path = '$file'" 2>/dev/null || true)
        behind=$(awk -v c="$(cat "$cut/time")" -v s="${startMs:-0}" -v n="$copyFrames" -v f="$fps" \
            'BEGIN { if (s > 0) printf "%.2f", (c - s) / 1000 - n / f; else print "?" }')
        echo "BEHIND $behind"
        if ! awk -v l="$fileLost" -v f="$fragment" -v r="$fps" 'BEGIN { exit !(l <= f + 1 / r) }'; then
            fail "file being written lost ${fileLost}s ($liveFrames -> $copyFrames frames), more than one fragment"
        elif [ "$copyFrames" -eq 0 ]; then
            # Cut before its first fragment: nothing in it plays, and recovery marks it corrupted.
            echo "NOTE: $(basename "$file") had no complete fragment at the cut ($liveFrames frames written): '$(rowState "$file")'"
        else
            echo "PASS: file being written lost ${fileLost}s ($liveFrames -> $copyFrames frames; bound ${fragment}s + a frame)"
            [ "$(rowState "$file")" = recovered ] && echo "PASS: $(basename "$file") is 'recovered'" \
                || fail "$(basename "$file") is '$(rowState "$file")', not recovered"
        fi
    fi
    # Every other file decodes. Bytes that decoded at an earlier cut decode now: only new ones are
    # decoded, so each cut's check stays short as files pile up.
    local hash errors bad=0
    find "$live/recordings" -name '*.mp4' -print0 | xargs -0 -r sha256sum >"$cut/sums"
    touch "$cut/../decoded"
    awk 'FILENAME == ARGV[1] { seen[$1]; next } !($1 in seen)' "$cut/../decoded" "$cut/sums" >"$cut/new"
    while read -r hash path; do
        [ "$path" = "$file" ] && [ "${copyFrames:-1}" -eq 0 ] && continue
        errors=$(decodeErrors "$path")
        if [ -n "$errors" ]; then
            fail "$(basename "$path") ('$(rowState "$path")') does not decode: $errors"; bad=$((bad + 1))
        else
            echo "$hash" >>"$cut/../decoded"
        fi
    done <"$cut/new"
    [ "$bad" -eq 0 ] && echo "PASS: all $(wc -l <"$cut/sums") files decode ($(wc -l <"$cut/new") decoded now, the others at an earlier cut)"
    [ -z "$current" ] || [ -e "$current" ] || fail "the file being written, $(basename "$current"), is gone"
    echo "LOST $lost"

    # Closed more than 1 s before the cut: unchanged, still complete; protect markers of the cut
    # moment: there, and they rule the rows.
    compare after "$cut" || failures=$((failures + $?))
    echo "NOTE: checked in $((SECONDS - began)) s"
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
unshare --mount --propagation private true 2>/dev/null || skip "cannot make a private mount namespace"
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
    # The heartbeat is written once a second: just after a segment change it still names the
    # previous file, and the file being written is the newest one (names sort by start time).
    if [ -n "$current" ]; then
        newest=$(find "$live/recordings" -name '*.mp4' -printf '%f %p\n' | sort | tail -n 1 | cut -d' ' -f2-)
        [ -n "$newest" ] && [[ "$(basename "$newest")" > "$(basename "$current")" ]] && current=$newest
    fi
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
    while IFS= read -r line; do failLines+=("cut $i: ${line#FAIL: }"); done < <(echo "$out" | grep '^FAIL' || true)
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
for line in "${failLines[@]}"; do echo "FAILED: $line"; done
[ "$failures" -eq 0 ]
