// SPDX-License-Identifier: MIT
// A private dbus-daemon for tests, standing in for the system bus.
#pragma once

#include <QProcess>
#include <QString>

// Thread-bound (the test's main thread). Starts `dbus-daemon --session` on a socket of its own and
// points DBUS_SYSTEM_BUS_ADDRESS (and DBUS_SESSION_BUS_ADDRESS) at it, so that
// QDBusConnection::systemBus() in this process and every child process started afterwards talks
// to it. Start it before the first use of QDBusConnection::systemBus(): Qt caches that connection.
class PrivateBus
{
public:
    PrivateBus() = default;
    ~PrivateBus();
    PrivateBus(const PrivateBus &) = delete;
    PrivateBus &operator=(const PrivateBus &) = delete;

    // Returns an empty string or the reason the daemon did not start.
    QString start();
    QString address() const { return m_address; }

private:
    QProcess m_daemon;
    QString m_address;
};
