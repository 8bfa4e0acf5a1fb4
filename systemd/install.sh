#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs recorder on this machine, or into a folder with --root: builds (or uses a build),
# installs the programs and files, creates the users, reloads systemd, enables and starts the three
# units and shows their status. Idempotent; never replaces an existing /etc/recorder/recorder.conf.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
units=(recorder.service recorder-watchdog.service recorder-metrics.service recorder-offload.service)
root=""
build="$repo/build"
prefix=""
doBuild=1
doStart=1
migrate=0
moveRecordings=0

usage() {
    cat <<USAGE
Usage: $0 [--root DIR] [--build-dir DIR] [--prefix DIR] [--no-build] [--no-start]
          [--migrate [--move-recordings]]

  --root DIR       install into DIR instead of /, touching nothing of the running system
                   (the users are created in DIR/etc/passwd, the units enabled inside DIR)
  --build-dir DIR  the CMake build to install from (default: $repo/build)
  --prefix DIR     where the programs go (default: the build's CMAKE_INSTALL_PREFIX, or
                   /usr/local for a new build)
  --no-build       install the build as it is, without configuring or compiling
  --no-start       enable the units but do not start them
  --migrate        replace the Python recorder (same unit names): move aside its sudoers grant,
                   import its .env settings (checked), then stop, disable and move aside its units,
                   adopt its recordings
                   (hard links; the originals stay where they are). See docs/migration.md
  --move-recordings  with --migrate: move its recordings instead of linking them
USAGE
}

die() { echo "install.sh: $*" >&2; exit 1; }
say() { echo "install.sh: $*"; }

while [ $# -gt 0 ]; do
    case "$1" in
    --root) [ $# -ge 2 ] || die "--root needs a folder"; root=$2; shift 2 ;;
    --build-dir) [ $# -ge 2 ] || die "--build-dir needs a folder"; build=$2; shift 2 ;;
    --prefix) [ $# -ge 2 ] || die "--prefix needs a folder"; prefix=$2; shift 2 ;;
    --no-build) doBuild=0; shift ;;
    --no-start) doStart=0; shift ;;
    --migrate) migrate=1; shift ;;
    --move-recordings) moveRecordings=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
    esac
done

if [ -n "$root" ]; then
    mkdir -p "$root"
    root=$(cd "$root" && pwd)
    [ "$root" != / ] || die "--root / is the running system: leave --root out instead"
elif [ "$(id -u)" -ne 0 ]; then
    die "installing on this machine needs root (run it with sudo), or use --root DIR"
fi
case "$prefix" in ""|/*) ;; *) die "--prefix must be an absolute path, not '$prefix'" ;; esac
[ "$moveRecordings" -eq 0 ] || [ "$migrate" -eq 1 ] || die "--move-recordings goes with --migrate"

# The Python recorder's units (same names) in /etc/systemd/system would take precedence over ours,
# and its watchdog's passwordless sudo would stay behind: never install over them silently.
# shellcheck source-path=SCRIPTDIR source=python-recorder.sh
. "$repo/systemd/python-recorder.sh"
pyDetect
pyWarnMixedGrants
if pyFound && [ "$migrate" -eq 0 ]; then
    {
        echo "install.sh: found what another recorder installed on ${root:-this machine}:"
        pyDescribeFindings
        echo "install.sh: nothing was changed; run again with --migrate to move it aside (docs/migration.md)"
    } >&2
    exit 1
fi

cachedPrefix() {
    sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt" 2>/dev/null
}

# The units name the programs by absolute path, fixed when the build is configured: the prefix
# of the install must be the build's.
if [ "$doBuild" -eq 1 ]; then
    if [ ! -f "$build/CMakeCache.txt" ]; then
        say "configuring a new build in $build"
        cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
              -DCMAKE_INSTALL_PREFIX="${prefix:-/usr/local}" -DRECORDER_BUILD_TESTS=OFF
    elif [ -n "$prefix" ] && [ "$prefix" != "$(cachedPrefix)" ]; then
        say "reconfiguring $build for prefix $prefix"
        cmake -S "$repo" -B "$build" -DCMAKE_INSTALL_PREFIX="$prefix"
    fi
    cmake --build "$build" --parallel "$(nproc)"
else
    [ -f "$build/CMakeCache.txt" ] || die "no build in $build (drop --no-build to make one)"
    if [ -n "$prefix" ] && [ "$prefix" != "$(cachedPrefix)" ]; then
        die "the build in $build is configured for prefix $(cachedPrefix), not $prefix; drop --no-build or --prefix"
    fi
fi
prefix=$(cachedPrefix)

say "installing into ${root:-/} (prefix $prefix)"
DESTDIR="$root" cmake --install "$build"

# The list of installed files lets uninstall.sh remove exactly them, also from another checkout.
manifestDir="$root$prefix/share/recorder"
mkdir -p "$manifestDir"
# A union with the earlier list: a kept recorder.conf is not in this run's list but still ours.
# (CMake writes its list without a final newline.)
{ sed "s|^$root||" "$build/install_manifest.txt"; echo; cat "$manifestDir/installed-files" 2>/dev/null || true; } \
    | grep -v '^$' | sort -u >"$manifestDir/installed-files.new"
mv "$manifestDir/installed-files.new" "$manifestDir/installed-files"
chmod 0644 "$manifestDir/installed-files"

for program in recorderd recorder-watchdog recorder-exporter recorder-offload; do
    [ -x "$root$prefix/bin/$program" ] || say "warning: this build has no $program yet; its unit cannot start"
done

if [ "$migrate" -eq 1 ]; then
    # Every step that can refuse (visudo, an invalid recorder.conf) runs while the old recorder
    # still records; from pyRetireUnits on, a failure says that no recorder runs.
    pyConfigChecker="$build/common/recorder-configdoc"
    pyRemoveGrants
    oldDir=$(pyOldDir)
    pyImportEnv "$oldDir"
    pyRetireUnits
fi
# After the users exist: the adopted recordings' folders belong to the recorder.
migrateData() {
    [ "$migrate" -eq 1 ] || return 0
    pyAdoptRecordings "$oldDir" "$moveRecordings"
}

sysusersFile="$prefix/lib/sysusers.d/recorder.conf"
tmpfilesFile="$prefix/lib/tmpfiles.d/recorder.conf"

if [ -n "$root" ]; then
    systemd-sysusers --root="$root" "$root$sysusersFile"
    migrateData
    systemctl --root="$root" enable "${units[@]}"
    trap - EXIT
    say "installed into $root; nothing on this machine was changed"
    exit 0
fi

systemd-sysusers "$sysusersFile"
migrateData
if [ ! -d /run/systemd/system ]; then
    # A chroot or container, or an image being prepared: the units start at the next boot.
    systemctl enable "${units[@]}"
    trap - EXIT
    say "systemd is not running here: the units are enabled and start at the next boot"
    exit 0
fi

systemd-tmpfiles --create "$tmpfilesFile"
systemctl daemon-reload
systemctl enable "${units[@]}"
trap - EXIT
if [ "$doStart" -eq 1 ]; then
    # restart, not start: a second run must bring up the programs it just installed.
    systemctl restart "${units[@]}" || say "a unit did not start; its status follows"
fi
systemctl --no-pager status "${units[@]}" || true
say "done. Configuration: /etc/recorder/recorder.conf; logs: /var/log/recorder/," \
    "/var/log/recorder-watchdog/, /var/log/recorder-metrics/ and journalctl -u 'recorder*'"
