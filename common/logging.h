// SPDX-License-Identifier: MIT
// Log output for every program: stderr (journald-aware) and a rotated file in the log dir.
#pragma once

#include <QString>

// Installs a Qt message handler; after that, qCInfo(category) and friends go to both outputs.
// Thread-safe once installed.
class Logging
{
public:
    // The category of the line a program writes to its log file when it refuses its configuration
    // (exit 78); the dashboard's Service page looks for it.
    static constexpr const char *kConfigCategory = "recorder.config";

    struct Options {
        QString filePath;        // empty: stderr only
        qint64 maxFileBytes = 10'000'000;
        int keepFiles = 5;
        bool verbose = false;    // debug messages of recorder.* categories
        bool journal = false;    // stderr goes to journald: "<N>" priority prefixes, no timestamps
    };

    // Returns an empty string, or the reason the log file cannot be written (stderr still works).
    static QString install(const Options &options);
    // True when stderr is connected to the journal (systemd sets JOURNAL_STREAM).
    static bool stderrIsJournal();
    // The line written for one message, without the newline; exposed for tests.
    static QByteArray formatLine(int qtMsgType, const char *category, const QString &message, bool journal);
};
