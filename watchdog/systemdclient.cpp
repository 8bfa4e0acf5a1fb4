// SPDX-License-Identifier: MIT
// Talks to systemd and logind for the watchdog: unit state, RestartUnit and its job, ResetFailedUnit, Reboot.
#include "systemdclient.h"

#include "login1manager.h"
#include "systemdbus.h"
#include "systemd1manager.h"

#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#include <QProcess>

#include <algorithm>
#include <limits>
#include <utility>

namespace {

const QString kLogindService = QStringLiteral("org.freedesktop.login1");
const QString kLogindPath = QStringLiteral("/org/freedesktop/login1");
// systemd answers in milliseconds; a bus stuck for this long counts as an error (retried later).
constexpr int kCallTimeoutMs = 15000;
// systemd's "infinity" for a timeout property.
constexpr quint64 kInfinityUSec = std::numeric_limits<quint64>::max();
// A day: beyond any sane unit timeout, and within QTimer's int milliseconds.
constexpr qint64 kJobWaitCapMs = 24LL * 60 * 60 * 1000;
const QString kJobDone = QStringLiteral("done");

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
      m_manager(std::make_unique<OrgFreedesktopSystemd1ManagerInterface>(SystemdBus::service(), SystemdBus::managerPath(), bus)),
      m_logind(std::make_unique<OrgFreedesktopLogin1ManagerInterface>(kLogindService, kLogindPath, bus))
{
    m_manager->setTimeout(kCallTimeoutMs);
    m_logind->setTimeout(kCallTimeoutMs);
    // Connected before any RestartUnit, so the match rule is on the bus before the job can end.
    if (bus.isConnected()
        && !m_bus.connect(SystemdBus::service(), SystemdBus::managerPath(), SystemdBus::managerInterface(),
                          QStringLiteral("JobRemoved"), this, SLOT(onJobRemoved(QDBusMessage))))
        qWarning("Cannot listen for systemd's JobRemoved: restarts will be judged after the unit's stop and "
                 "start timeouts");
    m_jobTimer.setSingleShot(true);
    connect(&m_jobTimer, &QTimer::timeout, this, [this] {
        // systemd ends every job within the unit's own timeouts, so the JobRemoved was missed (a bus
        // reconnect): call it a timeout and let the policy judge the unit as it finds it.
        const PendingJob job = std::exchange(m_job, {});
        if (!job.done)
            return;
        CallResult r;
        r.jobResult = QStringLiteral("timeout");
        r.message = QStringLiteral("%1job %2 sent no JobRemoved within %3 s (the unit's TimeoutStopSec + "
                                   "TimeoutStartSec + %4 s, %5 s when unknown): taken as ended with result timeout")
                        .arg(job.steps, job.path)
                        .arg(m_jobWaitMs / 1000.0)
                        .arg(m_jobMarginMs / 1000.0)
                        .arg(kJobFallbackMs / 1000);
        job.done(r);
    });
}

SystemdClient::~SystemdClient() = default;

bool SystemdClient::busUnreachable(const QString &errorName)
{
    return errorName == QLatin1String("org.freedesktop.DBus.Error.NoServer")
        || errorName == QLatin1String("org.freedesktop.DBus.Error.Disconnected");
}

qint64 SystemdClient::jobWaitMs(quint64 timeoutStartUSec, quint64 timeoutStopUSec, qint64 marginMs)
{
    const auto known = [](quint64 usec) { return usec > 0 && usec != kInfinityUSec; };
    if (!known(timeoutStartUSec) || !known(timeoutStopUSec))
        return kJobFallbackMs;
    const quint64 capUSec = static_cast<quint64>(kJobWaitCapMs) * 1000;
    const quint64 sumUSec = std::min(timeoutStartUSec, capUSec) + std::min(timeoutStopUSec, capUSec);
    return std::min(kJobWaitCapMs, static_cast<qint64>(sumUSec / 1000) + marginMs);
}

void SystemdClient::queryUnit(StateCallback done)
{
    if (!m_bus.isConnected()) {
        done({}, errorResult(m_bus.lastError()));
        return;
    }
    auto readProperties = [this, done]() {
        getAll(SystemdBus::unitInterface(), [this, done](const QVariantMap &unit, const CallResult &r) {
            if (!r.ok) {
                done({}, r);
                return;
            }
            WatchdogPolicy::UnitState s;
            s.known = true;
            s.activeState = unit.value(QStringLiteral("ActiveState")).toString();
            s.subState = unit.value(QStringLiteral("SubState")).toString();
            s.loadState = unit.value(QStringLiteral("LoadState")).toString();
            getAll(SystemdBus::serviceInterface(), [this, done, s](const QVariantMap &service,
                                                                    const CallResult &r2) mutable {
                if (r2.ok) {
                    m_timeoutStartUSec = service.value(QStringLiteral("TimeoutStartUSec")).toULongLong();
                    m_timeoutStopUSec = service.value(QStringLiteral("TimeoutStopUSec")).toULongLong();
                    s.mainPid = service.value(QStringLiteral("MainPID")).toLongLong();
                    s.result = service.value(QStringLiteral("Result")).toString();
                    s.execMainCode = service.value(QStringLiteral("ExecMainCode")).toInt();
                    s.execMainStatus = service.value(QStringLiteral("ExecMainStatus")).toInt();
                }
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

void SystemdClient::getAll(const QString &interface, std::function<void(const QVariantMap &, const CallResult &)> done)
{
    QDBusMessage message = QDBusMessage::createMethodCall(SystemdBus::service(), m_unitPath,
                                                          QStringLiteral("org.freedesktop.DBus.Properties"),
                                                          QStringLiteral("GetAll"));
    message << interface;
    whenFinished(m_bus.asyncCall(message, kCallTimeoutMs), this, [this, done](QDBusPendingCallWatcher *w) {
        QDBusPendingReply<QVariantMap> reply = *w;
        if (reply.isError()) {
            m_unitPath.clear(); // the unit object may have gone (unit unloaded): look it up again next time
            done({}, errorResult(reply.error()));
            return;
        }
        CallResult ok;
        ok.ok = true;
        done(reply.value(), ok);
    });
}

void SystemdClient::restartUnit(bool resetFailedFirst, ResultCallback done)
{
    if (!m_bus.isConnected()) {
        restartWithSystemctl(resetFailedFirst, std::move(done));
        return;
    }
    if (!resetFailedFirst) {
        callRestartUnit(QString(), std::move(done));
        return;
    }
    whenFinished(m_manager->ResetFailedUnit(m_unit), this, [this, done](QDBusPendingCallWatcher *w) {
        QDBusPendingReply<> reply = *w;
        if (reply.isError()) {
            if (busUnreachable(reply.error().name())) {
                restartWithSystemctl(true, done);
                return;
            }
            CallResult r = errorResult(reply.error());
            r.message = QStringLiteral("ResetFailedUnit: ") + r.message;
            done(r);
            return;
        }
        callRestartUnit(QStringLiteral("ResetFailedUnit, then "), done);
    });
}

void SystemdClient::callRestartUnit(const QString &steps, ResultCallback done)
{
    m_earlyResults.clear();
    m_awaitingJobPath = true;
    whenFinished(m_manager->RestartUnit(m_unit, QStringLiteral("replace")), this,
                 [this, steps, done](QDBusPendingCallWatcher *w) {
                     m_awaitingJobPath = false;
                     QDBusPendingReply<QDBusObjectPath> reply = *w;
                     if (reply.isError()) {
                         if (busUnreachable(reply.error().name())) {
                             restartWithSystemctl(false, done);
                             return;
                         }
                         done(errorResult(reply.error()));
                         return;
                     }
                     const PendingJob job{reply.value().path(), steps, done};
                     const QString early = m_earlyResults.take(job.path);
                     m_earlyResults.clear();
                     if (!early.isEmpty()) {
                         finishJob(job, early);
                         return;
                     }
                     m_job = job;
                     m_jobWaitMs = jobWaitMs(m_timeoutStartUSec, m_timeoutStopUSec, m_jobMarginMs);
                     m_jobTimer.start(static_cast<int>(m_jobWaitMs));
                 });
}

void SystemdClient::onJobRemoved(const QDBusMessage &signal)
{
    // JobRemoved(u id, o job, s unit, s result)
    const QList<QVariant> arguments = signal.arguments();
    if (arguments.size() != 4 || arguments.at(2).toString() != m_unit)
        return;
    const QDBusObjectPath job = arguments.at(1).value<QDBusObjectPath>();
    const QString result = arguments.at(3).toString();
    if (!m_job.path.isEmpty() && job.path() == m_job.path) {
        m_jobTimer.stop();
        finishJob(std::exchange(m_job, {}), result);
        return;
    }
    // systemd sends the reply before it runs the job, but a reply and a signal can still reach
    // us in either order; only kept while a RestartUnit reply is outstanding, so it stays small.
    if (m_awaitingJobPath)
        m_earlyResults.insert(job.path(), result);
}

void SystemdClient::finishJob(const PendingJob &job, const QString &result)
{
    if (!job.done)
        return;
    CallResult r;
    r.ok = result == kJobDone;
    r.jobResult = result;
    r.message = QStringLiteral("%1job %2 ended with result %3").arg(job.steps, job.path, result);
    job.done(r);
}

void SystemdClient::restartWithSystemctl(bool resetFailedFirst, ResultCallback done)
{
    const QStringList restart{QStringLiteral("restart"), m_unit};
    if (!resetFailedFirst) {
        runSystemctl(restart, std::move(done));
        return;
    }
    runSystemctl({QStringLiteral("reset-failed"), m_unit}, [this, restart, done](const CallResult &r) {
        if (!r.ok) {
            done(r);
            return;
        }
        runSystemctl(restart, done);
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
