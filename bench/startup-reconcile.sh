#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark (not a CTest test) of start-up with many recordings to reconcile: target "from process
# start with 1,000 recordings to reconcile, the first frame is on disk within 2 s". It makes one
# small valid fragmented MP4 with the ffmpeg command line, copies it N times under dated names
# (<recordings_dir>/YYYY/MM/DD/recording_YYYY-MM-DD_HHMMSS.mp4, from 2020-01-01 on, 10 minutes
# apart), and starts the real recorderd (test pattern 1280x720 at 30 fps, continuous mode) on an
# empty disk (for comparison) and then three times on that tree:
#   no-catalog        no catalog.db: every file is adopted (box walk and libavformat probe)
#   catalog-complete  the catalog the first run left: one row per file, nothing to probe
#   rows-recording    every row set back to 'recording', as if each file had been left open by a
#                     crash: every file is walked and probed again
# For each it measures, from the moment before exec: the new file created, its header (ftyp+moov)
# written, its first complete fragment (moof+mdat: the first frames on disk); and the time the
# log gives for the reconciliation ("catalog reconciled with the disk in X s") and when that line
# came. Then SIGTERM.
#
# Usage: bench/startup-reconcile.sh BUILD_DIR [N=1000]
#   needs: ninja -C BUILD_DIR recorderd  (and recorder-faultinject when SYNC_MS is set)
#   env:   SYNC_MS=0 (delay every fsync/fdatasync of the recordings and catalog by this much,
#          through tests/support/faultinject); SAMPLE="320x180 2" (size and seconds of each file)
#   needs ffmpeg, sqlite3, python3.
set -euo pipefail
usage="usage: bench/startup-reconcile.sh BUILD_DIR [N=1000]  (build first: ninja -C BUILD_DIR recorderd; with SYNC_MS=N also recorder-faultinject)"
[ $# -ge 1 ] || { echo "$usage" >&2; exit 2; }
case ${1:-} in -h|--help) echo "$usage"; exit 0 ;; esac
build=$(cd "$1" && pwd)
count=${2:-1000}
sync_ms=${SYNC_MS:-0}
read -r sample_size sample_seconds <<<"${SAMPLE:-320x180 2}"
recorderd=$build/daemon/recorderd
shim=$build/tests/support/faultinject/librecorder-faultinject.so
[ -x "$recorderd" ] || { echo "startup-reconcile: $recorderd is not built" >&2; echo "$usage" >&2; exit 1; }
if [ "$sync_ms" != 0 ] && [ ! -e "$shim" ]; then
  echo "startup-reconcile: $shim is not built" >&2; echo "$usage" >&2; exit 1
fi
for tool in ffmpeg sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "startup-reconcile: $tool is missing" >&2; exit 1; }
done

