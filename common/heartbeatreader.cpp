// SPDX-License-Identifier: MIT
// Reads the heartbeat file: the document, or the reason it cannot be trusted.
#include "heartbeatreader.h"

#include "serviceaccounts.h"
#include "trustedowners.h"

HeartbeatReader::Result HeartbeatReader::read(const QString &path)
{
    // Looked up once per process: the service users exist before the services start.
    static const TrustedOwners owners = TrustedOwners::writtenBy(ServiceAccounts::kRecorder);
    Result result;
    const JsonFileReader::Result file = JsonFileReader::readDocument(
        path, [&](const QJsonObject &object, bool *newer) { return Heartbeat::fromJson(object, &result.heartbeat, newer); },
        &owners);
    result.status = file.status;
    result.reason = file.reason;
    return result;
}

double HeartbeatReader::ageSeconds(const Heartbeat &heartbeat, const ClockReading &now)
{
    return now.secondsSince(heartbeat.written);
}
