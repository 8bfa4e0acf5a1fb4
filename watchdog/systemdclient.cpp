// SPDX-License-Identifier: MIT
// Talks to systemd and logind for the watchdog: unit state, RestartUnit, Reboot.
#include "systemdclient.h"

#include "login1manager.h"
#include "systemd1manager.h"

#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#include <QProcess>

namespace {

const QString kSystemdService = QStringLiteral("org.freedesktop.systemd1");
const QString kSystemdPath = QStringLiteral("/org/freedesktop/systemd1");
const QString kLogindService = QStringLiteral("org.freedesktop.login1");
const QString kLogindPath = QStringLiteral("/org/freedesktop/login1");
// systemd answers in milliseconds; a bus stuck for this long counts as an error (retried later).
constexpr int kCallTimeoutMs = 15000;

CallResult errorResult(const QDBusError &error)
{
    CallResult r;
    r.errorName = error.name().isEmpty() ? QStringLiteral("org.freedesktop.DBus.Error.Failed") : error.name();
    r.message = error.message();
    return r;
}

// Runs `done` when `call` finishes, with the watcher deleted afterwards.
void whenFinished(const QDBusPendingCall &call, QObject *context, std::function<void(QDBusPendingCallWatcher *)> done)
{
    auto *watcher = new QDBusPendingCallWatcher(call, context);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context, [watcher, done = std::move(done)] {
        done(watcher);
        watcher->deleteLater();
    });
}

} // namespace

SystemdClient::SystemdClient(const QDBusConnection &bus, const QString &unit, QObject *parent)
    : QObject(parent), m_bus(bus), m_unit(unit),
      m_manager(std::make_unique<OrgFreedesktopSystemd1ManagerInterface>(kSystemdService, kSystemdPath, bus)),
      m_logind(std::make_unique<OrgFreedesktopLogin1ManagerInterface>(kLogindService, kLogindPath, bus))
{
    m_manager->setTimeout(kCallTimeoutMs);
    m_logind->setTimeout(kCallTimeoutMs);
}

SystemdClient::~SystemdClient() = default;

bool SystemdClient::busUnreachable(const QString &errorName)
{
    return errorName == QLatin1String("org.freedesktop.DBus.Error.NoServer")
        || errorName == QLatin1String("org.freedesktop.DBus.Error.Disconnected");
}

void SystemdClient::queryUnit(StateCallback done)
{
    if (!m_bus.isConnected()) {
        done({}, errorResult(m_bus.lastError()));
        return;
    }
    auto readProperties = [this, done]() {
        getProperty(QStringLiteral("org.freedesktop.systemd1.Unit"), QStringLiteral("ActiveState"),
                    [this, done](const QVariant &state, const CallResult &r) {
                        if (!r.ok) {
                            done({}, r);
                            return;
                        }
                        WatchdogPolicy::UnitState s;
                        s.known = true;
                        s.activeState = state.toString();
                        if (s.activeState == QLatin1String("inactive")) {
                            // Stopped, or never there: only LoadState tells a wrong unit name.
                            getProperty(QStringLiteral("org.freedesktop.systemd1.Unit"), QStringLiteral("LoadState"),
                                        [done, s](const QVariant &load, const CallResult &r2) mutable {
                                            s.loadState = load.toString();
                                            done(s, r2);
                                        });
                            return;
                        }
                        getProperty(QStringLiteral("org.freedesktop.systemd1.Service"), QStringLiteral("MainPID"),
                                    [done, s](const QVariant &pid, const CallResult &r2) mutable {
                                        s.mainPid = r2.ok ? pid.toLongLong() : 0;
                                        done(s, r2);
                                    });
                    });
    };
    if (!m_unitPath.isEmpty()) {
        readProperties();
        return;
    }
    whenFinished(m_manager->LoadUnit(m_unit), this, [this, done, readProperties](QDBusPendingCallWatcher *w) {
        QDBusPendingReply<QDBusObjectPath> reply = *w;
        if (reply.isError()) {
            done({}, errorResult(reply.error()));
            return;
        }
        m_unitPath = reply.value().path();
        readProperties();
    });
}

