# shellcheck shell=bash
# SPDX-License-Identifier: MIT
# Sourced by install.sh: finds an installation of the Python recorder (the original project, with
# the same three unit names) and, for --migrate, retires it: moves its sudoers grant aside, imports
# its .env settings into recorder.conf (each checked by the configuration loader), and only then
# stops and disables its services, moves its unit files aside and adopts its recordings. What it does, and how to undo it: docs/migration.md. Every step is
# idempotent; nothing here builds a shell command from what it reads.

# install.sh provides: root (the tree, "" for this machine), units (our three unit names), say, die.
# shellcheck disable=SC2154
# Where the moved-aside files go: kept, named, readable by root only.
pyBackupDir="/var/backups/recorder-migration"
# The Python recorder's own default, used when no unit names its folder.
pyDefaultDir="/opt/raspberry-pi-video-recorder"
# Its recordings, by upload state; corrupted/ holds what it already found unplayable.
pyVideoFolders=(pending uploaded failed)
# The lines its install.sh asked the admin to paste into /etc/sudoers.d/recorder-watchdog, with
# either spelling of the programs' folders (/bin or /usr/bin: an admin on a merged-/usr system may
# have written the other). Our own fallback grant (systemd/sudoers.conf) names the commands through
# aliases, so never matches.
pyGrantPattern='NOPASSWD:[[:space:]]*((/usr)?/s?bin/systemctl[[:space:]]+(restart|status)[[:space:]]+recorder\.service|(/usr)?/s?bin/reboot)[[:space:]]*$'

pyForeignUnits=()   # unit files (or links, or masks) in /etc/systemd/system that are not this package's
pyGrantFiles=()     # sudoers.d files holding only the Python recorder's NOPASSWD lines
pyMixedGrantFiles=() # sudoers.d files holding such lines among others: left to the admin

# Prints the program a unit file starts (ExecStart='s first word, without systemd's prefixes).
pyExecStart() {
    sed -n 's/^ExecStart=[-@:+!]*\([^ ]*\).*/\1/p' "$1" | head -n 1
}

# True when the unit file starts one of our programs: an admin's own copy of our unit.
pyIsOurs() {
    case "$(basename -- "$(pyExecStart "$1")")" in
    recorderd|recorder-watchdog|recorder-exporter) return 0 ;;
    *) return 1 ;;
    esac
}

# Lines of a sudoers file that are neither blank nor comments (#include lines count as content).
pySudoersContent() {
    grep -Ev '^[[:space:]]*($|#($|[^i]|i[^n]))' "$1" || true
}

