#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Attacks a fresh recorder-exporter on localhost and measures what it costs the exporter and the
# clients it should still serve (docs/security.md, "Exporter under attack"):
#
#   pipeline   CONNECTIONS clients send "GET /metrics" back to back and never read (issue 12, 1)
#   slowloris  CONNECTIONS clients trickle one header byte a second, reconnecting each second when
#              closed, like slowloris.py (issue 12, 2)
#
# Meanwhile a probe asks GET /metrics every PROBE_INTERVAL seconds from another loopback address
# (--probe-address; the attackers use 127.0.0.1) and counts it answered when a 200 arrives within
# 1 s. Prints RSS growth, probe success and latency, connections the exporter closed, and its log
# lines about refusals and closed devices. With --max-rss-growth-mb, --min-answered, --min-closed,
# --max-closed-device-warnings or --max-refusal-lines it exits 1 when a bound is missed (CTest runs
# short versions, tests/exporter/CMakeLists.txt), 77 when the probe address cannot be used.
#
# Usage: bench/exporter-abuse.py --exporter build/exporter/recorder-exporter \
#            --fixture build/tests/exporter/exporter-fixture pipeline --duration 30
#        bench/exporter-abuse.py --exporter build/exporter/recorder-exporter slowloris --connections 200
import argparse
import os
import selectors
import socket
import subprocess
import sys
import tempfile
import threading
import time

REQUEST = b"GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n"
PROBE = b"GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"


