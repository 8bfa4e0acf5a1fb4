// SPDX-License-Identifier: MIT
// systemd's names on the system bus, for every program that calls it (watchdog, dashboard).
#pragma once

#include <QString>

// Reentrant: constants. The calls themselves are in common/dbus/org.freedesktop.systemd1.Manager.xml;
// unit state is read with org.freedesktop.DBus.Properties.GetAll on the object LoadUnit returns.
namespace SystemdBus {
inline QString service() { return QStringLiteral("org.freedesktop.systemd1"); }
inline QString managerPath() { return QStringLiteral("/org/freedesktop/systemd1"); }
inline QString managerInterface() { return QStringLiteral("org.freedesktop.systemd1.Manager"); }
// ActiveState, SubState, LoadState, ActiveEnterTimestampMonotonic, …
inline QString unitInterface() { return QStringLiteral("org.freedesktop.systemd1.Unit"); }
// MainPID, Result, ExecMainCode, ExecMainStatus, TimeoutStartUSec, …
inline QString serviceInterface() { return QStringLiteral("org.freedesktop.systemd1.Service"); }
} // namespace SystemdBus
