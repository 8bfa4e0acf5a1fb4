<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Please confirm</source>
        <translation>Bitte bestätigen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
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
        <translation>Aufnahmen</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienste</translation>
    </message>
    <message numerus="yes">
        <source>%n series</source>
        <translation>
            <numerusform>%n Zeitreihe</numerusform>
            <numerusform>%n Zeitreihen</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop recording? The current file is closed and nothing is recorded until someone presses Start.</source>
        <translation>Aufnahme stoppen? Die aktuelle Datei wird geschlossen, und bis jemand Start drückt, wird nichts aufgenommen.</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>Aufnahme stoppen</translation>
    </message>
    <message>
        <source>Restart %1? A recording in progress is closed and a new file starts after the restart.</source>
        <translation>%1 neu starten? Eine laufende Aufnahme wird geschlossen; nach dem Neustart beginnt eine neue Datei.</translation>
    </message>
    <message>
        <source>Restart %1? It is back within seconds; recording goes on meanwhile.</source>
        <translation>%1 neu starten? Der Dienst ist in Sekunden zurück; die Aufnahme läuft währenddessen weiter.</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Kennzahlen</translation>
    </message>
    <message>
        <source>Restart %1? An upload in progress stops and starts again after the restart; nothing is lost and recording goes on meanwhile.</source>
        <translation>%1 neu starten? Ein laufender Upload bricht ab und beginnt nach dem Neustart von vorn; nichts geht verloren und die Aufnahme läuft währenddessen weiter.</translation>
    </message>
</context>
<context>
    <name>DiskGauge</name>
    <message>
        <source>Disk: size unknown</source>
        <translation>Speicher: Größe unbekannt</translation>
    </message>
    <message>
        <source>Disk: %1 free of %2</source>
        <translation>Speicher: %1 von %2 frei</translation>
    </message>
    <message>
        <source> · %1 left at %2</source>
        <translation> · reicht %1 bei %2</translation>
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
        <translation>%1 T %2 h</translation>
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
        <translation>Heute aufgenommen</translation>
    </message>
    <message>
        <source>Recorded in all</source>
        <translation>Insgesamt aufgenommen</translation>
    </message>
    <message>
        <source>Recordings use</source>
        <translation>Belegt von Aufnahmen</translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation>Neustarts</translation>
    </message>
    <message>
        <source>Reboots</source>
        <translation>Reboots</translation>
    </message>
    <message>
        <source>CPU temperature</source>
        <translation>CPU-Temperatur</translation>
    </message>
    <message>
        <source>CPU slowed down</source>
        <translation>CPU gedrosselt</translation>
    </message>
    <message>
        <source>Waiting to upload</source>
        <translation>Wartet auf Upload</translation>
    </message>
    <message>
        <source>Frames dropped per minute</source>
        <translation>Verlorene Bilder pro Minute</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>not filling</source>
        <translation>füllt sich nicht</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 °C</source>
        <translation>%1 °C</translation>
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
        <source>Frames dropped per minute (most: %1)</source>
        <translation>Verlorene Bilder pro Minute (höchstens %1)</translation>
    </message>
    <message>
        <source>Old recordings deleted in</source>
        <translation>Alte Aufnahmen gelöscht in</translation>
    </message>
    <message>
        <source>Power supply</source>
        <translation>Netzteil</translation>
    </message>
    <message>
        <source>Figures as of %1: the exporter is not answering (%2).</source>
        <translation>Zahlen von %1: der Exporter antwortet nicht (%2).</translation>
    </message>
    <message>
        <source>No figures yet: the exporter is not answering (%1).</source>
        <translation>Noch keine Zahlen: der Exporter antwortet nicht (%1).</translation>
    </message>
    <message>
        <source>deleting now</source>
        <translation>löscht jetzt</translation>
    </message>
    <message>
        <source>&gt; 1 year</source>
        <translation>&gt; 1 Jahr</translation>
    </message>
    <message>
        <source>Restarts by the watchdog, dropped frames: the last 24 hours.</source>
        <translation>Neustarts durch den Watchdog, verlorene Bilder: die letzten 24 Stunden.</translation>
    </message>
    <message>
        <source>Restarts by the watchdog, dropped frames: since the dashboard started %1 ago.</source>
        <translation>Neustarts durch den Watchdog, verlorene Bilder: seit dem Start des Dashboards vor %1.</translation>
    </message>
    <message>
        <source>Reboots: the watchdog&apos;s own count for the last 24 hours.</source>
        <translation>Reboots: die eigene Zählung des Watchdogs für die letzten 24 Stunden.</translation>
    </message>
    <message>
        <source>earlier, not now</source>
        <translation>früher, jetzt nicht</translation>
    </message>
    <message>
        <source>too weak</source>
        <translation>zu schwach</translation>
    </message>
    <message>
        <source>was too weak</source>
        <translation>war zu schwach</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Oldest waiting for</source>
        <translation>Älteste wartet seit</translation>
    </message>
    <message>
        <source>Upload remote</source>
        <translation>Upload-Ziel</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>erreichbar</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
