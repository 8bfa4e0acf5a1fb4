// SPDX-License-Identifier: MIT
// The recording files under the recordings dir as the directory tree shows them, without the catalog.
#pragma once

#include <QDateTime>
#include <QFileInfo>
#include <QList>
#include <QString>
#include <QStringList>
#include <Qt>

#include <functional>

// Reentrant; every function only reads the directory tree.
class RecordingFiles
{
public:
    // Says whether the running recorder is writing `path` (or about to): such a file is never cut,
    // adopted, marked vanished or deleted. Must be thread-safe: Recovery and Retention call it from
    // their own threads.
    using InUse = std::function<bool(const QString &path)>;

    // Every *.mp4 under `recordingsDir` (clean absolute paths; links to files listed, links to folders
    // not followed). Protect markers and other files are not listed.
    static QStringList list(const QString &recordingsDir);

    // The first frame's time from a name like recording_YYYY-MM-DD_HHMMSS.mp4 read as `spec`; invalid
    // when the name holds no time.
    static QDateTime nameTime(const QFileInfo &file, Qt::TimeSpec spec);

    struct Entry { QString path; QDateTime time; qint64 sizeBytes = 0; };
    // The files of list() oldest first, by the time in the name, else the modification time.
    static QList<Entry> oldestFirst(const QString &recordingsDir, Qt::TimeSpec spec);
};
