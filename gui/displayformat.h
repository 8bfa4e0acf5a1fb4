// SPDX-License-Identifier: MIT
// Durations, sizes, rates and ages in words for people, in the user's language and number format.
#pragma once

#include <QCoreApplication>
#include <QString>

// Reentrant: pure functions (they read the default QLocale and the installed translators).
class DisplayFormat
{
    Q_DECLARE_TR_FUNCTIONS(DisplayFormat)
public:
    // "3 h 05 min", "4 min 10 s", "12 s"
    static QString duration(double seconds);
    // "1:02:03" or "02:03", for running clocks
    static QString clock(double seconds);
    // "24.3 GB"
    static QString size(qint64 bytes);
    // "8.0 Mbit/s"
    static QString bitrate(double bitsPerSecond);
    // "0.4 s"
    static QString age(double seconds);
    // Last path component, or "—" when empty.
    static QString fileName(const QString &path);
};