# The file a unit name in /etc/systemd/system stands for, inside the tree: itself, or where its
# link points (an absolute target is read inside --root too); nothing for a mask (/dev/null).
pyUnitFile() { # unit
    local file="$root/etc/systemd/system/$1" target
    if [ ! -L "$file" ]; then echo "$file"; return; fi
    target=$(readlink -- "$file")
    case "$target" in
    /dev/null) ;;
    /*) echo "$root$target" ;;
    *) echo "$root/etc/systemd/system/$target" ;;
    esac
}

# True when the unit name is masked (linked to /dev/null): systemd then ignores the package's unit
# of that name, and `systemctl enable` of it fails.
pyIsMasked() { [ -L "$root/etc/systemd/system/$1" ] && [ "$(readlink -- "$root/etc/systemd/system/$1")" = /dev/null ]; }

# Fills pyForeignUnits, pyGrantFiles and pyMixedGrantFiles from the machine (or --root tree).
pyDetect() {
    local unit file content
    for unit in "${units[@]}"; do
        file="$root/etc/systemd/system/$unit"
        # A file there, a link to one elsewhere, or a mask takes precedence over the package's unit
        # of the same name; only a file (or a link to one) that starts our program is the admin's own.
        if [ -L "$file" ]; then
            if pyIsMasked "$unit" || ! [ -f "$(pyUnitFile "$unit")" ] || ! pyIsOurs "$(pyUnitFile "$unit")"; then
                pyForeignUnits+=("$unit")
            fi
        elif [ -f "$file" ] && ! pyIsOurs "$file"; then
            pyForeignUnits+=("$unit")
        fi
    done
    for file in "$root"/etc/sudoers.d/*; do
        if [ ! -f "$file" ] || [ -L "$file" ]; then continue; fi
        content=$(pySudoersContent "$file")
        grep -Eq "$pyGrantPattern" <<<"$content" || continue
        if grep -Evq "$pyGrantPattern" <<<"$content"; then
            pyMixedGrantFiles+=("$file")
        else
            pyGrantFiles+=("$file")
        fi
    done
}

# One line per thing found, for the message that stops install.sh without --migrate.
pyDescribeFindings() {
    local unit program what
    for unit in "${pyForeignUnits[@]}"; do
        if pyIsMasked "$unit"; then
            echo "  /etc/systemd/system/$unit: masked (a link to /dev/null); this package's $unit could neither be enabled nor start"
            continue
        fi
        program=""
        [ ! -f "$(pyUnitFile "$unit")" ] || program=$(pyExecStart "$(pyUnitFile "$unit")")
        what=""
        [ ! -L "$root/etc/systemd/system/$unit" ] || what="a link to $(readlink -- "$root/etc/systemd/system/$unit"), "
        case "$program" in
        *python*) echo "  /etc/systemd/system/$unit: ${what}the Python recorder's (ExecStart=$program); it would take precedence over this package's" ;;
        *) echo "  /etc/systemd/system/$unit: ${what}not this package's (ExecStart=${program:-none}); it would take precedence over this package's" ;;
        esac
    done
    for file in "${pyGrantFiles[@]}"; do
        echo "  ${file#"$root"}: passwordless sudo for the Python recorder's watchdog ($(grep -Ec "$pyGrantPattern" "$file") NOPASSWD line(s))"
    done
}

# What stops install.sh without --migrate. A sudoers file that mixes the old grant with other lines
# is the admin's own: it is only pointed out (pyWarnMixedGrants), never edited.
pyFound() { [ "${#pyForeignUnits[@]}" -gt 0 ] || [ "${#pyGrantFiles[@]}" -gt 0 ]; }

pyWarnMixedGrants() {
    local file
    for file in "${pyMixedGrantFiles[@]}"; do
        say "warning: left alone: ${file#"$root"} gives the Python recorder's watchdog passwordless sudo among other lines; remove its NOPASSWD lines for systemctl ... recorder.service and reboot with: visudo -f ${file#"$root"}"
    done
}

# Moves a file into the backup folder under `name` (a link as the link itself); refuses to replace
# an earlier backup.
pyMoveAside() { # file name
    local target="$root$pyBackupDir/$2"
    mkdir -p "$root$pyBackupDir"
    chmod 0700 "$root$pyBackupDir"
    if [ -e "$target" ] || [ -L "$target" ]; then die "cannot move $1 aside: $pyBackupDir/$2 already exists (an earlier migration's); look at both, remove one and run again"; fi
    mv -- "$1" "$target"
    # chmod would change a link's target (a mask's is /dev/null): the folder's 0700 guards a link.
    [ -L "$target" ] || chmod go-rwx "$target"
    say "moved aside: ${1#"$root"} -> $pyBackupDir/$2"
}

# Said when install.sh fails after the old services were stopped: no recorder runs then.
pyStoppedNotice() {
    local status=$?
    [ "$status" -ne 0 ] || return 0
    {
        if [ -z "$root" ]; then
            echo "install.sh: failed after stopping the Python recorder: NO RECORDER IS RUNNING NOW."
        else
            echo "install.sh: failed after retiring the Python recorder's units in $root: NO RECORDER WOULD RUN THERE."
        fi
        echo "install.sh: fix what is said above and run install.sh --migrate again, or bring the Python recorder back as docs/migration.md (\"Undoing it\") says (its units are in $pyBackupDir)"
    } >&2
    return "$status"
}

# Stops and disables the old services, then moves their unit files aside. Under --root nothing
# runs on this machine: stopping is only reported, disabling is done offline inside the tree.
# install.sh calls it after every check that can fail (sudoers, configuration).
pyRetireUnits() {
    local unit ordered=() links=()
    # The watchdog first: the Python watchdog would restart a recorder it sees stopped.
    for unit in recorder-watchdog.service recorder-metrics.service recorder.service; do
        [[ " ${pyForeignUnits[*]} " == *" $unit "* ]] && ordered+=("$unit")
    done
    [ "${#ordered[@]}" -gt 0 ] || return 0
    trap pyStoppedNotice EXIT
    if [ -z "$root" ] && [ -d /run/systemd/system ]; then
        systemctl stop "${ordered[@]}" || say "warning: stopping ${ordered[*]} failed; disabling them anyway"
    elif [ -n "$root" ]; then
        say "not run under --root: systemctl stop ${ordered[*]}"
    fi
    # A link goes first: `disable` refuses a masked unit and deletes a linked one's link (the
    # backup would be lost). Its name then stands for this package's unit, whose disable only
    # removes the old wants links before install.sh enables it.
    for unit in "${ordered[@]}"; do
        if [ -L "$root/etc/systemd/system/$unit" ]; then
            pyMoveAside "$root/etc/systemd/system/$unit" "$unit.python-recorder.bak"
            links+=("$unit")
        fi
    done
    systemctl ${root:+"--root=$root"} disable "${ordered[@]}"
    for unit in "${ordered[@]}"; do
        [[ " ${links[*]} " == *" $unit "* ]] || pyMoveAside "$root/etc/systemd/system/$unit" "$unit.python-recorder.bak"
    done
    [ -n "$root" ] || [ ! -d /run/systemd/system ] || systemctl daemon-reload
}

# Removes the old passwordless grants, each only if sudo still accepts its configuration without it.
pyRemoveGrants() {
    local file name rejected remaining mode
    for file in "${pyGrantFiles[@]}"; do
        name=$(basename -- "$file")
        # pyMoveAside makes the copy private (go-rwx): put back, the file gets its own mode again
        # (sudo's 0440), or visudo would find it changed.
        mode=$(stat -c %a -- "$file")
        pyMoveAside "$file" "$name.sudoers.python-recorder.bak"
        if ! command -v visudo >/dev/null; then
            say "no check by visudo: it is not installed (it comes with sudo, so no sudoers file is read here)"
            continue
        fi
        rejected=""
        if [ -z "$root" ]; then
            visudo -c -q >/dev/null 2>&1 || rejected="visudo -c rejects it"
        else
            # Inside a tree each file is checked alone: /etc/sudoers there would include this machine's.
            for remaining in "$root"/etc/sudoers.d/*; do
                [ -f "$remaining" ] || continue
                visudo -c -q -f "$remaining" >/dev/null 2>&1 || rejected="visudo -c -f ${remaining#"$root"} rejects it"
            done
        fi
        if [ -n "$rejected" ]; then
            mv -- "$root$pyBackupDir/$name.sudoers.python-recorder.bak" "$file"
            [ -L "$file" ] || chmod "$mode" -- "$file"
            die "put ${file#"$root"} back: without it the sudoers configuration does not parse ($rejected); fix it with visudo and run again"
        fi
        say "visudo -c accepts the sudoers configuration without ${file#"$root"}"
    done
}

# The Python recorder's folder: its unit's WorkingDirectory (also from a unit moved aside by an
# earlier run), else its documented default.
pyOldDir() {
    local unit dir
    # A link's target is read inside the tree (pyUnitFile); a moved-aside link is not followed.
    for unit in "$(pyUnitFile recorder.service)" "$root$pyBackupDir/recorder.service.python-recorder.bak"; do
        if [ ! -f "$unit" ] || [ -L "$unit" ]; then continue; fi
        dir=$(sed -n 's/^WorkingDirectory=-\{0,1\}//p' "$unit" | head -n 1)
        [ -n "$dir" ] && { echo "$dir"; return; }
    done
    echo "$pyDefaultDir"
}

# The [section] key a .env variable maps to, or why it has none (prefixed "-").
pyEquivalent() { # name value
    local target
    case "$1" in
    HEARTBEAT_FILE)
        case "$2" in
        /tmp/*|/var/tmp/*) echo "-under /tmp, private to each unit (PrivateTmp=yes); tools read /run/recorder/heartbeat.json" ;;
        /*) echo "heartbeat file" ;;
        *) echo "-not an absolute path" ;;
        esac
        return ;;
    HEARTBEAT_INTERVAL) target="heartbeat interval" ;;
    HEARTBEAT_TIMEOUT) target="heartbeat timeout" ;;
    WATCHDOG_CHECK_INTERVAL) target="watchdog check_interval" ;;
    WATCHDOG_MAX_RESTART_ATTEMPTS) target="watchdog max_restart_attempts" ;;
    WATCHDOG_RESTART_WINDOW) target="watchdog restart_window" ;;
    METRICS_PORT) target="metrics port" ;;
    CONTROL_FILE) target="-recorderctl and D-Bus replace the control file" ;;
    RESTART_COUNTER_FILE) target="-the watchdog keeps its restart history in [paths] watchdog_state_dir" ;;
    NODE_EXPORTER_PORT) target="-node_exporter is not part of this package" ;;
    YOUTUBE_*|UPLOAD_*) target="-YouTube uploads are not migrated; recorder-offload copies recordings to an S3, SFTP or WebDAV remote with rclone instead: [offload], docs/offload.md" ;;
    *) target="-no equivalent setting" ;;
    esac
    # The Python recorder read these as bare numbers (seconds, counts, a port): so do our keys.
    if [ "${target#-}" = "$target" ] && ! [[ "$2" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
        target="-not a number"
    fi
    echo "$target"
}

# The value `key` has in `section` of an INI file (uncommented), or nothing.
pyIniValue() { # file section key
    awk -v section="[$2]" -v key="$3" '
        /^[[:space:]]*\[/ { current = $0; gsub(/[[:space:]]/, "", current); next }
        current == section && /^[[:space:]]*[^;#[:space:]]/ {
            line = $0; sub(/^[[:space:]]*/, "", line)
            split(line, parts, "="); name = parts[1]; gsub(/[[:space:]]/, "", name)
            if (name == key) { sub(/^[^=]*=[[:space:]]*/, "", line); sub(/[[:space:]]*$/, "", line); value = line; found = 1 }
        }
        END { if (found) print value }' "$1"
}

