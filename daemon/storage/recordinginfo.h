// SPDX-License-Identifier: MIT
// What the pipeline knows about one recording file; the unit the catalog stores.
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

// Plain value type: copy it freely between threads.
struct RecordingInfo {
    QString path;                 // absolute
    QString sessionId;            // empty in continuous mode
    QDateTime start;              // UTC, first frame
    QDateTime end;                // UTC; invalid while recording
    double durationSeconds = 0;
    qint64 sizeBytes = 0;
    QString codec;                // "h264"
    int width = 0, height = 0;
    double fps = 0;
    qint64 frames = 0, framesDropped = 0;
    QString lastError;
};

Q_DECLARE_METATYPE(RecordingInfo)
