// SPDX-License-Identifier: MIT
// Writes the files the dashboard reads (heartbeat, watchdog status, offload status, preview, catalog) from fixtures.
#pragma once

#include <QString>

// Reentrant. For tests and the screenshot tool only: it writes what recorderd and the watchdog
// would write, so the dashboard is exercised through its real readers.
class FixtureFiles
{
public:
    // Copies fixture `jsonFile` to `heartbeatFile` (mode 0644), stamped as written `ageSeconds`
    // ago on this boot. Returns an empty string or the reason.
    static QString installHeartbeat(const QString &jsonFile, const QString &heartbeatFile, double ageSeconds);
    // A watchdog status as written `ageSeconds` ago on this boot.
    static QString installWatchdog(const QString &statusFile, const QString &verdict, const QString &reason,
                                   int restartsInWindow, bool degraded, double ageSeconds = 0);
    // Copies recorder-offload's status fixture `jsonFile` (docs/offload.md, "The status file") to
    // `statusFile` (mode 0644), written now, its last upload finished `lastUploadAgeSeconds` ago.
    static QString installOffloadStatus(const QString &jsonFile, const QString &statusFile, double lastUploadAgeSeconds);
    // A colour-bar test pattern as the recorder's testpattern source would show it.
    static QString installPreview(const QString &previewFile);
    // A catalog with a few recordings of each state, newest first at `newestMs`.
    static QString installCatalog(const QString &catalogFile, qint64 newestMs);
};
