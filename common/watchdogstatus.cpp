// SPDX-License-Identifier: MIT
// The watchdog's status document, written every check, read by the exporter and the dashboard.
#include "watchdogstatus.h"

#include "atomicfile.h"
#include "jsonfields.h"
#include "serviceaccounts.h"
#include "trustedowners.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace {
const char *const kKnownKeys[] = {
    "schema_version", "timestamp", "boot_id", "boottime_seconds", "pid", "check_interval_seconds", "verdict",
    "reason", "unit", "restarts_in_window", "restarts_total", "reboots_last_24h", "reboots_total", "degraded",
    "config_error", "dry_run",
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
    o.insert(QStringLiteral("config_error"), configError);
    o.insert(QStringLiteral("dry_run"), dryRun);
    return o;
}

QString WatchdogStatus::fromJson(const QJsonObject &object, WatchdogStatus *out, bool *newerSchema)
{
    WatchdogStatus s;
    JsonFields f(object);
    bool newer = false;
    f.schemaVersion(kSchemaMajor, &s.schemaVersion, &newer);
    if (newerSchema)
        *newerSchema = newer;
    if (!f.ok())
        return f.error();
    f.clockReading(&s.written);
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
    f.boolean("config_error", &s.configError); // absent in 1.0: false
    f.boolean("dry_run", &s.dryRun);
    if (!f.ok())
        return f.error();
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
    // Looked up once per process: the service users exist before the services start.
    static const TrustedOwners owners = TrustedOwners::writtenBy(ServiceAccounts::kWatchdog);
    ReadResult result;
    const JsonFileReader::Result file = JsonFileReader::readDocument(
        path, [&](const QJsonObject &object, bool *newer) { return fromJson(object, &result.document, newer); }, &owners);
    result.status = file.status;
    result.reason = file.reason;
    return result;
}
