#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# install.sh --root into a temporary folder, then: `systemd-analyze verify` reports nothing on the
# installed units, `systemd-analyze security --offline=true` scores each ≤ 2.0, each program has its
# own user and folders (least privilege), the users and the enablement exist inside the folder, a
# second run keeps an edited configuration, and uninstall.sh keeps recordings (and removes them and
# the users with --purge). Nothing of this machine changes.
set -euo pipefail

src=${RECORDER_SOURCE_DIR:?RECORDER_SOURCE_DIR is not set}
build=${RECORDER_BINARY_DIR:?RECORDER_BINARY_DIR is not set}
maxExposure=2.0
units=(recorder.service recorder-watchdog.service recorder-metrics.service recorder-offload.service)
users=(recorder recorder-watchdog recorder-metrics recorder-offload)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "PASS: $*"; }

hostState() { getent passwd "${users[@]}" || true; ls -d /etc/recorder 2>/dev/null || true; }
hostBefore=$(hostState)

"$src/systemd/install.sh" --root "$root" --build-dir "$build" --no-build >"$tmp/install1.log" 2>&1 \
    || { cat "$tmp/install1.log"; echo "FAIL: install.sh --root failed"; exit 1; }
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
unitDir=$prefix/lib/systemd/system

for unit in "${units[@]}"; do
    [ -f "$root$unitDir/$unit" ] && pass "installed $unitDir/$unit" || fail "$unitDir/$unit not installed"
done
for file in "$prefix/lib/sysusers.d/recorder.conf" "$prefix/lib/tmpfiles.d/recorder.conf" \
            /etc/recorder/recorder.conf; do
    [ -f "$root$file" ] && pass "installed $file" || fail "$file not installed"
done
[ -n "$(find "$root" -name 50-recorder.rules -path '*polkit-1/rules.d/*')" ] \
    && pass "polkit rules installed" || fail "polkit rules not installed"
if [ -f "$src/systemd/org.recorder.Recorder1.conf" ]; then
    [ -n "$(find "$root" -name org.recorder.Recorder1.conf -path '*dbus-1/system.d/*')" ] \
        && pass "D-Bus policy installed" || fail "D-Bus policy not installed"
fi
# --- one user per program, all with primary group recorder (the group that reads their files)
recorderGid=$(awk -F: '$1 == "recorder" { print $3 }' "$root/etc/group")
[ -n "$recorderGid" ] && pass "group recorder created inside the root" || fail "no group recorder in $root/etc/group"
for user in "${users[@]}"; do
    entry=$(grep "^$user:" "$root/etc/passwd" || true)
    if [ -z "$entry" ]; then
        fail "no user $user in $root/etc/passwd"
        continue
    fi
    pass "user $user created inside the root"
    [ "$(cut -d: -f4 <<<"$entry")" = "$recorderGid" ] && pass "user $user has primary group recorder" \
        || fail "user $user's primary group is not recorder: $entry"
    [ "$(cut -d: -f7 <<<"$entry")" = /usr/sbin/nologin ] && pass "user $user cannot log in" \
        || fail "user $user has a login shell: $entry"
done
[ "$(grep "^recorder:" "$root/etc/passwd" | cut -d: -f3)" != "$(grep "^recorder-watchdog:" "$root/etc/passwd" | cut -d: -f3)" ] \
    && pass "recorderd and the watchdog have different uids" || fail "recorderd and the watchdog share a uid"
sysusers=$root$prefix/lib/sysusers.d/recorder.conf
for line in 'g recorder -' 'g gpio -' 'g audio -' 'u recorder -:recorder ' 'u recorder-watchdog -:recorder ' 'u recorder-metrics -:recorder ' 'u recorder-offload -:recorder '; do
    grep -q "^$line" "$sysusers" && pass "sysusers: $line" || fail "sysusers.d/recorder.conf lacks '$line'"
