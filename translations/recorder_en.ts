<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Please confirm</source>
        <translation>Please confirm</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <source>Recorder</source>
        <translation>Recorder</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation>Recordings</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message numerus="yes">
        <source>%n series</source>
        <translation>
            <numerusform>%n series</numerusform>
            <numerusform>%n series</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop recording? The current file is closed and nothing is recorded until someone presses Start.</source>
        <translation>Stop recording? The current file is closed and nothing is recorded until someone presses Start.</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>Stop recording</translation>
    </message>
    <message>
        <source>Restart %1? A recording in progress is closed and a new file starts after the restart.</source>
        <translation>Restart %1? A recording in progress is closed and a new file starts after the restart.</translation>
    </message>
    <message>
        <source>Restart %1? It is back within seconds; recording goes on meanwhile.</source>
        <translation>Restart %1? It is back within seconds; recording goes on meanwhile.</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Restart</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Figures</translation>
    </message>
    <message>
        <source>Restart %1? An upload in progress stops and starts again after the restart; nothing is lost and recording goes on meanwhile.</source>
        <translation>Restart %1? An upload in progress stops and starts again after the restart; nothing is lost and recording goes on meanwhile.</translation>
    </message>
</context>
<context>
    <name>DiskGauge</name>
    <message>
        <source>Disk: size unknown</source>
        <translation>Disk: size unknown</translation>
    </message>
    <message>
        <source>Disk: %1 free of %2</source>
        <translation>Disk: %1 free of %2</translation>
    </message>
    <message>
        <source> · %1 left at %2</source>
        <translation> · %1 left at %2</translation>
    </message>
</context>
<context>
    <name>DisplayFormat</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 TB</source>
        <translation>%1 TB</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 kB</source>
        <translation>%1 kB</translation>
    </message>
    <message>
        <source>%1 Mbit/s</source>
        <translation>%1 Mbit/s</translation>
    </message>
</context>
<context>
    <name>FiguresPage</name>
    <message>
        <source>Recorded today</source>
        <translation>Recorded today</translation>
    </message>
    <message>
        <source>Recorded in all</source>
        <translation>Recorded in all</translation>
    </message>
    <message>
        <source>Recordings use</source>
        <translation>Recordings use</translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation>Restarts</translation>
    </message>
    <message>
        <source>Reboots</source>
        <translation>Reboots</translation>
    </message>
    <message>
        <source>CPU temperature</source>
        <translation>CPU temperature</translation>
    </message>
    <message>
        <source>CPU slowed down</source>
        <translation>CPU slowed down</translation>
    </message>
    <message>
        <source>Waiting to upload</source>
        <translation>Waiting to upload</translation>
    </message>
    <message>
        <source>Frames dropped per minute</source>
        <translation>Frames dropped per minute</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>not filling</source>
        <translation>not filling</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 °C</source>
        <translation>%1 °C</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Frames dropped per minute (most: %1)</source>
        <translation>Frames dropped per minute (most: %1)</translation>
    </message>
    <message>
        <source>Old recordings deleted in</source>
        <translation>Old recordings deleted in</translation>
    </message>
    <message>
        <source>Power supply</source>
        <translation>Power supply</translation>
    </message>
    <message>
        <source>Figures as of %1: the exporter is not answering (%2).</source>
        <translation>Figures as of %1: the exporter is not answering (%2).</translation>
    </message>
    <message>
        <source>No figures yet: the exporter is not answering (%1).</source>
        <translation>No figures yet: the exporter is not answering (%1).</translation>
    </message>
    <message>
        <source>deleting now</source>
        <translation>deleting now</translation>
    </message>
    <message>
        <source>&gt; 1 year</source>
        <translation>&gt; 1 year</translation>
    </message>
    <message>
        <source>Restarts by the watchdog, dropped frames: the last 24 hours.</source>
        <translation>Restarts by the watchdog, dropped frames: the last 24 hours.</translation>
    </message>
    <message>
        <source>Restarts by the watchdog, dropped frames: since the dashboard started %1 ago.</source>
        <translation>Restarts by the watchdog, dropped frames: since the dashboard started %1 ago.</translation>
    </message>
    <message>
        <source>Reboots: the watchdog&apos;s own count for the last 24 hours.</source>
        <translation>Reboots: the watchdog&apos;s own count for the last 24 hours.</translation>
    </message>
    <message>
        <source>earlier, not now</source>
        <translation>earlier, not now</translation>
    </message>
    <message>
        <source>too weak</source>
        <translation>too weak</translation>
    </message>
    <message>
        <source>was too weak</source>
        <translation>was too weak</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Oldest waiting for</source>
        <translation>Oldest waiting for</translation>
    </message>
    <message>
        <source>Upload remote</source>
        <translation>Upload remote</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>reachable</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>unreachable</translation>
    </message>