</context>
<context>
    <name>LogTail</name>
    <message>
        <source>No log file at %1 (the service has not written one yet).</source>
        <translation>Keine Protokolldatei unter %1 (der Dienst hat noch keine geschrieben).</translation>
    </message>
    <message>
        <source>%1 is a symbolic link: not shown.</source>
        <translation>%1 ist ein symbolischer Link: nicht angezeigt.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2. The desktop user needs to be in group recorder.</source>
        <translation>%1 kann nicht gelesen werden: %2. Der Desktop-Benutzer muss in der Gruppe recorder sein.</translation>
    </message>
    <message>
        <source>%1 is not a regular file: not shown.</source>
        <translation>%1 ist keine normale Datei: nicht angezeigt.</translation>
    </message>
    <message>
        <source>%1 is owned by uid %2, not by %3: not shown.</source>
        <translation>%1 gehört uid %2, nicht %3: nicht angezeigt.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 ist leer.</translation>
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
        <translation>◀ Zurück</translation>
    </message>
    <message>
        <source>This recording cannot be played: %1</source>
        <translation>Diese Aufnahme lässt sich nicht abspielen: %1</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Unprotect</source>
        <translation>Schutz aufheben</translation>
    </message>
    <message>
        <source>Protect</source>
        <translation>Schützen</translation>
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
        <translation>Aufnahme gestartet.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Recording stopped.</source>
        <translation>Aufnahme gestoppt.</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>Verlängern</translation>
    </message>
    <message>
        <source>Session extended.</source>
        <translation>Sitzung verlängert.</translation>
    </message>
    <message>
        <source>Protect</source>
        <translation>Schützen</translation>
    </message>
    <message>
        <source>Unprotect</source>
        <translation>Schutz aufheben</translation>
    </message>
    <message>
        <source>Recording protected: retention keeps it.</source>
        <translation>Aufnahme geschützt: die automatische Bereinigung behält sie.</translation>
    </message>
    <message>
        <source>Recording unprotected: retention may delete it when space runs low.</source>
        <translation>Schutz aufgehoben: die automatische Bereinigung darf sie löschen, wenn der Platz knapp wird.</translation>
    </message>
    <message>
        <source>Restart of %1</source>
        <translation>Der Neustart von %1</translation>
    </message>
    <message>
        <source>%1 is restarting.</source>
        <translation>%1 wird neu gestartet.</translation>
    </message>
    <message>
        <source>%1 failed: nobody answers on the system bus for it. Check that %2 is running (Service page: Restart).</source>
        <translation>%1 ist fehlgeschlagen: niemand antwortet auf dem Systembus. Prüfen Sie, ob %2 läuft (Seite Dienste: Neu starten).</translation>
    </message>
    <message>
        <source>%1 got no answer in time. The system may be busy: check the status, then try again.</source>
        <translation>%1 bekam nicht rechtzeitig eine Antwort. Das System ist vielleicht ausgelastet: prüfen Sie den Status und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>%1 was refused by the recorder: %2</source>
        <translation>%1 wurde vom Recorder abgelehnt: %2</translation>
    </message>
    <message>
        <source>%1 failed: %2 (%3). Try again; if it keeps failing, read the log with journalctl -u %4.</source>
        <translation>%1 ist fehlgeschlagen: %2 (%3). Versuchen Sie es erneut; wenn es weiter fehlschlägt, lesen Sie das Protokoll mit journalctl -u %4.</translation>
    </message>
    <message>
        <source>%1 was refused: this user is not allowed to do it. Ask the administrator to add this user to group recorder (see docs/dashboard.md), then log in again.</source>
        <translation>%1 wurde abgelehnt: dieser Benutzer darf das nicht. Bitten Sie die Administration, diesen Benutzer zur Gruppe recorder hinzuzufügen (siehe docs/dashboard.md), und melden Sie sich dann neu an.</translation>
    </message>
