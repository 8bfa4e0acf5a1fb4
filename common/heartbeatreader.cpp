// SPDX-License-Identifier: MIT
// Reads the heartbeat file: the document, or the reason it cannot be trusted.
#include "heartbeatreader.h"

HeartbeatReader::Result HeartbeatReader::read(const QString &path)
{
    Result result;
    const JsonFileReader::Result file = JsonFileReader::read(path);
    result.status = file.status;
    result.reason = file.reason;
    if (!file.ok())
        return result;

    bool newer = false;
    const QString error = Heartbeat::fromJson(file.object, &result.heartbeat, &newer);
    if (!error.isEmpty()) {
        result.status = newer ? JsonFileReader::Status::NewerSchema : JsonFileReader::Status::WrongType;
        result.reason = path + QStringLiteral(": ") + error;
    }
    return result;
}

double HeartbeatReader::ageSeconds(const Heartbeat &heartbeat, const ClockReading &now)
{
    return now.secondsSince(heartbeat.written);
}
