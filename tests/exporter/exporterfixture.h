// SPDX-License-Identifier: MIT
// Writes the exporter's inputs for tests and the benchmark: heartbeat, watchdog status, catalog.
#pragma once

#include <QString>

// Reentrant; the catalog part is thread-bound like QSql.
class ExporterFixture
{
public:
    // A valid heartbeat in `state`, written `ageSeconds` ago on this boot (mode 0644, atomically).
    static QString writeHeartbeat(const QString &path, const QString &state, double ageSeconds = 0);
    // A valid watchdog status written `ageSeconds` ago on this boot, checking every 10 s.
    static QString writeWatchdogStatus(const QString &path, double ageSeconds = 0);
    // A catalog with `recordings` rows in a fixed pattern of states, sizes and times, so totals
    // are predictable: every 10th is recovered, every 25th corrupted, every 20th deleted (by
    // retention), the last one still recording, the rest complete.
    static QString createCatalog(const QString &path, int recordings);
};
