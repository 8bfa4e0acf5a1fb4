// SPDX-License-Identifier: MIT
// One service of the systemd test double: runs its ExecStart and applies Restart=, RestartSec=,
// RestartPreventExitStatus=, WatchdogSec= and the start limit, with times scaled down.
#include "fakeunit.h"

#include <QLoggingCategory>
#include <QProcessEnvironment>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>
#include <cmath>

Q_DECLARE_LOGGING_CATEGORY(lcDouble)

namespace {
constexpr double kTimeoutStopSeconds = 90; // systemd's default TimeoutStopSec=
// si_code values of waitid(2), which systemd shows as ExecMainCode.
constexpr int kCodeExited = 1; // CLD_EXITED
constexpr int kCodeKilled = 2; // CLD_KILLED
}

FakeUnit::FakeUnit(const UnitFile &file, const Options &options, QObject *parent)
    : QObject(parent)
    , m_file(file)
    , m_options(options)
{
    m_process.setProcessChannelMode(QProcess::ForwardedChannels);
    // Each service gets its own process group, the double's stand-in for a unit's cgroup. A double
    // that dies (a test timing out) must not leave services running: they get SIGTERM.
    m_process.setChildProcessModifier([] {
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    });
    m_restartTimer.setSingleShot(true);
    m_watchdogTimer.setSingleShot(true);
    m_stopTimer.setSingleShot(true);
    connect(&m_process, &QProcess::finished, this, &FakeUnit::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            qCWarning(lcDouble, "%s: cannot run %s: %s", qPrintable(id()), qPrintable(m_process.program()),
                      qPrintable(m_process.errorString()));
            onFinished(203, QProcess::NormalExit); // systemd's status for a failed exec
        }
    });
    connect(&m_restartTimer, &QTimer::timeout, this, [this] {
        ++m_restarts;
        launch();
    });
    connect(&m_watchdogTimer, &QTimer::timeout, this, &FakeUnit::onWatchdogTimeout);
    connect(&m_stopTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcDouble, "%s: stop timed out; killing", qPrintable(id()));
        signalGroup(SIGKILL);
    });
    connect(&m_notify, &NotifySocket::received, this, &FakeUnit::onNotify);
}

QString FakeUnit::prepare()
{
    return m_notify.bind(m_options.notifySocketPath);
}

