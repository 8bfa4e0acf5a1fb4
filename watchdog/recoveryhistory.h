// SPDX-License-Identifier: MIT
// The watchdog's memory of restarts and reboot requests, kept in the state dir across restarts.
#pragma once

#include "clockreading.h"

#include <QJsonObject>
#include <QList>
#include <QString>

// Reentrant value type. Written atomically to <state_dir>/watchdog-history.json after every change,
// so that restarting the watchdog does not reset the restart window and reboot loops stay bounded
// across boots. Bounded: only the newest kMaxRestarts and kMaxReboots entries are kept; the totals
// are counters of their own.
struct RecoveryHistory {
    static constexpr int kSchemaMajor = 1;
    static constexpr int kSchemaMinor = 0;
    static constexpr int kMaxRestarts = 100;
    static constexpr int kMaxReboots = 50;
    static constexpr qint64 kMaxFileBytes = 256 * 1024;

    struct Entry {
        ClockReading when;
        QString reason;
    };

    QList<Entry> restarts; // oldest first
    QList<Entry> reboots;  // reboot requests, oldest first
    qint64 restartsTotal = 0;
    qint64 rebootsTotal = 0;

    void addRestart(const ClockReading &when, const QString &reason);
    void addReboot(const ClockReading &when, const QString &reason);

    // Restarts younger than `windowSeconds` and younger than the last reboot request: a reboot
    // starts level 2 afresh.
    int restartsInWindow(const ClockReading &now, double windowSeconds) const;
    // Reboot requests younger than `seconds`. An entry dated in the future (a clock that went back
    // across a boot) counts: the cap errs on the side of fewer reboots.
    int rebootsWithin(const ClockReading &now, double seconds) const;

    QJsonObject toJson() const;
    static QString fromJson(const QJsonObject &object, RecoveryHistory *out);

    // Missing file: empty history and no error. Otherwise an empty string or the reason.
    static QString load(const QString &path, RecoveryHistory *out);
    QString save(const QString &path) const;
};