done
tmpfiles=$root$prefix/lib/tmpfiles.d/recorder.conf
for line in 'd /run/recorder 0750 recorder recorder -' 'd /run/recorder-watchdog 0750 recorder-watchdog recorder -' \
            'd /run/recorder-offload 0750 recorder-offload recorder -'; do
    grep -qx "$line" "$tmpfiles" && pass "tmpfiles: $line" || fail "tmpfiles.d/recorder.conf lacks '$line'"
done
for unit in "${units[@]}"; do
    [ -L "$root/etc/systemd/system/multi-user.target.wants/$unit" ] && pass "$unit enabled" \
        || fail "$unit not enabled in the root"
done

# --- the settings the issue asks for, word for word
hasLine() { # unit section line
    awk -v section="[$2]" -v want="$3" '
        /^\[/ { current = $0 }
        current == section && $0 == want { found = 1 }
        END { exit !found }' "$root$unitDir/$1"
}
expectLines() { # unit section lines...
    local unit=$1 section=$2 line
    shift 2
    for line in "$@"; do
        hasLine "$unit" "$section" "$line" && pass "$unit [$section] $line" || fail "$unit lacks [$section] $line"
    done
}
expectLines recorder.service Unit StartLimitIntervalSec=600 StartLimitBurst=5
expectLines recorder.service Service Type=notify NotifyAccess=main WatchdogSec=30s Restart=on-failure \
    RestartSec=10 RestartPreventExitStatus=78 "DeviceAllow=char-video4linux rw" "DeviceAllow=char-media rw" \
    "DeviceAllow=char-dma_heap rw" "DeviceAllow=char-gpiochip rw" "DeviceAllow=char-alsa rw" DevicePolicy=closed \
    "SupplementaryGroups=video gpio audio"
for unit in recorder-watchdog.service recorder-metrics.service; do
    expectLines "$unit" Service Restart=always RestartSec=10
    grep -q '^After=.*recorder\.service' "$root$unitDir/$unit" && pass "$unit after recorder.service" \
        || fail "$unit is not ordered after recorder.service"
done
# Each unit names only folders of its own user: systemd gives a unit's folders to its User= at
# every start, so a folder named by two units with different users would change hands.
expectLines recorder.service Service User=recorder Group=recorder RuntimeDirectory=recorder \
    RuntimeDirectoryPreserve=yes StateDirectory=recorder LogsDirectory=recorder
expectLines recorder-watchdog.service Service User=recorder-watchdog Group=recorder \
    RuntimeDirectory=recorder-watchdog RuntimeDirectoryPreserve=yes StateDirectory=recorder-watchdog \
    LogsDirectory=recorder-watchdog
expectLines recorder-metrics.service Service User=recorder-metrics Group=recorder LogsDirectory=recorder-metrics
directoryOwners=$(for unit in "${units[@]}"; do
    user=$(sed -n 's/^User=//p' "$root$unitDir/$unit")
    sed -n 's/^\(RuntimeDirectory\|StateDirectory\|LogsDirectory\)=/\1 /p' "$root$unitDir/$unit" \
        | while read -r kind folders; do for folder in $folders; do echo "$kind/$folder $user"; done; done
done | sort -u)
shared=$(awk '{ print $1 }' <<<"$directoryOwners" | uniq -d)
[ -z "$shared" ] && pass "no folder is named by units of different users" \
    || fail "folders named by units of different users (systemd would hand them back and forth): $shared"
for unit in "${units[@]}"; do
    grep -q '^DynamicUser=' "$root$unitDir/$unit" && fail "$unit uses DynamicUser= (the users come from sysusers.d)" \
        || pass "$unit runs as a sysusers.d user"
done
# Only the exporter may reach the network.
for unit in recorder.service recorder-watchdog.service; do
    expectLines "$unit" Service RestrictAddressFamilies=AF_UNIX PrivateNetwork=yes IPAddressDeny=any
done
expectLines recorder-metrics.service Service "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6"
# The uploader: the network, its own user and state, the recordings read only, and it yields to
# the recorder for CPU and I/O (docs/offload.md).
expectLines recorder-offload.service Service User=recorder-offload Group=recorder StateDirectory=recorder-offload \
    LogsDirectory=recorder-offload "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6" Nice=10 IOSchedulingClass=idle \
    CPUWeight=20 ReadOnlyPaths=/var/lib/recorder RestartPreventExitStatus=78
grep -q '^After=.*recorder\.service' "$root$unitDir/recorder-offload.service" \
    && pass "recorder-offload.service after recorder.service" || fail "recorder-offload.service is not ordered after recorder.service"
[ -n "$(find "$root" -name org.recorder.Offload1.conf -path '*dbus-1/system.d/*')" ] \
    && pass "Offload1 D-Bus policy installed" || fail "Offload1 D-Bus policy not installed"

# --- systemd-analyze verify, against a copy of the root that also holds this machine's vendor
# units (sysinit.target, multi-user.target ...) as a real system would.
verifyRoot=$tmp/verify
cp -a "$root" "$verifyRoot"
mkdir -p "$verifyRoot/usr/lib/systemd/system"
cp -an /lib/systemd/system/. "$verifyRoot/usr/lib/systemd/system/"
for unit in "${units[@]}"; do
    program=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$root$unitDir/$unit")
    if [ ! -x "$verifyRoot$program" ]; then
        # Only until that program's issue lands: verify checks ExecStart= exists.
        echo "NOTE: $program is not built yet; verify runs with an empty stand-in for it"
        mkdir -p "$(dirname "$verifyRoot$program")"
        printf '#!/bin/sh\nexit 1\n' >"$verifyRoot$program"
        chmod 0755 "$verifyRoot$program"
    fi
done
verifyOutput=$(cd "$tmp" && systemd-analyze verify --root="$verifyRoot" \
    "${units[@]/#/$verifyRoot$unitDir/}" 2>&1) && verifyStatus=0 || verifyStatus=$?
if [ "$verifyStatus" -eq 0 ] && [ -z "$verifyOutput" ]; then
    pass "systemd-analyze verify reports nothing"
else
    fail "systemd-analyze verify (exit $verifyStatus): $verifyOutput"
fi

# --- exposure scores
exposure() { # unit file -> the "Overall exposure level" figure
    systemd-analyze security --offline=true "$1" 2>/dev/null \
        | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p'
}
atMost() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 <= b + 0) }'; }
for unit in "${units[@]}"; do
    score=$(exposure "$root$unitDir/$unit")
    if [ -z "$score" ]; then
        fail "no exposure figure for $unit"
    elif atMost "$score" "$maxExposure"; then
        pass "$unit exposure $score ≤ $maxExposure"
    else
        fail "$unit exposure $score > $maxExposure"
    fi