</context>
<context>
    <name>LogTail</name>
    <message>
        <source>No log file at %1 (the service has not written one yet).</source>
        <translation>No log file at %1 (the service has not written one yet).</translation>
    </message>
    <message>
        <source>%1 is a symbolic link: not shown.</source>
        <translation>%1 is a symbolic link: not shown.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2. The desktop user needs to be in group recorder.</source>
        <translation>Cannot read %1: %2. The desktop user needs to be in group recorder.</translation>
    </message>
    <message>
        <source>%1 is not a regular file: not shown.</source>
        <translation>%1 is not a regular file: not shown.</translation>
    </message>
    <message>
        <source>%1 is owned by uid %2, not by %3: not shown.</source>
        <translation>%1 is owned by uid %2, not by %3: not shown.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>Cannot read %1: %2.</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 is empty.</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>PlayerView</name>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ Back</translation>
    </message>
    <message>
        <source>This recording cannot be played: %1</source>
        <translation>This recording cannot be played: %1</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <source>Unprotect</source>
        <translation>Unprotect</translation>
    </message>
    <message>
        <source>Protect</source>
        <translation>Protect</translation>
    </message>
</context>
<context>
    <name>RecorderControl</name>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Recording started.</source>
        <translation>Recording started.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Recording stopped.</source>
        <translation>Recording stopped.</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>Extend</translation>
    </message>
    <message>
        <source>Session extended.</source>
        <translation>Session extended.</translation>
    </message>
    <message>
        <source>Protect</source>
        <translation>Protect</translation>
    </message>
    <message>
        <source>Unprotect</source>
        <translation>Unprotect</translation>
    </message>
    <message>
        <source>Recording protected: retention keeps it.</source>
        <translation>Recording protected: retention keeps it.</translation>
    </message>
    <message>
        <source>Recording unprotected: retention may delete it when space runs low.</source>
        <translation>Recording unprotected: retention may delete it when space runs low.</translation>
    </message>
    <message>
        <source>Restart of %1</source>
        <translation>Restart of %1</translation>
    </message>
    <message>
        <source>%1 is restarting.</source>
        <translation>%1 is restarting.</translation>
    </message>
    <message>
        <source>%1 failed: nobody answers on the system bus for it. Check that %2 is running (Service page: Restart).</source>
        <translation>%1 failed: nobody answers on the system bus for it. Check that %2 is running (Service page: Restart).</translation>
    </message>
    <message>
        <source>%1 got no answer in time. The system may be busy: check the status, then try again.</source>
        <translation>%1 got no answer in time. The system may be busy: check the status, then try again.</translation>
    </message>
    <message>
        <source>%1 was refused by the recorder: %2</source>
        <translation>%1 was refused by the recorder: %2</translation>
    </message>
    <message>
        <source>%1 failed: %2 (%3). Try again; if it keeps failing, read the log with journalctl -u %4.</source>
        <translation>%1 failed: %2 (%3). Try again; if it keeps failing, read the log with journalctl -u %4.</translation>
    </message>
    <message>
        <source>%1 was refused: this user is not allowed to do it. Ask the administrator to add this user to group recorder (see docs/dashboard.md), then log in again.</source>
        <translation>%1 was refused: this user is not allowed to do it. Ask the administrator to add this user to group recorder (see docs/dashboard.md), then log in again.</translation>
    </message>
