#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the Debian package with CPack, checks its file list and control files, then installs,
# reinstalls (an edited conffile survives), removes and purges it with dpkg on this machine, and
# leaves the machine as it found it. Skips (exit 77) when not root, without dpkg, or when a
# package named recorder is installed already (a real installation is never disturbed).
set -euo pipefail

build=${RECORDER_BINARY_DIR:?RECORDER_BINARY_DIR is not set}
skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "installing a package needs root"
for tool in dpkg dpkg-deb dpkg-query cpack; do
    command -v "$tool" >/dev/null || skip "$tool is not installed"
done
if dpkg-query -W -f='${db:Status-Status}' recorder 2>/dev/null | grep -qv '^not-installed$'; then
    skip "a package named recorder is installed on this machine; not touching it"
fi

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "PASS: $*"; }

prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
units=(recorder.service recorder-watchdog.service recorder-metrics.service recorder-offload.service)
tmp=$(mktemp -d)
users=(recorder recorder-watchdog recorder-metrics recorder-offload)
declare -A userExisted
for user in "${users[@]}"; do
    userExisted[$user]=$(getent passwd "$user" || true)
done
groupExisted=$(getent group recorder || true)
ownFolders=(/var/lib/recorder /var/lib/recorder-watchdog /var/lib/recorder-offload)
declare -A folderExisted
for folder in "${ownFolders[@]}"; do
    folderExisted[$folder]=$([ -e "$folder" ] && echo yes || true)
done
polkitDirs=(/etc/polkit-1/rules.d /usr/share/polkit-1/rules.d)
polkitModesBefore=$(stat -c '%n %a %U' "${polkitDirs[@]}" 2>/dev/null || true)

cleanUp() {
    if dpkg-query -W -f='${db:Status-Status}' recorder 2>/dev/null | grep -qv '^not-installed$'; then
        dpkgLocked --purge recorder >/dev/null 2>&1 || true
    fi
    for user in "${users[@]}"; do
        [ -n "${userExisted[$user]}" ] || ! getent passwd "$user" >/dev/null || userdel "$user"
    done
    [ -n "$groupExisted" ] || ! getent group recorder >/dev/null || groupdel recorder
    for folder in "${ownFolders[@]}"; do
        [ -n "${folderExisted[$folder]}" ] || rm -rf "$folder"
    done
    rm -rf "$tmp"
}
trap cleanUp EXIT

# Other work on this machine may hold dpkg's lock for a while (apt-get in scripts/setup-deps).
dpkgLocked() {
    local output
    for _ in $(seq 1 60); do
        if output=$(DEBIAN_FRONTEND=noninteractive dpkg --force-confold "$@" 2>&1); then
            echo "$output"
            return 0
        fi
        if ! grep -qi 'lock' <<<"$output"; then
            echo "$output"
            return 1
        fi
        sleep 2
    done
    echo "$output"
    return 1
}

# --- build it
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp" >"$tmp/cpack.log" 2>&1 \
    || { cat "$tmp/cpack.log"; echo "FAIL: cpack -G DEB failed"; exit 1; }
deb=$(ls "$tmp"/recorder_*.deb)
pass "cpack built $(basename "$deb")"

# --- its file list
dpkg-deb -c "$deb" | awk '{ print $NF }' | sed 's|^\.||' >"$tmp/files"
expected=("$prefix/lib/systemd/system/recorder.service"
          "$prefix/lib/systemd/system/recorder-watchdog.service"
          "$prefix/lib/systemd/system/recorder-metrics.service"
          "$prefix/lib/sysusers.d/recorder.conf"
          "$prefix/lib/tmpfiles.d/recorder.conf"
          /etc/recorder/recorder.conf)
for program in daemon/recorderd watchdog/recorder-watchdog exporter/recorder-exporter \
               gui/recorder-dashboard recorderctl/recorderctl; do
    if [ -x "$build/$program" ]; then
        expected+=("$prefix/bin/$(basename "$program")")
    else
        echo "NOTE: $(basename "$program") is not built yet, so the package cannot hold it"
    fi
done
for file in "${expected[@]}"; do
    grep -qx "$file" "$tmp/files" && pass "package holds $file" || fail "package lacks $file"
done
grep -q '/polkit-1/rules.d/50-recorder.rules$' "$tmp/files" && pass "package holds the polkit rules" \
    || fail "package lacks the polkit rules"
if [ -f "${RECORDER_SOURCE_DIR:-}/systemd/org.recorder.Recorder1.conf" ]; then
    grep -q '/dbus-1/system.d/org.recorder.Recorder1.conf$' "$tmp/files" \
        && pass "package holds the D-Bus policy" || fail "package lacks the D-Bus policy"
