// SPDX-License-Identifier: MIT
// Reads the heartbeat file: the document, or the reason it cannot be trusted.
#pragma once

#include "heartbeat.h"
#include "jsonfilereader.h"

// Reentrant.
class HeartbeatReader
{
public:
    struct Result {
        JsonFileReader::Status status = JsonFileReader::Status::Missing;
        QString reason;     // one line, empty when Ok
        Heartbeat heartbeat; // valid when Ok
        bool ok() const { return status == JsonFileReader::Status::Ok; }
    };

    // Refuses (UntrustedOwner) a file not owned by the recorder's user (ServiceAccounts), root or
    // the reading process's user.
    static Result read(const QString &path);
    // Age of a heartbeat at `now`: CLOCK_BOOTTIME on the same boot, the wall clock otherwise.
    static double ageSeconds(const Heartbeat &heartbeat, const ClockReading &now = ClockReading::now());
};
