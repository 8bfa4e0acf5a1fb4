// SPDX-License-Identifier: MIT
// The watchdog's event loop: reads the heartbeat, asks the policy, acts, writes the status file.
#include "watchdog.h"

#include "callresult.h"
#include "config.h"
#include "heartbeatwatcher.h"
#include "paths.h"
#include "reboottrigger.h"
#include "systemdclient.h"
#include "watchdogstatus.h"

#include <QDBusError>
#include <QFile>

Q_LOGGING_CATEGORY(lcWatchdog, "recorder.watchdog")

namespace {

RecoveryHistory loadHistory(const QString &path)
{
    RecoveryHistory history;
    const QString error = RecoveryHistory::load(path, &history);
    if (!error.isEmpty()) {
        // Kept for a human to read; the next save would otherwise overwrite it.
        const QString kept = path + QStringLiteral(".corrupt");
        QFile::remove(kept);
        const bool moved = QFile::rename(path, kept);
        qCWarning(lcWatchdog).noquote() << "Ignoring the restart history:" << error
                                        << (moved ? "(kept as " + kept + "; starting with an empty one)"
                                                  : QStringLiteral("(starting with an empty one)"));
    }
    return history;
}

} // namespace

Watchdog::Options Watchdog::Options::fromConfig(const Config &config, bool dryRun)
{
    const Paths paths(config);
    Options o;
    o.unit = config.string(QStringLiteral("watchdog/unit"));
    o.heartbeatFile = paths.heartbeatFile();
    o.statusFile = paths.watchdogStatusFile();
    o.historyFile = paths.watchdogHistoryFile();
    o.rebootTriggerFile = paths.rebootTriggerFile();
    o.dryRun = dryRun;
    return o;
}

Watchdog::Watchdog(const Options &options, const WatchdogPolicy::Settings &settings, const QDBusConnection &bus,
                   QObject *parent)
    : QObject(parent), m_options(options), m_settings(settings),
      m_policy(settings, loadHistory(options.historyFile), &ClockReading::now),
      m_client(new SystemdClient(bus, options.unit, this))
{
    m_timer.setInterval(static_cast<int>(settings.checkInterval * 1000));
    // The default coarse timer may fire up to 5% late; a check interval is a promise to the reader.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Watchdog::check);
    if (!bus.isConnected())
        qCWarning(lcWatchdog).noquote() << "System bus unreachable (" + bus.lastError().message()
                + "): unit state unknown, restarts and reboots go through systemctl";
}

Watchdog::~Watchdog() = default;

void Watchdog::start()
{
    qCInfo(lcWatchdog).noquote() << QStringLiteral(
                                        "Watching %1 for %2: timeout %3s, check every %4s, stall after %5s, grace %6s, "
                                        "%7 restarts in %8s before a reboot, at most %9 reboots a day%10")
                                        .arg(m_options.heartbeatFile, m_options.unit)
                                        .arg(m_settings.heartbeatTimeout)
                                        .arg(m_settings.checkInterval)
                                        .arg(m_settings.stallTimeout)
                                        .arg(m_settings.gracePeriod)
                                        .arg(m_settings.maxRestartAttempts)
                                        .arg(m_settings.restartWindow)
                                        .arg(m_settings.maxRebootsPerDay)
                                        .arg(m_options.dryRun ? QStringLiteral(" (dry run: no action)") : QString());
    const int inWindow = m_policy.restartsInWindow();
    if (inWindow > 0)
        qCInfo(lcWatchdog).noquote() << QStringLiteral("Restart history: %1 restarts in the current window, %2 in total")
                                            .arg(inWindow)
                                            .arg(m_policy.history().restartsTotal);
    m_watcher = new HeartbeatWatcher(m_options.heartbeatFile, this);
    connect(m_watcher, &HeartbeatWatcher::changed, this, &Watchdog::onHeartbeatChanged);
    m_timer.start();
    check();
}

void Watchdog::check()
{
    m_watcher->ensureWatching();
    if (m_queryInFlight) {
        // systemd has not answered the last query yet; judge with what we know.
        evaluate(true, HeartbeatReader::read(m_options.heartbeatFile));
        return;
    }
    m_queryInFlight = true;
    m_client->queryUnit([this](const WatchdogPolicy::UnitState &state, const CallResult &result) {
        onUnitState(state, result);
    });
}

void Watchdog::onUnitState(const WatchdogPolicy::UnitState &state, const CallResult &result)
{
    m_queryInFlight = false;
    m_unitState = state;
    const QString error = result.ok ? QString() : result.describe();
    if (error != m_lastQueryError) {
        if (!error.isEmpty())
            qCWarning(lcWatchdog).noquote() << QStringLiteral("Cannot read the state of %1: %2 (retrying every check)")
                                                   .arg(m_options.unit, error);
        else if (!m_lastQueryError.isEmpty())
            qCInfo(lcWatchdog).noquote() << QStringLiteral("State of %1 readable again: %2")
                                                .arg(m_options.unit, state.activeState);
        m_lastQueryError = error;
    }
    evaluate(true, HeartbeatReader::read(m_options.heartbeatFile));
}

void Watchdog::onHeartbeatChanged()
{
    const HeartbeatReader::Result heartbeat = HeartbeatReader::read(m_options.heartbeatFile);
    // A pid other than the MainPID we last saw may just mean the unit was restarted since the last
    // check (by an operator or by systemd): ask systemd again before judging.
    if (heartbeat.ok() && m_unitState.known && m_unitState.mainPid > 0
        && heartbeat.heartbeat.pid != m_unitState.mainPid) {
        check();
        return;
    }
    evaluate(false, heartbeat);
}

