// SPDX-License-Identifier: MIT
// Parsing and formatting of the units the configuration accepts: durations, sizes, bit rates.
#include "units.h"

#include <QRegularExpression>
#include <cmath>

namespace {

struct Split {
    double number;
    QString unit;
};

// A non-negative decimal number followed by an optional unit word.
std::optional<Split> splitNumberAndUnit(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)\s*$)"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    bool ok = false;
    const double number = m.captured(1).toDouble(&ok);
    if (!ok || !std::isfinite(number))
        return std::nullopt;
    return Split{number, m.captured(2)};
}

std::optional<qint64> scaled(double number, double factor)
{
    const double value = number * factor;
    if (value > 9.0e18)
        return std::nullopt;
    return static_cast<qint64>(std::llround(value));
}

} // namespace

namespace Units {

std::optional<double> parseDuration(const QString &text)
{
    const auto split = splitNumberAndUnit(text);
    if (!split)
        return std::nullopt;
    const QString unit = split->unit.toLower();
    double factor = 0;
    if (unit.isEmpty() || unit == QLatin1String("s") || unit == QLatin1String("sec"))
        factor = 1;
    else if (unit == QLatin1String("ms"))
        factor = 0.001;
    else if (unit == QLatin1String("us")) // microseconds, rpicam-vid's shutter unit
        factor = 0.000001;
    else if (unit == QLatin1String("min") || unit == QLatin1String("m"))
        factor = 60;
    else if (unit == QLatin1String("h"))
        factor = 3600;
    else if (unit == QLatin1String("d"))
        factor = 86400;
    else
        return std::nullopt;
    return split->number * factor;
}

std::optional<qint64> parseSize(const QString &text)
{
    const auto split = splitNumberAndUnit(text);
    if (!split)
        return std::nullopt;
    // Sizes are case-insensitive on the prefix: "1gb", "1GB" and "1G" all mean 10^9 bytes.
    const QString unit = split->unit.toLower();
    static const struct { const char *name; double factor; } table[] = {
        {"", 1}, {"b", 1},
        {"k", 1e3}, {"kb", 1e3}, {"m", 1e6}, {"mb", 1e6}, {"g", 1e9}, {"gb", 1e9}, {"t", 1e12}, {"tb", 1e12},
        {"kib", 1024.0}, {"mib", 1048576.0}, {"gib", 1073741824.0}, {"tib", 1099511627776.0},
    };
    for (const auto &entry : table) {
        if (unit == QLatin1String(entry.name))
            return scaled(split->number, entry.factor);
    }
    return std::nullopt;
}

std::optional<qint64> parseBitrate(const QString &text)
{
    const auto split = splitNumberAndUnit(text);
    if (!split)
        return std::nullopt;
    const QString unit = split->unit.toLower();
    static const struct { const char *name; double factor; } table[] = {
        {"", 1}, {"bps", 1}, {"k", 1e3}, {"kbps", 1e3}, {"m", 1e6}, {"mbps", 1e6}, {"g", 1e9}, {"gbps", 1e9},
    };
    for (const auto &entry : table) {
        if (unit == QLatin1String(entry.name))
            return scaled(split->number, entry.factor);
    }
    return std::nullopt;
}

QString formatDuration(double seconds)
{
    const auto whole = static_cast<qint64>(seconds);
    if (seconds != static_cast<double>(whole))
        return QString::number(seconds, 'g', 6) + QLatin1Char('s');
    if (whole != 0 && whole % 86400 == 0)
        return QString::number(whole / 86400) + QLatin1Char('d');
    if (whole != 0 && whole % 3600 == 0)
        return QString::number(whole / 3600) + QLatin1Char('h');
    if (whole != 0 && whole % 60 == 0)
        return QString::number(whole / 60) + QLatin1String("min");
    return QString::number(whole) + QLatin1Char('s');
}

QString formatSize(qint64 bytes)
{
    static const struct { const char *name; qint64 factor; } table[] = {
        {"TB", 1000000000000LL}, {"GB", 1000000000LL}, {"MB", 1000000LL}, {"kB", 1000LL},
    };
    for (const auto &entry : table) {
        if (bytes != 0 && bytes % entry.factor == 0)
            return QString::number(bytes / entry.factor) + QLatin1String(entry.name);
    }
    return QString::number(bytes) + QLatin1Char('B');
}

} // namespace Units
