#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Removes what install.sh installed: stops and disables the units, deletes the programs and files
# listed in the install's manifest. Recordings, the catalog, the watchdog's history, logs, the
# configuration and the users stay unless --purge. --root DIR acts on a folder that install.sh --root filled.
set -euo pipefail

units=(recorder.service recorder-watchdog.service recorder-metrics.service recorder-offload.service)
# One system user per program (sysusers.d/recorder.conf), all in group recorder.
users=(recorder recorder-watchdog recorder-metrics recorder-offload)
# The folders the units' RuntimeDirectory=, StateDirectory= and LogsDirectory= make.
ownFolders=(/var/lib/recorder /var/log/recorder /run/recorder
            /var/lib/recorder-watchdog /var/log/recorder-watchdog /run/recorder-watchdog
            /var/log/recorder-metrics
            /var/lib/recorder-offload /var/log/recorder-offload /run/recorder-offload)
root=""
purge=0

usage() {
    cat <<USAGE
Usage: $0 [--root DIR] [--purge]

  --root DIR  uninstall from DIR (an install.sh --root folder) instead of this machine
  --purge     also delete recordings and catalog (/var/lib/recorder), the watchdog's history,
              the uploader's state, logs, the configuration and the users recorder,
              recorder-watchdog, recorder-metrics and recorder-offload and the group recorder
USAGE
}

die() { echo "uninstall.sh: $*" >&2; exit 1; }
say() { echo "uninstall.sh: $*"; }

while [ $# -gt 0 ]; do
    case "$1" in
    --root) [ $# -ge 2 ] || die "--root needs a folder"; root=$2; shift 2 ;;
    --purge) purge=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
    esac
done

if [ -n "$root" ]; then
    [ -d "$root" ] || die "no folder '$root'"
    root=$(cd "$root" && pwd)
    [ "$root" != / ] || die "--root / is the running system: leave --root out instead"
elif [ "$(id -u)" -ne 0 ]; then
    die "uninstalling from this machine needs root (run it with sudo), or use --root DIR"
fi

manifest=""
for prefix in /usr/local /usr /opt/recorder; do
    if [ -f "$root$prefix/share/recorder/installed-files" ]; then
        manifest="$root$prefix/share/recorder/installed-files"
        break
    fi
done

systemdRuns=0
if [ -z "$root" ] && [ -d /run/systemd/system ]; then
    systemdRuns=1
fi
rootOption=()
[ -z "$root" ] || rootOption=(--root="$root")

if [ "$systemdRuns" -eq 1 ]; then
    # The watchdog first, so it does not restart the recorder while it stops.
    systemctl stop recorder-watchdog.service recorder-metrics.service recorder-offload.service recorder.service || true
fi
if [ -n "$manifest" ]; then
    systemctl "${rootOption[@]}" disable "${units[@]}" 2>/dev/null || true
fi

if [ -z "$manifest" ]; then
    say "no installed-files list under ${root}/usr/local or ${root}/usr: nothing installed by install.sh"
else
    config=/etc/recorder/recorder.conf
    removed=0
    while IFS= read -r file; do
        [ -n "$file" ] || continue
        if [ "$file" = "$config" ] && [ "$purge" -eq 0 ]; then
            continue
        fi
        if [ -e "$root$file" ] || [ -L "$root$file" ]; then
            rm -f -- "$root$file"
            removed=$((removed + 1))
        fi
    done <"$manifest"
    rm -f -- "$manifest"
    # Only folders of our own; shared ones such as bin/ stay even when empty.
    listPrefix=${manifest%/share/recorder/installed-files}
    listPrefix=${listPrefix#"$root"}
    for dir in "$listPrefix/share/recorder" "$listPrefix/share/doc/recorder"; do
        rmdir --ignore-fail-on-non-empty -- "$root$dir" 2>/dev/null || true
    done
    # Under /usr/local install.sh may have created systemd's search folders; under /usr the
    # distribution owns them.
    if [ "$listPrefix" != /usr ]; then
        for dir in lib/systemd/system lib/systemd lib/sysusers.d lib/tmpfiles.d; do
            rmdir --ignore-fail-on-non-empty -- "$root$listPrefix/$dir" 2>/dev/null || true
        done
    fi
    say "removed $removed installed files"
fi

if [ "$systemdRuns" -eq 1 ]; then
    systemctl daemon-reload
    systemctl reset-failed "${units[@]}" 2>/dev/null || true
fi

if [ "$purge" -eq 1 ]; then
    for dir in "${ownFolders[@]}"; do
        rm -rf -- "$root$dir"
    done
    rm -rf -- "$root/etc/recorder"
    if [ -n "$root" ]; then
        # The users exist only in the folder's own passwd and group files.
        for file in passwd group shadow gshadow; do
            for name in "${users[@]}"; do
                [ -f "$root/etc/$file" ] && sed -i "/^$name:/d" "$root/etc/$file"
            done
        done
    else
        for name in "${users[@]}"; do
            if getent passwd "$name" >/dev/null; then
                userdel "$name"
            fi
        done
        if getent group recorder >/dev/null; then
            groupdel recorder
        fi
    fi
    say "purged: recordings, catalog, watchdog history, logs, configuration and the users" \
        "${users[*]} are gone"
else
    say "kept: recordings and catalog in $root/var/lib/recorder, the watchdog's history," \
        "logs in $root/var/log/recorder*, configuration in $root/etc/recorder and the users" \
        "${users[*]} (--purge removes them)"
fi