</context>
<context>
    <name>RecordingsModel</name>
    <message>
        <source>Protected</source>
        <translation>Geschützt</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>recording</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <source>recovered</source>
        <translation>wiederhergestellt</translation>
    </message>
    <message>
        <source>corrupted</source>
        <translation>beschädigt</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
</context>
<context>
    <name>RecordingsPage</name>
    <message>
        <source>⟳ Refresh</source>
        <translation>⟳ Aktualisieren</translation>
    </message>
    <message>
        <source>Recordings list unavailable: %1</source>
        <translation>Aufnahmeliste nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>No recordings yet.</source>
        <translation>Noch keine Aufnahmen.</translation>
    </message>
    <message numerus="yes">
        <source>Newest %n recording(s). Tap one to play it.</source>
        <translation>
            <numerusform>Neueste Aufnahme. Zum Abspielen antippen.</numerusform>
            <numerusform>Die neuesten %n Aufnahmen. Zum Abspielen eine antippen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServicePage</name>
    <message>
        <source>Restart recorder</source>
        <translation>Recorder neu starten</translation>
    </message>
    <message>
        <source>Restart watchdog</source>
        <translation>Watchdog neu starten</translation>
    </message>
    <message>
        <source>Restart exporter</source>
        <translation>Exporter neu starten</translation>
    </message>
    <message>
        <source>Reads %1, %2, %3, %4 and %5.</source>
        <translation>Liest %1, %2, %3, %4 und %5.</translation>
    </message>
    <message>
        <source>Recorder: not read yet</source>
        <translation>Recorder: noch nicht gelesen</translation>
    </message>
    <message>
        <source>Watchdog: not read yet</source>
        <translation>Watchdog: noch nicht gelesen</translation>
    </message>
    <message>
        <source>Exporter: not read yet</source>
        <translation>Exporter: noch nicht gelesen</translation>
    </message>
    <message>
        <source>Recorder: no heartbeat (%1).</source>
        <translation>Recorder: kein Heartbeat (%1).</translation>
    </message>
    <message>
        <source>Watchdog: %1 — %2. Restarts in window: %3 (total %4); reboots in 24 h: %5.</source>
        <translation>Watchdog: %1 — %2. Neustarts im Zeitfenster: %3 (gesamt %4); Reboots in 24 h: %5.</translation>
    </message>
    <message>
        <source>DEGRADED: reboot budget used up, it only restarts now.</source>
        <translation>EINGESCHRÄNKT: Reboot-Kontingent verbraucht, er startet nur noch den Dienst neu.</translation>
    </message>
    <message>
        <source>Watchdog: no status (%1).</source>
        <translation>Watchdog: kein Status (%1).</translation>
    </message>
    <message>
        <source>Exporter: answering (%1).</source>
        <translation>Exporter: antwortet (%1).</translation>
    </message>
    <message>
        <source>Exporter: not answering (%1).</source>
        <translation>Exporter: antwortet nicht (%1).</translation>
    </message>
    <message>
        <source>Recorder %1 · up %2 · pid %3 · %4 → %5 · errors: %6 · starts: %7</source>
        <translation>Recorder %1 · läuft seit %2 · PID %3 · %4 → %5 · Fehler: %6 · Starts: %7</translation>
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
        <translation>Protokoll:</translation>
    </message>
    <message>
        <source>Not read yet: the log is read while this page is on screen.</source>
        <translation>Noch nicht gelesen: das Protokoll wird gelesen, solange diese Seite angezeigt wird.</translation>
    </message>
    <message>
        <source>Last %1 lines of %2, the service&apos;s own log file (the system journal holds the same lines, but only groups systemd-journal and adm may read it).</source>
        <translation>Die letzten %1 Zeilen von %2, der eigenen Protokolldatei des Dienstes (das Systemjournal enthält dieselben Zeilen, doch nur die Gruppen systemd-journal und adm dürfen es lesen).</translation>
    </message>
    <message>
        <source>CONFIGURATION ERROR: the recorder refused its configuration (exit 78); the watchdog neither restarts nor reboots. The recorder&apos;s log below says why: fix the file, then start the recorder.</source>
        <translation>KONFIGURATIONSFEHLER: Der Recorder hat seine Konfiguration abgelehnt (Exit-Status 78); der Watchdog startet ihn nicht neu und löst keinen Reboot aus. Das Log des Recorders unten nennt den Grund: Datei korrigieren, dann den Recorder starten.</translation>
    </message>
    <message>
        <source>CONFIGURATION ERROR: the recorder refused its configuration (exit 78); the watchdog neither restarts nor reboots. Its log below does not say why (its log folder could not be written): see the journal (journalctl -u recorder), fix the file, then start the recorder.</source>
        <translation>KONFIGURATIONSFEHLER: Der Recorder hat seine Konfiguration abgelehnt (Exit-Status 78); der Watchdog startet ihn nicht neu und löst keinen Reboot aus. Sein Log unten nennt den Grund nicht (sein Log-Ordner war nicht beschreibbar): siehe Journal (journalctl -u recorder), Datei korrigieren, dann den Recorder starten.</translation>
    </message>
    <message>
        <source>Restart uploader</source>
        <translation>Uploader neu starten</translation>
    </message>
    <message>
        <source>Uploader</source>
        <translation>Uploader</translation>
    </message>
    <message>
        <source>Reads %1, %2, %3, %4, %5 and %6.</source>
        <translation>Liest %1, %2, %3, %4, %5 und %6.</translation>
    </message>
    <message>
        <source>Uploader: not read yet</source>
        <translation>Uploader: noch nicht gelesen</translation>
    </message>
    <message>
        <source>Uploader: no status (%1).</source>
        <translation>Uploader: kein Status (%1).</translation>
    </message>
    <message>
        <source>Uploader: %1 → %2 (%3) · uploaded: %4 · failed: %5.</source>
        <translation>Uploader: %1 → %2 (%3) · hochgeladen: %4 · fehlgeschlagen: %5.</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>erreichbar</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
