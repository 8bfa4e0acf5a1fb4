// SPDX-License-Identifier: MIT
// Reads the heartbeat file: the document, or the reason it cannot be trusted.
#include "heartbeatreader.h"

HeartbeatReader::Result HeartbeatReader::read(const QString &path)
{
    Result result;
    const JsonFileReader::Result file = JsonFileReader::readDocument(
        path, [&](const QJsonObject &object, bool *newer) { return Heartbeat::fromJson(object, &result.heartbeat, newer); });
    result.status = file.status;
    result.reason = file.reason;
    return result;
}

double HeartbeatReader::ageSeconds(const Heartbeat &heartbeat, const ClockReading &now)
{
    return now.secondsSince(heartbeat.written);
}
