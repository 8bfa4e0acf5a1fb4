<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ControlClient</name>
    <message>
        <source>cannot reach the system bus (%1): the recorder is not running</source>
        <translation>cannot reach the system bus (%1): the recorder is not running</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>refused: %1</translation>
    </message>
    <message>
        <source>the recorder is not running (%1 is not on the system bus)</source>
        <translation>the recorder is not running (%1 is not on the system bus)</translation>
    </message>
    <message>
        <source>not allowed: only root and members of the group &quot;recorder&quot; may control the recorder</source>
        <translation>not allowed: only root and members of the group &quot;recorder&quot; may control the recorder</translation>
    </message>
    <message>
        <source>the recorder did not answer within %1 s</source>
        <translation>the recorder did not answer within %1 s</translation>
    </message>
    <message>
        <source>D-Bus error %1: %2</source>
        <translation>D-Bus error %1: %2</translation>
    </message>
</context>
<context>
    <name>OffloadClient</name>
    <message>
        <source>recorder-offload is not running (org.recorder.Offload1 is not on the system bus)</source>
        <translation>recorder-offload is not running (org.recorder.Offload1 is not on the system bus)</translation>
    </message>
    <message>
        <source>not allowed: only root and members of the group &quot;recorder&quot; may control the uploads</source>
        <translation>not allowed: only root and members of the group &quot;recorder&quot; may control the uploads</translation>
    </message>
</context>
<context>
    <name>OffloadText</name>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Offload: %1, remote %2, reachable: %3
</source>
        <translation>Offload: %1, remote %2, reachable: %3
</translation>
    </message>
    <message>
        <source>Uploads since start: %1 succeeded, %2 failed, %3 verified
</source>
        <translation>Uploads since start: %1 succeeded, %2 failed, %3 verified
</translation>
    </message>
    <message>
        <source>Success rate: %1% of the last %2 attempts
</source>
        <translation>Success rate: %1% of the last %2 attempts
</translation>
    </message>
    <message>
        <source>Uploading: %1 (%2)
</source>
        <translation>Uploading: %1 (%2)
</translation>
    </message>
    <message>
        <source>Last upload: %1 to %2 at %3
</source>
        <translation>Last upload: %1 to %2 at %3
</translation>
    </message>
    <message>
        <source>Last error: %1
</source>
        <translation>Last error: %1
</translation>
    </message>
    <message>
        <source>Next attempt: %1 (waiting %2)
</source>
        <translation>Next attempt: %1 (waiting %2)
</translation>
    </message>
    <message>
        <source>Queue: unknown (%1)
</source>
        <translation>Queue: unknown (%1)
</translation>
    </message>
    <message>
        <source>Queue: %1 pending, %2 uploading, %3 failed, %4 uploaded, %5 deleted before upload
</source>
        <translation>Queue: %1 pending, %2 uploading, %3 failed, %4 uploaded, %5 deleted before upload
</translation>
    </message>
    <message>
        <source>Oldest waiting: queued %1 ago
</source>
        <translation>Oldest waiting: queued %1 ago
</translation>
    </message>
    <message>
        <source>Offload: disabled ([offload] enabled is false in the configuration)
</source>
        <translation>Offload: disabled ([offload] enabled is false in the configuration)
</translation>
    </message>
</context>
<context>
    <name>StatusText</name>
    <message>
        <source>%1h %2min</source>
        <translation>%1h %2min</translation>
    </message>
    <message>
        <source>%1min %2s</source>
        <translation>%1min %2s</translation>
    </message>
    <message>
        <source>%1s</source>
        <translation>%1s</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>State:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Session:</source>
        <translation>Session:</translation>
    </message>
    <message>
        <source>%1 elapsed, %2 left</source>
        <translation>%1 elapsed, %2 left</translation>
    </message>
    <message>
        <source>Warning:</source>
        <translation>Warning:</translation>
    </message>
    <message>
        <source>Frames:</source>
        <translation>Frames:</translation>
    </message>
    <message>
        <source>%1 captured, %2 dropped, %3 fps</source>
        <translation>%1 captured, %2 dropped, %3 fps</translation>
    </message>
    <message>
        <source>Written:</source>
        <translation>Written:</translation>
    </message>
    <message>
        <source>Disk:</source>
        <translation>Disk:</translation>
    </message>
    <message>
        <source>%1 free of %2</source>
        <translation>%1 free of %2</translation>
    </message>
    <message>
        <source>Errors:</source>
        <translation>Errors:</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>Last error:</translation>
    </message>
    <message>
        <source>Restarts:</source>
        <translation>Restarts:</translation>
    </message>
    <message>
        <source>Camera:</source>
        <translation>Camera:</translation>
    </message>
    <message>
        <source>%1, encoder %2</source>
        <translation>%1, encoder %2</translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation>Uptime:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>No recordings.
</source>
        <translation>No recordings.
</translation>
    </message>
    <message>
        <source>START (UTC)          DURATION   SIZE        STATE      KEPT  PATH
</source>
        <translation>START (UTC)          DURATION   SIZE        STATE      KEPT  PATH
