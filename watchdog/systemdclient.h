// SPDX-License-Identifier: MIT
// Talks to systemd and logind for the watchdog: unit state, RestartUnit, Reboot.
#pragma once

#include "callresult.h"
#include "watchdogpolicy.h"

#include <QDBusConnection>
#include <QObject>

#include <functional>
#include <memory>

class OrgFreedesktopSystemd1ManagerInterface;
class OrgFreedesktopLogin1ManagerInterface;

// Thread-bound (main thread). Every call is asynchronous: the event loop keeps running while
// systemd or logind think. When the bus cannot be reached at all, restart and reboot fall back
// to `systemctl` run with an argument list (never a shell).
class SystemdClient : public QObject
{
    Q_OBJECT
public:
    using StateCallback = std::function<void(const WatchdogPolicy::UnitState &, const CallResult &)>;
    using ResultCallback = std::function<void(const CallResult &)>;

    SystemdClient(const QDBusConnection &bus, const QString &unit, QObject *parent = nullptr);
    ~SystemdClient() override;

    // ActiveState (org.freedesktop.systemd1.Unit) and MainPID (org.freedesktop.systemd1.Service);
    // LoadState instead of MainPID when the unit is inactive.
    void queryUnit(StateCallback done);
    // RestartUnit(unit, "replace").
    void restartUnit(ResultCallback done);
    // org.freedesktop.login1.Manager.Reboot(false).
    void reboot(ResultCallback done);

    static bool busUnreachable(const QString &errorName);

private:
    void getProperty(const QString &interface, const QString &name,
                     std::function<void(const QVariant &, const CallResult &)> done);
    void runSystemctl(const QStringList &arguments, ResultCallback done);

    QDBusConnection m_bus;
    QString m_unit;
    QString m_unitPath; // from LoadUnit, cached until a call on it fails
    std::unique_ptr<OrgFreedesktopSystemd1ManagerInterface> m_manager;
    std::unique_ptr<OrgFreedesktopLogin1ManagerInterface> m_logind;
};
