#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# install.sh on a machine that runs the Python recorder (the original project: the same three unit
# names in /etc/systemd/system, a NOPASSWD sudoers grant, /opt/raspberry-pi-video-recorder with a
# .env and temp_videos/), laid out in a temporary --root as the original's install.sh leaves it:
# without --migrate it stops naming each thing found and changes nothing; with --migrate the old
# units are disabled and moved aside, the grant removed (after visudo -c, or saying why not; a fake
# visudo on PATH accepts, then rejects: the grant goes back and nothing is retired), the
# .env imported (imported/dropped listed, an admin's value kept), the recordings linked into the
# recordings folder with the originals untouched, and recorderd's start-up adopts them into its
# catalog; a second run changes nothing. Nothing of this machine changes.
set -euo pipefail

src=${RECORDER_SOURCE_DIR:?RECORDER_SOURCE_DIR is not set}
build=${RECORDER_BINARY_DIR:?RECORDER_BINARY_DIR is not set}
units=(recorder.service recorder-watchdog.service recorder-metrics.service)
old=/opt/raspberry-pi-video-recorder

tmp=$(mktemp -d)
recorderPid=""
cleanup() {
    [ -z "$recorderPid" ] || kill -KILL "$recorderPid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
# KEEP_TMP=1 keeps the folder to look at.
[ -z "${KEEP_TMP:-}" ] || { trap - EXIT; echo "kept: $tmp"; }
root=$tmp/root
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "PASS: $*"; }
expectIn() { # file text what
    grep -qF -- "$2" "$1" && pass "$3" || fail "$3: '$2' not in $(basename "$1"): $(cat "$1")"
}
install() { "$src/systemd/install.sh" --root "$root" --build-dir "$build" --no-build "$@"; }
treeState() { (cd "$root" && find . \( -type f -o -type l \) -printf '%p %l\n' | sort && find . -type f -exec md5sum {} + | sort); }
hostState() { ls -la /etc/systemd/system /etc/sudoers.d 2>/dev/null || true; getent passwd recorder || true; }
hostBefore=$(hostState)

# --- the Python recorder's installation, as its systemd/install.sh and INSTALL.md leave it
mkdir -p "$root$old/temp_videos"/{pending,uploaded,failed,corrupted} "$root/etc/systemd/system/multi-user.target.wants" \
    "$root/etc/sudoers.d"
for unit in "${units[@]}"; do
    case "$unit" in
    recorder.service) script=recorder_service.py ;;
    recorder-watchdog.service) script=watchdog.py ;;
    recorder-metrics.service) script=metrics_exporter.py ;;
    esac
    cat >"$root/etc/systemd/system/$unit" <<UNIT
[Unit]
Description=The Python recorder's $unit
After=network.target

[Service]
Type=simple
User=pi
WorkingDirectory=$old
ExecStart=$old/.venv/bin/python $script
Restart=always

[Install]
WantedBy=multi-user.target
UNIT
    ln -s "/etc/systemd/system/$unit" "$root/etc/systemd/system/multi-user.target.wants/$unit"
