// SPDX-License-Identifier: MIT
// The outcome of one call to systemd or logind, as the watchdog logs it.
#pragma once

#include <QString>

// Reentrant value type.
struct CallResult {
    bool ok = false;
    QString errorName; // e.g. org.freedesktop.DBus.Error.AccessDenied; empty when ok
    QString message;   // the error's text, or what succeeded (a job path, "systemctl exited 0")
    bool viaFallback = false; // systemctl was used because the bus was unreachable
    // For a restart: the result its job ended with (JobRemoved: done, failed, timeout, canceled,
    // dependency, …); empty when no job ran (the call was refused, or systemctl was used).
    QString jobResult;

    QString describe() const { return errorName.isEmpty() ? message : errorName + QStringLiteral(": ") + message; }
};