done
# The check itself must be able to fail: an unhardened unit scores high.
score=$(exposure "$src/tests/systemd/fixtures/unhardened.service")
[ -n "$score" ] && ! atMost "$score" "$maxExposure" && pass "unhardened fixture scores $score > $maxExposure" \
    || fail "the exposure check does not tell an unhardened unit apart (score '$score')"

# --- idempotent, and an edited configuration survives
echo "; edited by the operator" >>"$root/etc/recorder/recorder.conf"
before=$(cd "$root" && find . -not -path ./etc/recorder/recorder.conf -type f -exec md5sum {} + | sort)
"$src/systemd/install.sh" --root "$root" --build-dir "$build" --no-build >"$tmp/install2.log" 2>&1 \
    && pass "second install.sh run succeeds" || { cat "$tmp/install2.log"; fail "second install.sh run failed"; }
after=$(cd "$root" && find . -not -path ./etc/recorder/recorder.conf -type f -exec md5sum {} + | sort)
[ "$before" = "$after" ] && pass "second run changes no file" \
    || fail "second run changed files: $(diff <(echo "$before") <(echo "$after") || true)"
tail -n 1 "$root/etc/recorder/recorder.conf" | grep -q "edited by the operator" \
    && pass "edited recorder.conf kept" || fail "install.sh replaced an edited recorder.conf"
