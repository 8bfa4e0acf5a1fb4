#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Measures recorder-exporter's basic authentication against password guessing (issue 12, item 3):
#  1. timing: how long a wrong password for a known user and any password for an unknown user take
#     to be refused (each request from its own 127.0.1.x address, so no per-peer limit applies);
#  2. attack: GUESSERS clients (each from its own 127.0.2.x address, never honouring Retry-After)
#     send wrong passwords as fast as they get answers for SECONDS, while a scraper with the right
#     password asks for /metrics and /healthz every second from 127.0.0.1 with a 3 s timeout.
# The users file holds one yescrypt hash at mkpasswd's default cost (made through libcrypt). It
# prints the figures as JSON and a short table, and the exporter's peak RSS and thread count.
#
# Usage: bench/exporter-auth.py [--guessers 8] [--seconds 15] EXPORTER_BINARY
# Only loopback addresses are used; every loop is bounded in time.
import argparse
import base64
import ctypes
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

PASSWORD = b"correct horse"


def yescrypt(password):
    """A yescrypt hash at libcrypt's default cost (what `mkpasswd -m yescrypt` makes)."""
    libcrypt = ctypes.CDLL("libcrypt.so.1")
    libcrypt.crypt_gensalt_rn.restype = ctypes.c_char_p
    libcrypt.crypt.restype = ctypes.c_char_p
    setting = ctypes.create_string_buffer(256)
    if not libcrypt.crypt_gensalt_rn(b"$y$", 0, None, 0, setting, 256):
        sys.exit("libcrypt cannot make a yescrypt setting")
    return libcrypt.crypt(password, setting.value)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, path, user, password, source="127.0.0.1", timeout=10.0):
    """One GET on a fresh connection from `source`: (status or 0, seconds, retry-after or None)."""
    credentials = base64.b64encode(user + b":" + password)
    raw = (b"GET " + path + b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
           b"Authorization: Basic " + credentials + b"\r\n\r\n")
    start = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout,
                                      source_address=(source, 0)) as s:
            s.sendall(raw)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
    except OSError:
        return 0, time.monotonic() - start, None
    elapsed = time.monotonic() - start
    head = data.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    try:
        status = int(head[0].split()[1])
    except (IndexError, ValueError):
        return 0, elapsed, None
    retry = next((line.split(b":", 1)[1].strip().decode() for line in head[1:]
                  if line.lower().startswith(b"retry-after:")), None)
    return status, elapsed, retry


def proc_status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return int(fields["VmHWM"].split()[0]) * 1024, int(fields["Threads"])


def summary(latencies):
    if not latencies:
        return {"n": 0}
    ordered = sorted(latencies)
    return {"n": len(ordered), "median_ms": round(statistics.median(ordered) * 1000, 1),
            "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))] * 1000, 1),
            "max_ms": round(ordered[-1] * 1000, 1)}


def timing(port, rounds):
    known, unknown = [], []
    for i in range(rounds):
        # A new source address for every request: no per-peer budget runs out.
        status, seconds, _ = request(port, b"/healthz", b"prom", b"wrong%d" % i, f"127.0.1.{2 * i + 1}")
        if status == 401:
            known.append(seconds)
        status, seconds, _ = request(port, b"/healthz", b"nobody%d" % i, b"wrong", f"127.0.1.{2 * i + 2}")
        if status == 401:
            unknown.append(seconds)
    result = {"known_user_wrong_password": summary(known), "unknown_user": summary(unknown)}
    if known and unknown:
        result["median_spread_ms"] = round((statistics.median(known) - statistics.median(unknown)) * 1000, 1)
    return result


def attack(port, pid, guessers, seconds):
    stop = time.monotonic() + seconds
    statuses = {}
    lock = threading.Lock()

    def guess(index):
        n = 0
        while time.monotonic() < stop:
            status, _, _ = request(port, b"/metrics", b"prom", b"guess-%d-%d" % (index, n),
                                   f"127.0.2.{index + 1}", timeout=5)
            n += 1
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    scrapes, healthz, failed_scrapes = [], [], 0
    threads = [threading.Thread(target=guess, args=(i,)) for i in range(guessers)]
    for t in threads:
        t.start()
    peak_rss, peak_threads = proc_status(pid)
    time.sleep(0.5)  # let the guessers fill the queue first
    while time.monotonic() < stop:
        tick = time.monotonic()
        status, elapsed, _ = request(port, b"/metrics", b"prom", PASSWORD, timeout=3)
        if status == 200:
            scrapes.append(elapsed)
        else:
            failed_scrapes += 1
        status, elapsed, _ = request(port, b"/healthz", b"prom", PASSWORD, timeout=3)
        if status == 200:
            healthz.append(elapsed)
        rss, count = proc_status(pid)
        peak_rss, peak_threads = max(peak_rss, rss), max(peak_threads, count)
        time.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))
    for t in threads:
        t.join()
    return {"scrapes_ok": len(scrapes), "scrapes_failed": failed_scrapes, "scrape_latency": summary(scrapes),
            "healthz_latency": summary(healthz), "guess_answers": {str(k): v for k, v in sorted(statuses.items())},
            "exporter_peak_rss_mb": round(peak_rss / 2**20, 1), "exporter_peak_threads": peak_threads}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("exporter")
    parser.add_argument("--guessers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="exporter-auth.") as work:
        for sub in ("run", "state", "log"):
            os.mkdir(os.path.join(work, sub), 0o750)
        users = os.path.join(work, "users")
        with open(os.open(users, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
            f.write(b"prom:" + yescrypt(PASSWORD) + b"\n")
        port = free_port()
        config = os.path.join(work, "recorder.conf")
        with open(config, "w") as f:
            f.write(f"[paths]\nruntime_dir = {work}/run\nstate_dir = {work}/state\nlog_dir = {work}/log\n"
                    f"[metrics]\nlisten = 127.0.0.1\nport = {port}\nbasic_auth_users = {users}\n")
        log = open(os.path.join(work, "exporter.err"), "w")
        exporter = subprocess.Popen([args.exporter, "--config", config], stderr=log)
        try:
            deadline = time.monotonic() + 10
            while request(port, b"/healthz", b"prom", PASSWORD, timeout=2)[0] != 200:
                if exporter.poll() is not None or time.monotonic() > deadline:
                    sys.exit("the exporter did not start")
                time.sleep(0.1)
            # Warm: the scraper has been scraping before the attack starts.
            result = {"exporter": args.exporter, "guessers": args.guessers, "seconds": args.seconds,
                      "timing": timing(port, args.rounds),
                      "attack": attack(port, exporter.pid, args.guessers, args.seconds)}
        finally:
            exporter.terminate()
            exporter.wait(10)
    print(json.dumps(result, indent=1))
    t, a = result["timing"], result["attack"]
    print(f"refusal: known user {t['known_user_wrong_password'].get('median_ms')} ms, unknown user "
          f"{t['unknown_user'].get('median_ms')} ms (median of {args.rounds}); under {args.guessers} guessers: "
          f"{a['scrapes_ok']}/{a['scrapes_ok'] + a['scrapes_failed']} scrapes ok, scrape median "
          f"{a['scrape_latency'].get('median_ms')} ms max {a['scrape_latency'].get('max_ms')} ms, /healthz median "
          f"{a['healthz_latency'].get('median_ms')} ms max {a['healthz_latency'].get('max_ms')} ms, guesses answered "
          f"{a['guess_answers']}")


if __name__ == "__main__":
    main()