void SystemdClient::getProperty(const QString &interface, const QString &name,
                                std::function<void(const QVariant &, const CallResult &)> done)
{
    QDBusMessage message = QDBusMessage::createMethodCall(kSystemdService, m_unitPath,
                                                          QStringLiteral("org.freedesktop.DBus.Properties"),
                                                          QStringLiteral("Get"));
    message << interface << name;
    whenFinished(m_bus.asyncCall(message, kCallTimeoutMs), this, [this, done](QDBusPendingCallWatcher *w) {
        QDBusPendingReply<QDBusVariant> reply = *w;
        if (reply.isError()) {
            m_unitPath.clear(); // the unit object may have gone (unit unloaded): look it up again next time
            done({}, errorResult(reply.error()));
            return;
        }
        CallResult ok;
        ok.ok = true;
        done(reply.value().variant(), ok);
    });
}

void SystemdClient::restartUnit(ResultCallback done)
{
    if (!m_bus.isConnected()) {
        runSystemctl({QStringLiteral("restart"), m_unit}, std::move(done));
        return;
    }
    whenFinished(m_manager->RestartUnit(m_unit, QStringLiteral("replace")), this,
                 [this, done](QDBusPendingCallWatcher *w) {
                     QDBusPendingReply<QDBusObjectPath> reply = *w;
                     if (reply.isError()) {
                         if (busUnreachable(reply.error().name())) {
                             runSystemctl({QStringLiteral("restart"), m_unit}, done);
                             return;
                         }
                         done(errorResult(reply.error()));
                         return;
                     }
                     CallResult r;
                     r.ok = true;
                     r.message = QStringLiteral("job ") + reply.value().path();
                     done(r);
                 });
}

void SystemdClient::reboot(ResultCallback done)
{
    if (!m_bus.isConnected()) {
        runSystemctl({QStringLiteral("reboot")}, std::move(done));
        return;
    }
    whenFinished(m_logind->Reboot(false), this, [this, done](QDBusPendingCallWatcher *w) {
        QDBusPendingReply<> reply = *w;
        if (reply.isError()) {
            if (busUnreachable(reply.error().name())) {
                runSystemctl({QStringLiteral("reboot")}, done);
                return;
            }
            done(errorResult(reply.error()));
            return;
        }
        CallResult r;
        r.ok = true;
        r.message = QStringLiteral("logind accepted the reboot");
        done(r);
    });
}

void SystemdClient::runSystemctl(const QStringList &arguments, ResultCallback done)
{
    auto *process = new QProcess(this);
    process->setProcessChannelMode(QProcess::MergedChannels);
    connect(process, &QProcess::finished, this, [process, arguments, done](int code, QProcess::ExitStatus status) {
        CallResult r;
        r.viaFallback = true;
        r.ok = status == QProcess::NormalExit && code == 0;
        const QString output = QString::fromLocal8Bit(process->readAll()).simplified().left(300);
        if (r.ok) {
            r.message = QStringLiteral("systemctl %1 exited 0").arg(arguments.join(QLatin1Char(' ')));
        } else {
            r.errorName = QStringLiteral("systemctl");
            r.message = QStringLiteral("systemctl %1 failed (exit %2): %3").arg(arguments.join(QLatin1Char(' '))).arg(code).arg(output);
        }
        process->deleteLater();
        done(r);
    });
    connect(process, &QProcess::errorOccurred, this, [process, done](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        CallResult r;
        r.viaFallback = true;
        r.errorName = QStringLiteral("systemctl");
        r.message = QStringLiteral("cannot run systemctl: ") + process->errorString();
        process->deleteLater();
        done(r);
    });
    process->start(QStringLiteral("systemctl"), arguments);
}