</context>
<context>
    <name>RecordingsModel</name>
    <message>
        <source>Protected</source>
        <translation>Protected</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Kept</translation>
    </message>
    <message>
        <source>recording</source>
        <translation>recording</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>complete</translation>
    </message>
    <message>
        <source>recovered</source>
        <translation>recovered</translation>
    </message>
    <message>
        <source>corrupted</source>
        <translation>corrupted</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>deleted</translation>
    </message>
</context>
<context>
    <name>RecordingsPage</name>
    <message>
        <source>⟳ Refresh</source>
        <translation>⟳ Refresh</translation>
    </message>
    <message>
        <source>Recordings list unavailable: %1</source>
        <translation>Recordings list unavailable: %1</translation>
    </message>
    <message>
        <source>No recordings yet.</source>
        <translation>No recordings yet.</translation>
    </message>
    <message numerus="yes">
        <source>Newest %n recording(s). Tap one to play it.</source>
        <translation>
            <numerusform>Newest recording. Tap it to play it.</numerusform>
            <numerusform>Newest %n recordings. Tap one to play it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServicePage</name>
    <message>
        <source>Restart recorder</source>
        <translation>Restart recorder</translation>
    </message>
    <message>
        <source>Restart watchdog</source>
        <translation>Restart watchdog</translation>
    </message>
    <message>
        <source>Restart exporter</source>
        <translation>Restart exporter</translation>
    </message>
    <message>
        <source>Reads %1, %2, %3, %4 and %5.</source>
        <translation>Reads %1, %2, %3, %4 and %5.</translation>
    </message>
    <message>
        <source>Recorder: not read yet</source>
        <translation>Recorder: not read yet</translation>
    </message>
    <message>
        <source>Watchdog: not read yet</source>
        <translation>Watchdog: not read yet</translation>
    </message>
    <message>
        <source>Exporter: not read yet</source>
        <translation>Exporter: not read yet</translation>
    </message>
    <message>
        <source>Recorder: no heartbeat (%1).</source>
        <translation>Recorder: no heartbeat (%1).</translation>
    </message>
    <message>
        <source>Watchdog: %1 — %2. Restarts in window: %3 (total %4); reboots in 24 h: %5.</source>
        <translation>Watchdog: %1 — %2. Restarts in window: %3 (total %4); reboots in 24 h: %5.</translation>
    </message>
    <message>
        <source>DEGRADED: reboot budget used up, it only restarts now.</source>
        <translation>DEGRADED: reboot budget used up, it only restarts now.</translation>
    </message>
    <message>
        <source>Watchdog: no status (%1).</source>
        <translation>Watchdog: no status (%1).</translation>
    </message>
    <message>
        <source>Exporter: answering (%1).</source>
        <translation>Exporter: answering (%1).</translation>
    </message>
    <message>
        <source>Exporter: not answering (%1).</source>
        <translation>Exporter: not answering (%1).</translation>
    </message>
    <message>
        <source>Recorder %1 · up %2 · pid %3 · %4 → %5 · errors: %6 · starts: %7</source>
        <translation>Recorder %1 · up %2 · pid %3 · %4 → %5 · errors: %6 · starts: %7</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>Recorder</translation>
    </message>
    <message>
        <source>Watchdog</source>
        <translation>Watchdog</translation>
    </message>
    <message>
        <source>Exporter</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Log:</source>
        <translation>Log:</translation>
    </message>
    <message>
        <source>Not read yet: the log is read while this page is on screen.</source>
        <translation>Not read yet: the log is read while this page is on screen.</translation>
    </message>
    <message>
        <source>Last %1 lines of %2, the service&apos;s own log file (the system journal holds the same lines, but only groups systemd-journal and adm may read it).</source>
        <translation>Last %1 lines of %2, the service&apos;s own log file (the system journal holds the same lines, but only groups systemd-journal and adm may read it).</translation>
    </message>
    <message>
        <source>CONFIGURATION ERROR: the recorder refused its configuration (exit 78); the watchdog neither restarts nor reboots. The recorder&apos;s log below says why: fix the file, then start the recorder.</source>
        <translation>CONFIGURATION ERROR: the recorder refused its configuration (exit 78); the watchdog neither restarts nor reboots. The recorder&apos;s log below says why: fix the file, then start the recorder.</translation>
    </message>
    <message>
        <source>CONFIGURATION ERROR: the recorder refused its configuration (exit 78); the watchdog neither restarts nor reboots. Its log below does not say why (its log folder could not be written): see the journal (journalctl -u recorder), fix the file, then start the recorder.</source>
        <translation>CONFIGURATION ERROR: the recorder refused its configuration (exit 78); the watchdog neither restarts nor reboots. Its log below does not say why (its log folder could not be written): see the journal (journalctl -u recorder), fix the file, then start the recorder.</translation>
    </message>
    <message>
        <source>Restart uploader</source>
        <translation>Restart uploader</translation>
    </message>
    <message>
        <source>Uploader</source>
        <translation>Uploader</translation>
    </message>
    <message>
        <source>Reads %1, %2, %3, %4, %5 and %6.</source>
        <translation>Reads %1, %2, %3, %4, %5 and %6.</translation>
    </message>
    <message>
        <source>Uploader: not read yet</source>
        <translation>Uploader: not read yet</translation>
    </message>
    <message>
        <source>Uploader: no status (%1).</source>
        <translation>Uploader: no status (%1).</translation>
    </message>
    <message>
        <source>Uploader: %1 → %2 (%3) · uploaded: %4 · failed: %5.</source>
        <translation>Uploader: %1 → %2 (%3) · uploaded: %4 · failed: %5.</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>reachable</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>unreachable</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Last error: %1</translation>
    </message>
