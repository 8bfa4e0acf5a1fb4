#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark (not a CTest test) of recording on a slow card: the real recorderd records the test
# pattern at 1280x720, 30 fps, 10 s segments, continuous mode, for SECONDS while the fault-injection
# shim (tests/support/faultinject) makes every fsync/fdatasync on the recordings folder and the
# catalog's folder take SYNC_MS. Meanwhile `recorderctl status` runs every 0.5 s on a private D-Bus
# (with the project's bus policy) and its latency is measured, as is a D-Bus Status() call on a
# kept-open connection (the daemon's share alone). Every second it samples the heartbeat's counters,
# the machine's CPU idle time and run queue, and each recorderd thread's CPU time and time spent
# waiting for a CPU (/proc/PID/task/TID/schedstat), so drops can be told apart from CPU starvation.
# At the end (SIGTERM): frames captured/dropped, files, the catalog's sum of durations against the
# span from the first file's start to the last file's end, the gaps between consecutive files,
# ffprobe's durations, status latency max/p99. Then the same with no sync delay (the baseline), and
# the pre-restructuring comparison (800 ms syncs, 5 s segments, 30 s).
#
# Usage: bench/slow-storage.sh BUILD_DIR [SECONDS=120] [SYNC_MS=1000]
#   needs: ninja -C BUILD_DIR recorderd recorderctl recorder-faultinject
#          (the shim is build/tests/support/faultinject/librecorder-faultinject.so)
#   env:   BASELINE=0 skips the run without delay; OLD_STYLE=0 skips the 800 ms / 5 s / 30 s run;
#          SEGMENT=10s changes the segment duration of the main runs; KEEP=1 keeps the temp dir
#          (logs, catalog, files, timeline.json) and prints where it is.
#   needs dbus-daemon, sqlite3, ffprobe, python3 (Debian's /usr/bin/python3 with python3-dbus for
#   the kept-open D-Bus call; without it only recorderctl is timed).
set -euo pipefail
usage="usage: bench/slow-storage.sh BUILD_DIR [SECONDS=120] [SYNC_MS=1000]  (build first: ninja -C BUILD_DIR recorderd recorderctl recorder-faultinject)"
[ $# -ge 1 ] || { echo "$usage" >&2; exit 2; }
case ${1:-} in -h|--help) echo "$usage"; exit 0 ;; esac
repo=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
seconds=${2:-120}
sync_ms=${3:-1000}
segment=${SEGMENT:-10s}
recorderd=$build/daemon/recorderd
recorderctl=$build/recorderctl/recorderctl
shim=$build/tests/support/faultinject/librecorder-faultinject.so
for file in "$recorderd" "$recorderctl" "$shim"; do
  [ -e "$file" ] || { echo "slow-storage: $file is not built" >&2; echo "$usage" >&2; exit 1; }
done
for tool in dbus-daemon sqlite3 ffprobe python3; do
  command -v "$tool" >/dev/null || { echo "slow-storage: $tool is missing" >&2; exit 1; }
done
py=python3
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import dbus' 2>/dev/null && py=/usr/bin/python3

work=$(mktemp -d)
chmod 0750 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then echo "slow-storage: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A private bus standing in for the system bus: the project's policy (root and group recorder may
# call, root and user recorder may own) on top of a default that lets the bus itself work.
cat >"$work/bus.conf" <<BUS
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$work/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
  </policy>
  <include>$repo/systemd/org.recorder.Recorder1.conf</include>
</busconfig>
BUS
dbus-daemon --config-file="$work/bus.conf" --nofork --nopidfile 2>"$work/bus.log" &
pids+=($!)
for _ in $(seq 50); do [ -S "$work/bus" ] && break; sleep 0.1; done
[ -S "$work/bus" ] || { echo "slow-storage: dbus-daemon did not start: $(cat "$work/bus.log")" >&2; exit 1; }
export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$work/bus"
export LC_ALL=C LANG=C