# Adds key=value to `section` of an INI file, after the section's header (made when missing).
pyIniAdd() { # file section key value comment
    local tmp
    tmp=$(mktemp "$1.XXXXXX")
    # Through the environment: awk -v would read backslashes in a value as escapes.
    section="[$2]" line="$3=$4" comment="; $5" awk '
        BEGIN { section = ENVIRON["section"]; line = ENVIRON["line"]; comment = ENVIRON["comment"] }
        { print }
        !done { header = $0; gsub(/[[:space:]]/, "", header) }
        !done && header == section { print comment; print line; done = 1 }
        END { if (!done) { print ""; print section; print comment; print line } }' "$1" >"$tmp"
    chmod --reference="$1" "$tmp"
    chown --reference="$1" "$tmp" 2>/dev/null || true
    mv -- "$tmp" "$1"
}

# The one-line error of the programs' own configuration loader for `file` (nothing when valid, or
# when this build has no checker). install.sh sets pyConfigChecker (recorder-configdoc --check).
pyConfigError() { # file
    local error status=0
    [ -x "${pyConfigChecker:-}" ] || return 0
    error=$("$pyConfigChecker" --check "$1" 2>&1 >/dev/null) || status=$?
    # 78 is the loader's "invalid configuration"; anything else says nothing about the file.
    [ "$status" -ne 78 ] || echo "${error:-invalid, no reason given}"
}