</context>
<context>
    <name>StatusPage</name>
    <message>
        <source>Frames/s</source>
        <translation>Frames/s</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Dropped</translation>
    </message>
    <message>
        <source>▶ Start</source>
        <translation>▶ Start</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ Stop</translation>
    </message>
    <message>
        <source>+ Extend</source>
        <translation>+ Extend</translation>
    </message>
    <message>
        <source>not read yet</source>
        <translation>not read yet</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Last error: none</source>
        <translation>Last error: none</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Last error: %1</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>stale</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Disk: unknown while the recorder is down</source>
        <translation>Disk: unknown while the recorder is down</translation>
    </message>
    <message>
        <source>Last error: unknown (no heartbeat)</source>
        <translation>Last error: unknown (no heartbeat)</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unreadable</translation>
    </message>
    <message>
        <source>No preview image (%1)</source>
        <translation>No preview image (%1)</translation>
    </message>
    <message>
        <source>no status</source>
        <translation>no status</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>degraded</translation>
    </message>
    <message>
        <source>heartbeat</source>
        <translation>heartbeat</translation>
    </message>
    <message>
        <source>watchdog</source>
        <translation>watchdog</translation>
    </message>
    <message>
        <source>preview</source>
        <translation>preview</translation>
    </message>
    <message>
        <source>metrics</source>
        <translation>metrics</translation>
    </message>
    <message>
        <source>Heartbeat age</source>
        <translation>Heartbeat age</translation>
    </message>
    <message>
        <source>Watchdog</source>
        <translation>Watchdog</translation>
    </message>
    <message>
        <source>Preview of %1</source>
        <translation>Preview of %1</translation>
    </message>
    <message numerus="yes">
        <source>%n restart(s)</source>
        <translation>
            <numerusform>%n restart</numerusform>
            <numerusform>%n restarts</numerusform>
        </translation>
    </message>
    <message>
        <source>too large</source>
        <translation>too large</translation>
    </message>
    <message>
        <source>a symbolic link</source>
        <translation>a symbolic link</translation>
    </message>
    <message>
        <source>not a file</source>
        <translation>not a file</translation>
    </message>
    <message>
        <source>writable by others</source>
        <translation>writable by others</translation>
    </message>
    <message>
        <source>not JSON</source>
        <translation>not JSON</translation>
    </message>
    <message>
        <source>wrong content</source>
        <translation>wrong content</translation>
    </message>
    <message>
        <source>newer format</source>
        <translation>newer format</translation>
    </message>
    <message>
        <source>owned by another user</source>
        <translation>owned by another user</translation>
    </message>
    <message>
        <source>not updated for %1</source>
        <translation>not updated for %1</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>not running</translation>
    </message>
    <message>
        <source>configuration error</source>
        <translation>configuration error</translation>
    </message>
    <message>
        <source>no mic</source>
        <translation>no mic</translation>
    </message>
    <message>
        <source>Sound (dB)</source>
        <translation>Sound (dB)</translation>
    </message>
    <message>
        <source>Last upload: unknown (the uploader&apos;s status is %1)</source>
        <translation>Last upload: unknown (the uploader&apos;s status is %1)</translation>
    </message>
    <message>
        <source>Last upload: none yet</source>
        <translation>Last upload: none yet</translation>
    </message>
    <message>
        <source>Last upload: %1 at %2</source>
        <translation>Last upload: %1 at %2</translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message>
        <source>RECORDER DOWN</source>
        <translation>RECORDER DOWN</translation>
    </message>
    <message>
        <source>No heartbeat file: the recorder is not running.</source>
        <translation>No heartbeat file: the recorder is not running.</translation>
    </message>
    <message>
        <source>The recorder is newer than this dashboard: update the dashboard.</source>
        <translation>The recorder is newer than this dashboard: update the dashboard.</translation>
    </message>
    <message>
        <source>The heartbeat cannot be trusted: %1</source>
        <translation>The heartbeat cannot be trusted: %1</translation>
    </message>
    <message>
        <source>Elapsed %1 · Remaining %2</source>
        <translation>Elapsed %1 · Remaining %2</translation>
    </message>
    <message>
        <source>Session ends in %1</source>
        <translation>Session ends in %1</translation>
    </message>
    <message>
        <source>No heartbeat for %1 (last state: %2): the recorder stopped or hangs.</source>
        <translation>No heartbeat for %1 (last state: %2): the recorder stopped or hangs.</translation>
    </message>
    <message>
        <source>READY</source>
        <translation>READY</translation>
    </message>
    <message>
        <source>Not recording. Press Start to record.</source>
        <translation>Not recording. Press Start to record.</translation>
    </message>
    <message>
        <source>● RECORDING</source>
        <translation>● RECORDING</translation>
    </message>
    <message>
        <source>Recording to %1</source>
        <translation>Recording to %1</translation>
    </message>
    <message>
        <source>ERROR</source>
        <translation>ERROR</translation>
    </message>
    <message>
        <source>The recorder reports an error without details.</source>
        <translation>The recorder reports an error without details.</translation>
    </message>
    <message>
        <source>STARTING</source>
        <translation>STARTING</translation>
    </message>
    <message>
        <source>The recorder is starting up.</source>
        <translation>The recorder is starting up.</translation>
    </message>
    <message>
        <source>STOPPING</source>
        <translation>STOPPING</translation>
    </message>
    <message>
        <source>The recorder is closing the current file.</source>
        <translation>The recorder is closing the current file.</translation>
    </message>
    <message>
        <source>PROCESSING</source>
        <translation>PROCESSING</translation>
    </message>
    <message>
        <source>The recorder is finishing a recording.</source>
        <translation>The recorder is finishing a recording.</translation>
    </message>
    <message>
        <source>starting</source>
        <comment>heartbeat state</comment>
        <translation>starting</translation>
    </message>
    <message>
        <source>ready</source>
        <comment>heartbeat state</comment>
        <translation>ready</translation>
    </message>
    <message>
        <source>recording</source>
        <comment>heartbeat state</comment>
        <translation>recording</translation>
    </message>
    <message>
        <source>processing</source>
        <comment>heartbeat state</comment>
        <translation>processing</translation>
    </message>
    <message>
        <source>error</source>
        <comment>heartbeat state</comment>
        <translation>error</translation>
    </message>
    <message>
        <source>stopping</source>
        <comment>heartbeat state</comment>
        <translation>stopping</translation>
    </message>
    <message>
        <source>The heartbeat is dated %1 in the future: the clocks disagree, so it proves nothing.</source>
        <translation>The heartbeat is dated %1 in the future: the clocks disagree, so it proves nothing.</translation>
    </message>
    <message>
        <source>CHECKING</source>
        <translation>CHECKING</translation>
    </message>
    <message>
        <source>Reading the recorder&apos;s state…</source>
        <translation>Reading the recorder&apos;s state…</translation>
    </message>
    <message>
        <source>Cannot read the heartbeat (%1). Is this user in group recorder?</source>
        <translation>Cannot read the heartbeat (%1). Is this user in group recorder?</translation>
    </message>
    <message>
        <source>Catalog damaged: recordings are kept, the list is being rebuilt.</source>
        <translation>Catalog damaged: recordings are kept, the list is being rebuilt.</translation>
    </message>
    <message>
        <source>Catalog cannot be written (disk full): recording continues.</source>
        <translation>Catalog cannot be written (disk full): recording continues.</translation>
    </message>
    <message>
        <source>Catalog cannot be written (read-only storage): recording continues.</source>
        <translation>Catalog cannot be written (read-only storage): recording continues.</translation>
    </message>
    <message>
        <source>Catalog cannot be written (permission denied): recording continues.</source>
        <translation>Catalog cannot be written (permission denied): recording continues.</translation>
    </message>
    <message>
        <source>Catalog is locked by another program: recording continues.</source>
        <translation>Catalog is locked by another program: recording continues.</translation>
    </message>
    <message>
        <source>Catalog cannot be written (storage error): recording continues.</source>
        <translation>Catalog cannot be written (storage error): recording continues.</translation>
    </message>
    <message>
        <source>Catalog cannot be written: recording continues.</source>
        <translation>Catalog cannot be written: recording continues.</translation>
    </message>
    <message>
        <source>Button and LEDs unavailable: recording goes on without them.</source>
        <translation>Button and LEDs unavailable: recording goes on without them.</translation>
    </message>