def rss_bytes(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_exporter(binary, workdir, settings, fixture):
    for sub in ("run", "state", "log"):
        os.makedirs(os.path.join(workdir, sub), mode=0o750, exist_ok=True)
    if fixture:  # a heartbeat, a watchdog status and a catalog: a full-size /metrics page
        subprocess.run([fixture, f"{workdir}/run", f"{workdir}/state", "1000"], check=True,
                       stdout=subprocess.DEVNULL)
    port = free_port()
    config = os.path.join(workdir, "recorder.conf")
    with open(config, "w") as f:
        # The fixture writes the watchdog's status beside the heartbeat, so both are read from run/.
        f.write(f"[paths]\nruntime_dir = {workdir}/run\nstate_dir = {workdir}/state\nlog_dir = {workdir}/log\n"
                f"watchdog_runtime_dir = {workdir}/run\nexporter_log_dir = {workdir}/log\n"
                f"[metrics]\nlisten = 127.0.0.1\nport = {port}\n" + "".join(s + "\n" for s in settings))
    log = open(os.path.join(workdir, "exporter.err"), "w+")
    process = subprocess.Popen([binary, "--config", config], stderr=log, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            sys.exit(f"the exporter exited with {process.returncode}: {log.read()}")
        if probe(port, "127.0.0.1", 1.0)[0]:
            return process, port, log
        time.sleep(0.1)
    process.kill()
    sys.exit("the exporter did not answer within 15 s")


def probe(port, source, timeout):
    """One GET /metrics on a fresh connection from `source`: (answered with 200 in time, seconds)."""
    started = time.monotonic()
    try:
        with socket.socket() as s:
            s.settimeout(timeout)
            s.bind((source, 0))
            s.connect(("127.0.0.1", port))
            s.sendall(PROBE)
            answer = b""
            while b"\r\n" not in answer:
                chunk = s.recv(4096)
                if not chunk:
                    break
                answer += chunk
    except OSError:
        return False, time.monotonic() - started
    elapsed = time.monotonic() - started
    return answer.startswith(b"HTTP/1.1 200") and elapsed <= timeout, elapsed


def connect_attacker(port, first_bytes):
    s = socket.socket()
    s.setblocking(False)
    try:
        s.connect(("127.0.0.1", port))
    except BlockingIOError:
        pass
    except OSError:
        s.close()
        return None
    return s, first_bytes


class Attack(threading.Thread):
    def __init__(self, mode, port, connections, duration):
        super().__init__(daemon=True)
        self.mode, self.port, self.connections, self.duration = mode, port, connections, duration
        self.sent = 0
        self.closed_by_server = 0
        self.stop = threading.Event()

    def run(self):
        if self.mode == "pipeline":
            self.pipeline()
        else:
            self.slowloris()

    def pipeline(self):
        # Send as fast as the exporter takes it, never read: only the kernel's buffers push back.
        batch = REQUEST * 64
        sockets = [s for s, _ in filter(None, (connect_attacker(self.port, b"") for _ in range(self.connections)))]
        selector = selectors.DefaultSelector()
        for s in sockets:
            selector.register(s, selectors.EVENT_WRITE)
        while not self.stop.is_set() and sockets:
            for key, _ in selector.select(timeout=0.2):
                try:
                    self.sent += key.fileobj.send(batch)
                except OSError:
                    self.closed_by_server += 1
                    selector.unregister(key.fileobj)
                    key.fileobj.close()
                    sockets.remove(key.fileobj)
                    # A real attacker comes back at once.
                    fresh = connect_attacker(self.port, b"")
                    if fresh:
                        sockets.append(fresh[0])
                        selector.register(fresh[0], selectors.EVENT_WRITE)
        for s in sockets:
            s.close()

    def slowloris(self):
        # Each second: one more header byte on every connection; closed ones are opened again.
        head = b"GET /metrics HTTP/1.1\r\nHost: localhost\r\nX-a: "
        sockets = [None] * self.connections
        while not self.stop.is_set():
            tick = time.monotonic()
            for i, s in enumerate(sockets):
                if s is None:
                    sockets[i] = connect_attacker(self.port, head)
                    continue
                sock, pending = s
                try:
                    data = pending or b"b"
                    self.sent += sock.send(data)
                    sockets[i] = (sock, b"")
                except (BlockingIOError, InterruptedError):
                    pass  # still connecting
                except OSError:
                    self.closed_by_server += 1
                    sock.close()
                    sockets[i] = None
            self.stop.wait(max(0.0, 1.0 - (time.monotonic() - tick)))
        for s in sockets:
            if s:
                s[0].close()


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--exporter", required=True, help="path of recorder-exporter")
    parser.add_argument("--fixture", help="path of exporter-fixture: serve full inputs, not missing ones")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="an extra [metrics] line for the exporter's configuration")
    parser.add_argument("mode", choices=("pipeline", "slowloris"))
    parser.add_argument("--connections", type=int, help="attacking connections (pipeline 10, slowloris 200)")
    parser.add_argument("--duration", type=float, default=30, help="seconds of attack (30)")
    parser.add_argument("--probe-interval", type=float, default=0.5, help="seconds between probes (0.5)")
    parser.add_argument("--probe-address", default="127.0.0.2", help="source address of the probes (127.0.0.2)")
    parser.add_argument("--max-rss-growth-mb", type=float, help="exit 1 if RSS grew by more")
    parser.add_argument("--min-answered", type=float, help="exit 1 if a smaller share of probes got 200 within 1 s")
    parser.add_argument("--max-closed-device-warnings", type=int,
                        help="exit 1 on more 'device not open' warnings in the exporter's log")
    parser.add_argument("--min-closed", type=int,
                        help="exit 1 if the exporter closed fewer attacking connections (pipeline: idle_timeout)")
    parser.add_argument("--max-refusal-lines", type=int, help="exit 1 on more log lines about refused connections")
    args = parser.parse_args()
    connections = args.connections or (10 if args.mode == "pipeline" else 200)
    try:  # any 127.0.0.0/8 address is local on Linux; a sandbox may still refuse it
        with socket.socket() as s:
            s.bind((args.probe_address, 0))
    except OSError as error:
        print(f"SKIP: cannot send probes from {args.probe_address}: {error}")
        return 77

    with tempfile.TemporaryDirectory(prefix="exporter-abuse.") as workdir:
        process, port, log = start_exporter(args.exporter, workdir, args.set, args.fixture)
        try:
            for _ in range(20):  # warm up: the first scrapes allocate what every later one reuses
                probe(port, "127.0.0.1", 2.0)
            rss_before = rss_bytes(process.pid)
            rss_peak = rss_before
            attack = Attack(args.mode, port, connections, args.duration)
            attack.start()
            results = []
            started = time.monotonic()
            while time.monotonic() - started < args.duration:
                tick = time.monotonic()
                results.append(probe(port, args.probe_address, 1.0))
                rss_peak = max(rss_peak, rss_bytes(process.pid))
                time.sleep(max(0.0, args.probe_interval - (time.monotonic() - tick)))
            attack.stop.set()
            attack.join(5)
            rss_after = rss_bytes(process.pid)
            rss_peak = max(rss_peak, rss_after)
        finally:
            process.terminate()
            process.wait(10)
        log.seek(0)
        lines = log.read().splitlines()

    answered = sum(1 for ok, _ in results if ok)
    latencies = [elapsed for ok, elapsed in results if ok]
    share = answered / len(results) if results else 0.0
    growth_mb = (rss_peak - rss_before) / 1e6
    closed_device = sum("device not open" in line for line in lines)
    refusal_lines = sum("refus" in line for line in lines)
    print(f"mode {args.mode}: {connections} connections for {args.duration:g} s, "
          f"{attack.sent / 1e6:.1f} MB sent, {attack.closed_by_server} closed by the exporter")
    print(f"RSS {rss_before / 1e6:.1f} MB before, peak {rss_peak / 1e6:.1f} MB: growth {growth_mb:.1f} MB")
    print(f"probes from {args.probe_address}: {answered} of {len(results)} answered within 1 s ({share:.0%}); "
          f"latency p50 {percentile(latencies, 0.5) * 1000:.1f} ms, p95 {percentile(latencies, 0.95) * 1000:.1f} ms, "
          f"max {max(latencies, default=float('nan')) * 1000:.1f} ms")
    print(f"exporter log: {len(lines)} lines, {refusal_lines} about refusals, {closed_device} 'device not open'")

    failures = []
    if args.max_rss_growth_mb is not None and growth_mb > args.max_rss_growth_mb:
        failures.append(f"RSS grew by {growth_mb:.1f} MB, over {args.max_rss_growth_mb:g} MB")
    if args.min_answered is not None and share < args.min_answered:
        failures.append(f"{share:.0%} of probes answered, under {args.min_answered:.0%}")
    if args.max_closed_device_warnings is not None and closed_device > args.max_closed_device_warnings:
        failures.append(f"{closed_device} 'device not open' warnings, over {args.max_closed_device_warnings}")
    if args.max_refusal_lines is not None and refusal_lines > args.max_refusal_lines:
        failures.append(f"{refusal_lines} log lines about refusals, over {args.max_refusal_lines}")
    if args.min_closed is not None and attack.closed_by_server < args.min_closed:
        failures.append(f"the exporter closed {attack.closed_by_server} attacking connections, under {args.min_closed}")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