# Adds key=value like pyIniAdd, then keeps it only if the loader still accepts recorder.conf:
# a value out of range (HEARTBEAT_INTERVAL=120) would make every unit exit 78 after migrating.
# Prints the loader's error and restores the file when it does not.
pyIniAddChecked() { # file section key value comment
    local before="$1.before-import" error
    cp -p -- "$1" "$before"
    pyIniAdd "$@"
    error=$(pyConfigError "$1")
    if [ -n "$error" ]; then
        mv -- "$before" "$1"
        echo "${error#"$1: "}"
        return 1
    fi
    rm -f -- "$before"
}

# The dashboard reads the metrics at [gui] metrics_url (localhost:9101 by default): an imported
# METRICS_PORT moves the exporter, so the URL follows it unless the admin set one.
pyFollowMetricsPort() { # oldDir port
    local conf="$root/etc/recorder/recorder.conf" url="http://localhost:$2/metrics" current error
    current=$(pyIniValue "$conf" gui metrics_url)
    if [ -z "$current" ]; then
        if error=$(pyIniAddChecked "$conf" gui metrics_url "$url" "follows METRICS_PORT imported from $1/.env by install.sh --migrate"); then
            say "imported: METRICS_PORT=$2 -> [gui] metrics_url=$url (where the dashboard reads the metrics)"
        else
            say "warning: [gui] metrics_url left at its default, the dashboard will not find the metrics on port $2: $error"
        fi
    elif [ "$current" != "$url" ]; then
        say "warning: [gui] metrics_url=$current (recorder.conf sets it) while the exporter now listens on port $2 (METRICS_PORT); if the dashboard shows no figures, set it to $url"
    fi
}

