// SPDX-License-Identifier: MIT
// recorderctl's output: status and recordings as human text or as JSON for scripts.
#include "statustext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace {

QString line(const QString &label, const QString &value)
{
    // A translated label may be longer than the column: keep at least one space before the value.
    return label.leftJustified(12) + QLatin1Char(' ') + value + QLatin1Char('\n');
}

} // namespace

QString StatusText::duration(double seconds)
{
    const qint64 total = std::llround(std::max(0.0, seconds));
    const qint64 h = total / 3600, m = (total % 3600) / 60, s = total % 60;
    if (h > 0)
        return tr("%1h %2min").arg(h).arg(m, 2, 10, QLatin1Char('0'));
    if (m > 0)
        return tr("%1min %2s").arg(m).arg(s, 2, 10, QLatin1Char('0'));
    return tr("%1s").arg(s);
}

QString StatusText::size(qint64 bytes)
{
    static const struct { const char *unit; double factor; } units[] = {
        {"TB", 1e12}, {"GB", 1e9}, {"MB", 1e6}, {"kB", 1e3},
    };
    for (const auto &u : units) {
        if (std::abs(double(bytes)) >= u.factor)
            return QStringLiteral("%1 %2").arg(bytes / u.factor, 0, 'f', 2).arg(QLatin1String(u.unit));
    }
    return QStringLiteral("%1 B").arg(bytes);
}

QString StatusText::status(const QVariantMap &s)
{
    auto text = [&](const char *key) { return s.value(QLatin1String(key)).toString(); };
    auto integer = [&](const char *key) { return s.value(QLatin1String(key)).toLongLong(); };
    auto number = [&](const char *key) { return s.value(QLatin1String(key)).toDouble(); };

    QString out;
    out += line(tr("State:"), text("state"));
    // The recorder's own words (schema 1.1), like last_error: not translated here.
    if (!text("state_reason").isEmpty())
        out += line(tr("Reason:"), text("state_reason"));
    out += line(tr("File:"), text("current_file").isEmpty() ? tr("(none)") : text("current_file"));
    if (s.contains(QStringLiteral("session_remaining_seconds")))
        out += line(tr("Session:"), tr("%1 elapsed, %2 left")
                                         .arg(duration(number("session_elapsed_seconds")),
                                              duration(number("session_remaining_seconds"))));
    if (!text("warning").isEmpty())
        out += line(tr("Warning:"), text("warning"));
    out += line(tr("Frames:"), tr("%1 captured, %2 dropped, %3 fps")
                                   .arg(integer("frames_captured"))
                                   .arg(integer("frames_dropped"))
                                   .arg(number("fps"), 0, 'f', 1));
    out += line(tr("Written:"), size(integer("bytes_written")));
    out += line(tr("Disk:"), tr("%1 free of %2").arg(size(integer("disk_free_bytes")), size(integer("disk_total_bytes"))));
    // Only while degraded: "ok" (or a 1.0 recorder, which has no such field) is the normal case.
    if (text("catalog") == QLatin1String("degraded")) {
        out += line(tr("Catalog:"), text("catalog_error").isEmpty()
                                        ? tr("degraded; recording goes on, the catalog catches up by itself")
                                        : tr("degraded (%1); recording goes on, the catalog catches up by itself")
                                              .arg(text("catalog_error")));
    }
    // Only when configured (schema 1.2): "off" (or an older recorder, which has no such field) is the normal case.
    if (text("gpio") == QLatin1String("ok"))
        out += line(tr("GPIO:"), tr("button and LEDs working"));
    else if (text("gpio") == QLatin1String("unavailable"))
        out += line(tr("GPIO:"), tr("unavailable (%1); recording goes on without the button and LEDs").arg(text("gpio_error")));
    out += line(tr("Errors:"), QString::number(integer("error_count")));
    if (!text("last_error").isEmpty())
        out += line(tr("Last error:"), text("last_error"));
    out += line(tr("Restarts:"), QString::number(integer("restart_count")));
    out += line(tr("Camera:"), tr("%1, encoder %2").arg(text("camera"), text("encoder")));
    out += line(tr("Uptime:"), duration(number("uptime_seconds")));
    out += line(tr("Version:"), text("version"));
    return out;
}

QString StatusText::recordings(const QList<QVariantMap> &rows)
{
    if (rows.isEmpty())
        return tr("No recordings.\n");
    QString out = tr("START (UTC)          DURATION   SIZE        STATE      KEPT  PATH\n");
    for (const QVariantMap &row : rows) {
        const QDateTime start =
            QDateTime::fromMSecsSinceEpoch(row.value(QStringLiteral("start_time_ms")).toLongLong(), Qt::UTC);
        out += start.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).leftJustified(21);
        out += duration(row.value(QStringLiteral("duration_seconds")).toDouble()).leftJustified(11);
        out += size(row.value(QStringLiteral("size_bytes")).toLongLong()).leftJustified(12);
        out += row.value(QStringLiteral("state")).toString().leftJustified(11);
        out += (row.value(QStringLiteral("protected")).toInt() ? tr("yes") : tr("no")).leftJustified(6);
        out += row.value(QStringLiteral("path")).toString() + QLatin1Char('\n');
    }
    return out;
}

QByteArray StatusText::statusJson(const QVariantMap &status)
{
    return QJsonDocument(QJsonObject::fromVariantMap(status)).toJson(QJsonDocument::Indented);
}

QByteArray StatusText::recordingsJson(const QList<QVariantMap> &rows)
{
    QJsonArray array;
    for (const QVariantMap &row : rows)
        array.append(QJsonObject::fromVariantMap(row));
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}
