#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark of the recorder pipeline against the ffmpeg command line on identical frames (not a
# CTest test): both replay the same raw Y4M testsrc2 clip (1920x1080, 30 fps) in real time, looped,
# and encode it with the same libx264 settings into fragmented MP4 for DURATION seconds. Prints CPU
# seconds per recorded second (over the whole run, start-up included, from wait4(); and in steady
# state, after WARMUP seconds, from /proc), peak RSS, frames dropped, output bit rates, the ratios,
# both programs' steady CPU per thread and the load average. Runs ROUNDS rounds (recorderd then
# ffmpeg, back to back, so that both see about the same load).
# With --overlay both also burn the date and time into each picture: recorderd's [overlay] (its
# defaults: top-left, 45 px box) and ffmpeg's drawtext with the same strftime format, a 45 px
# DejaVu Sans Mono on a black box. With --audio (or AUDIO=1) both also record a sound track:
# recorderd's [audio] source=testtone, ffmpeg a lavfi sine; both AAC (FFmpeg's native encoder) at
# 48 kHz mono, 96 kbit/s.
# Usage: [ROUNDS=1] [CLIP_SECONDS=2] [WARMUP=5] [AUDIO=0] bench/recorder-encode.sh [--overlay] [--audio] [BUILD_DIR] [DURATION]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
overlay=0
audio=0
positional=()
for arg in "$@"; do
  case $arg in
    --overlay) overlay=1 ;;
    --audio) audio=1 ;;
    -*) echo "recorder-encode: unknown option $arg; allowed: --overlay, --audio" >&2; exit 64 ;;
    *) positional+=("$arg") ;;
  esac
done
build=${positional[0]:-$repo/build}
duration=${positional[1]:-60}
overlay_format='%Y-%m-%d %H:%M:%S'
font=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf
if [ "$overlay" = 1 ] && [ ! -r "$font" ]; then
  echo "recorder-encode: --overlay needs $font for ffmpeg's drawtext (Debian package fonts-dejavu-core)" >&2
  exit 1
fi
rounds=${ROUNDS:-1}
clip_seconds=${CLIP_SECONDS:-2}
warmup=${WARMUP:-5}
if [ "${AUDIO:-0}" = 1 ]; then audio=1; fi
rec_audio=""
ff_audio=()
if [ "$audio" = 1 ]; then
  rec_audio=$'[audio]\nsource=testtone\nsample_rate=48000\nchannels=1\nbitrate=96kbps'
  ff_audio=(-f lavfi -i "sine=frequency=1000:sample_rate=48000" -map 0:v -map 1:a -c:a aac -b:a 96k -ac 1)