# Imports the .env settings that have an equivalent; never replaces a value recorder.conf sets.
# Fails (before anything is stopped: install.sh calls it first) when recorder.conf is invalid.
pyImportEnv() { # oldDir
    local env="$root$1/.env" conf="$root/etc/recorder/recorder.conf" line name value target section key current error
    [ -f "$conf" ] || die "no /etc/recorder/recorder.conf to import $1/.env into"
    error=$(pyConfigError "$conf")
    [ -z "$error" ] || die "/etc/recorder/recorder.conf is invalid, so the new units could not start: $error; nothing was stopped: fix it and run again"
    [ -x "${pyConfigChecker:-}" ] || say "warning: no recorder-configdoc in the build: imported values are not checked against their ranges"
    # Read as root, from the file opened once: never through a link its owner could point at any
    # file, nor a file swapped in between a check and the read.
    [ ! -L "$env" ] || { say "not imported: $1/.env is a symbolic link"; return 0; }
    [ -f "$env" ] || { say "no $1/.env: no settings to import"; return 0; }
    exec 3<"$env"
    if [ -L "$env" ] || [ "$(stat -c %d:%i -- "$env")" != "$(stat -L -c %d:%i /dev/fd/3)" ]; then
        exec 3<&-
        say "not imported: $1/.env changed while it was opened"
        return 0
    fi
    while IFS= read -r line <&3 || [ -n "$line" ]; do
        line=${line%$'\r'}
        line=${line#"${line%%[![:space:]]*}"}
        case "$line" in ''|'#'*) continue ;; esac
        line=${line#export }
        [[ "$line" == *=* ]] || continue
        name=${line%%=*}
        name=${name%"${name##*[![:space:]]}"}
        value=${line#*=}
        value=${value#"${value%%[![:space:]]*}"}
        # python-dotenv: a quoted value is taken whole; an unquoted one ends at " #".
        if [[ "$value" =~ ^\"([^\"]*)\" ]] || [[ "$value" =~ ^\'([^\']*)\' ]]; then
            value=${BASH_REMATCH[1]}
        else
            value=${value%%[[:space:]]#*}
            value=${value%"${value##*[![:space:]]}"}
        fi
        target=$(pyEquivalent "$name" "$value")
        if [ "${target#-}" != "$target" ]; then
            say "dropped: $name=$value (no equivalent: ${target#-})"
            continue
        fi
        section=${target% *}
        key=${target#* }
        current=$(pyIniValue "$conf" "$section" "$key")
        if [ -z "$current" ]; then
            if ! error=$(pyIniAddChecked "$conf" "$section" "$key" "$value" "imported from $1/.env ($name) by install.sh --migrate"); then
                say "dropped: $name=$value ($error)"
                continue
            fi
            say "imported: $name=$value -> [$section] $key"
            [ "$name" != METRICS_PORT ] || pyFollowMetricsPort "$1" "$value"
        elif [ "$current" = "$value" ]; then
            say "already imported: $name=$value -> [$section] $key"
        else
            say "kept: [$section] $key=$current (recorder.conf already sets it; $1/.env has $name=$value)"
        fi
    done
    exec 3<&-
}

# The numeric uid:gid of user `recorder` inside the tree, for folders recorderd must own.
pyRecorderOwner() {
    awk -F: '$1 == "recorder" { print $3 ":" $4 }' "$root/etc/passwd"
}

# Makes `dir` (inside the tree) and its missing parents. Those from `top` down (the recorder's
# state or recordings folder) get mode 0750 and the recorder as owner when we may chown: systemd
# chowns a StateDirectory= recursively when its top is not the unit user's, which through a hard
# link would hand the Python recorder's files over too. Parents above `top` are plain folders.
pyMakeRecorderDir() { # top dir
    local dir=$2 missing=() owner
    while [ ! -d "$dir" ] && [ "${dir#"$1"}" != "$dir" ]; do missing=("$dir" "${missing[@]}"); dir=$(dirname -- "$dir"); done
    mkdir -p -- "$dir"
    owner=$(pyRecorderOwner)
    for dir in "${missing[@]}"; do
        mkdir -m 0750 -- "$dir"
        [ "$(id -u)" -ne 0 ] || [ -z "$owner" ] || chown "$owner" -- "$dir"
    done
}

# Recordings go to recordings_dir/YYYY/MM/DD/ like the recorder's own, where its start-up
# recovery adopts them into the catalog (docs/storage.md). Hard links by default: the originals
# stay where they were, and retention deleting a recording removes only the catalog's link.
pyAdoptRecordings() { # oldDir moveRecordings
    local conf="$root/etc/recorder/recorder.conf" stateDir recDir top folder src name day dest linked=0 moved=0 kept=0 owner
    stateDir=$(pyIniValue "$conf" paths state_dir)
    stateDir=${stateDir:-/var/lib/recorder}
    recDir=$(pyIniValue "$conf" paths recordings_dir)
    recDir=${recDir:-"{state_dir}/recordings"}
    recDir=${recDir//\{state_dir\}/$stateDir}
    top=$recDir
    [ "${recDir#"$stateDir"/}" = "$recDir" ] || top=$stateDir
    [ -f "$root$1/temp_videos/video_metadata.db" ] \
        && say "not imported: $1/temp_videos/video_metadata.db (YouTube upload states; with [offload] enabled every adopted recording is queued for upload)"
    [ ! -d "$root$1/temp_videos/corrupted" ] \
        || say "not adopted: $1/temp_videos/corrupted/ (the Python recorder found those unplayable)"
    owner=$(pyRecorderOwner)
    for folder in "${pyVideoFolders[@]}"; do
        # Linked or moved as root: never through a folder link its owner could point anywhere.
        if [ -L "$root$1/temp_videos/$folder" ]; then
            say "not adopted: $1/temp_videos/$folder (a symbolic link)"
            continue
        fi
        [ -d "$root$1/temp_videos/$folder" ] || continue
        # find -P lists what is there without following a link, also a folder swapped for one
        # after the check above; ln -P and mv then take a file swapped for a link as the link itself.
        while IFS= read -r -d '' src; do
            name=$(basename -- "$src")
            if [[ "$name" =~ ^recording_([0-9]{4})-([0-9]{2})-([0-9]{2})_[0-9]{6}\.mp4$ ]]; then
                day="${BASH_REMATCH[1]}/${BASH_REMATCH[2]}/${BASH_REMATCH[3]}"
            else
                day=$(date -r "$src" +%Y/%m/%d)
            fi
            dest="$root$recDir/$day/$name"
            if [ -e "$dest" ] && [ "$dest" -ef "$src" ]; then
                kept=$((kept + 1))
                continue
            elif [ -e "$dest" ]; then
                say "not adopted: ${src#"$root"} (a different file is already at ${dest#"$root"})"
                continue
            fi
            pyMakeRecorderDir "$root$top" "$(dirname -- "$dest")"
            if [ "$2" -eq 1 ]; then
                mv -- "$src" "$dest"
                # A link moved in (swapped for the file meanwhile) is left as it is: chmod would
                # follow it. recorderd's recovery never adopts a link.
                if [ ! -L "$dest" ]; then
                    [ "$(id -u)" -ne 0 ] || [ -z "$owner" ] || chown -h "$owner" -- "$dest"
                    chmod 0640 -- "$dest"
                fi
                moved=$((moved + 1))
            elif ln -P -- "$src" "$dest" 2>/dev/null; then
                linked=$((linked + 1))
            else
                say "not adopted: ${src#"$root"} (cannot link it into ${dest#"$root"}, another filesystem?; run again with --move-recordings to move it)"
            fi
        done < <(find -P "$root$1/temp_videos/$folder" -mindepth 1 -maxdepth 1 -type f -name '*.mp4' -print0 | sort -z)
    done
    say "recordings: $linked linked, $moved moved into $recDir, $kept adopted before; the recorder adds them to its catalog when it starts"
}
