#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Checks that each service unit bounds its memory and tasks (figures: docs/performance.md, "Service
# limits"): MemoryHigh= below MemoryMax=, both in M or G, and TasksMax= a number, all in [Service];
# and that `systemd-analyze verify` has nothing to say about those lines.
set -euo pipefail
src=${RECORDER_SOURCE_DIR:?RECORDER_SOURCE_DIR is not set}
status=0
fail() { echo "FAIL $*"; status=1; }

megabytes() { # 512M, 1G → megabytes; anything else → empty
  case $1 in
    *[0-9]M) echo "${1%M}" ;;
    *[0-9]G) echo $(( ${1%G} * 1024 )) ;;
  esac
}

for unit in recorder.service recorder-watchdog.service recorder-metrics.service recorder-offload.service; do
  file=$src/systemd/$unit
  # key=value lines of [Service] only
  service=$(awk '/^\[/ { section = $0; next } section == "[Service]" && /^[A-Za-z]+=/' "$file")
  value() { printf '%s\n' "$service" | sed -n "s/^$1=//p" | tail -1; }
  high=$(megabytes "$(value MemoryHigh)")
  max=$(megabytes "$(value MemoryMax)")
  tasks=$(value TasksMax)
  [ -n "$high" ] || fail "$unit: no MemoryHigh= in M or G in [Service]"
  [ -n "$max" ] || fail "$unit: no MemoryMax= in M or G in [Service]"
  if [ -n "$high" ] && [ -n "$max" ] && [ "$high" -ge "$max" ]; then
    fail "$unit: MemoryHigh=${high}M must be below MemoryMax=${max}M (reclaim before the OOM killer)"
  fi
  [[ $tasks =~ ^[0-9]+$ ]] || fail "$unit: TasksMax= is not a number: '$tasks'"
  [ "$status" -ne 0 ] || echo "ok $unit: MemoryHigh=${high}M MemoryMax=${max}M TasksMax=$tasks"
done

if command -v systemd-analyze >/dev/null; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  for unit in recorder.service recorder-watchdog.service recorder-metrics.service recorder-offload.service; do
    # Only the resource lines: verify complains about ExecStart= binaries that are not installed.
    { printf '[Service]\nExecStart=/bin/true\n'; grep -E '^(MemoryHigh|MemoryMax|TasksMax)=' "$src/systemd/$unit"; } \
      >"$tmp/$unit"
    out=$(systemd-analyze verify "$tmp/$unit" 2>&1 || true)
    [ -z "$out" ] || fail "$unit: systemd-analyze verify: $out"
  done
fi
exit "$status"
