// SPDX-License-Identifier: MIT
// Durations, sizes, rates and ages in words for people, in the user's language and number format.
#include "displayformat.h"

#include <QLocale>

#include <cmath>

QString DisplayFormat::duration(double seconds)
{
    if (std::isnan(seconds) || seconds < 0)
        return tr("—");
    const auto total = static_cast<qint64>(std::llround(seconds));
    const qint64 days = total / 86400;
    const qint64 hours = (total % 86400) / 3600;
    const qint64 minutes = (total % 3600) / 60;
    const qint64 secs = total % 60;
    if (days > 0)
        return tr("%1 d %2 h").arg(days).arg(hours);
    if (hours > 0)
        return tr("%1 h %2 min").arg(hours).arg(minutes, 2, 10, QLatin1Char('0'));
    if (minutes > 0)
        return tr("%1 min %2 s").arg(minutes).arg(secs, 2, 10, QLatin1Char('0'));
    return tr("%1 s").arg(secs);
}

QString DisplayFormat::clock(double seconds)
{
    if (std::isnan(seconds) || seconds < 0)
        return tr("—");
    const auto total = static_cast<qint64>(std::floor(seconds));
    const qint64 hours = total / 3600;
    const QString minSec = QStringLiteral("%1:%2")
                               .arg((total % 3600) / 60, 2, 10, QLatin1Char('0'))
                               .arg(total % 60, 2, 10, QLatin1Char('0'));
    return hours > 0 ? QStringLiteral("%1:%2").arg(hours).arg(minSec) : minSec;
}

QString DisplayFormat::size(qint64 bytes)
{
    const QLocale locale;
    const double value = static_cast<double>(bytes);
    if (value >= 1e12)
        return tr("%1 TB").arg(locale.toString(value / 1e12, 'f', 2));
    if (value >= 1e9)
        return tr("%1 GB").arg(locale.toString(value / 1e9, 'f', 1));
    if (value >= 1e6)
        return tr("%1 MB").arg(locale.toString(value / 1e6, 'f', 0));
    return tr("%1 kB").arg(locale.toString(value / 1e3, 'f', 0));
}

QString DisplayFormat::bitrate(double bitsPerSecond)
{
    return tr("%1 Mbit/s").arg(QLocale().toString(bitsPerSecond / 1e6, 'f', 1));
}

QString DisplayFormat::age(double seconds)
{
    if (seconds < 60)
        return tr("%1 s").arg(QLocale().toString(std::max(seconds, 0.0), 'f', 1));
    return duration(seconds);
}

QString DisplayFormat::fileName(const QString &path)
{
    if (path.isEmpty())
        return tr("—");
    return path.section(QLatin1Char('/'), -1);
}
