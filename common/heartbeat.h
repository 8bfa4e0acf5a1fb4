// SPDX-License-Identifier: MIT
// The heartbeat document: the recorder's state, written every second, read by everyone else.
#pragma once

#include "clockreading.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cmath>
#include <limits>

// Reentrant value type. docs/heartbeat.md is the contract; field names are public.
struct Heartbeat {
    // "MAJOR.MINOR". Readers refuse a newer MAJOR; a newer MINOR only adds fields.
    static constexpr int kSchemaMajor = 1;
    static constexpr int kSchemaMinor = 2;

    // Recorder states (docs/heartbeat.md). Adding one is a major schema change.
    static const QStringList &states();

    // Written by HeartbeatWriter.
    QString schemaVersion;
    ClockReading written;       // timestamp, boot_id, boottime_seconds
    qint64 sequence = 0;        // +1 on every write since the process started
    double intervalSeconds = 0; // how often the writer means to rewrite the file
    qint64 pid = 0;

    // Filled by the recorder.
    QString state = QStringLiteral("booting");
    QString stateReason;        // 1.1: why the recorder is in `state`, one line
    double uptimeSeconds = 0;
    QString version;
    bool recordingActive = false;
    QString currentFile;
    double sessionElapsedSeconds = std::numeric_limits<double>::quiet_NaN();   // null outside a session
    double sessionRemainingSeconds = std::numeric_limits<double>::quiet_NaN(); // null outside a session
    QString warning;
    qint64 framesCaptured = 0;
    qint64 framesDropped = 0;
    double fps = 0;
    qint64 bytesWritten = 0;
    qint64 diskFreeBytes = 0;
    qint64 diskTotalBytes = 0;
    qint64 errorCount = 0;
    QString lastError;
    qint64 restartCount = 0;
    QString camera;
    QString encoder;
    QString catalog = QStringLiteral("ok"); // 1.1: "ok" or "degraded" (rows wait; recording goes on)
    QString catalogError;                   // 1.1: why the catalog is degraded; empty when ok
    QString gpio = QStringLiteral("off");   // 1.2: button and LEDs: "off", "ok" or "unavailable"
    QString gpioError;                      // 1.2: why GPIO is unavailable; empty otherwise
    QString audio = QStringLiteral("off");  // 1.2: "off" ([audio] source=none), "ok" or "missing"
    double audioLevelDbfs = std::numeric_limits<double>::quiet_NaN(); // 1.2: peak over the last second; null when off
    qint64 audioFramesDropped = 0;          // 1.2: AAC frames (1024 samples) of sound lost

    // Fields written by a newer minor version, kept so tools can still show them.
    QJsonObject extra;

    QJsonObject toJson() const;
    // Returns an empty string and fills `out`, or the reason the object is not a heartbeat.
    // `newerSchema` is set when the only problem is a newer major version.
    static QString fromJson(const QJsonObject &object, Heartbeat *out, bool *newerSchema = nullptr);
};
