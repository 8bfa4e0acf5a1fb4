// SPDX-License-Identifier: MIT
// The last lines of a service's log file, read in bounded time and memory, from its owner only.
#pragma once

#include "trustedowners.h"

#include <QCoreApplication>
#include <QStringList>

// Reentrant: read() is a pure function of the file; UnitLogReader calls it on a worker thread.
class LogTail
{
    Q_DECLARE_TR_FUNCTIONS(LogTail)
public:
    // At most this much of the file's end is read, however large the file: 20 lines of a log
    // fit in it many times over, and a multi-megabyte log costs no more than a small one.
    static constexpr qint64 kMaxTailBytes = 64 * 1024;
    // A longer line is cut and ends in "…": the page shows the start of each line.
    static constexpr int kMaxLineChars = 200;

    struct Result {
        QStringList lines;
        QString problem; // one plain line when nothing is shown (missing, unreadable, foreign owner)
        // What the file was when read: an unchanged signature means nothing new to show.
        qint64 size = -1;
        qint64 modifiedNs = -1;
        quint64 inode = 0;
        bool unchanged = false;
    };

    // The last `maxLines` lines of `path`. A symbolic link, a non-regular file or one owned by
    // anybody `owners` does not accept is refused with a plain line, as the status files are
    // (docs/security.md, "Files and directories"). With `previous` of the same file unchanged
    // (size, mtime, inode), returns `unchanged` without reading.
    static Result read(const QString &path, const TrustedOwners &owners, int maxLines, const Result *previous = nullptr);
};