done
cat >"$root/etc/sudoers.d/recorder-watchdog" <<'SUDO'
# Allow pi to restart recorder service without password
pi ALL=(ALL) NOPASSWD: /bin/systemctl restart recorder.service
pi ALL=(ALL) NOPASSWD: /bin/systemctl status recorder.service
pi ALL=(ALL) NOPASSWD: /sbin/reboot
SUDO
echo 'Defaults env_keep += "LANG"' >"$root/etc/sudoers.d/locale"
# The admin's own file with one of the old lines among others: pointed out, never edited.
printf '%%admins ALL=(ALL:ALL) ALL\npi ALL=(ALL) NOPASSWD: /sbin/reboot\n' >"$root/etc/sudoers.d/admins"
chmod 0440 "$root/etc/sudoers.d/"*
cat >"$root$old/.env" <<'ENV'
# Environment Variables - COPY THIS TO .env AND FILL IN YOUR VALUES
YOUTUBE_CLIENT_SECRET_PATH=credentials/client_secret.json
YOUTUBE_PLAYLIST_ID=
HEARTBEAT_INTERVAL=2.0      # Heartbeat write frequency (seconds)
HEARTBEAT_TIMEOUT="45"
HEARTBEAT_FILE=/tmp/recorder_heartbeat.json
CONTROL_FILE=/tmp/recorder_control.cmd
WATCHDOG_CHECK_INTERVAL=5
WATCHDOG_MAX_RESTART_ATTEMPTS=4
WATCHDOG_RESTART_WINDOW=900
export METRICS_PORT=9102
NODE_EXPORTER_PORT=9100
ENV
# Edited on Windows once: a line ending in CR.
sed -i 's/^WATCHDOG_CHECK_INTERVAL=5$/&\r/' "$root$old/.env"
echo "not sqlite" >"$root$old/temp_videos/video_metadata.db"
# Fragmented MP4 like the original's ffmpeg writes (frag_keyframe+empty_moov).
makeVideo() {
    ffmpeg -v error -f lavfi -i testsrc2=size=320x240:rate=10 -t 2 -c:v libx264 -preset ultrafast -g 10 \
        -movflags frag_keyframe+empty_moov -y "$1"
}
videos=(pending/recording_2026-05-01_100000.mp4 uploaded/recording_2026-04-30_083000.mp4
        failed/recording_2026-04-29_180500.mp4)
for video in "${videos[@]}"; do
    makeVideo "$root$old/temp_videos/$video"
