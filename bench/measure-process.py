#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Runs one command for bench/recorder-encode.sh and prints JSON: CPU time and peak RSS from wait4()
# and the CPU time of each thread (name and id), read from /proc just before it stops.
# Usage: measure-process.py SECONDS-OR-0 COMMAND...   (0: let it end by itself; else SIGTERM then)
import json
import os
import signal
import subprocess
import sys
import time

TICKS = os.sysconf("SC_CLK_TCK")


def threads(pid):
    """{tid: (name, cpu seconds)} of every thread of pid, from /proc/PID/task/*/stat."""
    result = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return result
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as stat:
                text = stat.read()
        except OSError:
            continue  # the thread ended meanwhile
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        result[int(tid)] = (name, (int(fields[11]) + int(fields[12])) / TICKS)
    return result


def main():
    limit = float(sys.argv[1])
    process = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    process.returncode = 0  # reaped by wait4() below, not by Popen
    started = time.monotonic()
    seen = {}
    # Threads are sampled once a second: a thread that ends keeps its last sample, so a program that
    # ends by itself loses at most a second of each thread's time from the breakdown (not the total).
    # waitid(WNOWAIT) sees the end without reaping the child, so wait4() still gets its usage.
    while os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
        elapsed = time.monotonic() - started
        if limit > 0 and elapsed >= limit:
            seen.update(threads(process.pid))
            os.kill(process.pid, signal.SIGTERM)
            break
        seen.update(threads(process.pid))
        time.sleep(min(1.0, limit - elapsed) if limit > 0 else 1.0)
    _, status, usage = os.wait4(process.pid, 0)
    print(json.dumps({
        "cpu": usage.ru_utime + usage.ru_stime,
        "user": usage.ru_utime,
        "system": usage.ru_stime,
        "peak_rss_kib": usage.ru_maxrss,
        "wall": time.monotonic() - started,
        "status": status,
        "pid": process.pid,
        "threads": [{"tid": tid, "name": name, "cpu": cpu} for tid, (name, cpu) in sorted(seen.items())],
    }))


main()