QString FakeUnit::activeState() const
{
    switch (m_state) {
    case State::Inactive:
        return QStringLiteral("inactive");
    case State::Activating:
    case State::AutoRestart:
        return QStringLiteral("activating");
    case State::Active:
        return QStringLiteral("active");
    case State::Deactivating:
        return QStringLiteral("deactivating");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

QString FakeUnit::subState() const
{
    switch (m_state) {
    case State::Inactive:
        return QStringLiteral("dead");
    case State::Activating:
        return QStringLiteral("start");
    case State::AutoRestart:
        return QStringLiteral("auto-restart");
    case State::Active:
        return QStringLiteral("running");
    case State::Deactivating:
        return QStringLiteral("stop-sigterm");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

uint FakeUnit::mainPid() const
{
    return m_process.state() == QProcess::NotRunning ? 0u : static_cast<uint>(m_process.processId());
}

int FakeUnit::scaledMilliseconds(double seconds) const
{
    return static_cast<int>(std::lround(seconds * m_options.timeScale * 1000));
}

void FakeUnit::setState(State state)
{
    if (state == m_state)
        return;
    const QString before = activeState();
    m_state = state;
    qCInfo(lcDouble, "%s: %s (%s)", qPrintable(id()), qPrintable(activeState()), qPrintable(subState()));
    if (activeState() != before)
        emit activeStateChanged(activeState());
    settleJobs();
}

void FakeUnit::addJob(uint id, const QString &path, JobType type)
{
    m_jobs.append({id, path, type});
}

void FakeUnit::settleJobs()
{
    // A restart passes through inactive on its way up: not an end for its job.
    if (m_restartAfterStop)
        return;
    const bool up = m_state == State::Active;
    const bool down = m_state == State::Failed || m_state == State::Inactive;
    for (auto it = m_jobs.begin(); it != m_jobs.end();) {
        QString result;
        if (it->type == JobType::Start && (up || down))
            result = up ? QStringLiteral("done") : QStringLiteral("failed");
        else if (it->type == JobType::Stop && down)
            result = QStringLiteral("done");
        if (result.isEmpty()) {
            ++it;
            continue;
        }
        qCInfo(lcDouble, "%s: job %u %s", qPrintable(id()), it->id, qPrintable(result));
        // Queued: the job's method call has its reply on the bus first, as with systemd.
        QMetaObject::invokeMethod(this, [this, job = *it, result] { emit jobRemoved(job.id, job.path, id(), result); },
                                  Qt::QueuedConnection);
        it = m_jobs.erase(it);
    }
}

bool FakeUnit::startLimitHit()
{
    m_recentStarts.removeIf([](const QDeadlineTimer &start) { return start.hasExpired(); });
    if (m_file.startLimitBurst() > 0 && m_recentStarts.size() >= m_file.startLimitBurst())
        return true;
    m_recentStarts.append(QDeadlineTimer(scaledMilliseconds(m_file.startLimitIntervalSeconds())));
    return false;
}

void FakeUnit::launch()
{
    if (startLimitHit()) {
        qCWarning(lcDouble, "%s: Start request repeated too quickly.", qPrintable(id()));
        m_result = QStringLiteral("start-limit-hit");
        setState(State::Failed);
        settleJobs(); // already failed: setState did not get that far
        return;
    }
    QStringList arguments = m_file.execStart().mid(1) + m_options.extraArguments;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("NOTIFY_SOCKET"), m_notify.path());
    m_process.setProcessEnvironment(environment);
    m_process.setProgram(m_options.root + m_file.execStart().constFirst());
    m_process.setArguments(arguments);
    m_stopRequested = false;
    m_watchdogFired = false;
    m_result = QStringLiteral("success");
    // A new main process starts with a clean exit status, as systemd's exec_status_start().
    m_execMainCode = 0;
    m_execMainStatus = 0;
    setState(m_file.notifyType() ? State::Activating : State::Active);
    m_process.start();
    if (m_process.waitForStarted(5000)) {
        m_processGroup = static_cast<pid_t>(m_process.processId());
        qCInfo(lcDouble, "%s: started %s, pid %lld", qPrintable(id()), qPrintable(m_process.program()),
               m_process.processId());
    }
    if (!m_file.notifyType() && m_file.watchdogSeconds() > 0)
        m_watchdogTimer.start(scaledMilliseconds(m_file.watchdogSeconds()));
}

void FakeUnit::start()
{
    if (m_state == State::Active || m_state == State::Activating || m_state == State::Deactivating)
        return;
    m_restartTimer.stop();
    launch();
}

void FakeUnit::stop()
{
    m_restartTimer.stop();
    m_watchdogTimer.stop();
    if (m_process.state() == QProcess::NotRunning) {
        setState(State::Inactive);
        return;
    }
    m_stopRequested = true;
    setState(State::Deactivating);
    signalGroup(SIGTERM);
    m_stopTimer.start(scaledMilliseconds(kTimeoutStopSeconds));
}

void FakeUnit::restart()
{
    if (m_process.state() == QProcess::NotRunning) {
        m_restartTimer.stop();
        launch();
        return;
    }
    m_restartAfterStop = true;
    stop();
}

void FakeUnit::resetFailed()
{
    m_recentStarts.clear();
    if (m_state == State::Failed) {
        m_result = QStringLiteral("success");
        setState(State::Inactive);
    }
}

bool FakeUnit::waitForStopped(int milliseconds)
{
    m_restartTimer.stop();
    return m_process.state() == QProcess::NotRunning || m_process.waitForFinished(milliseconds);
}

void FakeUnit::onNotify(const QStringList &assignments)
{
    for (const QString &assignment : assignments) {
        if (assignment == QLatin1String("READY=1") && m_state == State::Activating) {
            setState(State::Active);
            if (m_file.watchdogSeconds() > 0)
                m_watchdogTimer.start(scaledMilliseconds(m_file.watchdogSeconds()));
        } else if (assignment == QLatin1String("WATCHDOG=1") && m_watchdogTimer.isActive()) {
            m_watchdogTimer.start(scaledMilliseconds(m_file.watchdogSeconds()));
        } else if (assignment == QLatin1String("WATCHDOG=trigger")) {
            onWatchdogTimeout();
        }
    }
}

void FakeUnit::onWatchdogTimeout()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    qCWarning(lcDouble, "%s: Watchdog timeout! Killing process %lld with signal SIGABRT.", qPrintable(id()),
              m_process.processId());
    m_watchdogFired = true;
    const auto pid = static_cast<pid_t>(m_process.processId());
    ::kill(pid, SIGABRT);
    ::kill(pid, SIGCONT);
}

void FakeUnit::signalGroup(int signal)
{
    if (m_processGroup <= 0)
        return;
    ::kill(-m_processGroup, signal);
    if (signal != SIGKILL)
        ::kill(-m_processGroup, SIGCONT); // as systemd does: stopped processes must see it too
}

void FakeUnit::onFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    // What the main process leaves behind goes with it, as KillMode=control-group does.
    signalGroup(SIGTERM);
    m_processGroup = 0;
    m_stopTimer.stop();
    m_watchdogTimer.stop();
    const bool crashed = exitStatus == QProcess::CrashExit;
    // QProcess gives the signal number as exitCode after a crash.
    m_execMainCode = crashed ? kCodeKilled : kCodeExited;
    m_execMainStatus = exitCode;
    qCInfo(lcDouble, "%s: main process exited, %s", qPrintable(id()),
           crashed ? "killed by a signal" : qPrintable(QStringLiteral("status %1").arg(exitCode)));

    if (m_stopRequested) {
        m_stopRequested = false;
        setState(State::Inactive);
        if (m_restartAfterStop) {
            m_restartAfterStop = false;
            launch();
        }
        return;
    }

    const bool failed = crashed || exitCode != 0 || m_watchdogFired;
    m_result = m_watchdogFired ? QStringLiteral("watchdog")
               : crashed       ? QStringLiteral("signal")
               : exitCode != 0 ? QStringLiteral("exit-code")
                               : QStringLiteral("success");
    const bool prevented = !crashed && m_file.restartPreventExitStatus().contains(exitCode);
    const bool restart = !prevented
        && (m_file.restart() == UnitFile::Restart::Always
            || (m_file.restart() == UnitFile::Restart::OnFailure && failed));
    if (restart) {
        setState(State::AutoRestart);
        m_restartTimer.start(scaledMilliseconds(m_file.restartSeconds()));
        return;
    }
    setState(failed ? State::Failed : State::Inactive);
}
