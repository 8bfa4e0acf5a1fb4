// SPDX-License-Identifier: MIT
// The watchdog's status document, written every check, read by the exporter and the dashboard.
#pragma once

#include "clockreading.h"
#include "jsonfilereader.h"

#include <QJsonObject>
#include <QString>

// Reentrant value type. docs/watchdog.md is the contract; field names are public.
struct WatchdogStatus {
    static constexpr int kSchemaMajor = 1;
    static constexpr int kSchemaMinor = 1;

    QString schemaVersion;
    ClockReading written;           // time of the check: timestamp, boot_id, boottime_seconds
    qint64 pid = 0;
    double checkIntervalSeconds = 0;
    QString verdict;                // healthy, stale, stalled, missing, invalid, restarting, operator_stopped, …
    QString reason;                 // one line in words
    QString unit;                   // the systemd unit watched
    qint64 restartsInWindow = 0;
    qint64 restartsTotal = 0;
    qint64 rebootsLast24h = 0;
    qint64 rebootsTotal = 0;
    bool degraded = false;
    bool configError = false;       // 1.1: the unit failed with exit status 78; no restart, no reboot
    bool dryRun = false;
    QJsonObject extra;              // fields of a newer minor version

    QJsonObject toJson() const;
    static QString fromJson(const QJsonObject &object, WatchdogStatus *out, bool *newerSchema = nullptr);

    // Writes atomically (mode 0644), stamping schema version, time and pid.
    QString write(const QString &path) const;

    struct ReadResult;
    // Refuses (UntrustedOwner) a file not owned by the watchdog's user (ServiceAccounts), root or
    // the reading process's user.
    static ReadResult read(const QString &path);
};

struct WatchdogStatus::ReadResult {
    JsonFileReader::Status status = JsonFileReader::Status::Missing;
    QString reason; // one line, empty when Ok
    WatchdogStatus document;
    bool ok() const { return status == JsonFileReader::Status::Ok; }
};
