// SPDX-License-Identifier: MIT
// Writes reboot_trigger.log: why the watchdog asked for a reboot, readable after the machine is back.
#pragma once

#include "recoveryhistory.h"

#include <QString>

// Reentrant. The file is written whole (temporary file, fsync, rename, fsync of the directory)
// before the reboot is requested, so the explanation survives the reboot. Earlier triggers are
// kept, up to kKeepBytes, newest last.
class RebootTrigger
{
public:
    static constexpr qint64 kKeepBytes = 64 * 1024;
    // Like every log: the history names units and errors, not for others (docs/security.md).
    static constexpr int kMode = 0640;

    // Returns an empty string or the reason the file could not be written. A symbolic link (or a
    // non-regular file) at `path` is refused, naming it, and nothing is written.
    static QString write(const QString &path, const ClockReading &now, const QString &reason,
                         const RecoveryHistory &history, int maxRebootsPerDay);
    // The text of one trigger, for tests and the log.
    static QString describe(const ClockReading &now, const QString &reason, const RecoveryHistory &history,
                            int maxRebootsPerDay);
};