fi
[ -z "$(grep -E '^/(home|tmp|root|var/lib/recorder)' "$tmp/files")" ] && pass "nothing under home, tmp or state dirs" \
    || fail "package ships files it must not: $(grep -E '^/(home|tmp|root|var/lib/recorder)' "$tmp/files")"
mkdir "$tmp/control"
dpkg-deb -e "$deb" "$tmp/control"
grep -qx /etc/recorder/recorder.conf "$tmp/control/conffiles" && pass "recorder.conf is a conffile" \
    || fail "recorder.conf is not listed in conffiles"
for script in postinst prerm postrm; do
    [ -x "$tmp/control/$script" ] && sh -n "$tmp/control/$script" && pass "$script present and parses" \
        || fail "$script missing, not executable or not valid sh"
done

# --- install
dpkgLocked -i "$deb" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "dpkg -i failed"; exit 1; }
[ "$(dpkg-query -W -f='${db:Status-Status}' recorder)" = installed ] && pass "dpkg -i installed it" \
    || fail "package not in state installed after dpkg -i"
recorderGid=$(getent group recorder | cut -d: -f3)
for user in "${users[@]}"; do
    entry=$(getent passwd "$user" || true)
    [ -n "$entry" ] && pass "postinst created user $user" || fail "no user $user after install"
    [ "$(cut -d: -f4 <<<"$entry")" = "$recorderGid" ] && pass "user $user has primary group recorder" \
        || fail "user $user's primary group is not recorder: $entry"
done
for unit in "${units[@]}"; do
    [ -f "$prefix/lib/systemd/system/$unit" ] && pass "$unit on disk" || fail "$unit missing after install"
done
for unit in "${units[@]}"; do
    [ -L "/etc/systemd/system/multi-user.target.wants/$unit" ] && pass "postinst enabled $unit" \
        || fail "$unit not enabled after install"
done
if [ ! -d /run/systemd/system ]; then
    grep -q "systemd is not running here" "$tmp/install.log" && pass "postinst saw no running systemd and started nothing" \
        || fail "postinst did not report the missing systemd: $(cat "$tmp/install.log")"
fi
[ "$(stat -c '%n %a %U' "${polkitDirs[@]}" 2>/dev/null || true)" = "$polkitModesBefore" ] \
    && pass "polkit's rules folders keep their owner and mode" || fail "installing changed polkit's rules folders"

# --- an edited conffile survives a reinstall
echo "; edited by the operator" >>/etc/recorder/recorder.conf
dpkgLocked -i "$deb" >"$tmp/reinstall.log" || { cat "$tmp/reinstall.log"; fail "reinstall failed"; }
tail -n 1 /etc/recorder/recorder.conf | grep -q "edited by the operator" && pass "reinstall kept the edited recorder.conf" \
    || fail "reinstall replaced the edited recorder.conf"

# --- remove keeps the conffile; purge removes it
dpkgLocked -r recorder >"$tmp/remove.log" || { cat "$tmp/remove.log"; fail "dpkg -r failed"; }
[ "$(dpkg-query -W -f='${db:Status-Status}' recorder)" = config-files ] && pass "dpkg -r left only the conffile" \
    || fail "state after dpkg -r is not config-files"
for unit in "${units[@]}"; do
    [ ! -e "$prefix/lib/systemd/system/$unit" ] && [ ! -L "/etc/systemd/system/multi-user.target.wants/$unit" ] \
        && pass "$unit removed and disabled" || fail "$unit still on disk or enabled after dpkg -r"
done
[ -f /etc/recorder/recorder.conf ] && pass "dpkg -r kept recorder.conf" || fail "dpkg -r removed recorder.conf"
dpkgLocked --purge recorder >"$tmp/purge.log" || { cat "$tmp/purge.log"; fail "dpkg --purge failed"; }
dpkg-query -W recorder >/dev/null 2>&1 && state=$(dpkg-query -W -f='${db:Status-Status}' recorder) || state=unknown
case "$state" in unknown|not-installed) pass "dpkg --purge removed every trace from dpkg's database" ;;
    *) fail "package state after purge: $state" ;; esac
[ ! -e /etc/recorder ] && pass "purge removed /etc/recorder" || fail "/etc/recorder left after purge"
left=$(while read -r file; do [ -f "$file" ] && echo "$file"; done <"$tmp/files" || true)
[ -z "$left" ] && pass "no packaged file left" || fail "left after purge: $left"

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
