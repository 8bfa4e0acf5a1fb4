// SPDX-License-Identifier: MIT
// Talks to systemd and logind for the watchdog: unit state, RestartUnit and its job, ResetFailedUnit, Reboot.
#pragma once

#include "callresult.h"
#include "watchdogpolicy.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QHash>
#include <QObject>
#include <QTimer>

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

    // systemd's own bounds on a restart, added to TimeoutStopUSec + TimeoutStartUSec.
    static constexpr qint64 kJobMarginMs = 30 * 1000;
    // The wait when the unit's timeouts are unknown (not read yet, 0 or infinity).
    static constexpr qint64 kJobFallbackMs = 3 * 60 * 1000;

    // ActiveState, SubState, LoadState (org.freedesktop.systemd1.Unit) and MainPID, Result,
    // ExecMainCode, ExecMainStatus, TimeoutStartUSec, TimeoutStopUSec
    // (org.freedesktop.systemd1.Service), one GetAll each.
    void queryUnit(StateCallback done);
    // RestartUnit(unit, "replace"), after ResetFailedUnit(unit) when `resetFailedFirst`; `done`
    // runs when the job has ended (JobRemoved), with its result in CallResult::jobResult. Without
    // a JobRemoved (missed across a bus reconnect) it runs after jobWaitMs() with result "timeout".
    void restartUnit(bool resetFailedFirst, ResultCallback done);
    // org.freedesktop.login1.Manager.Reboot(false).
    void reboot(ResultCallback done);

    static bool busUnreachable(const QString &errorName);
    // How long a restart job may take: stop + start timeout + `marginMs`, or kJobFallbackMs when
    // either timeout is unknown.
    static qint64 jobWaitMs(quint64 timeoutStartUSec, quint64 timeoutStopUSec, qint64 marginMs = kJobMarginMs);
    // For tests: a shorter margin than kJobMarginMs.
    void setJobMarginMs(qint64 marginMs) { m_jobMarginMs = marginMs; }

private slots:
    // A slot taking the whole message: QDBusConnection::connect relays to it by name, and it
    // reads JobRemoved(u id, o job, s unit, s result) itself.
    void onJobRemoved(const QDBusMessage &signal);

private:
    struct PendingJob {
        QString path;
        QString steps; // what came before the job, for the log: "ResetFailedUnit, then "
        ResultCallback done;
    };

    void getAll(const QString &interface, std::function<void(const QVariantMap &, const CallResult &)> done);
    void callRestartUnit(const QString &steps, ResultCallback done);
    void finishJob(const PendingJob &job, const QString &result);
    void restartWithSystemctl(bool resetFailedFirst, ResultCallback done);
    void runSystemctl(const QStringList &arguments, ResultCallback done);

    QDBusConnection m_bus;
    QString m_unit;
    QString m_unitPath; // from LoadUnit, cached until a call on it fails
    PendingJob m_job;   // the restart job awaited; empty path when none
    QTimer m_jobTimer;  // bounds the wait for a JobRemoved that never comes
    qint64 m_jobWaitMs = 0; // the bound m_jobTimer was started with
    qint64 m_jobMarginMs = kJobMarginMs;
    quint64 m_timeoutStartUSec = 0; // from the last queryUnit; 0 while unknown
    quint64 m_timeoutStopUSec = 0;
    bool m_awaitingJobPath = false;
    QHash<QString, QString> m_earlyResults; // JobRemoved of our unit seen before RestartUnit's reply
    std::unique_ptr<OrgFreedesktopSystemd1ManagerInterface> m_manager;
    std::unique_ptr<OrgFreedesktopLogin1ManagerInterface> m_logind;
};
