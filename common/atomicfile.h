// SPDX-License-Identifier: MIT
// Writes a whole file so that no reader ever sees it partly written.
#pragma once

#include <QByteArray>
#include <QString>

// Reentrant. Writes a temporary file in the same directory (by descriptor: FileInDirectory),
// fsyncs it, renames it over the target and fsyncs the directory: readers see the old file or the
// new one, never a mixture, even across a power cut. A symbolic link or non-regular file at
// `path` is refused with one line naming it.
class AtomicFile
{
public:
    // `mode` is the file's permission bits (e.g. 0644). Returns an empty string or the reason.
    static QString write(const QString &path, const QByteArray &data, int mode = 0644);
};