# One recording run: label seconds sync_ms segment. Leaves its figures in $work/LABEL/result.json.
run_case() {
  local label=$1 duration=$2 delay=$3 seg=$4
  local dir=$work/$label
  mkdir -p "$dir/disk" "$dir/run" "$dir/log"
  chmod 0750 "$dir/run"
  # The shim's prefix covers the recordings and the catalog (state dir), not the runtime dir
  # (heartbeat, preview: /run is a tmpfs on a Pi, its syncs cost nothing).
  cat >"$dir/recorder.conf" <<CONF
[paths]
runtime_dir=$dir/run
state_dir=$dir/disk/state
recordings_dir=$dir/disk/rec
log_dir=$dir/log
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
segment_duration=$seg
[storage]
min_free=0
CONF
  echo "slow-storage: [$label] recording ${duration} s, 1280x720@30, segments of $seg, every fsync/fdatasync under $dir/disk/ delayed ${delay} ms; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  LD_PRELOAD=$shim RECORDER_FAULT_SYNC_DELAY_MS=$delay RECORDER_FAULT_WRITE_ERROR=none \
    RECORDER_FAULT_PATH_PREFIX="$dir/disk/" \
    "$recorderd" --config "$dir/recorder.conf" 2>"$dir/stderr" &
  local pid=$!
  pids+=($pid)
  # Samples and status polls for the whole run, then SIGTERM and the time the stop took.
  "$py" - "$pid" "$duration" "$dir" "$recorderctl" <<'PY' || true
import glob, json, os, signal, subprocess, sys, time
pid, duration, d, ctl = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4]
conf = os.path.join(d, "recorder.conf")
hz = os.sysconf("SC_CLK_TCK")
try:
    import dbus
    bus = dbus.bus.BusConnection(os.environ["DBUS_SYSTEM_BUS_ADDRESS"])
except Exception as error:  # no python3-dbus: recorderctl alone
    bus = None
iface = None
def status_dbus():
    global iface
    if bus is None:
        return None
    try:
        if iface is None:
            iface = dbus.Interface(bus.get_object("org.recorder.Recorder1", "/org/recorder/Recorder1"),
                                   "org.recorder.Recorder1")
        t = time.monotonic()
        iface.Status(timeout=10)
        return time.monotonic() - t
    except Exception:
        iface = None
        return None