</context>
<context>
    <name>UnitState</name>
    <message>
        <source>not read yet</source>
        <translation>not read yet</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>not installed</translation>
    </message>
    <message>
        <source>systemd not reachable</source>
        <translation>systemd not reachable</translation>
    </message>
    <message>
        <source>state unknown: %1</source>
        <translation>state unknown: %1</translation>
    </message>
    <message>
        <source>restarting (after a failure)</source>
        <translation>restarting (after a failure)</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>active (running)</source>
        <translation>active (running)</translation>
    </message>
    <message>
        <source>active (exited)</source>
        <translation>active (exited)</translation>
    </message>
    <message>
        <source>active (reloading)</source>
        <translation>active (reloading)</translation>
    </message>
    <message>
        <source>active (%1)</source>
        <translation>active (%1)</translation>
    </message>
    <message>
        <source>%1 for %2</source>
        <translation>%1 for %2</translation>
    </message>
    <message>
        <source>failed (%1)</source>
        <translation>failed (%1)</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inactive</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>starting</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>stopping</translation>
    </message>
    <message>
        <source>reloading</source>
        <translation>reloading</translation>
    </message>
    <message>
        <source>exit %1: configuration error</source>
        <translation>exit %1: configuration error</translation>
    </message>
    <message>
        <source>exit %1</source>
        <translation>exit %1</translation>
    </message>
    <message>
        <source>killed by signal %1</source>
        <translation>killed by signal %1</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>timed out</translation>
    </message>
    <message>
        <source>systemd&apos;s watchdog fired</source>
        <translation>systemd&apos;s watchdog fired</translation>
    </message>
    <message>
        <source>restarted too often</source>
        <translation>restarted too often</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>no reason given</translation>
    </message>
</context>
</TS>
