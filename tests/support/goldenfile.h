// SPDX-License-Identifier: MIT
// Golden-file comparison for outputs people parse; RECORDER_UPDATE_GOLDEN=1 rewrites the file instead.
#pragma once

#include <QByteArray>
#include <QString>

// Reentrant: reads or writes only the file it is given.
class GoldenFile
{
public:
    enum class Outcome { Matches, Rewritten, Differs };
    struct Result {
        Outcome outcome = Outcome::Differs;
        QString message; // for Differs: the file missing, or the first line that differs
    };

    // Compares `actual` with the file at `path`, or rewrites it when RECORDER_UPDATE_GOLDEN=1.
    static Result check(const QByteArray &actual, const QString &path);
};