def status_ctl():
    t = time.monotonic()
    try:
        r = subprocess.run([ctl, "--config", conf, "status"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=10)
    except subprocess.TimeoutExpired:
        return time.monotonic() - t, -1
    return time.monotonic() - t, r.returncode
def version_ctl():
    t = time.monotonic()
    try:
        subprocess.run([ctl, "--version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10)
    except subprocess.TimeoutExpired:
        pass
    return time.monotonic() - t
def threads():
    out = {}
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            with open(task + "/stat") as f:
                stat = f.read()
            with open(task + "/schedstat") as f:
                run_ns, wait_ns, _ = f.read().split()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        cpu = (int(fields[11]) + int(fields[12])) / hz
        tid = os.path.basename(task)
        out[tid] = (name, cpu, int(wait_ns) / 1e9)
    return out
def machine():
    with open("/proc/stat") as f:
        lines = f.read().splitlines()
    cpu = [int(x) for x in lines[0].split()[1:]]
    running = next(int(l.split()[1]) for l in lines if l.startswith("procs_running"))
    return sum(cpu), cpu[3] + cpu[4], running
def heartbeat():
    try:
        with open(os.path.join(d, "run", "heartbeat.json")) as f:
            h = json.load(f)
        return h.get("frames_captured", 0), h.get("frames_dropped", 0), h.get("state", "")
    except (OSError, ValueError):
        return None
# The run's clock starts once the recorder answers on the bus (start-up is another benchmark).
t_exec = time.monotonic()
while time.monotonic() - t_exec < 30:
    if status_ctl()[1] == 0:
        break
    time.sleep(0.1)
ready_after = time.monotonic() - t_exec
samples, polls = [], []
start = time.monotonic()
next_poll = start
next_sample = start
last_m, last_t = machine(), threads()
while time.monotonic() - start < duration:
    try:
        os.kill(pid, 0)
    except OSError:
        break
    now = time.monotonic()
    if now >= next_poll:
        ctl_s, rc = status_ctl()
        polls.append({"t": round(now - start, 3), "recorderctl": ctl_s, "rc": rc, "dbus": status_dbus(),
                      "version": version_ctl()})
        next_poll += 0.5
    if now >= next_sample:
        m, th = machine(), threads()
        total, idle = m[0] - last_m[0], m[1] - last_m[1]
        per = {}
        for tid, (name, cpu, wait) in th.items():
            c0, w0 = (last_t[tid][1], last_t[tid][2]) if tid in last_t else (0.0, 0.0)
            a = per.setdefault(name, [0.0, 0.0])
            a[0] += cpu - c0
            a[1] += wait - w0
        samples.append({"t": round(now - start, 3), "idle": idle / total if total else 1.0,
                        "running": m[2], "heartbeat": heartbeat(), "wall": time.time(),
                        "threads": per})
        last_m, last_t = m, th
        next_sample += 1.0
    time.sleep(max(0.0, min(next_poll, next_sample) - time.monotonic()))
# Per-thread totals just before the stop.
totals = {}
for tid, (name, cpu, wait) in threads().items():
    a = totals.setdefault(name, [0.0, 0.0, 0])
    a[0] += cpu
    a[1] += wait
    a[2] += 1
stop = time.monotonic()
try:
    os.kill(pid, signal.SIGTERM)
except OSError:
    pass
json.dump({"samples": samples, "polls": polls, "threads": totals, "stop_requested": time.time(),
           "ready_after": ready_after,
           "run_seconds": stop - start}, open(os.path.join(d, "timeline.json"), "w"))
PY
  # The sampler sent SIGTERM; wait for the exit, at most 10 s.
  ( sleep 10; kill -KILL "$pid" 2>/dev/null && echo "slow-storage: [$label] recorderd did not stop within 10 s of SIGTERM; killed" >&2 ) &
  local guard=$!
  pids+=($guard)
  local status=0
  wait "$pid" || status=$?
  local stopped
  stopped=$(date +%s.%N)
  kill "$guard" 2>/dev/null || true
  wait "$guard" 2>/dev/null || true
  [ -f "$dir/timeline.json" ] || { echo "slow-storage: [$label] no samples; recorderd stderr:" >&2; tail -20 "$dir/stderr" >&2; return 1; }
  sqlite3 -separator ' ' "$dir/disk/state/catalog.db" \
    "SELECT path, start_time_ms, COALESCE(end_time_ms, 0), duration_seconds, frames, frames_dropped, state
     FROM recordings ORDER BY start_time_ms" >"$dir/catalog.txt" 2>"$dir/sqlite.err" || true
  find "$dir/disk/rec" -name '*.mp4' | sort | while read -r f; do
    printf '%s %s\n' "$f" "$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$f" 2>/dev/null || echo 0)"
  done >"$dir/ffprobe.txt"
  grep -h 'frames dropped since\|storage fell behind\|finished /\|took over\|queue' "$dir/log/service.log" >"$dir/drops.log" 2>/dev/null || true
  python3 - "$label" "$dir" "$delay" "$seg" "$status" "$stopped" <<'PY'
import json, os, sys
label, d, delay, seg, exit_status, stopped = sys.argv[1:]
tl = json.load(open(os.path.join(d, "timeline.json")))
hb = json.load(open(os.path.join(d, "run", "heartbeat.json")))
rows = []
for line in open(os.path.join(d, "catalog.txt")):
    p = line.split()
    if len(p) == 7:
        rows.append({"path": p[0], "start": int(p[1]) / 1000, "end": int(p[2]) / 1000, "duration": float(p[3]),
                     "frames": int(p[4]), "dropped": int(p[5]), "state": p[6]})
probe = {}
for line in open(os.path.join(d, "ffprobe.txt")):
    path, _, dur = line.rpartition(" ")
    try:
        probe[path] = float(dur)
    except ValueError:
        probe[path] = 0.0
def pct(values, q):
    v = sorted(values)
    if not v:
        return float("nan")
    return v[min(len(v) - 1, int(round(q * (len(v) - 1))))]
ctl = [p["recorderctl"] for p in tl["polls"]]
bus = [p["dbus"] for p in tl["polls"] if p["dbus"] is not None]
failed = [p["t"] for p in tl["polls"] if p["rc"] != 0]
version = [p["version"] for p in tl["polls"]]
gaps = [rows[i + 1]["start"] - rows[i]["end"] for i in range(len(rows) - 1)]
total = sum(r["duration"] for r in rows)
span = (rows[-1]["end"] - rows[0]["start"]) if rows else 0.0
frames_in_files = sum(r["frames"] for r in rows)
threads = tl["threads"]
# Drops against CPU starvation: per 1 s sample, new drops and the machine's idle share / run queue.
drop_samples, prev = [], None
for s in tl["samples"]:
    h = s["heartbeat"]
    if h and prev:
        new = h[1] - prev[1]
        if new > 0:
            worst = max(s["threads"].items(), key=lambda kv: kv[1][1])
            drop_samples.append({"t": s["t"], "new": new, "idle": s["idle"], "running": s["running"],
                                 "wait_thread": worst[0], "wait_s": worst[1][1]})
    if h:
        prev = h
# The real wall time recorded, from the log: "recording on" to "recording off" (capture stops).
import datetime, re
on = off = None
for line in open(os.path.join(d, "log", "service.log"), errors="replace"):
    m = re.match(r"(\S+) \S+ recorder\.daemon: recording (on|off)", line)
    if m:
        at = datetime.datetime.fromisoformat(m.group(1).replace("Z", "+00:00")).timestamp()
        if m.group(2) == "on" and on is None:
            on = at
        elif m.group(2) == "off":
            off = at
log_wall = (off - on) if on and off else float("nan")
idle_all = [s["idle"] for s in tl["samples"][1:]]
run_q = [s["running"] for s in tl["samples"][1:]]
result = {
    "label": label, "sync_ms": int(delay), "segment": seg, "exit_status": int(exit_status),
    "run_seconds": tl["run_seconds"],
    "captured": hb.get("frames_captured"), "dropped": hb.get("frames_dropped"),
    "files": len(rows), "states": sorted({r["state"] for r in rows}),
    "sum_durations": total, "log_wall": log_wall, "missing": (hb.get("frames_captured") or 0) - (hb.get("frames_dropped") or 0) - frames_in_files, "span": span, "frames_in_files": frames_in_files,
    "gap_max": max(gaps, default=0.0), "gap_min": min(gaps, default=0.0), "gap_sum": sum(gaps),
    "ffprobe_sum": sum(probe.values()), "ffprobe_files": len(probe),
    "ctl_n": len(ctl), "ctl_failed": len(failed), "ready_after": tl["ready_after"],
    "version_p50": pct(version, 0.5), "version_p99": pct(version, 0.99), "version_max": max(version, default=float("nan")), "ctl_max": max(ctl, default=float("nan")),
    "ctl_p99": pct(ctl, 0.99), "ctl_p50": pct(ctl, 0.5), "ctl_over_100ms": sum(1 for x in ctl if x >= 0.1),
    "bus_n": len(bus), "bus_max": max(bus, default=float("nan")), "bus_p99": pct(bus, 0.99),
    "bus_p50": pct(bus, 0.5),
    "idle_mean": sum(idle_all) / len(idle_all) if idle_all else float("nan"),
    "idle_min": min(idle_all, default=float("nan")), "runq_max": max(run_q, default=0),
    "drop_samples": drop_samples, "threads": threads,
}
json.dump(result, open(os.path.join(d, "result.json"), "w"))
ms = lambda s: s * 1000
print(f"  [{label}] sync {delay} ms, segments {seg}, ran {tl['run_seconds']:.1f} s, recorderd exit status {exit_status}, "
      f"{float(stopped) - tl['stop_requested']:.2f} s from SIGTERM to exit")
missing = (result['captured'] or 0) - (result['dropped'] or 0) - frames_in_files
print(f"    frames: {result['captured']} captured, {result['dropped']} dropped (heartbeat); {frames_in_files} in the catalog's files "
      f"({missing} captured, not counted as dropped, yet in no file)")
print(f"    files: {len(rows)} ({', '.join(result['states'])}); sum of durations {total:.3f} s, span first start -> last end {span:.3f} s, "
      f"difference {span - total:+.3f} s (target within 0.2 s)")
print(f"    wall time recorded by the log ('recording on' -> 'recording off'): {log_wall:.3f} s; "
      f"sum of durations - that = {total - log_wall:+.3f} s")
print(f"    gaps between consecutive files (next start - previous end): max {ms(result['gap_max']):.1f} ms, "
      f"min {ms(result['gap_min']):.1f} ms, sum {ms(result['gap_sum']):.1f} ms over {len(gaps)} changes")
print(f"    ffprobe: {len(probe)} files, {result['ffprobe_sum']:.3f} s in all")
print(f"    recorderctl status ({len(ctl)} calls from the first answer, {tl['ready_after']:.2f} s after exec; "
      f"{len(failed)} failed{' at t=' + ', '.join(f'{t:.1f}' for t in failed[:10]) + ' s' if failed else ''}): p50 {ms(result['ctl_p50']):.0f} ms, p99 {ms(result['ctl_p99']):.0f} ms, "
      f"max {ms(result['ctl_max']):.0f} ms, {result['ctl_over_100ms']} at or over 100 ms (target < 100 ms)")
print(f"    recorderctl --version alone (process start, no D-Bus), same moments: p50 {ms(result['version_p50']):.0f} ms, "
      f"p99 {ms(result['version_p99']):.0f} ms, max {ms(result['version_max']):.0f} ms")
if bus:
    print(f"    D-Bus Status() on a kept-open connection ({len(bus)} calls): p50 {ms(result['bus_p50']):.1f} ms, "
          f"p99 {ms(result['bus_p99']):.1f} ms, max {ms(result['bus_max']):.1f} ms")
print(f"    machine: CPU idle {100 * result['idle_mean']:.0f} % on average (lowest 1 s: {100 * result['idle_min']:.0f} %), "
      f"run queue up to {result['runq_max']}; load average at the end {open('/proc/loadavg').read().split()[0]}")
busy = sorted(threads.items(), key=lambda kv: -kv[1][0])
print("    recorderd threads (CPU s / s waiting for a CPU, over the run): " +
      ", ".join(f"{name}{'×' + str(n) if n > 1 else ''} {cpu:.1f}/{wait:.1f}" for name, (cpu, wait, n) in busy[:9]))
if drop_samples:
    print(f"    drops by second ({len(drop_samples)} seconds with drops):")
    for s in drop_samples[:12]:
        print(f"      t={s['t']:6.1f} s  +{s['new']} dropped; machine idle {100 * s['idle']:.0f} %, run queue {s['running']}; "
              f"most CPU-starved thread: {s['wait_thread']} waited {1000 * s['wait_s']:.0f} ms of that second")
drops_log = open(os.path.join(d, "drops.log")).read().splitlines()
for line in [l for l in drops_log if "dropped" in l][:8]:
    print("    log: " + line[:260])
PY
}

run_case "slow-${sync_ms}ms" "$seconds" "$sync_ms" "$segment"
[ "${BASELINE:-1}" = 0 ] || run_case baseline-0ms "$seconds" 0 "$segment"
[ "${OLD_STYLE:-1}" = 0 ] || run_case old-style-800ms-5s 30 800 5s

python3 - "$work" "slow-${sync_ms}ms" "${BASELINE:-1}" "${OLD_STYLE:-1}" <<'PY'
import json, os, sys
work, slow, baseline, old = sys.argv[1:]
r = lambda label: json.load(open(os.path.join(work, label, "result.json")))
s = r(slow)
print()
print(f"slow-storage: summary ({s['sync_ms']} ms per sync, segments {s['segment']}, {s['run_seconds']:.0f} s)")
ok = lambda b: "met" if b else "MISSED"
print(f"  dropped           {s['dropped']} of {s['captured']}  (target 0: {ok(s['dropped'] == 0)})")
diff = s['span'] - s['sum_durations']
print(f"  back to back      span - sum of durations = {diff:+.3f} s over {s['files']} files  (target within 0.2 s: {ok(abs(diff) <= 0.2)})")
print(f"  recorderctl       max {1000 * s['ctl_max']:.0f} ms, p99 {1000 * s['ctl_p99']:.0f} ms  (target < 100 ms: {ok(s['ctl_max'] < 0.1)}; ratio max/100 ms {s['ctl_max'] / 0.1:.2f})")
if baseline != "0":
    b = r("baseline-0ms")
    print(f"  baseline (0 ms)   dropped {b['dropped']} of {b['captured']}, span - sum {b['span'] - b['sum_durations']:+.3f} s, "
          f"recorderctl max {1000 * b['ctl_max']:.0f} ms p99 {1000 * b['ctl_p99']:.0f} ms")
    ratio = lambda x, y: f"{x / y:.2f}" if y else "n/a"
    print(f"  ratios slow/base  recorderctl p99 {ratio(s['ctl_p99'], b['ctl_p99'])}, max {ratio(s['ctl_max'], b['ctl_max'])}; "
          f"D-Bus p99 {ratio(s['bus_p99'], b['bus_p99']) if s['bus_n'] and b['bus_n'] else 'n/a'}; "
          f"frames in files {ratio(s['frames_in_files'], b['frames_in_files'])}")
if old != "0":
    o = r("old-style-800ms-5s")
    print(f"  old-style         800 ms syncs, 5 s segments, 30 s: dropped {o['dropped']} of {o['captured']} "
          f"(before the restructuring: 204 of 881), span - sum {o['span'] - o['sum_durations']:+.3f} s, "
          f"recorderctl max {1000 * o['ctl_max']:.0f} ms")
PY