work=$(mktemp -d)
chmod 0750 "$work"
cleanup() {
  if [ -s "$work/pid" ]; then
    pid=$(cat "$work/pid")
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$work/disk/rec" "$work/disk/state" "$work/run" "$work/log"
chmod 0750 "$work/run"
cat >"$work/recorder.conf" <<CONF
[paths]
runtime_dir=$work/run
state_dir=$work/disk/state
recordings_dir=$work/disk/rec
log_dir=$work/log
[camera]
source=testpattern
width=1280
height=720
fps=30
[encoder]
encoder=libx264
preset=ultrafast
crf=23
keyframe_interval=1s
fragment_duration=1s
[recording]
mode=continuous
segment_duration=5min
[storage]
min_free=0
CONF

# One start: label. Prints the figures and leaves the new files in place (the next case sees them).
run_case() {
  local label=$1
  : >"$work/log/service.log"
  rm -f "$work/pid"
  python3 - "$label" "$work" "$recorderd" "$shim" "$sync_ms" <<'PY'
import datetime, glob, os, re, signal, struct, subprocess, sys, time
label, work, recorderd, shim, sync_ms = sys.argv[1:]
conf = os.path.join(work, "recorder.conf")
rec = os.path.join(work, "disk", "rec")
log = os.path.join(work, "log", "service.log")
env = dict(os.environ)
if sync_ms != "0":
    env.update(LD_PRELOAD=shim, RECORDER_FAULT_SYNC_DELAY_MS=sync_ms,
               RECORDER_FAULT_PATH_PREFIX=os.path.join(work, "disk") + "/")
before = set(glob.glob(os.path.join(rec, "*/*/*/*.mp4")))

def boxes(path):
    """(header complete, complete fragments) from the top-level boxes written so far."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return False, 0
    pos, moov, frags, moof = 0, False, 0, False
    while pos + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if size == 1 and pos + 16 <= len(data):
            size = struct.unpack(">Q", data[pos + 8:pos + 16])[0]
        if size < 8 or pos + size > len(data):
            break
        if kind == b"moov":
            moov = True
        elif kind == b"moof":
            moof = True
        elif kind == b"mdat" and moof:
            frags += 1
            moof = False
        pos += size
    return moov, frags

t0_wall = time.time()
t0 = time.monotonic()
process = subprocess.Popen([recorderd, "--config", conf], env=env,
                           stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "stderr"), "w"))
open(os.path.join(work, "pid"), "w").write(str(process.pid))
times, path = {}, None
deadline = t0 + 60
while time.monotonic() < deadline and "fragment" not in times and process.poll() is None:
    now = time.monotonic() - t0
    if path is None:
        # Today's folders only (UTC and local, and tomorrow's around midnight): the prepared
        # files are from 2020.
        day = datetime.datetime.utcnow()
        for d in {day, datetime.datetime.now(), day + datetime.timedelta(minutes=1)}:
            fresh = [p for p in glob.glob(os.path.join(rec, d.strftime("%Y/%m/%d"), "*.mp4")) if p not in before]
            if fresh:
                path = sorted(fresh)[0]
                times["created"] = now
                break
    if path is not None:
        moov, frags = boxes(path)
        if moov and "header" not in times:
            times["header"] = now
        if frags and "fragment" not in times:
            times["fragment"] = now
    time.sleep(0.005)
# The reconciliation's own figure, from the log (the line comes once it is done).
reconciled, recovery, recon_at = None, "", None
deadline = time.monotonic() + 300
while time.monotonic() < deadline and process.poll() is None:
    text = open(log, errors="replace").read() if os.path.exists(log) else ""
    m = re.search(r"^(\S+) .*catalog reconciled with the disk in ([0-9.]+) s", text, re.M)
    r = re.search(r"recovery: \d+ recovered[^\n]*", text)
    if r:
        recovery = r.group(0)
    if m:
        reconciled = float(m.group(2))
        stamp = m.group(1).rstrip("Z").replace("T", " ")
        try:
            at = datetime.datetime.fromisoformat(stamp).replace(tzinfo=datetime.timezone.utc).timestamp()
            recon_at = at - t0_wall
        except ValueError:
            pass
        break
    time.sleep(0.05)
first_recording = None
text = open(log, errors="replace").read() if os.path.exists(log) else ""
m = re.search(r"^(\S+) .*recording to ", text, re.M)
if m:
    at = datetime.datetime.fromisoformat(m.group(1).rstrip("Z").replace("T", " ")).replace(tzinfo=datetime.timezone.utc)
    first_recording = at.timestamp() - t0_wall
process.send_signal(signal.SIGTERM)
try:
    status = process.wait(timeout=10)
except subprocess.TimeoutExpired:
    process.kill()
    status = "killed after 10 s"
fmt = lambda k: f"{times[k]:.3f} s" if k in times else "never"
print(f"  [{label}] from exec: file created {fmt('created')}, header (ftyp+moov) {fmt('header')}, "
      f"first complete fragment (first frames on disk) {fmt('fragment')}  (target < 2 s: "
      f"{'met' if times.get('fragment', 99) < 2 else 'MISSED'})")
print(f"    log: first 'recording to' line at {first_recording:.3f} s" if first_recording is not None else
      "    log: no 'recording to' line")
if reconciled is not None:
    print(f"    reconciliation: {reconciled:.1f} s by its log line, which came {recon_at:.2f} s after exec"
          if recon_at is not None else f"    reconciliation: {reconciled:.1f} s")
else:
    print("    reconciliation: no 'catalog reconciled' line (skipped, or still running at the stop)")
if recovery:
    print(f"    {recovery}")
print(f"    recorderd exit status {status}")
PY
}

# The same start with nothing on disk, for comparison; its catalog is then thrown away.
echo "startup-reconcile: load: $(cut -d' ' -f1-3 /proc/loadavg)"
run_case empty-disk
rm -rf "$work/disk/state/catalog.db" "$work/disk/state/catalog.db-wal" "$work/disk/state/catalog.db-shm" "$work/disk/rec"/*

echo "startup-reconcile: making $count recordings of ${sample_seconds} s at $sample_size (fragmented MP4, a fragment per second)..."
ffmpeg -nostdin -v error -f lavfi -i "testsrc2=size=$sample_size:rate=30" -t "$sample_seconds" \
  -c:v libx264 -preset ultrafast -crf 23 -g 30 -pix_fmt yuv420p \
  -movflags frag_keyframe+empty_moov+default_base_moof -frag_duration 1000000 -y "$work/sample.mp4"
python3 - "$work/sample.mp4" "$work/disk/rec" "$count" <<'PY'
import datetime, os, shutil, sys
sample, rec, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
t = datetime.datetime(2020, 1, 1)
for _ in range(n):
    folder = os.path.join(rec, t.strftime("%Y/%m/%d"))
    os.makedirs(folder, exist_ok=True)
    shutil.copyfile(sample, os.path.join(folder, t.strftime("recording_%Y-%m-%d_%H%M%S.mp4")))
    t += datetime.timedelta(minutes=10)
PY
echo "startup-reconcile: $(find "$work/disk/rec" -name '*.mp4' | wc -l) files, $(du -sh "$work/disk/rec" | cut -f1), sample $(stat -c %s "$work/sample.mp4") bytes; sync delay ${sync_ms} ms; load: $(cut -d' ' -f1-3 /proc/loadavg)"

run_case no-catalog
run_case catalog-complete
sqlite3 "$work/disk/state/catalog.db" "UPDATE recordings SET state = 'recording', end_time_ms = NULL WHERE state = 'complete'"
run_case rows-recording
echo "startup-reconcile: catalog now: $(sqlite3 "$work/disk/state/catalog.db" "SELECT state || ' ' || count(*) FROM recordings GROUP BY state" | tr '\n' ',' | sed 's/,$//')"
