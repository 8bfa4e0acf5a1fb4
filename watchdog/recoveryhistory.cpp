// SPDX-License-Identifier: MIT
// The watchdog's memory of restarts and reboot requests, kept in the state dir across restarts.
#include "recoveryhistory.h"

#include "atomicfile.h"
#include "jsonfields.h"
#include "jsonfilereader.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QJsonArray entriesToJson(const QList<RecoveryHistory::Entry> &entries)
{
    QJsonArray array;
    for (const RecoveryHistory::Entry &e : entries) {
        array.append(QJsonObject{
            {QStringLiteral("timestamp"), e.when.wall.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("boot_id"), e.when.bootId},
            {QStringLiteral("boottime_seconds"), e.when.boottimeSeconds},
            {QStringLiteral("reason"), e.reason},
        });
    }
    return array;
}

QString entriesFromJson(const QJsonValue &value, const char *field, QList<RecoveryHistory::Entry> *out)
{
    if (value.isUndefined())
        return {};
    if (!value.isArray())
        return QStringLiteral("field \"%1\" is not an array").arg(QLatin1String(field));
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isObject())
            return QStringLiteral("field \"%1\" holds a non-object").arg(QLatin1String(field));
        RecoveryHistory::Entry e;
        QString timestamp;
        JsonFields f(item.toObject());
        f.string("timestamp", &timestamp, true);
        f.string("boot_id", &e.when.bootId, true);
        f.number("boottime_seconds", &e.when.boottimeSeconds, true);
        f.string("reason", &e.reason);
        if (!f.ok())
            return QStringLiteral("in \"%1\": %2").arg(QLatin1String(field), f.error());
        e.when.wall = QDateTime::fromString(timestamp, Qt::ISODateWithMs).toUTC();
        if (!e.when.wall.isValid())
            return QStringLiteral("in \"%1\": timestamp \"%2\" is not ISO 8601").arg(QLatin1String(field), timestamp);
        out->append(e);
    }
    return {};
}

void appendBounded(QList<RecoveryHistory::Entry> *list, const RecoveryHistory::Entry &entry, int max)
{
    list->append(entry);
    while (list->size() > max)
        list->removeFirst();
}

} // namespace

void RecoveryHistory::addRestart(const ClockReading &when, const QString &reason)
{
    appendBounded(&restarts, {when, reason}, kMaxRestarts);
    ++restartsTotal;
}

void RecoveryHistory::addReboot(const ClockReading &when, const QString &reason)
{
    appendBounded(&reboots, {when, reason}, kMaxReboots);
    ++rebootsTotal;
}

int RecoveryHistory::restartsInWindow(const ClockReading &now, double windowSeconds) const
{
    const bool rebooted = !reboots.isEmpty();
    const double sinceReboot = rebooted ? now.secondsSince(reboots.last().when) : 0;
    int count = 0;
    for (const Entry &e : restarts) {
        const double age = now.secondsSince(e.when);
        if (age > windowSeconds)
            continue;
        if (rebooted && age >= sinceReboot)
            continue;
        ++count;
    }
    return count;
}

int RecoveryHistory::rebootsWithin(const ClockReading &now, double seconds) const
{
    int count = 0;
    for (const Entry &e : reboots) {
        if (now.secondsSince(e.when) <= seconds)
            ++count;
    }
    return count;
}

QJsonObject RecoveryHistory::toJson() const
{
    return QJsonObject{
        {QStringLiteral("schema_version"), QStringLiteral("%1.%2").arg(kSchemaMajor).arg(kSchemaMinor)},
        {QStringLiteral("restarts_total"), restartsTotal},
        {QStringLiteral("reboots_total"), rebootsTotal},
        {QStringLiteral("restarts"), entriesToJson(restarts)},
        {QStringLiteral("reboots"), entriesToJson(reboots)},
    };
}

QString RecoveryHistory::fromJson(const QJsonObject &object, RecoveryHistory *out)
{
    RecoveryHistory h;
    QString version;
    JsonFields f(object);
    f.string("schema_version", &version, true);
    f.integer("restarts_total", &h.restartsTotal);
    f.integer("reboots_total", &h.rebootsTotal);
    if (!f.ok())
        return f.error();
    if (version.section(QLatin1Char('.'), 0, 0).toInt() != kSchemaMajor)
        return QStringLiteral("schema version \"%1\" is not %2.x").arg(version).arg(kSchemaMajor);
    QString error = entriesFromJson(object.value(QStringLiteral("restarts")), "restarts", &h.restarts);
    if (error.isEmpty())
        error = entriesFromJson(object.value(QStringLiteral("reboots")), "reboots", &h.reboots);
    if (!error.isEmpty())
        return error;
    // Bound what a hand-edited file can hold, and keep totals consistent with the entries.
    h.restarts = h.restarts.mid(qMax<qsizetype>(0, h.restarts.size() - kMaxRestarts));
    h.reboots = h.reboots.mid(qMax<qsizetype>(0, h.reboots.size() - kMaxReboots));
    h.restartsTotal = qMax<qint64>(h.restartsTotal, h.restarts.size());
    h.rebootsTotal = qMax<qint64>(h.rebootsTotal, h.reboots.size());
    *out = h;
    return {};
}

QString RecoveryHistory::load(const QString &path, RecoveryHistory *out)
{
    *out = RecoveryHistory();
    const JsonFileReader::Result file = JsonFileReader::read(path, kMaxFileBytes);
    if (file.status == JsonFileReader::Status::Missing)
        return {};
    if (!file.ok())
        return file.reason;
    const QString error = fromJson(file.object, out);
    return error.isEmpty() ? QString() : path + QStringLiteral(": ") + error;
}

QString RecoveryHistory::save(const QString &path) const
{
    return AtomicFile::write(path, QJsonDocument(toJson()).toJson(QJsonDocument::Indented), 0644);
}