done
echo "unplayable" >"$root$old/temp_videos/corrupted/recording_2026-04-28_120000.mp4"
originals=$(cd "$root$old" && md5sum temp_videos/*/*.mp4)

# --- without --migrate: stops, names what it found, changes nothing
before=$(treeState)
if install >"$tmp/plain.log" 2>&1; then
    fail "install.sh without --migrate went ahead over the Python recorder"
else
    pass "install.sh without --migrate stops"
fi
for unit in "${units[@]}"; do
    expectIn "$tmp/plain.log" "/etc/systemd/system/$unit: the Python recorder's" "the stop message names $unit"
done
expectIn "$tmp/plain.log" "/etc/sudoers.d/recorder-watchdog: passwordless sudo" "the stop message names the sudoers grant"
expectIn "$tmp/plain.log" "run again with --migrate" "the stop message says to use --migrate"
grep -q locale "$tmp/plain.log" && fail "an unrelated sudoers file was named" || pass "an unrelated sudoers file is not named"
[ "$before" = "$(treeState)" ] && pass "nothing changed without --migrate" \
    || fail "install.sh without --migrate changed: $(diff <(echo "$before") <(treeState) || true)"
# The untouched tree, for the runs under a fake visudo below.
cp -a "$root" "$tmp/pristine"

# --- an admin's own value in recorder.conf is never replaced
mkdir -p "$root/etc/recorder"
sed 's/^;port=9101$/port=9200/' "$src/systemd/recorder.conf" >"$root/etc/recorder/recorder.conf"
grep -q '^port=9200$' "$root/etc/recorder/recorder.conf" || fail "test set-up: no port line in recorder.conf"

# --- with --migrate
install --migrate >"$tmp/migrate.log" 2>&1 && pass "install.sh --migrate succeeds" \
    || { cat "$tmp/migrate.log"; fail "install.sh --migrate failed"; }
backup=$root/var/backups/recorder-migration
for unit in "${units[@]}"; do
    [ ! -e "$root/etc/systemd/system/$unit" ] && cmp -s <(grep -c python "$backup/$unit.python-recorder.bak") <(echo 1) \
        && pass "old $unit moved aside to /var/backups/recorder-migration/$unit.python-recorder.bak" \
        || fail "old $unit not moved aside"
    link=$root/etc/systemd/system/multi-user.target.wants/$unit
    [ -L "$link" ] && [ "$(readlink "$link")" != "/etc/systemd/system/$unit" ] && pass "$unit enabled: this package's" \
        || fail "$unit: wants link is $(readlink "$link" || echo missing)"
done
expectIn "$tmp/migrate.log" "not run under --root: systemctl stop recorder-watchdog.service recorder-metrics.service recorder.service" \
    "stopping is reported, watchdog first, not run under --root"
[ ! -e "$root/etc/sudoers.d/recorder-watchdog" ] && [ -f "$backup/recorder-watchdog.sudoers.python-recorder.bak" ] \
    && pass "old sudoers grant removed (kept in the backup folder)" || fail "old sudoers grant still in /etc/sudoers.d"
[ -f "$root/etc/sudoers.d/locale" ] && pass "unrelated sudoers file kept" || fail "unrelated sudoers file removed"
grep -q '^pi ALL=(ALL) NOPASSWD: /sbin/reboot$' "$root/etc/sudoers.d/admins" && pass "the admin's mixed sudoers file kept" \
    || fail "the admin's mixed sudoers file was changed"
expectIn "$tmp/migrate.log" "warning: left alone: /etc/sudoers.d/admins gives the Python recorder's watchdog passwordless sudo" \
    "the old line in the admin's own sudoers file is pointed out"
if command -v visudo >/dev/null; then
    expectIn "$tmp/migrate.log" "visudo -c accepts the sudoers configuration without /etc/sudoers.d/recorder-watchdog" \
        "visudo checked the remaining sudoers"
else
    expectIn "$tmp/migrate.log" "no check by visudo: it is not installed" "the missing visudo is said"
fi
[ "$(stat -c %a "$backup")" = 700 ] && pass "backup folder readable by root only" || fail "backup folder mode $(stat -c %a "$backup")"

# .env: what has an equivalent is imported, the rest listed as dropped with why
conf=$root/etc/recorder/recorder.conf
for expected in "imported: HEARTBEAT_INTERVAL=2.0 -> [heartbeat] interval" \
                "imported: HEARTBEAT_TIMEOUT=45 -> [heartbeat] timeout" \
                "imported: WATCHDOG_CHECK_INTERVAL=5 -> [watchdog] check_interval" \
                "imported: WATCHDOG_MAX_RESTART_ATTEMPTS=4 -> [watchdog] max_restart_attempts" \
                "imported: WATCHDOG_RESTART_WINDOW=900 -> [watchdog] restart_window" \
                "kept: [metrics] port=9200 (recorder.conf already sets it; $old/.env has METRICS_PORT=9102)" \
                "dropped: HEARTBEAT_FILE=/tmp/recorder_heartbeat.json (no equivalent: under /tmp" \
                "dropped: CONTROL_FILE=/tmp/recorder_control.cmd (no equivalent: recorderctl" \
                "dropped: YOUTUBE_CLIENT_SECRET_PATH=credentials/client_secret.json (no equivalent: YouTube uploads are not migrated; recorder-offload" \
                "dropped: NODE_EXPORTER_PORT=9100 (no equivalent:"; do
    expectIn "$tmp/migrate.log" "$expected" "output: $expected"
done
# Every variable the configuration takes (docs/configuration.md) has its import tested above.
for variable in $(grep -o '| `[A-Z_]*` |' "$src/docs/configuration.md" | tr -d '|` '); do
    grep -q "$variable=" "$tmp/migrate.log" && pass "$variable is handled" || fail "$variable from .env not handled"
done
iniValue() { # section key
    awk -v section="[$1]" -v key="$2" '/^\[/ { current = $0 } current == section && index($0, key "=") == 1 { print substr($0, length(key) + 2) }' "$conf"
}
for pair in "heartbeat interval 2.0" "heartbeat timeout 45" "watchdog check_interval 5" \
            "watchdog max_restart_attempts 4" "watchdog restart_window 900" "metrics port 9200"; do
    read -r section key value <<<"$pair"
    [ "$(iniValue "$section" "$key")" = "$value" ] && pass "recorder.conf [$section] $key=$value" \
        || fail "recorder.conf [$section] $key is '$(iniValue "$section" "$key")', not $value"
done
[ -z "$(iniValue heartbeat file)" ] && pass "the /tmp heartbeat path was not imported" || fail "heartbeat file imported"

# recordings: linked into recordings_dir/YYYY/MM/DD, originals untouched and in place
rec=$root/var/lib/recorder/recordings
for video in "${videos[@]}"; do
    name=$(basename "$video")
    day=$(sed 's/recording_\([0-9]*\)-\([0-9]*\)-\([0-9]*\)_.*/\1\/\2\/\3/' <<<"$name")
    [ "$rec/$day/$name" -ef "$root$old/temp_videos/$video" ] && pass "$video linked as recordings/$day/$name" \
        || fail "$video not adopted into recordings/$day/"
done
[ -z "$(find "$rec" -name 'recording_2026-04-28_*')" ] && pass "corrupted/ not adopted" || fail "corrupted/ adopted"
expectIn "$tmp/migrate.log" "recordings: 3 linked, 0 moved" "output counts the linked recordings"
if [ "$(id -u)" -eq 0 ]; then
    # Else systemd's StateDirectory= would chown it recursively, the linked originals with it.
    [ "$(stat -c %u "$root/var/lib/recorder")" = "$(awk -F: '$1 == "recorder" { print $3 }' "$root/etc/passwd")" ] \
        && pass "/var/lib/recorder made for the recorder's user" || fail "/var/lib/recorder not owned by the recorder"
fi
[ "$(stat -c %u "$root/var")" = "$(id -u)" ] && pass "parents above the state folder stay plain" \
    || fail "/var inside the tree was given to another user"
[ "$(cd "$root$old" && md5sum temp_videos/*/*.mp4)" = "$originals" ] && pass "originals untouched" \
    || fail "originals changed"

# --- a second run changes nothing
before=$(treeState)
install --migrate >"$tmp/migrate2.log" 2>&1 && pass "second --migrate run succeeds" \
    || { cat "$tmp/migrate2.log"; fail "second --migrate run failed"; }
[ "$before" = "$(treeState)" ] && pass "second --migrate run changes nothing" \
    || fail "second run changed: $(diff <(echo "$before") <(treeState) || true)"
expectIn "$tmp/migrate2.log" "recordings: 0 linked, 0 moved into /var/lib/recorder/recordings, 3 adopted before" \
    "second run: recordings adopted before"
grep -q '^install.sh: imported:' "$tmp/migrate2.log" && fail "second run imported again" || pass "second run imports nothing"
install >"$tmp/plain2.log" 2>&1 && pass "install.sh without --migrate now goes ahead" \
    || { cat "$tmp/plain2.log"; fail "install.sh without --migrate still stops after migrating"; }

# --- recorderd's start-up adopts the linked recordings into its catalog (docs/storage.md)
recorderd=$build/daemon/recorderd
if [ -x "$recorderd" ]; then
    mkdir -m 0750 "$tmp/run" "$tmp/state" "$tmp/log"
    # The migrated recorder.conf itself, so its imported values must pass recorderd's checks; only
    # the folders and the camera are pointed at this test.
    sed -e "/^\[paths\]$/a runtime_dir=$tmp/run\nstate_dir=$tmp/state\nrecordings_dir=$rec\nlog_dir=$tmp/log" \
        -e "/^\[camera\]$/a source=testpattern\nwidth=320\nheight=240\nfps=5" \
        -e "/^\[recording\]$/a mode=session" -e "/^\[storage\]$/a min_free=0" "$conf" >"$tmp/recorder.conf"
    "$recorderd" --config "$tmp/recorder.conf" >"$tmp/recorderd.log" 2>&1 &
    recorderPid=$!
    for _ in $(seq 1 100); do
        grep -q 'recovery: .* adopted' "$tmp/recorderd.log" && break
        sleep 0.2
    done
    kill -TERM "$recorderPid" 2>/dev/null || true
    wait "$recorderPid" 2>/dev/null || true
    recorderPid=""
    expectIn "$tmp/recorderd.log" "3 adopted" "recorderd adopted the 3 recordings at start-up"
    states=$(sqlite3 "$tmp/state/catalog.db" "SELECT state FROM recordings WHERE path LIKE '%recording_2026-0%' ORDER BY path" | sort | uniq -c | xargs)
    [ "$states" = "3 complete" ] && pass "catalog: the 3 recordings are complete rows" \
        || fail "catalog rows: '$states'; log: $(cat "$tmp/recorderd.log")"
    [ "$(cd "$root$old" && md5sum temp_videos/*/*.mp4)" = "$originals" ] && pass "originals untouched by adoption" \
        || fail "adoption changed the originals"
else
    echo "NOTE: no recorderd in $build: adoption into the catalog not checked"
fi

# --- --move-recordings moves them instead (only with --migrate)
"$src/systemd/install.sh" --root "$tmp/root2" --build-dir "$build" --no-build --move-recordings >"$tmp/move0.log" 2>&1 \
    && fail "--move-recordings without --migrate accepted" || expectIn "$tmp/move0.log" "--move-recordings goes with --migrate" \
    "--move-recordings alone is refused"
mkdir -p "$tmp/root2$old/temp_videos/pending"
cp "$root$old/temp_videos/${videos[0]}" "$tmp/root2$old/temp_videos/pending/"
moved=$tmp/root2/var/lib/recorder/recordings/2026/05/01/$(basename "${videos[0]}")
"$src/systemd/install.sh" --root "$tmp/root2" --build-dir "$build" --no-build --migrate --move-recordings \
    >"$tmp/move.log" 2>&1 || { cat "$tmp/move.log"; fail "install.sh --migrate --move-recordings failed"; }
[ -f "$moved" ] && [ ! -e "$tmp/root2$old/temp_videos/${videos[0]}" ] && [ "$(stat -c '%a %h' "$moved")" = "640 1" ] \
    && pass "--move-recordings moved the recording (mode 640, no second link)" || fail "--move-recordings did not move it"
expectIn "$tmp/move.log" "recordings: 0 linked, 1 moved" "output counts the moved recording"

# --- a harder machine: one old unit linked from elsewhere, one masked, the grant spelled with
# /usr/bin and /usr/sbin, .env values out of range and another metrics port
r3=$tmp/root3
mkdir -p "$r3$old/systemd" "$r3$old/temp_videos/pending" "$r3/etc/systemd/system" "$r3/etc/sudoers.d" "$tmp/elsewhere"
sed 's/^ExecStart=.*/ExecStart=\/opt\/raspberry-pi-video-recorder\/.venv\/bin\/python recorder_service.py/' \
    "$backup/recorder.service.python-recorder.bak" >"$r3$old/systemd/recorder.service"
ln -s "$old/systemd/recorder.service" "$r3/etc/systemd/system/recorder.service"
ln -s /dev/null "$r3/etc/systemd/system/recorder-watchdog.service"
cp "$backup/recorder-metrics.service.python-recorder.bak" "$r3/etc/systemd/system/recorder-metrics.service"
printf 'pi ALL=(ALL) NOPASSWD: /usr/bin/systemctl restart recorder.service\npi ALL=(ALL) NOPASSWD: /usr/sbin/reboot\n' \
    >"$r3/etc/sudoers.d/recorder-watchdog"
printf 'HEARTBEAT_INTERVAL=120\nWATCHDOG_MAX_RESTART_ATTEMPTS=0\nHEARTBEAT_TIMEOUT=45\nMETRICS_PORT=9102\n' >"$r3$old/.env"
cp "$root$old/temp_videos/${videos[0]}" "$r3$old/temp_videos/pending/"
# A recording its owner swapped for a link to a file of someone else's: never adopted.
echo secret >"$tmp/elsewhere/secret.mp4"
ln -s "$tmp/elsewhere/secret.mp4" "$r3$old/temp_videos/pending/recording_2026-05-02_100000.mp4"
install3() { "$src/systemd/install.sh" --root "$r3" --build-dir "$build" --no-build "$@"; }
install3 >"$tmp/r3plain.log" 2>&1 && fail "install.sh went ahead over a masked and a linked old unit" || pass "install.sh stops on a masked and a linked old unit"
expectIn "$tmp/r3plain.log" "/etc/systemd/system/recorder-watchdog.service: masked (a link to /dev/null)" "the mask is named"
expectIn "$tmp/r3plain.log" "/etc/systemd/system/recorder.service: a link to $old/systemd/recorder.service, the Python recorder's" \
    "the linked unit is named with its target"
expectIn "$tmp/r3plain.log" "/etc/sudoers.d/recorder-watchdog: passwordless sudo for the Python recorder's watchdog (2 NOPASSWD" \
    "a grant naming /usr/bin/systemctl and /usr/sbin/reboot is found"

# An invalid recorder.conf is found before anything is stopped (the new units would exit 78).
mkdir -p "$r3/etc/recorder"
printf '[heartbeat]\ninterval=2min\n' >"$r3/etc/recorder/recorder.conf"
before=$(cd "$r3" && find . | sort)
install3 --migrate >"$tmp/r3bad.log" 2>&1 && fail "--migrate went ahead with an invalid recorder.conf" \
    || pass "--migrate stops on an invalid recorder.conf"
expectIn "$tmp/r3bad.log" "recorder.conf is invalid, so the new units could not start: " "the invalid recorder.conf is named"
expectIn "$tmp/r3bad.log" "nothing was stopped" "it says that nothing was stopped"
[ -L "$r3/etc/systemd/system/recorder.service" ] && [ -f "$r3/etc/systemd/system/recorder-metrics.service" ] \
    && [ ! -e "$r3/var/backups/recorder-migration/recorder.service.python-recorder.bak" ] \
    && pass "the old units stay enabled when a check fails" || fail "old units retired before the configuration was checked"
grep -q "NO RECORDER" "$tmp/r3bad.log" && fail "says recording stopped when nothing was" || pass "no stopped-recorder notice before stopping"

# A step after stopping fails (here a file where a recordings day folder must go): said loudly.
rm "$r3/etc/recorder/recorder.conf"
mkdir -p "$r3/var/lib/recorder/recordings"
echo "in the way" >"$r3/var/lib/recorder/recordings/2026"
install3 --migrate >"$tmp/r3fail.log" 2>&1 && fail "--migrate succeeded with a file in the way" || pass "--migrate fails with a file in the way"
expectIn "$tmp/r3fail.log" "failed after retiring the Python recorder's units in $r3: NO RECORDER WOULD RUN THERE" \
    "a failure after stopping says that no recorder runs"
expectIn "$tmp/r3fail.log" "Undoing it" "and how to get it back"
rm "$r3/var/lib/recorder/recordings/2026"

install3 --migrate >"$tmp/r3.log" 2>&1 && pass "--migrate over a masked and a linked unit succeeds" \
    || { cat "$tmp/r3.log"; fail "--migrate over a masked and a linked unit failed"; }
b3=$r3/var/backups/recorder-migration
[ "$(readlink "$b3/recorder.service.python-recorder.bak")" = "$old/systemd/recorder.service" ] \
    && [ ! -e "$r3/etc/systemd/system/recorder.service" ] && pass "the linked unit moved aside as a link" \
    || fail "linked unit: backup $(ls -l "$b3" 2>&1)"
[ "$(readlink "$b3/recorder-watchdog.service.python-recorder.bak")" = /dev/null ] \
    && [ ! -L "$r3/etc/systemd/system/recorder-watchdog.service" ] && pass "the mask moved aside as a link" \
    || fail "mask not moved aside: $(ls -l "$b3" "$r3/etc/systemd/system" 2>&1)"
[ -c /dev/null ] && [ "$(stat -c %a /dev/null)" = 666 ] && pass "/dev/null untouched" || fail "/dev/null changed"
for unit in "${units[@]}"; do
    [ -L "$r3/etc/systemd/system/multi-user.target.wants/$unit" ] && pass "$unit enabled after an old link or mask" \
        || fail "$unit not enabled: $(tail -3 "$tmp/r3.log")"
done
[ ! -e "$r3/etc/sudoers.d/recorder-watchdog" ] && pass "the /usr/sbin grant removed" || fail "the /usr/sbin grant stayed"
expectIn "$tmp/r3.log" "dropped: HEARTBEAT_INTERVAL=120 ([heartbeat] interval=120: out of range; allowed:" \
    "an out-of-range HEARTBEAT_INTERVAL is dropped, with the loader's reason"
expectIn "$tmp/r3.log" "dropped: WATCHDOG_MAX_RESTART_ATTEMPTS=0 ([watchdog] max_restart_attempts=0: out of range; allowed: an integer from 1 to 100)" \
    "an out-of-range WATCHDOG_MAX_RESTART_ATTEMPTS is dropped"
# Imported by the run that failed later (the import comes before stopping anything).
expectIn "$tmp/r3fail.log" "install.sh: imported: HEARTBEAT_TIMEOUT=45 -> [heartbeat] timeout" "a valid value beside them is imported"
expectIn "$tmp/r3fail.log" "imported: METRICS_PORT=9102 -> [gui] metrics_url=http://localhost:9102/metrics" \
    "an imported METRICS_PORT moves the dashboard's metrics_url"
conf3=$r3/etc/recorder/recorder.conf
"$build/common/recorder-configdoc" --check "$conf3" && pass "the migrated recorder.conf passes the loader" \
    || fail "the migrated recorder.conf is invalid"
grep -q '^metrics_url=http://localhost:9102/metrics$' "$conf3" && pass "recorder.conf [gui] metrics_url follows the port" \
    || fail "no metrics_url in recorder.conf"
grep -q '^interval=120$' "$conf3" && fail "the out-of-range interval is in recorder.conf" || pass "the out-of-range interval is not in recorder.conf"
[ -z "$(find "$r3/etc/recorder" -name '*.before-import')" ] && pass "no check copy left behind" || fail "a .before-import copy left behind"
expectIn "$tmp/r3.log" "recordings: 1 linked, 0 moved" "the swapped-in link is not adopted"
[ -z "$(find "$r3/var/lib/recorder/recordings" -name 'recording_2026-05-02_*')" ] && pass "a recording swapped for a link is not adopted" \
    || fail "a link to another's file was adopted"
before=$(cd "$r3" && find . -printf '%p %l\n' | sort)
install3 --migrate >"$tmp/r3again.log" 2>&1 && [ "$before" = "$(cd "$r3" && find . -printf '%p %l\n' | sort)" ] \
    && pass "a second run over the harder machine changes nothing" \
    || fail "second run: $(cat "$tmp/r3again.log")"

# --- visudo's verdict. sudo (and so visudo) is not installed here, so the run above only took the
# "no check by visudo" branch: a fake visudo early on PATH takes the two others. One accepts every
# file; the other rejects the remaining /etc/sudoers.d/locale, as the real one would if the grant
# removed had defined an alias that file uses. On "rejects" the grant must go back, the migration
# must stop before any old unit is retired, and say why.
fakeBin=$tmp/fake-visudo
mkdir -p "$fakeBin"
for verdict in accepts rejects; do
    rv=$tmp/root-visudo-$verdict
    cp -a "$tmp/pristine" "$rv"
    calls=$tmp/visudo-$verdict.calls
    : >"$calls"
    cat >"$fakeBin/visudo" <<FAKE
#!/bin/sh
echo "\$*" >>"$calls"
if [ "$verdict" = rejects ]; then
    case "\$*" in *sudoers.d/locale*) echo ">>> /etc/sudoers.d/locale: syntax error near line 1 <<<" >&2; exit 1 ;; esac
