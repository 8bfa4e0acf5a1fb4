#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Runs one command for bench/recorder-encode.sh and prints JSON: CPU time and peak RSS of the whole
# run from wait4(), and the steady-state CPU rate of the process and of each thread (name and id)
# from /proc, between the end of a warm-up and the last sample before it stops.
# Usage: measure-process.py WARMUP-SECONDS SECONDS-OR-0 COMMAND...   (0: let it end by itself; else
# SIGTERM after SECONDS)
import json
import os
import signal
import subprocess
import sys
import time

TICKS = os.sysconf("SC_CLK_TCK")


def stat_cpu(path):
    """(name, cpu seconds) from a /proc stat file, or None when it is gone."""
    try:
        with open(path) as stat:
            text = stat.read()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return text[text.index("(") + 1:text.rindex(")")], (int(fields[11]) + int(fields[12])) / TICKS


def sample(pid):
    """Elapsed time, the process's CPU seconds (exited threads included) and {tid: (name, cpu)}."""
    threads = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        tids = []
    for tid in tids:
        value = stat_cpu(f"/proc/{pid}/task/{tid}/stat")
        if value:
            threads[int(tid)] = value
    process = stat_cpu(f"/proc/{pid}/stat")
    return {"t": time.monotonic(), "cpu": process[1] if process else None, "threads": threads}


def alive(pid):
    # waitid(WNOWAIT) sees the end without reaping the child, so wait4() still gets its usage.
    return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None


def main():
    warmup = float(sys.argv[1])
    limit = float(sys.argv[2])
    process = subprocess.Popen(sys.argv[3:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    first = None
    last = None
    # Sampled once a second: a program that ends by itself loses at most its last second from the
    # steady-state window (not from the whole-run figures).
    while alive(process.pid):
        now = sample(process.pid)
        if now["cpu"] is not None:
            last = now
            if first is None and now["t"] - started >= warmup:
                first = now
        elapsed = time.monotonic() - started
        if limit > 0 and elapsed >= limit:
            os.kill(process.pid, signal.SIGTERM)
            break
        time.sleep(min(1.0, limit - elapsed) if limit > 0 else 1.0)
    _, status, usage = os.wait4(process.pid, 0)
    result = {
        "cpu": usage.ru_utime + usage.ru_stime,
        "user": usage.ru_utime,
        "system": usage.ru_stime,
        "peak_rss_kib": usage.ru_maxrss,
        "wall": time.monotonic() - started,
        "status": status,
        "pid": process.pid,
    }
    if first and last and last["t"] > first["t"]:
        window = last["t"] - first["t"]
        result["steady_window"] = window
        result["steady_cpu_rate"] = (last["cpu"] - first["cpu"]) / window
        result["threads"] = [
            {"tid": tid, "name": name, "cpu_rate": (cpu - first["threads"].get(tid, (name, 0.0))[1]) / window}
            for tid, (name, cpu) in sorted(last["threads"].items())]
    print(json.dumps(result))


main()
