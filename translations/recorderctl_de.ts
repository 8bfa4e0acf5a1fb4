<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ControlClient</name>
    <message>
        <source>cannot reach the system bus (%1): the recorder is not running</source>
        <translation>der Systembus ist nicht erreichbar (%1): der Rekorder läuft nicht</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>abgelehnt: %1</translation>
    </message>
    <message>
        <source>the recorder is not running (%1 is not on the system bus)</source>
        <translation>der Rekorder läuft nicht (%1 ist nicht auf dem Systembus)</translation>
    </message>
    <message>
        <source>not allowed: only root and members of the group &quot;recorder&quot; may control the recorder</source>
        <translation>nicht erlaubt: nur root und Mitglieder der Gruppe „recorder“ dürfen den Rekorder steuern</translation>
    </message>
    <message>
        <source>the recorder did not answer within %1 s</source>
        <translation>der Rekorder hat nicht innerhalb von %1 s geantwortet</translation>
    </message>
    <message>
        <source>D-Bus error %1: %2</source>
        <translation>D-Bus-Fehler %1: %2</translation>
    </message>
</context>
<context>
    <name>OffloadClient</name>
    <message>
        <source>recorder-offload is not running (org.recorder.Offload1 is not on the system bus)</source>
        <translation>recorder-offload läuft nicht (org.recorder.Offload1 ist nicht auf dem Systembus)</translation>
    </message>
    <message>
        <source>not allowed: only root and members of the group &quot;recorder&quot; may control the uploads</source>
        <translation>nicht erlaubt: nur root und Mitglieder der Gruppe „recorder“ dürfen die Uploads steuern</translation>
    </message>
</context>
<context>
    <name>OffloadText</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Offload: %1, remote %2, reachable: %3
</source>
        <translation>Upload: %1, Ziel %2, erreichbar: %3
</translation>
    </message>
    <message>
        <source>Uploads since start: %1 succeeded, %2 failed, %3 verified
</source>
        <translation>Uploads seit dem Start: %1 erfolgreich, %2 fehlgeschlagen, %3 geprüft
</translation>
    </message>
    <message>
        <source>Success rate: %1% of the last %2 attempts
</source>
        <translation>Erfolgsquote: %1 % der letzten %2 Versuche
</translation>
    </message>
    <message>
        <source>Uploading: %1 (%2)
</source>
        <translation>Wird hochgeladen: %1 (%2)
</translation>
    </message>
    <message>
        <source>Last upload: %1 to %2 at %3
</source>
        <translation>Letzter Upload: %1 nach %2 um %3
</translation>
    </message>
    <message>
        <source>Last error: %1
</source>
        <translation>Letzter Fehler: %1
</translation>
    </message>
    <message>
        <source>Next attempt: %1 (waiting %2)
</source>
        <translation>Nächster Versuch: %1 (Wartezeit %2)
</translation>
    </message>
    <message>
        <source>Queue: unknown (%1)
</source>
        <translation>Warteschlange: unbekannt (%1)
</translation>
    </message>
    <message>
        <source>Queue: %1 pending, %2 uploading, %3 failed, %4 uploaded, %5 deleted before upload
</source>
        <translation>Warteschlange: %1 wartend, %2 laufend, %3 fehlgeschlagen, %4 hochgeladen, %5 vor dem Upload gelöscht
</translation>
    </message>
    <message>
        <source>Oldest waiting: queued %1 ago
</source>
        <translation>Ältester wartender: seit %1 in der Warteschlange
</translation>
    </message>
    <message>
        <source>Offload: disabled ([offload] enabled is false in the configuration)
</source>
        <translation>Upload: ausgeschaltet ([offload] enabled ist in der Konfiguration false)
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
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Session:</source>
        <translation>Sitzung:</translation>
    </message>
    <message>
        <source>%1 elapsed, %2 left</source>
        <translation>%1 vergangen, %2 übrig</translation>
    </message>
    <message>
        <source>Warning:</source>
        <translation>Warnung:</translation>
    </message>
    <message>
        <source>Frames:</source>
        <translation>Bilder:</translation>
    </message>
    <message>
        <source>%1 captured, %2 dropped, %3 fps</source>
        <translation>%1 aufgenommen, %2 verworfen, %3 fps</translation>
    </message>
    <message>
        <source>Written:</source>
        <translation>Geschrieben:</translation>
    </message>
    <message>
        <source>Disk:</source>
        <translation>Platte:</translation>
    </message>
    <message>
        <source>%1 free of %2</source>
        <translation>%1 frei von %2</translation>
    </message>
    <message>
        <source>Errors:</source>
        <translation>Fehler:</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>Letzter Fehler:</translation>
    </message>
    <message>
        <source>Restarts:</source>
        <translation>Neustarts:</translation>
    </message>
    <message>
        <source>Camera:</source>
        <translation>Kamera:</translation>
    </message>
    <message>
        <source>%1, encoder %2</source>
        <translation>%1, Encoder %2</translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation>Laufzeit:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>No recordings.
</source>
        <translation>Keine Aufnahmen.
</translation>
    </message>
    <message>
        <source>START (UTC)          DURATION   SIZE        STATE      KEPT  PATH
</source>
        <translation>BEGINN (UTC)         DAUER      GRÖSSE      ZUSTAND    BEH.  PFAD