</translation>
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
        <source>Reason:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Catalog:</source>
        <translation>Catalog:</translation>
    </message>
    <message>
        <source>degraded; recording goes on, the catalog catches up by itself</source>
        <translation>degraded; recording goes on, the catalog catches up by itself</translation>
    </message>
    <message>
        <source>degraded (%1); recording goes on, the catalog catches up by itself</source>
        <translation>degraded (%1); recording goes on, the catalog catches up by itself</translation>
    </message>
    <message>
        <source>GPIO:</source>
        <translation>GPIO:</translation>
    </message>
    <message>
        <source>button and LEDs working</source>
        <translation>button and LEDs working</translation>
    </message>
    <message>
        <source>unavailable (%1); recording goes on without the button and LEDs</source>
        <translation>unavailable (%1); recording goes on without the button and LEDs</translation>
    </message>
</context>
<context>
    <name>recorderctl</name>
    <message>
        <source>; see --help</source>
        <translation>; see --help</translation>
    </message>
    <message>
        <source>One of the commands above.</source>
        <translation>One of the commands above.</translation>
    </message>
    <message>
        <source>PATH or FILE, for the commands that take one.</source>
        <translation>PATH or FILE, for the commands that take one.</translation>
    </message>
    <message>
        <source>list: at most N recordings (default 20).</source>
        <translation>list: at most N recordings (default 20).</translation>
    </message>
    <message>
        <source>list: skip the first N recordings.</source>
        <translation>list: skip the first N recordings.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs exactly one argument</source>
        <translation>&quot;%1&quot; needs exactly one argument</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes no argument</source>
        <translation>&quot;%1&quot; takes no argument</translation>
    </message>
    <message>
        <source>Recording started.</source>
        <translation>Recording started.</translation>
    </message>
    <message>
        <source>Recording stopped; the file is being finalised.</source>
        <translation>Recording stopped; the file is being finalised.</translation>
    </message>
    <message>
        <source>Session extended: %1 left.</source>
        <translation>Session extended: %1 left.</translation>
    </message>
    <message>
        <source>--limit %1: allowed 1 to 1000</source>
        <translation>--limit %1: allowed 1 to 1000</translation>
    </message>
    <message>
        <source>--offset %1: allowed a whole number ≥ 0</source>
        <translation>--offset %1: allowed a whole number ≥ 0</translation>
    </message>
    <message>
        <source>Protected %1.</source>
        <translation>Protected %1.</translation>
    </message>
    <message>
        <source>Unprotected %1.</source>
        <translation>Unprotected %1.</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>cannot write %1: %2</translation>
    </message>
    <message>
        <source>Snapshot written to %1 (%2).</source>
        <translation>Snapshot written to %1 (%2).</translation>
    </message>
    <message>
        <source>Controls the recorder (recorderd) over D-Bus.

Commands:
  start            start recording (session mode: a new session)
  stop             stop recording; the file is finalised
  extend           session mode: add [recording] extension
  status           the recorder&apos;s state and counters
  list             recordings in the catalog, newest first
  protect PATH     keep a recording from retention
  unprotect PATH   let retention delete it again
  snapshot FILE    write a JPEG of the latest frame to FILE
  offload status   the uploader&apos;s state and the upload queue
  offload retry    try failed uploads again now
  offload pause    start no new upload until resumed (kept across restarts)
  offload resume   upload again</source>
        <translation>Controls the recorder (recorderd) over D-Bus.

Commands:
  start            start recording (session mode: a new session)
  stop             stop recording; the file is finalised
  extend           session mode: add [recording] extension
  status           the recorder&apos;s state and counters
  list             recordings in the catalog, newest first
  protect PATH     keep a recording from retention
  unprotect PATH   let retention delete it again
  snapshot FILE    write a JPEG of the latest frame to FILE
  offload status   the uploader&apos;s state and the upload queue
  offload retry    try failed uploads again now
  offload pause    start no new upload until resumed (kept across restarts)
  offload resume   upload again</translation>
    </message>
    <message>
        <source>status, list, offload status: print JSON for scripts.</source>
        <translation>status, list, offload status: print JSON for scripts.</translation>
    </message>
    <message>
        <source>a command is required: start, stop, extend, status, list, protect, unprotect, snapshot, offload</source>
        <translation>a command is required: start, stop, extend, status, list, protect, unprotect, snapshot, offload</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;; allowed: start, stop, extend, status, list, protect, unprotect, snapshot, offload</source>
        <translation>unknown command &quot;%1&quot;; allowed: start, stop, extend, status, list, protect, unprotect, snapshot, offload</translation>
    </message>
    <message>
        <source>Failed uploads queued again; the uploader tries now.</source>
        <translation>Failed uploads queued again; the uploader tries now.</translation>
    </message>
    <message>
        <source>Uploads paused (running ones finish).</source>
        <translation>Uploads paused (running ones finish).</translation>
    </message>
    <message>
        <source>Uploads resumed.</source>
        <translation>Uploads resumed.</translation>
    </message>
    <message>
        <source>offload %1: allowed: status, retry, pause, resume</source>
        <translation>offload %1: allowed: status, retry, pause, resume</translation>
    </message>
</context>
</TS>