</context>
<context>
    <name>StatusPage</name>
    <message>
        <source>Frames/s</source>
        <translation>Bilder/s</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <source>▶ Start</source>
        <translation>▶ Start</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ Stopp</translation>
    </message>
    <message>
        <source>+ Extend</source>
        <translation>+ Verlängern</translation>
    </message>
    <message>
        <source>not read yet</source>
        <translation>noch nicht gelesen</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Last error: none</source>
        <translation>Letzter Fehler: keiner</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Disk: unknown while the recorder is down</source>
        <translation>Speicher: unbekannt, solange der Recorder ausgefallen ist</translation>
    </message>
    <message>
        <source>Last error: unknown (no heartbeat)</source>
        <translation>Letzter Fehler: unbekannt (kein Heartbeat)</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
    <message>
        <source>No preview image (%1)</source>
        <translation>Kein Vorschaubild (%1)</translation>
    </message>
    <message>
        <source>no status</source>
        <translation>kein Status</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>eingeschränkt</translation>
    </message>
    <message>
        <source>heartbeat</source>
        <translation>Heartbeat</translation>
    </message>
    <message>
        <source>watchdog</source>
        <translation>Watchdog</translation>
    </message>
    <message>
        <source>preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <source>Heartbeat age</source>
        <translation>Heartbeat-Alter</translation>
    </message>
    <message>
        <source>Watchdog</source>
        <translation>Watchdog</translation>
    </message>
    <message>
        <source>Preview of %1</source>
        <translation>Vorschau von %1</translation>
    </message>
    <message numerus="yes">
        <source>%n restart(s)</source>
        <translation>
            <numerusform>%n Neustart</numerusform>
            <numerusform>%n Neustarts</numerusform>
        </translation>
    </message>
    <message>
        <source>too large</source>
        <translation>zu groß</translation>
    </message>
    <message>
        <source>a symbolic link</source>
        <translation>ein symbolischer Link</translation>
    </message>
    <message>
        <source>not a file</source>
        <translation>keine Datei</translation>
    </message>
    <message>
        <source>writable by others</source>
        <translation>für andere beschreibbar</translation>
    </message>
    <message>
        <source>not JSON</source>
        <translation>kein JSON</translation>
    </message>
    <message>
        <source>wrong content</source>
        <translation>falscher Inhalt</translation>
    </message>
    <message>
        <source>newer format</source>
        <translation>neueres Format</translation>
    </message>
    <message>
        <source>owned by another user</source>
        <translation>gehört einem anderen Benutzer</translation>
    </message>
    <message>
        <source>not updated for %1</source>
        <translation>seit %1 nicht aktualisiert</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>läuft nicht</translation>
    </message>
    <message>
        <source>configuration error</source>
        <translation>Konfigurationsfehler</translation>
    </message>
    <message>
        <source>no mic</source>
        <translation>kein Mikro</translation>
    </message>
    <message>
        <source>Sound (dB)</source>
        <translation>Ton (dB)</translation>
    </message>
    <message>
        <source>Last upload: unknown (the uploader&apos;s status is %1)</source>
        <translation>Letzter Upload: unbekannt (Status des Uploaders: %1)</translation>
    </message>
    <message>
        <source>Last upload: none yet</source>
        <translation>Letzter Upload: noch keiner</translation>
    </message>
    <message>
        <source>Last upload: %1 at %2</source>
        <translation>Letzter Upload: %1 um %2</translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message>
        <source>RECORDER DOWN</source>
        <translation>RECORDER AUSGEFALLEN</translation>
    </message>
    <message>
        <source>No heartbeat file: the recorder is not running.</source>
        <translation>Keine Heartbeat-Datei: der Recorder läuft nicht.</translation>
    </message>
    <message>
        <source>The recorder is newer than this dashboard: update the dashboard.</source>
        <translation>Der Recorder ist neuer als dieses Dashboard: aktualisieren Sie das Dashboard.</translation>
    </message>
    <message>
        <source>The heartbeat cannot be trusted: %1</source>
        <translation>Dem Heartbeat ist nicht zu trauen: %1</translation>
    </message>
    <message>
        <source>Elapsed %1 · Remaining %2</source>
        <translation>Vergangen %1 · Verbleibend %2</translation>
    </message>
    <message>
        <source>Session ends in %1</source>
        <translation>Die Sitzung endet in %1</translation>
    </message>
    <message>
        <source>No heartbeat for %1 (last state: %2): the recorder stopped or hangs.</source>
        <translation>Seit %1 kein Heartbeat (letzter Zustand: %2): der Recorder ist gestoppt oder hängt.</translation>
    </message>
    <message>
        <source>READY</source>
        <translation>BEREIT</translation>
    </message>
    <message>
        <source>Not recording. Press Start to record.</source>
        <translation>Keine Aufnahme. Start drücken, um aufzunehmen.</translation>
    </message>
    <message>
        <source>● RECORDING</source>
        <translation>● AUFNAHME</translation>
    </message>
    <message>
        <source>Recording to %1</source>
        <translation>Nimmt auf in %1</translation>
    </message>
    <message>
        <source>ERROR</source>
        <translation>FEHLER</translation>
    </message>
    <message>
        <source>The recorder reports an error without details.</source>
        <translation>Der Recorder meldet einen Fehler ohne Details.</translation>
    </message>
    <message>
        <source>STARTING</source>
        <translation>STARTET</translation>
    </message>
    <message>
        <source>The recorder is starting up.</source>
        <translation>Der Recorder startet.</translation>
    </message>
    <message>
        <source>STOPPING</source>
        <translation>STOPPT</translation>
    </message>
    <message>
        <source>The recorder is closing the current file.</source>
        <translation>Der Recorder schließt die aktuelle Datei.</translation>
    </message>
    <message>
        <source>PROCESSING</source>
        <translation>VERARBEITUNG</translation>
    </message>
    <message>
        <source>The recorder is finishing a recording.</source>
        <translation>Der Recorder schließt eine Aufnahme ab.</translation>
    </message>
    <message>
        <source>starting</source>
        <comment>heartbeat state</comment>
        <translation>startet</translation>
    </message>
    <message>
        <source>ready</source>
        <comment>heartbeat state</comment>
        <translation>bereit</translation>
    </message>
    <message>
        <source>recording</source>
        <comment>heartbeat state</comment>
        <translation>Aufnahme</translation>
    </message>
    <message>
        <source>processing</source>
        <comment>heartbeat state</comment>
        <translation>Verarbeitung</translation>
    </message>
    <message>
        <source>error</source>
        <comment>heartbeat state</comment>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>stopping</source>
        <comment>heartbeat state</comment>
        <translation>stoppt</translation>
    </message>
    <message>
        <source>The heartbeat is dated %1 in the future: the clocks disagree, so it proves nothing.</source>
        <translation>Der Heartbeat ist %1 in die Zukunft datiert: die Uhren weichen ab, er beweist also nichts.</translation>
    </message>
    <message>
        <source>CHECKING</source>
        <translation>PRÜFE</translation>
    </message>
    <message>
        <source>Reading the recorder&apos;s state…</source>
        <translation>Lese den Zustand des Recorders …</translation>
    </message>
    <message>
        <source>Cannot read the heartbeat (%1). Is this user in group recorder?</source>
        <translation>Der Heartbeat ist nicht lesbar (%1). Ist dieser Benutzer in der Gruppe recorder?</translation>
    </message>
    <message>
        <source>Catalog damaged: recordings are kept, the list is being rebuilt.</source>
        <translation>Katalog beschädigt: Aufnahmen bleiben erhalten, die Liste wird neu aufgebaut.</translation>
    </message>
    <message>
        <source>Catalog cannot be written (disk full): recording continues.</source>
        <translation>Katalog nicht beschreibbar (Datenträger voll): die Aufnahme läuft weiter.</translation>
    </message>
    <message>
        <source>Catalog cannot be written (read-only storage): recording continues.</source>
        <translation>Katalog nicht beschreibbar (Speicher schreibgeschützt): die Aufnahme läuft weiter.</translation>
    </message>
    <message>
        <source>Catalog cannot be written (permission denied): recording continues.</source>
        <translation>Katalog nicht beschreibbar (Zugriff verweigert): die Aufnahme läuft weiter.</translation>
    </message>
    <message>
        <source>Catalog is locked by another program: recording continues.</source>
        <translation>Katalog von einem anderen Programm gesperrt: die Aufnahme läuft weiter.</translation>
    </message>
    <message>
        <source>Catalog cannot be written (storage error): recording continues.</source>
        <translation>Katalog nicht beschreibbar (Speicherfehler): die Aufnahme läuft weiter.</translation>
    </message>
    <message>
        <source>Catalog cannot be written: recording continues.</source>
        <translation>Katalog nicht beschreibbar: die Aufnahme läuft weiter.</translation>
    </message>
    <message>
        <source>Button and LEDs unavailable: recording goes on without them.</source>
        <translation>Taster und LEDs nicht verfügbar: Die Aufnahme läuft ohne sie weiter.</translation>
    </message>