fi
exit 0
FAKE
    chmod +x "$fakeBin/visudo"
    log=$tmp/visudo-$verdict.log
    if PATH="$fakeBin:$PATH" "$src/systemd/install.sh" --root "$rv" --build-dir "$build" --no-build --migrate >"$log" 2>&1; then
        ran=yes
    else
        ran=no
    fi
    grep -qF -- "-c -q -f $rv/etc/sudoers.d/locale" "$calls" && grep -qF -- "-c -q -f $rv/etc/sudoers.d/admins" "$calls" \
        && pass "visudo $verdict: each remaining sudoers file is checked alone, inside the tree" \
        || fail "visudo $verdict: not asked about each remaining file: $(cat "$calls")"
    grep -q "sudoers.d/recorder-watchdog" "$calls" && fail "visudo $verdict: asked about the grant being removed" \
        || pass "visudo $verdict: the removed grant is not among the files checked"
    grantBack=$rv/etc/sudoers.d/recorder-watchdog
    if [ "$verdict" = accepts ]; then
        [ "$ran" = yes ] && pass "visudo accepts: --migrate succeeds" || fail "visudo accepts: --migrate failed: $(tail -5 "$log")"
        expectIn "$log" "visudo -c accepts the sudoers configuration without /etc/sudoers.d/recorder-watchdog" \
            "visudo accepts: the check is said"
        [ ! -e "$grantBack" ] && [ -f "$rv/var/backups/recorder-migration/recorder-watchdog.sudoers.python-recorder.bak" ] \
            && pass "visudo accepts: the grant is moved aside" || fail "visudo accepts: the grant is still in /etc/sudoers.d"
    else
        [ "$ran" = no ] && pass "visudo rejects: --migrate stops" || fail "visudo rejects: --migrate went ahead"
        expectIn "$log" "put /etc/sudoers.d/recorder-watchdog back: without it the sudoers configuration does not parse (visudo -c -f /etc/sudoers.d/locale rejects it); fix it with visudo and run again" \
            "visudo rejects: the grant put back is said, with the file visudo rejected"
        cmp -s "$grantBack" "$tmp/pristine/etc/sudoers.d/recorder-watchdog" && [ "$(stat -c %a "$grantBack")" = 440 ] \
            && pass "visudo rejects: the grant is back, unchanged (mode 440)" || fail "visudo rejects: the grant is not back as it was"
        [ ! -e "$rv/var/backups/recorder-migration/recorder-watchdog.sudoers.python-recorder.bak" ] \
            && pass "visudo rejects: no second copy left in the backup folder" || fail "visudo rejects: a copy stayed in the backup folder"
        for unit in "${units[@]}"; do
            cmp -s "$rv/etc/systemd/system/$unit" "$tmp/pristine/etc/systemd/system/$unit" \
                && [ -L "$rv/etc/systemd/system/multi-user.target.wants/$unit" ] \
                && [ "$(readlink "$rv/etc/systemd/system/multi-user.target.wants/$unit")" = "/etc/systemd/system/$unit" ] \
                && pass "visudo rejects: the old $unit is left running (enabled, in place)" \
                || fail "visudo rejects: the old $unit was retired"
        done
        grep -q "NO RECORDER" "$log" && fail "visudo rejects: says recording stopped when nothing was" \
            || pass "visudo rejects: no stopped-recorder notice"
    fi
done

[ "$(hostState)" = "$hostBefore" ] && pass "this machine's units, sudoers and users unchanged" \
    || fail "install.sh --root changed this machine"
echo "$failures failure(s)"
[ "$failures" -eq 0 ]