</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>Catalog:</source>
        <translation>Katalog:</translation>
    </message>
    <message>
        <source>degraded; recording goes on, the catalog catches up by itself</source>
        <translation>beeinträchtigt; die Aufnahme läuft weiter, der Katalog holt von selbst auf</translation>
    </message>
    <message>
        <source>degraded (%1); recording goes on, the catalog catches up by itself</source>
        <translation>beeinträchtigt (%1); die Aufnahme läuft weiter, der Katalog holt von selbst auf</translation>
    </message>
    <message>
        <source>GPIO:</source>
        <translation>GPIO:</translation>
    </message>
    <message>
        <source>button and LEDs working</source>
        <translation>Taster und LEDs in Betrieb</translation>
    </message>
    <message>
        <source>unavailable (%1); recording goes on without the button and LEDs</source>
        <translation>nicht verfügbar (%1); die Aufnahme läuft ohne Taster und LEDs weiter</translation>
    </message>
</context>
<context>
    <name>recorderctl</name>
    <message>
        <source>; see --help</source>
        <translation>; siehe --help</translation>
    </message>
    <message>
        <source>One of the commands above.</source>
        <translation>Einer der obigen Befehle.</translation>
    </message>
    <message>
        <source>PATH or FILE, for the commands that take one.</source>
        <translation>PATH oder FILE, für die Befehle, die eines erwarten.</translation>
    </message>
    <message>
        <source>list: at most N recordings (default 20).</source>
        <translation>list: höchstens N Aufnahmen (Standard 20).</translation>
    </message>
    <message>
        <source>list: skip the first N recordings.</source>
        <translation>list: die ersten N Aufnahmen überspringen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs exactly one argument</source>
        <translation>„%1“ braucht genau ein Argument</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes no argument</source>
        <translation>„%1“ nimmt kein Argument</translation>
    </message>
    <message>
        <source>Recording started.</source>
        <translation>Aufnahme gestartet.</translation>
    </message>
    <message>
        <source>Recording stopped; the file is being finalised.</source>
        <translation>Aufnahme gestoppt; die Datei wird abgeschlossen.</translation>
    </message>
    <message>
        <source>Session extended: %1 left.</source>
        <translation>Sitzung verlängert: noch %1.</translation>
    </message>
    <message>
        <source>--limit %1: allowed 1 to 1000</source>
        <translation>--limit %1: erlaubt 1 bis 1000</translation>
    </message>
    <message>
        <source>--offset %1: allowed a whole number ≥ 0</source>
        <translation>--offset %1: erlaubt eine ganze Zahl ≥ 0</translation>
    </message>
    <message>
        <source>Protected %1.</source>
        <translation>%1 geschützt.</translation>
    </message>
    <message>
        <source>Unprotected %1.</source>
        <translation>%1 nicht mehr geschützt.</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Snapshot written to %1 (%2).</source>
        <translation>Schnappschuss nach %1 geschrieben (%2).</translation>
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
        <translation>Steuert den Rekorder (recorderd) über D-Bus.

Befehle:
  start            Aufnahme starten (Sitzungsmodus: eine neue Sitzung)
  stop             Aufnahme stoppen; die Datei wird abgeschlossen
  extend           Sitzungsmodus: [recording] extension hinzufügen
  status           Zustand und Zähler des Rekorders
  list             Aufnahmen im Katalog, neueste zuerst
  protect PATH     eine Aufnahme vor dem Aufräumen (retention) schützen
  unprotect PATH   das Aufräumen darf sie wieder löschen
  snapshot FILE    ein JPEG des letzten Bildes nach FILE schreiben
  offload status   Zustand des Uploaders und die Upload-Warteschlange
  offload retry    fehlgeschlagene Uploads jetzt erneut versuchen
  offload pause    keinen neuen Upload starten bis zur Fortsetzung (bleibt über Neustarts erhalten)
  offload resume   Uploads fortsetzen</translation>
    </message>
    <message>
        <source>status, list, offload status: print JSON for scripts.</source>
        <translation>status, list, offload status: JSON für Skripte ausgeben.</translation>
    </message>
    <message>
        <source>a command is required: start, stop, extend, status, list, protect, unprotect, snapshot, offload</source>
        <translation>ein Befehl ist erforderlich: start, stop, extend, status, list, protect, unprotect, snapshot, offload</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;; allowed: start, stop, extend, status, list, protect, unprotect, snapshot, offload</source>
        <translation>unbekannter Befehl „%1“; erlaubt: start, stop, extend, status, list, protect, unprotect, snapshot, offload</translation>
    </message>
    <message>
        <source>Failed uploads queued again; the uploader tries now.</source>
        <translation>Fehlgeschlagene Uploads erneut eingereiht; der Uploader versucht es jetzt.</translation>
    </message>
    <message>
        <source>Uploads paused (running ones finish).</source>
        <translation>Uploads pausiert (laufende werden beendet).</translation>
    </message>
    <message>
        <source>Uploads resumed.</source>
        <translation>Uploads fortgesetzt.</translation>
    </message>
    <message>
        <source>offload %1: allowed: status, retry, pause, resume</source>
        <translation>offload %1: erlaubt: status, retry, pause, resume</translation>
    </message>
</context>
</TS>
