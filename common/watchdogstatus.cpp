// SPDX-License-Identifier: MIT
// The watchdog's status document, written every check, read by the exporter and the dashboard.
#include "watchdogstatus.h"

#include "atomicfile.h"
#include "jsonfields.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace {
const char *const kKnownKeys[] = {
    "schema_version", "timestamp", "boot_id", "boottime_seconds", "pid", "check_interval_seconds", "verdict",
    "reason", "unit", "restarts_in_window", "restarts_total", "reboots_last_24h", "reboots_total", "degraded",
    "dry_run",
};
} // namespace

QJsonObject WatchdogStatus::toJson() const
{
    QJsonObject o = extra;
    o.insert(QStringLiteral("schema_version"), schemaVersion);
    o.insert(QStringLiteral("timestamp"), written.wall.toUTC().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("boot_id"), written.bootId);
    o.insert(QStringLiteral("boottime_seconds"), written.boottimeSeconds);
    o.insert(QStringLiteral("pid"), pid);
    o.insert(QStringLiteral("check_interval_seconds"), checkIntervalSeconds);
    o.insert(QStringLiteral("verdict"), verdict);
    o.insert(QStringLiteral("reason"), reason);
    o.insert(QStringLiteral("unit"), unit);
    o.insert(QStringLiteral("restarts_in_window"), restartsInWindow);
    o.insert(QStringLiteral("restarts_total"), restartsTotal);
    o.insert(QStringLiteral("reboots_last_24h"), rebootsLast24h);
    o.insert(QStringLiteral("reboots_total"), rebootsTotal);
    o.insert(QStringLiteral("degraded"), degraded);
    o.insert(QStringLiteral("dry_run"), dryRun);
    return o;
}

QString WatchdogStatus::fromJson(const QJsonObject &object, WatchdogStatus *out, bool *newerSchema)
{
    if (newerSchema)
        *newerSchema = false;
    WatchdogStatus s;
    JsonFields f(object);
    f.string("schema_version", &s.schemaVersion, true);
    if (!f.ok())
        return f.error();
    bool majorOk = false;
    const int major = s.schemaVersion.section(QLatin1Char('.'), 0, 0).toInt(&majorOk);
    if (!majorOk || major < 1)
        return QStringLiteral("field \"schema_version\" is \"%1\"; allowed: \"MAJOR.MINOR\"").arg(s.schemaVersion);
    if (major > kSchemaMajor) {
        if (newerSchema)
            *newerSchema = true;
        return QStringLiteral("schema version %1 is newer than this reader's %2.x").arg(s.schemaVersion).arg(kSchemaMajor);
    }
    QString timestamp;
    f.string("timestamp", &timestamp, true);
    f.string("boot_id", &s.written.bootId, true);
    f.number("boottime_seconds", &s.written.boottimeSeconds, true);
    f.integer("pid", &s.pid, true);
    f.number("check_interval_seconds", &s.checkIntervalSeconds);
    f.string("verdict", &s.verdict, true);
    f.string("reason", &s.reason);
    f.string("unit", &s.unit);
    f.integer("restarts_in_window", &s.restartsInWindow);
    f.integer("restarts_total", &s.restartsTotal);
    f.integer("reboots_last_24h", &s.rebootsLast24h);
    f.integer("reboots_total", &s.rebootsTotal);
    f.boolean("degraded", &s.degraded);
    f.boolean("dry_run", &s.dryRun);
    if (!f.ok())
        return f.error();
    s.written.wall = QDateTime::fromString(timestamp, Qt::ISODateWithMs);
    if (!s.written.wall.isValid())
        return QStringLiteral("field \"timestamp\" is \"%1\"; allowed: ISO 8601 UTC time").arg(timestamp);
    s.written.wall = s.written.wall.toUTC();
    s.extra = object;
    for (const char *key : kKnownKeys)
        s.extra.remove(QLatin1String(key));
    *out = s;
    return {};
}

QString WatchdogStatus::write(const QString &path) const
{
    WatchdogStatus stamped = *this;
    stamped.schemaVersion = QStringLiteral("%1.%2").arg(kSchemaMajor).arg(kSchemaMinor);
    stamped.written = ClockReading::now();
    stamped.pid = QCoreApplication::applicationPid();
    return AtomicFile::write(path, QJsonDocument(stamped.toJson()).toJson(QJsonDocument::Indented), 0644);
}

WatchdogStatus::ReadResult WatchdogStatus::read(const QString &path)
{
    ReadResult result;
    const JsonFileReader::Result file = JsonFileReader::read(path);
    result.status = file.status;
    result.reason = file.reason;
    if (!file.ok())
        return result;
    bool newer = false;
    const QString error = fromJson(file.object, &result.document, &newer);
    if (!error.isEmpty()) {
        result.status = newer ? JsonFileReader::Status::NewerSchema : JsonFileReader::Status::WrongType;
        result.reason = path + QStringLiteral(": ") + error;
    }
    return result;
}
