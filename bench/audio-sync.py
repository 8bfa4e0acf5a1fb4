#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A/V offset of recordings made with [audio] source=testtone (not a CTest test).

The test tone clicks at every whole second of the capture clock, the clock video frame n sits on
at n / fps. Each file says where its first frame sits on that clock (MP4 comment
"capture_clock=SECONDS"), so click k belongs at file time k - SECONDS on the video time line. This
decodes each file's sound track with ffmpeg, finds every click onset (the first sample above half
of full scale after a quiet stretch) and prints how far it is from where the video clock puts it:
the figures at the start and at the end of the recording, and the worst.

Usage: bench/audio-sync.py FILE.mp4 [FILE.mp4 ...]   (files of one run, in order)
"""
import array
import json
import subprocess
import sys

RATE = 48000
THRESHOLD = 0.5 * 32768
QUIET = int(0.2 * RATE)  # a click follows at least this many samples below the threshold


def probe(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format_tags=comment:stream=codec_type,start_time",
                          "-of", "json", path], check=True, capture_output=True, text=True).stdout
    info = json.loads(out)
    comment = info.get("format", {}).get("tags", {}).get("comment", "")
    if not comment.startswith("capture_clock="):
        sys.exit(f"audio-sync: {path} has no capture_clock comment (not a recorderd file with sound?)")
    audio = [s for s in info["streams"] if s["codec_type"] == "audio"]
    if not audio:
        sys.exit(f"audio-sync: {path} has no sound track")
    return float(comment.split("=", 1)[1]), float(audio[0].get("start_time", 0))


def onsets(path):
    pcm = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", path, "-map", "0:a:0", "-ac", "1", "-ar",
                          str(RATE), "-f", "s16le", "-"], check=True, capture_output=True).stdout
    samples = array.array("h", pcm)
    found, quiet = [], QUIET
    for i, value in enumerate(samples):
        if abs(value) >= THRESHOLD:
            if quiet >= QUIET:
                found.append(i)
            quiet = 0
        else:
            quiet += 1
    return found


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    offsets = []  # (capture-clock second, offset in ms)
    for path in sys.argv[1:]:
        clock, audio_start = probe(path)
        for index in onsets(path):
            file_time = audio_start + index / RATE
            second = round(clock + file_time)
            offsets.append((second, (file_time - (second - clock)) * 1000))
    if not offsets:
        sys.exit("audio-sync: no click found")
    first, last = offsets[0], offsets[-1]
    worst = max(offsets, key=lambda o: abs(o[1]))
    print(f"clicks: {len(offsets)} over {last[0] - first[0] + 1} s of capture clock")
    print(f"offset at start (second {first[0]}): {first[1]:+.1f} ms (positive: sound late)")
    print(f"offset at end (second {last[0]}): {last[1]:+.1f} ms")
    print(f"worst: {worst[1]:+.1f} ms at second {worst[0]}")


if __name__ == "__main__":
    main()