void Watchdog::evaluate(bool fromTimer, const HeartbeatReader::Result &heartbeat)
{
    const WatchdogPolicy::Decision decision = m_policy.evaluate(heartbeat, m_unitState);
    switch (decision.action) {
    case WatchdogPolicy::Action::None:
        logDecision(decision);
        break;
    case WatchdogPolicy::Action::Restart:
        logDecision(decision);
        restart(decision.resetFailedFirst);
        break;
    case WatchdogPolicy::Action::Reboot:
        reboot(decision);
        break;
    }
    if (fromTimer || decision.action != WatchdogPolicy::Action::None || decision.verdict != m_lastStatusVerdict)
        writeStatus();
}

void Watchdog::logDecision(const WatchdogPolicy::Decision &decision)
{
    for (const QString &line : decision.warningLines)
        qCWarning(lcWatchdog).noquote() << line;
    for (const QString &line : decision.infoLines)
        qCInfo(lcWatchdog).noquote() << line;
}

void Watchdog::restart(bool resetFailedFirst)
{
    if (m_options.dryRun) {
        qCInfo(lcWatchdog).noquote() << QStringLiteral("dry-run: would call %1RestartUnit(%2, replace)")
                                            .arg(resetFailedFirst ? QStringLiteral("ResetFailedUnit, then ") : QString(),
                                                 m_options.unit);
        m_policy.restartFinished(true, QString());
        return;
    }
    m_client->restartUnit(resetFailedFirst, [this](const CallResult &result) { onRestartFinished(result); });
}

void Watchdog::onRestartFinished(const CallResult &result)
{
    if (result.ok) {
        qCInfo(lcWatchdog).noquote() << QStringLiteral("RestartUnit(%1) done: %2; waiting for a fresh heartbeat")
                                            .arg(m_options.unit, result.message);
        m_policy.restartFinished(true, QString());
        saveHistory();
    } else if (!result.jobResult.isEmpty()) {
        // systemd ran the restart and the unit did not come up: an attempt, not a refused call.
        qCWarning(lcWatchdog).noquote() << QStringLiteral("RestartUnit(%1) did not bring it up: %2")
                                               .arg(m_options.unit, result.message);
        m_policy.restartJobFailed(result.jobResult);
        saveHistory();
    } else {
        const double delay = m_policy.restartFinished(false, result.describe());
        qCWarning(lcWatchdog).noquote() << QStringLiteral("RestartUnit(%1) failed: %2; retrying in %3s")
                                               .arg(m_options.unit, result.describe())
                                               .arg(delay);
    }
    writeStatus();
}

void Watchdog::reboot(const WatchdogPolicy::Decision &decision)
{
    if (m_options.dryRun) {
        logDecision(decision);
        qCInfo(lcWatchdog).noquote() << QStringLiteral("dry-run: would write %1 and call "
                                                       "org.freedesktop.login1.Manager.Reboot(false)")
                                            .arg(m_options.rebootTriggerFile);
        m_policy.rebootFinished(true, QString());
        return;
    }
    // The history and the explanation reach the disk before anything can take the machine down.
    saveHistory();
    const QString error = RebootTrigger::write(m_options.rebootTriggerFile, ClockReading::now(),
                                               decision.reason, m_policy.history(), m_settings.maxRebootsPerDay);
    if (!error.isEmpty())
        qCWarning(lcWatchdog).noquote() << "Cannot write the reboot trigger log:" << error;
    logDecision(decision);
    m_client->reboot([this](const CallResult &result) { onRebootFinished(result); });
}

void Watchdog::onRebootFinished(const CallResult &result)
{
    if (result.ok) {
        qCInfo(lcWatchdog).noquote() << "Reboot requested:" << result.message;
        m_policy.rebootFinished(true, QString());
    } else {
        const double delay = m_policy.rebootFinished(false, result.describe());
        qCWarning(lcWatchdog).noquote() << QStringLiteral("Reboot failed: %1; retrying in %2s").arg(result.describe()).arg(delay);
    }
    writeStatus();
}

void Watchdog::saveHistory()
{
    if (m_options.dryRun)
        return;
    const QString error = m_policy.history().save(m_options.historyFile);
    if (!error.isEmpty())
        qCWarning(lcWatchdog).noquote() << "Cannot save the restart history:" << error;
}

void Watchdog::writeStatus()
{
    WatchdogStatus status;
    status.checkIntervalSeconds = m_settings.checkInterval;
    status.verdict = m_policy.lastVerdict();
    status.reason = m_policy.lastReason();
    status.unit = m_options.unit;
    status.restartsInWindow = m_policy.restartsInWindow();
    status.restartsTotal = m_policy.history().restartsTotal;
    status.rebootsLast24h = m_policy.rebootsLast24h();
    status.rebootsTotal = m_policy.history().rebootsTotal;
    status.degraded = m_policy.degraded();
    status.configError = m_policy.configError();
    status.dryRun = m_options.dryRun;
    const QString error = status.write(m_options.statusFile);
    if (!error.isEmpty())
        qCWarning(lcWatchdog).noquote() << "Cannot write the status file:" << error;
    m_lastStatusVerdict = status.verdict;
}
