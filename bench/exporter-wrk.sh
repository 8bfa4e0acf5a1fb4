#!/bin/sh
# SPDX-License-Identifier: MIT
# Benchmarks recorder-exporter's /metrics with wrk (-t2 -c10 -d10s) on catalogs of 0, 10,000 and
# 100,000 recordings, with the default [metrics] cache = 1s and with cache = 0s (every request then
# reads the heartbeat, the watchdog status and the catalog). Each case runs ROUNDS times (default 3),
# the sizes interleaved so that load from other processes hits them alike; the table shows the
# median requests/s and p99 latency, the peak RSS, and the ratio of requests/s to the empty catalog.
# It checks the targets of issue 6: >= 10,000 req/s and p99 <= 5 ms at 100,000 recordings, within
# 20% of 0 recordings, RSS <= 30 MB.
#
# Usage: [ROUNDS=n] bench/exporter-wrk.sh [BUILD_DIR]   (default: build; needs wrk and python3)
set -eu

build=${1:-build}
rounds=${ROUNDS:-3}
exporter=$build/exporter/recorder-exporter
fixture=$build/tests/exporter/exporter-fixture
for tool in "$exporter" "$fixture"; do
    [ -x "$tool" ] || { echo "missing $tool: build first (cmake --build $build)" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "wrk is not installed (Debian package wrk)" >&2; exit 1; }

work=$(mktemp -d /tmp/exporter-wrk.XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# run CACHE COUNT: one wrk run; appends "cache count req/s p99_ms rss_mb errors" to $work/results.
run() {
    cache=$1 count=$2
    dir=$work/$cache-$count
    mkdir -p "$dir/run" "$dir/state" "$dir/log"
    chmod 750 "$dir/run" "$dir/state" "$dir/log"
    "$fixture" "$dir/run" "$dir/state" "$count"
    port=$(free_port)
    cat > "$dir/recorder.conf" <<CONF
[paths]
runtime_dir = $dir/run
state_dir = $dir/state
log_dir = $dir/log
; the fixture writes the watchdog's status beside the heartbeat
watchdog_runtime_dir = $dir/run
[metrics]
listen = 127.0.0.1
port = $port
cache = $cache
CONF
    "$exporter" --config "$dir/recorder.conf" 2>"$dir/exporter.err" &
    pid=$!
    i=0
    until wrk -t1 -c1 -d1s "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
        i=$((i + 1)); [ $i -lt 50 ] || { echo "exporter did not start" >&2; cat "$dir/exporter.err" >&2; exit 1; }
        sleep 0.1
    done
    out=$(wrk -t2 -c10 -d10s --latency "http://127.0.0.1:$port/metrics")
    rps=$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/, "", v); v/=1000} else if (v ~ /ms$/) {sub(/ms/, "", v)} else if (v ~ /s$/) {sub(/s/, "", v); v*=1000}; print v}')
    rss=$(awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status")
    errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {printf "%s;", $0}')
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
    echo "$cache $count $rps $p99 $rss ${errors:-none}" >> "$work/results"
}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; $rounds rounds"
for cache in 1s 0s; do
    r=0
    while [ $r -lt "$rounds" ]; do
        for count in 0 10000 100000; do run $cache $count; done
        r=$((r + 1))
    done
done

status=0
echo "every run (cache, recordings, req/s, p99 ms, peak RSS MB, wrk errors):"
sed 's/^/  /' "$work/results"
printf '%-6s %-12s %12s %10s %10s %8s\n' cache recordings 'req/s' 'p99 ms' 'RSS MB' ratio
for cache in 1s 0s; do
    base=
    for count in 0 10000 100000; do
        rows=$(awk -v c=$cache -v n=$count '$1 == c && $2 == n' "$work/results")
        rps=$(echo "$rows" | awk '{print $3}' | median)
        p99=$(echo "$rows" | awk '{print $4}' | median)
        rss=$(echo "$rows" | awk 'BEGIN {m = 0} $5 > m {m = $5} END {print m}')
        echo "$rows" | grep -qv ' none$' && { echo "  wrk reported errors for cache $cache, $count recordings"; status=1; }
        [ -n "$base" ] || base=$rps
        ratio=$(awk -v a="$rps" -v b="$base" 'BEGIN {printf "%.2f", a / b}')
        printf '%-6s %-12s %12.0f %10.2f %10s %8s\n' "$cache" "$count" "$rps" "$p99" "$rss" "$ratio"
        if [ "$cache" = 1s ] && [ "$count" = 100000 ]; then
            awk -v r="$rps" -v p="$p99" -v m="$rss" -v q="$ratio" 'BEGIN {
                ok = (r >= 10000) && (p <= 5) && (q >= 0.8) && (m <= 30)
                printf "targets at 100,000 (cache 1s, medians): req/s %.0f >= 10000, p99 %.2f ms <= 5, ratio %s >= 0.80, RSS %s MB <= 30: %s\n",
                       r, p, q, m, ok ? "MET" : "NOT MET"
                exit ok ? 0 : 1 }' || status=1
        fi
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
