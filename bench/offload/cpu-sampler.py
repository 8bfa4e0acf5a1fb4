#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Where the CPU goes during a bench (offload-bench.sh CPU=1): samples the cumulative CPU time
# (utime + stime, /proc/PID/stat) of recorderd, recorder-offload and every rclone process every
# 50 ms, then reports, for each named time window, the core-seconds each kind of process used.
#
#   cpu-sampler.py sample OUT          until SIGTERM: lines "time pid kind ticks" to OUT
#   cpu-sampler.py report OUT PHASES   PHASES: lines "name start end" (epoch seconds)
#
# A process seen only once in a window counts nothing there; the sampler's own CPU (a few % of
# one core) is not counted, and falls on every window alike.
import collections
import os
import signal
import sys
import time

KINDS = ('recorderd', 'recorder-offloa')  # comm is cut at 15 characters


def kind_of(pid):
    with open(f'/proc/{pid}/stat') as f:
        stat = f.read()
    comm = stat[stat.index('(') + 1:stat.rindex(')')]
    fields = stat[stat.rindex(')') + 2:].split()
    ticks = int(fields[11]) + int(fields[12])
    if comm in KINDS:
        return ('recorder-offload' if comm == 'recorder-offloa' else comm), ticks
    if comm == 'rclone':
        with open(f'/proc/{pid}/cmdline') as f:
            args = f.read().split('\0')
        # "rclone serve webdav", "rclone rcd", "rclone copy", "rclone check"
        words = args[1:3] if len(args) > 2 and args[1] == 'serve' else args[1:2]
        return ' '.join(['rclone'] + [word for word in words if word]), ticks
    return None, 0


def sample(out_path):
    running = True

    def stop(*_):
        nonlocal running
        running = False
    signal.signal(signal.SIGTERM, stop)
    with open(out_path, 'w') as out:
        while running:
            now = time.time()
            for pid in os.listdir('/proc'):
                if not pid.isdigit():
                    continue
                try:
                    kind, ticks = kind_of(pid)
                except (OSError, ValueError, IndexError):
                    continue  # gone meanwhile
                if kind:
                    out.write(f'{now:.3f} {pid} {kind.replace(" ", "_")} {ticks}\n')
            out.flush()
            time.sleep(0.05)


def report(out_path, phases_path):
    hz = os.sysconf('SC_CLK_TCK')
    rows = []
    with open(out_path) as f:
        for line in f:
            t, pid, kind, ticks = line.split()
            rows.append((float(t), pid, kind.replace('_', ' '), int(ticks)))
    with open(phases_path) as f:
        phases = [line.split() for line in f if line.strip()]
    cores = len(os.sched_getaffinity(0))  # the CPUs this bench may use (taskset, cgroups)
    for name, start, end in phases:
        start, end = float(start), float(end)
        if end <= start:
            continue
        first, last = {}, {}
        for t, pid, kind, ticks in rows:
            if start <= t <= end:
                first.setdefault((pid, kind), ticks)
                last[(pid, kind)] = ticks
        used = collections.Counter()
        for key, ticks in last.items():
            used[key[1]] += (ticks - first[key]) / hz
        total = sum(used.values())
        span = end - start
        print(f'cpu {name}: {span:.2f} s, {total:.2f} core-s of {cores * span:.2f} '
              f'({100 * total / (cores * span):.0f} % busy): '
              + ', '.join(f'{kind} {seconds:.2f}' for kind, seconds in used.most_common() if seconds >= 0.005))


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == 'sample':
        sample(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == 'report':
        report(sys.argv[2], sys.argv[3])
    else:
        sys.exit('usage: cpu-sampler.py sample OUT | report OUT PHASES')
