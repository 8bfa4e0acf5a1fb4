// SPDX-License-Identifier: MIT
// Reads recorder-offload's status file, status.json (docs/offload.md, "The status file").
#pragma once

#include "jsonfilereader.h"

#include <QDateTime>
#include <QString>

#include <cmath>

// Reentrant. The exporter and the dashboard read the file recorder-offload writes; only the
// fields they show are parsed, the others are left to whoever needs them.
class OffloadStatusReader
{
public:
    // The status file's "version" this build understands; a larger one is newer_schema.
    static constexpr int kVersion = 1;

    struct LastUpload {
        QString path;
        QString remotePath;
        QDateTime time; // UTC
        double bytes = 0;
        double seconds = 0;
    };

    struct Status {
        QDateTime time; // when the file was written (UTC)
        QString state;
        QString remote;
        bool internetConnected = false;
        double uploadsSucceeded = 0;
        double uploadsFailed = 0;
        double bytesUploaded = 0;
        double successRate = std::nan(""); // NaN while the file says null: no attempt yet
        double recentAttempts = 0;
        bool hasLastUpload = false;
        LastUpload lastUpload;
        QString lastError;
    };

    struct Result {
        JsonFileReader::Status status = JsonFileReader::Status::Missing;
        QString reason; // one line, empty when ok
        Status document;
        bool ok() const { return status == JsonFileReader::Status::Ok; }
    };

    // Reads `path`, which must be owned by recorder-offload, root or this process's user.
    static Result read(const QString &path);
    // Parses an object as read from the file: an empty string or why it is not a status.
    static QString fromJson(const QJsonObject &object, Status *out, bool *newerSchema = nullptr);
};
