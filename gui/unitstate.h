// SPDX-License-Identifier: MIT
// One systemd unit's state as the Service page shows it: read over D-Bus, said in plain words.
#pragma once

#include <QCoreApplication>
#include <QString>

// Reentrant value type. Filled by UnitStateReader; text() and tone() are pure, so the wording is
// tested without a bus.
class UnitState
{
    Q_DECLARE_TR_FUNCTIONS(UnitState)
public:
    enum class Reach {
        NotRead,       // no answer yet
        Read,          // the properties below are systemd's
        NotInstalled,  // NoSuchUnit, or LoadState "not-found"
        Unreachable,   // no systemd on the bus (or no bus)
        Error,         // systemd answered with another error: `error` says which
    };
    // Colour and text always go together: the colour only repeats what the words say.
    enum class Tone { Neutral, Good, Busy, Bad };

    QString unit;
    Reach reach = Reach::NotRead;
    QString activeState;   // active, reloading, inactive, failed, activating, deactivating
    QString subState;      // running, auto-restart, exited, dead, …
    QString result;        // org.freedesktop.systemd1.Service: success, exit-code, signal, timeout, …
    int execMainCode = 0;  // CLD_EXITED (1), CLD_KILLED (2), CLD_DUMPED (3)
    int execMainStatus = 0;
    // Seconds since the unit last became active, when it is active; negative when unknown. From
    // ActiveEnterTimestampMonotonic and CLOCK_MONOTONIC at the time of reading, not from the
    // wall-clock stamp: a Pi's clock steps when NTP syncs.
    double activeForSeconds = -1;
    QString error; // the D-Bus error for Reach::Error

    // "active (running) for 3 h 12 min", "failed (exit 78: configuration error)", "restarting",
    // "inactive", "not installed", "systemd not reachable".
    QString text() const;
    Tone tone() const;
    // activating (auto-restart): systemd waits RestartSec before starting it again.
    bool restarting() const;

    // CLOCK_MONOTONIC in µs, the clock of systemd's *TimestampMonotonic properties.
    static quint64 nowMonotonicUSec();

private:
    QString failure() const;
};