</context>
<context>
    <name>UnitState</name>
    <message>
        <source>not read yet</source>
        <translation>noch nicht gelesen</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>nicht installiert</translation>
    </message>
    <message>
        <source>systemd not reachable</source>
        <translation>systemd nicht erreichbar</translation>
    </message>
    <message>
        <source>state unknown: %1</source>
        <translation>Zustand unbekannt: %1</translation>
    </message>
    <message>
        <source>restarting (after a failure)</source>
        <translation>startet neu (nach einem Fehler)</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>active (running)</source>
        <translation>aktiv (läuft)</translation>
    </message>
    <message>
        <source>active (exited)</source>
        <translation>aktiv (beendet)</translation>
    </message>
    <message>
        <source>active (reloading)</source>
        <translation>aktiv (lädt neu)</translation>
    </message>
    <message>
        <source>active (%1)</source>
        <translation>aktiv (%1)</translation>
    </message>
    <message>
        <source>%1 for %2</source>
        <translation>%1 seit %2</translation>
    </message>
    <message>
        <source>failed (%1)</source>
        <translation>fehlgeschlagen (%1)</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>stoppt</translation>
    </message>
    <message>
        <source>reloading</source>
        <translation>lädt neu</translation>
    </message>
    <message>
        <source>exit %1: configuration error</source>
        <translation>Exit-Status %1: Konfigurationsfehler</translation>
    </message>
    <message>
        <source>exit %1</source>
        <translation>Exit-Status %1</translation>
    </message>
    <message>
        <source>killed by signal %1</source>
        <translation>durch Signal %1 beendet</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>systemd&apos;s watchdog fired</source>
        <translation>der Watchdog von systemd hat ausgelöst</translation>
    </message>
    <message>
        <source>restarted too often</source>
        <translation>zu oft neu gestartet</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
</context>
</TS>