for user in "${users[@]}"; do
    [ "$(grep -c "^$user:" "$root/etc/passwd")" -eq 1 ] && pass "user $user created once" \
        || fail "user $user listed more than once"
done

# --- uninstall keeps recordings, --purge removes everything
# What the units' directories would hold on a running machine.
mkdir -p "$root/var/lib/recorder-watchdog" "$root/var/log/recorder-watchdog" "$root/var/log/recorder-metrics" \
    "$root/run/recorder-watchdog" "$root/var/lib/recorder-offload" "$root/var/log/recorder-offload" \
    "$root/run/recorder-offload"
echo 'paused' >"$root/var/lib/recorder-offload/paused"
echo 'log' >"$root/var/log/recorder-offload/offload.log"
echo '{}' >"$root/run/recorder-offload/status.json"
echo '{}' >"$root/var/lib/recorder-watchdog/watchdog-history.json"
echo 'log' >"$root/var/log/recorder-watchdog/watchdog.log"
echo 'log' >"$root/var/log/recorder-metrics/exporter.log"
echo '{}' >"$root/run/recorder-watchdog/watchdog.json"
mkdir -p "$root/var/lib/recorder/recordings/2026/11/26"
echo "video" >"$root/var/lib/recorder/recordings/2026/11/26/recording_2026-11-26_100000.mp4"
"$src/systemd/uninstall.sh" --root "$root" >"$tmp/uninstall.log" 2>&1 \
    || { cat "$tmp/uninstall.log"; fail "uninstall.sh failed"; }
[ -f "$root/var/lib/recorder/recordings/2026/11/26/recording_2026-11-26_100000.mp4" ] \
    && pass "uninstall kept the recordings" || fail "uninstall deleted recordings without --purge"
[ -f "$root/etc/recorder/recorder.conf" ] && pass "uninstall kept the configuration" \
    || fail "uninstall deleted the configuration without --purge"
[ -f "$root/var/lib/recorder-watchdog/watchdog-history.json" ] && pass "uninstall kept the watchdog's history" \
    || fail "uninstall deleted the watchdog's history without --purge"
for user in "${users[@]}"; do
    grep -q "^$user:" "$root/etc/passwd" && pass "uninstall kept user $user" || fail "uninstall removed user $user without --purge"
done
for unit in "${units[@]}"; do
    [ ! -e "$root$unitDir/$unit" ] && [ ! -L "$root/etc/systemd/system/multi-user.target.wants/$unit" ] \
        && pass "uninstall removed and disabled $unit" || fail "$unit still installed or enabled"
done
"$src/systemd/uninstall.sh" --root "$root" --purge >>"$tmp/uninstall.log" 2>&1 \
    || { cat "$tmp/uninstall.log"; fail "uninstall.sh --purge failed"; }
# What may stay: the folder's own account database (without the recorder user) and empty folders.
left=$(cd "$root" && find . \( -type f -o -type l \) -not -path './etc/passwd' -not -path './etc/group' \
    -not -path './etc/shadow' -not -path './etc/gshadow' -not -path './etc/.pwd.lock' | sort)
[ -z "$left" ] && pass "purge left no file behind" || fail "purge left: $left"
for user in "${users[@]}"; do
    ! grep -qs "^$user:" "$root/etc/passwd" "$root/etc/group" && pass "purge removed user $user" \
        || fail "user $user still in the root's passwd or group"
done
left=$(cd "$root" && find . -type d -name 'recorder*' | sort)
[ -z "$left" ] && pass "purge left no recorder folder" || fail "purge left folders: $left"

[ "$(hostState)" = "$hostBefore" ] && pass "this machine's users and /etc/recorder unchanged" \
    || fail "install.sh --root changed this machine"

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