fi
recorderd=$build/daemon/recorderd
measure=$repo/bench/measure-process.py
[ -x "$recorderd" ] || { echo "recorder-encode: $recorderd is not built" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 0750 "$work"

# A raw clip is 3 MiB a frame: a short one, looped, keeps the disk use modest (2 s: 187 MiB).
echo "recorder-encode: writing a ${clip_seconds} s raw 1920x1080@30 testsrc2 clip..."
ffmpeg -nostdin -v error -f lavfi -i "testsrc2=size=1920x1080:rate=30" -t "$clip_seconds" -pix_fmt yuv420p \
  "$work/clip.y4m"

# x264 writes its settings into the stream (an SEI): the bench checks that both programs used the same.
x264_settings() {
  python3 -c 'import re, sys
found = re.search(rb"x264 - core [ -~]*options: [ -~]+", open(sys.argv[1], "rb").read(4 << 20))
print(found.group(0).decode() if found else "")' "$1"
}
bit_rate() { ffprobe -v error -show_entries format=bit_rate -of default=nw=1:nk=1 "$1"; }
duration_of() { ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$1"; }

results=$work/results.jsonl
work_label=""
[ "$overlay" = 1 ] && work_label+=" +overlay"
[ "$audio" = 1 ] && work_label+=" +audio"
[ -n "$work_label" ] && work_label=" (same work:${work_label})"
for round in $(seq "$rounds"); do
  rm -rf "$work/run" "$work/state" "$work/rec" "$work/log" "$work/ffmpeg.mp4"
  cat >"$work/recorder.conf" <<CONF
[paths]
runtime_dir=$work/run
state_dir=$work/state
recordings_dir=$work/rec
log_dir=$work/log
[camera]
source=file:$work/clip.y4m
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
$rec_audio
CONF
  if [ "$overlay" = 1 ]; then
    printf '[overlay]\nenabled=true\nformat=%s\n' "$overlay_format" >>"$work/recorder.conf"
  fi
  # The same work for ffmpeg: drawtext's ':' must be escaped twice (filter graph, then option).
  ff_extra_outputs=()
  if [ "$overlay" = 1 ]; then
    ff_text=$(printf '%s' "$overlay_format" | sed 's/:/\\\\\\:/g')
    ff_extra_outputs+=(-vf "drawtext=fontfile=$font:text='%{localtime\\:$ff_text}':fontsize=45:fontcolor=white:box=1:boxcolor=black:boxborderw=5:x=22:y=22")
  fi

  load_before=$(cut -d' ' -f1 /proc/loadavg)
  echo "recorder-encode: round $round/$rounds: recorderd replays the clip for ${duration} s (load $load_before)..."
  rec_json=$("$measure" "$warmup" "$duration" "$recorderd" --config "$work/recorder.conf")
  # The segment is a single file for the whole run (segment_duration=1h).
  rec_file=$(find "$work/rec" -name '*.mp4' | sort | head -1)
  recorded=0
  rec_bytes=0
  for f in $(find "$work/rec" -name '*.mp4' | sort); do
    recorded=$(python3 -c "print($recorded + $(duration_of "$f"))")
    rec_bytes=$((rec_bytes + $(stat -c %s "$f")))
  done
  heartbeat=$(cat "$work/run/heartbeat.json")
  rec_x264=$(x264_settings "$rec_file")

  load_middle=$(cut -d' ' -f1 /proc/loadavg)
  echo "recorder-encode: round $round/$rounds: the ffmpeg command line replays it (-re -stream_loop) (load $load_middle)..."
  # Settings as recorderd sets them: -g 30 -keyint_min 30 -bf 0 (ultrafast has no B-frames and no
  # scene cuts anyway); threads are auto in both (the libx264 wrapper's default).
  ff_json=$("$measure" "$warmup" 0 ffmpeg -nostdin -v error -re -stream_loop -1 -i "$work/clip.y4m" \
    ${ff_audio[@]+"${ff_audio[@]}"} ${ff_extra_outputs[@]+"${ff_extra_outputs[@]}"} \
    -t "$duration" -c:v libx264 -preset ultrafast -crf 23 -g 30 -keyint_min 30 -bf 0 -pix_fmt yuv420p \
    -movflags frag_keyframe+empty_moov+default_base_moof -frag_duration 1000000 -y "$work/ffmpeg.mp4")
  ff_recorded=$(duration_of "$work/ffmpeg.mp4")
  ff_bytes=$(stat -c %s "$work/ffmpeg.mp4")
  ff_x264=$(x264_settings "$work/ffmpeg.mp4")
  load_after=$(cut -d' ' -f1 /proc/loadavg)

  python3 - "$rec_json" "$recorded" "$rec_bytes" "$heartbeat" "$rec_x264" \
    "$ff_json" "$ff_recorded" "$ff_bytes" "$ff_x264" "$load_before $load_middle $load_after" "$work_label" >>"$results" <<'PY'
import json, sys
rec, recorded, rec_bytes, beat, rec_x264, ff, ff_recorded, ff_bytes, ff_x264, load, work = sys.argv[1:]
print(json.dumps({
    "rec": json.loads(rec), "recorded": float(recorded), "rec_bytes": int(rec_bytes),
    "heartbeat": json.loads(beat), "rec_x264": rec_x264,
    "ff": json.loads(ff), "ff_recorded": float(ff_recorded), "ff_bytes": int(ff_bytes), "ff_x264": ff_x264,
    "load": load, "work": work,
}))
PY
done

python3 - "$results" <<'PY'
import json, statistics, sys
rounds = [json.loads(line) for line in open(sys.argv[1])]
rows = []


def by_thread(run, is_ffmpeg):
    # Grouped by thread name. In recorderd x264's workers are named "x264" (helper threads inherit
    # the name of the thread that started them); ffmpeg names every thread "ffmpeg": its first
    # thread is "main", the others are x264's workers (and idle helpers).
    groups = {}
    for t in run["threads"]:
        name = "main" if t["tid"] == run["pid"] else t["name"]
        if is_ffmpeg and name != "main":
            name = "x264+others"
        groups.setdefault(name, []).append(t["cpu_rate"])
    parts = []
    for name, rates in sorted(groups.items(), key=lambda g: -sum(g[1])):
        if sum(rates) < 0.0005:
            continue
        split = " (" + " + ".join(f"{r:.3f}" for r in sorted(rates, reverse=True) if r >= 0.0005) + ")"
        parts.append(f"{name} {sum(rates):.3f}{split if len(rates) > 1 else ''}")
    return ", ".join(parts)


for n, r in enumerate(rounds, 1):
    rec, ff = r["rec"], r["ff"]
    rec_cpu = rec["cpu"] / r["recorded"]
    ff_cpu = ff["cpu"] / r["ff_recorded"]
    rec_steady = rec["steady_cpu_rate"]
    ff_steady = ff["steady_cpu_rate"]
    rec_rss = rec["peak_rss_kib"] / 1024
    ff_rss = ff["peak_rss_kib"] / 1024
    rec_rate = r["rec_bytes"] * 8 / r["recorded"] / 1e6
    ff_rate = r["ff_bytes"] * 8 / r["ff_recorded"] / 1e6
    beat = r["heartbeat"]
    rows.append((rec_cpu / ff_cpu, rec_steady / ff_steady, rec_rss / ff_rss))
    print(f"round {n}{r['work']} (load average before/between/after: {r['load']})")
    print(f"  recorderd: {r['recorded']:.1f} s recorded, {beat['frames_captured']} frames captured, "
          f"{beat['frames_dropped']} dropped, {rec_cpu:.3f} CPU s per recorded s "
          f"(user {rec['user']:.1f} s, system {rec['system']:.1f} s), steady {rec_steady:.3f}, "
          f"peak RSS {rec_rss:.0f} MiB, {rec_rate:.2f} Mbit/s")
    print(f"  ffmpeg:    {r['ff_recorded']:.1f} s recorded, {ff_cpu:.3f} CPU s per recorded s "
          f"(user {ff['user']:.1f} s, system {ff['system']:.1f} s), steady {ff_steady:.3f}, "
          f"peak RSS {ff_rss:.0f} MiB, {ff_rate:.2f} Mbit/s")
    print(f"  ratios:    CPU {rec_cpu / ff_cpu:.2f}, steady {rec_steady / ff_steady:.2f} (target <= 1.1), "
          f"peak RSS {rec_rss / ff_rss:.2f} (target <= 1.0), dropped {beat['frames_dropped']} (target 0), "
          f"bit rate {rec_rate / ff_rate:.3f}")
    same = r["rec_x264"] == r["ff_x264"] and r["rec_x264"] != ""
    print(f"  x264 settings {'identical' if same else 'DIFFER (or not found)'} in both streams: "
          f"{r['rec_x264'][r['rec_x264'].find('options:'):][:100]}...")
    if not same:
        print(f"    recorderd: {r['rec_x264']}\n    ffmpeg:    {r['ff_x264']}")
    print(f"  recorderd steady CPU s per s by thread: {by_thread(rec, False)}")
    print(f"  ffmpeg    steady CPU s per s by thread: {by_thread(ff, True)}")
    # x264's workers do the same work in both; what differs is everything around them.
    rec_around = sum(t["cpu_rate"] for t in rec["threads"] if t["name"] != "x264")
    ff_around = sum(t["cpu_rate"] for t in ff["threads"] if t["tid"] == ff["pid"])
    print(f"  around x264's workers (reading, feeding x264, muxing, the rest): recorderd {rec_around:.3f}, "
          f"ffmpeg {ff_around:.3f}, difference {rec_around - ff_around:+.3f} CPU s per s")
if len(rows) > 1:
    print(f"median of {len(rows)} rounds: CPU ratio {statistics.median(c for c, _, _ in rows):.2f}, "
          f"steady {statistics.median(s for _, s, _ in rows):.2f}, "
          f"peak RSS ratio {statistics.median(m for _, _, m in rows):.2f}")
PY
