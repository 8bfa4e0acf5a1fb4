// SPDX-License-Identifier: MIT
// The watchdog's decisions: heartbeat verdicts, restart/reboot escalation, caps and backoff.
#include "watchdogpolicy.h"

#include "config.h"

#include <algorithm>
#include <cmath>

namespace {

// A heartbeat's CLOCK_BOOTTIME stamp is taken before we read it, so on the same boot its age is
// never negative; this only absorbs rounding in the JSON number.
constexpr double kFutureToleranceSeconds = 1.0;
// A writer counts as "far faster than its interval" above this many times the expected writes.
constexpr double kTooFastFactor = 4.0;

QString seconds(double value)
{
    return QString::number(value, 'f', 1) + QLatin1Char('s');
}

const QString kRecording = QStringLiteral("recording");
// The state's name as the status file, the metrics and the dashboard show it.
const QString kConfigErrorVerdict = QStringLiteral("config_error");
const QString kConfigErrorReason = QStringLiteral("recorder configuration error: see journal");

} // namespace

WatchdogPolicy::Settings WatchdogPolicy::Settings::fromConfig(const Config &config)
{
    Settings s;
    s.heartbeatTimeout = config.seconds(QStringLiteral("heartbeat/timeout"));
    s.heartbeatInterval = config.seconds(QStringLiteral("heartbeat/interval"));
    s.checkInterval = config.seconds(QStringLiteral("watchdog/check_interval"));
    const double grace = config.seconds(QStringLiteral("watchdog/grace_period"));
    s.gracePeriod = grace > 0 ? grace : s.heartbeatTimeout;
    s.stallTimeout = config.seconds(QStringLiteral("watchdog/stall_timeout"));
    s.restartWindow = config.seconds(QStringLiteral("watchdog/restart_window"));
    s.maxRestartAttempts = config.integer(QStringLiteral("watchdog/max_restart_attempts"));
    s.maxRebootsPerDay = config.integer(QStringLiteral("watchdog/max_reboots_per_day"));
    return s;
}

bool WatchdogPolicy::UnitState::configError() const
{
    return known && activeState == QLatin1String("failed") && execMainCode == kCodeExited
        && execMainStatus == Config::kExitConfigError;
}

WatchdogPolicy::WatchdogPolicy(const Settings &settings, const RecoveryHistory &history, Clock clock)
    : m_settings(settings), m_history(history), m_clock(std::move(clock))
{
    m_graceFrom = m_clock();
}

int WatchdogPolicy::restartsInWindow() const
{
    return m_history.restartsInWindow(m_clock(), m_settings.restartWindow);
}

int WatchdogPolicy::rebootsLast24h() const
{
    return m_history.rebootsWithin(m_clock(), kDaySeconds);
}

WatchdogPolicy::Decision WatchdogPolicy::evaluate(const HeartbeatReader::Result &heartbeat, const UnitState &unit)
{
    const ClockReading now = m_clock();
    Assessment a = assess(heartbeat, unit, now);
    Decision d;
    d.verdict = a.verdict;
    d.reason = a.reason;

    if (unit.known) {
        // Someone (an operator, or systemd's own Restart=) brought the unit back up, or restarted
        // it so quickly that only MainPID tells: its new process gets the same grace period as one
        // we restarted.
        const bool cameUp = unit.activeState == QLatin1String("active") && !m_lastActiveState.isEmpty()
            && m_lastActiveState != QLatin1String("active");
        const bool newProcess = unit.mainPid > 0 && m_lastMainPid > 0 && unit.mainPid != m_lastMainPid;
        if (cameUp || newProcess)
            m_graceFrom = now;
        m_lastActiveState = unit.activeState;
        if (unit.mainPid > 0)
            m_lastMainPid = unit.mainPid;
    }

    if (holdForConfigError(unit, now, d))
        return finish(d);

    switch (m_phase) {
    case Phase::RestartInFlight:
        d.verdict = QStringLiteral("restarting");
        d.reason = QStringLiteral("waiting for systemd to finish the RestartUnit job");
        return finish(d);
    case Phase::RebootInFlight:
        d.verdict = QStringLiteral("rebooting");
        d.reason = QStringLiteral("waiting for logind to answer Reboot");
        return finish(d);
    case Phase::RebootRequested: {
        const double since = now.secondsSince(m_actionAt);
        if (since < m_settings.restartWindow) {
            d.verdict = QStringLiteral("rebooting");
            d.reason = QStringLiteral("reboot requested %1 ago").arg(seconds(since));
            return finish(d);
        }
        d.warningLines << QStringLiteral("Still running %1 after the reboot request: judging the heartbeat again")
                              .arg(seconds(since));
        m_phase = Phase::Monitoring;
        m_graceFrom = now;
        break;
    }
    case Phase::AwaitingFreshHeartbeat: {
        if (freshSinceRestart(heartbeat, a)) {
            d.infoLines << QStringLiteral("Service restarted successfully");
            m_phase = Phase::Monitoring;
            break;
        }
        const double since = now.secondsSince(m_graceFrom);
        if (since < m_settings.gracePeriod) {
            d.verdict = QStringLiteral("restarting");
            d.reason = QStringLiteral("waiting for a fresh heartbeat, %1 of %2 since the restart (%3)")
                           .arg(seconds(since), seconds(m_settings.gracePeriod), a.reason);
            return finish(d);
        }
        m_phase = Phase::Monitoring;
        if (a.healthy) {
            // Healthy-looking, yet not written by the restarted process: the old one's last words.
            a.verdict = QStringLiteral("stale");
            a.healthy = false;
        }
        a.graceApplies = false;
        a.reason = QStringLiteral("no fresh heartbeat %1 after the restart: %2").arg(seconds(since), a.reason);
        a.headline = QStringLiteral("Heartbeat %1! %2").arg(a.verdict, a.reason);
        return finish(handleUnhealthy(a, unit, now));
    }
    case Phase::Monitoring:
        break;
    }

    if (a.healthy) {
        if (m_degraded)
            d.infoLines << QStringLiteral("Recorder healthy again: leaving degraded mode");
        m_degraded = false;
        m_degradedRestarts = 0;
        m_degradedUntil.reset();
        return finish(d);
    }
    if (a.graceApplies) {
        const double left = m_settings.gracePeriod - now.secondsSince(m_graceFrom);
        if (left > 0) {
            d.reason = QStringLiteral("%1 (grace period: %2 left)").arg(a.reason, seconds(left));
            return finish(d);
        }
    }
    return finish(handleUnhealthy(a, unit, now));
}

bool WatchdogPolicy::ranAgain(const UnitState &unit)
{
    if (!unit.known)
        return false;
    const QString &state = unit.activeState;
    if (state == QLatin1String("active") || state == QLatin1String("activating") || state == QLatin1String("reloading"))
        return true;
    // `inactive` (after reset-failed) or `deactivating` proves no new run: restarting it then would
    // only meet the same file. A failure with another exit status does: the unit ran and ended
    // otherwise between two checks, and that failure is judged like any other.
    return state == QLatin1String("failed") && !unit.configError();
}

bool WatchdogPolicy::holdForConfigError(const UnitState &unit, const ClockReading &now, Decision &d)
{
    if (m_configError && ranAgain(unit)) {
        m_configError = false;
        // Someone fixed the file and started the unit: its new process gets the grace period.
        m_graceFrom = now;
        d.infoLines << QStringLiteral("The unit is %1 again: leaving the configuration error state").arg(unit.activeState);
        return false;
    }
    // A restart or reboot under way finishes first; its outcome is judged at the next check.
    const bool idle = m_phase == Phase::Monitoring || m_phase == Phase::AwaitingFreshHeartbeat;
    if (!idle || !(m_configError || unit.configError()))
        return false;
    if (!m_configError) {
        // Neither a restart nor a reboot can fix a configuration file: say so once and wait.
        m_configError = true;
        d.warningLines << QStringLiteral("Recorder configuration error: the unit failed with exit status %1 (%2 %3); "
                                         "not restarting and not rebooting until it runs again. See the journal.")
                              .arg(unit.execMainStatus)
                              .arg(unit.result, unit.subState);
    }
    m_phase = Phase::Monitoring;
    d.verdict = kConfigErrorVerdict;
    d.reason = kConfigErrorReason
        + QStringLiteral(" (the unit exited with status %1/CONFIG; fix the file, then start the unit)")
              .arg(Config::kExitConfigError);
    return true;
}

void WatchdogPolicy::beginRestart(Decision &d, const Assessment &a, const UnitState &unit, const ClockReading &now)
{
    d.action = Action::Restart;
    d.warningLines << a.headline;
    // A unit past its start limit refuses every start until the limit is reset.
    d.resetFailedFirst = unit.startLimitHit();
    if (d.resetFailedFirst)
        d.infoLines << QStringLiteral("systemd's start limit was hit (Result start-limit-hit): calling ResetFailedUnit "
                                      "before the restart");
    m_phase = Phase::RestartInFlight;
    m_actionAt = now;
    m_actionReason = a.reason;
}

WatchdogPolicy::Decision WatchdogPolicy::handleUnhealthy(const Assessment &a, const UnitState &unit,
                                                         const ClockReading &now)
{
    Decision d;
    d.verdict = a.verdict;
    d.reason = a.reason;

    if (unit.known) {
        if (unit.loadState == QLatin1String("not-found")) {
            d.verdict = QStringLiteral("unit_not_found");
            d.reason = QStringLiteral("systemd has no such unit (LoadState not-found): check [watchdog] unit; "
                                      "heartbeat: %1")
                           .arg(a.reason);
            return d;
        }
        if (unit.activeState == QLatin1String("inactive")) {
            d.verdict = QStringLiteral("operator_stopped");
            d.reason = QStringLiteral("the unit is inactive (stopped on purpose, not failed): not restarting it; "
                                      "heartbeat: %1")
                           .arg(a.reason);
            return d;
        }
        if (unit.activeState == QLatin1String("activating") || unit.activeState == QLatin1String("deactivating")
            || unit.activeState == QLatin1String("reloading")) {
            d.verdict = QStringLiteral("unit_busy");
            d.reason = QStringLiteral("the unit is %1: systemd is acting on it; waiting (heartbeat: %2)")
                           .arg(unit.activeState, a.reason);
            return d;
        }
    }
    if (m_retryUntil && now.boottimeSeconds < *m_retryUntil) {
        d.reason = QStringLiteral("%1; next try in %2 after a failed call")
                       .arg(a.reason, seconds(*m_retryUntil - now.boottimeSeconds));
        return d;
    }
    m_retryUntil.reset();

    const int inWindow = m_history.restartsInWindow(now, m_settings.restartWindow);
    const int reboots = m_history.rebootsWithin(now, kDaySeconds);
    if (m_degraded && reboots < m_settings.maxRebootsPerDay) {
        m_degraded = false;
        m_degradedRestarts = 0;
        m_degradedUntil.reset();
        d.infoLines << QStringLiteral("Reboot cap no longer reached (%1 reboots in 24 h): leaving degraded mode").arg(reboots);
    }
    // Degraded stays degraded while the cap holds: every restart waits for its backoff, even
    // when the restart window has emptied meanwhile.
    if (!m_degraded && inWindow < m_settings.maxRestartAttempts) {
        d.attempt = inWindow + 1;
        d.infoLines << QStringLiteral("Restarting service (attempt %1/%2)").arg(d.attempt).arg(m_settings.maxRestartAttempts);
        beginRestart(d, a, unit, now);
        return d;
    }

    if (reboots < m_settings.maxRebootsPerDay) {
        d.action = Action::Reboot;
        d.verdict = QStringLiteral("rebooting");
        d.warningLines << a.headline
                       << QStringLiteral("Service restart failed %1 times. Triggering system reboot...")
                              .arg(m_settings.maxRestartAttempts);
        m_history.addReboot(now, QStringLiteral("%1 restarts in %2 did not help: %3")
                                     .arg(inWindow)
                                     .arg(seconds(m_settings.restartWindow), a.reason));
        m_phase = Phase::RebootInFlight;
        m_actionAt = now;
        m_actionReason = a.reason;
        return d;
    }

    if (!m_degraded) {
        m_degraded = true;
        d.warningLines << QStringLiteral("Reboot cap reached (%1 reboots in 24 h, max_reboots_per_day=%2): degraded, "
                                         "restarting the unit with backoff and never rebooting")
                              .arg(reboots)
                              .arg(m_settings.maxRebootsPerDay);
    }
    if (!m_degradedUntil) {
        const double delay = std::min(m_settings.maxBackoff, m_settings.gracePeriod * std::pow(2.0, m_degradedRestarts));
        m_degradedUntil = now.boottimeSeconds + delay;
    }
    if (now.boottimeSeconds < *m_degradedUntil) {
        d.reason = QStringLiteral("%1; degraded: next restart in %2").arg(a.reason, seconds(*m_degradedUntil - now.boottimeSeconds));
        return d;
    }
    m_degradedUntil.reset();
    ++m_degradedRestarts;
    d.attempt = inWindow + 1;
    d.infoLines << QStringLiteral("Restarting service (degraded restart %1: reboot cap of %2 per day reached)")
                       .arg(m_degradedRestarts)
                       .arg(m_settings.maxRebootsPerDay);
    beginRestart(d, a, unit, now);
    return d;
}

double WatchdogPolicy::restartFinished(bool ok, const QString &error)
{
    if (m_phase != Phase::RestartInFlight)
        return 0;
    const ClockReading now = m_clock();
    if (ok) {
        m_history.addRestart(now, m_actionReason);
        m_phase = Phase::AwaitingFreshHeartbeat;
        m_graceFrom = now;
        m_failedCalls = 0;
        m_retryUntil.reset();
        resetTrackers();
        return 0;
    }
    m_phase = Phase::Monitoring;
    const double delay = backoff(++m_failedCalls);
    m_retryUntil = now.boottimeSeconds + delay;
    m_lastReason = QStringLiteral("restart failed: %1").arg(error);
    return delay;
}

void WatchdogPolicy::restartJobFailed(const QString &result)
{
    if (m_phase != Phase::RestartInFlight)
        return;
    const ClockReading now = m_clock();
    // systemd did restart it, and the new process did not come up: the same as a restart whose
    // fresh heartbeat never came, so it counts towards the reboot, at once rather than after grace.
    m_history.addRestart(now, QStringLiteral("%1 (restart job ended: %2)").arg(m_actionReason, result));
    m_phase = Phase::Monitoring;
    m_failedCalls = 0;
    m_retryUntil.reset();
    resetTrackers();
    m_lastReason = QStringLiteral("restart job ended with result %1").arg(result);
}

double WatchdogPolicy::rebootFinished(bool ok, const QString &error)
{
    if (m_phase != Phase::RebootInFlight)
        return 0;
    const ClockReading now = m_clock();
    if (ok) {
        m_phase = Phase::RebootRequested;
        m_actionAt = now;
        m_failedCalls = 0;
        return 0;
    }
    // The request stays in the history: it counts against the cap, so a reboot that keeps failing
    // ends in degraded mode (restarts only) instead of a loop of failing requests.
    m_phase = Phase::Monitoring;
    const double delay = backoff(++m_failedCalls);
    m_retryUntil = now.boottimeSeconds + delay;
    m_lastReason = QStringLiteral("reboot failed: %1").arg(error);
    return delay;
}

double WatchdogPolicy::backoff(int failures) const
{
    const double base = std::max(1.0, m_settings.checkInterval);
    return std::min(m_settings.maxBackoff, base * std::pow(2.0, std::max(0, failures - 1)));
}

WatchdogPolicy::Assessment WatchdogPolicy::assess(const HeartbeatReader::Result &heartbeat, const UnitState &unit,
                                                  const ClockReading &now)
{
    Assessment a;
    auto untrusted = [&a](const QString &verdict, const QString &reason) {
        a.verdict = verdict;
        a.reason = reason;
        a.graceApplies = true;
        a.headline = QStringLiteral("Heartbeat %1! %2").arg(verdict, reason);
        return a;
    };

    if (!heartbeat.ok()) {
        if (heartbeat.status == JsonFileReader::Status::Missing)
            return untrusted(QStringLiteral("missing"), heartbeat.reason);
        return untrusted(QStringLiteral("invalid"), QStringLiteral("rejected (%1): %2")
                                                        .arg(JsonFileReader::statusName(heartbeat.status), heartbeat.reason));
    }
    const Heartbeat &h = heartbeat.heartbeat;
    if (!h.written.sameBoot(now))
        return untrusted(QStringLiteral("other_boot"),
                         QStringLiteral("written on another boot (boot id \"%1\", %2 ago by the wall clock): "
                                        "no recorder has written it since this boot")
                             .arg(h.written.bootId, seconds(now.secondsSince(h.written))));
    a.ageSeconds = now.secondsSince(h.written);
    if (a.ageSeconds < -kFutureToleranceSeconds)
        return untrusted(QStringLiteral("future"),
                         QStringLiteral("dated %1 in the future on this boot's CLOCK_BOOTTIME: not trusted")
                             .arg(seconds(-a.ageSeconds)));
    if (unit.known && unit.mainPid > 0 && h.pid != unit.mainPid)
        return untrusted(QStringLiteral("foreign_pid"),
                         QStringLiteral("written by pid %1, but the unit's MainPID is %2").arg(h.pid).arg(unit.mainPid));

    trackStall(h, now);
    trackRate(h, now);

    if (a.ageSeconds > m_settings.heartbeatTimeout) {
        a.verdict = QStringLiteral("stale");
        a.reason = QStringLiteral("age %1 exceeds the timeout of %2; last state %3")
                       .arg(seconds(a.ageSeconds), seconds(m_settings.heartbeatTimeout), h.state);
        // The seed's line, verbatim: people grep their logs for it.
        a.headline = QStringLiteral("Heartbeat stale! Age: %1s, Last state: %2")
                         .arg(QString::number(a.ageSeconds, 'f', 1), h.state);
        return a;
    }
    const double stuckFor = now.secondsSince(m_stallSince);
    if (h.state == kRecording && m_stallFrames == h.framesCaptured && stuckFor > m_settings.stallTimeout) {
        a.verdict = QStringLiteral("stalled");
        a.reason = QStringLiteral("state recording but frames_captured stuck at %1 for %2 (stall_timeout %3)")
                       .arg(h.framesCaptured)
                       .arg(seconds(stuckFor), seconds(m_settings.stallTimeout));
        a.headline = QStringLiteral("Heartbeat stalled! Frames stuck at %1 for %2, Last state: %3")
                         .arg(h.framesCaptured)
                         .arg(seconds(stuckFor), h.state);
        return a;
    }
    a.healthy = true;
    if (m_tooFast) {
        // Liveness is what the heartbeat proves, and a fast writer is alive: no restart, but say so.
        a.verdict = QStringLiteral("too_fast");
        a.reason = QStringLiteral("rewritten far faster than its interval of %1 (%2 writes in %3); age %4, state %5")
                       .arg(seconds(h.intervalSeconds > 0 ? h.intervalSeconds : m_settings.heartbeatInterval))
                       .arg(m_rateWrites)
                       .arg(seconds(m_rateElapsed), seconds(a.ageSeconds), h.state);
        return a;
    }
    a.verdict = QStringLiteral("healthy");
    a.reason = QStringLiteral("age %1, state %2").arg(seconds(a.ageSeconds), h.state);
    return a;
}

void WatchdogPolicy::trackStall(const Heartbeat &h, const ClockReading &now)
{
    const bool recording = h.state == kRecording;
    if (!recording || h.pid != m_stallPid || h.framesCaptured != m_stallFrames) {
        m_stallPid = h.pid;
        m_stallFrames = recording ? h.framesCaptured : -1;
        m_stallSince = now;
    }
}

void WatchdogPolicy::trackRate(const Heartbeat &h, const ClockReading &now)
{
    if (h.pid != m_ratePid || h.sequence < m_rateSequence || m_rateSince.bootId.isEmpty()) {
        m_ratePid = h.pid;
        m_rateSequence = h.sequence;
        m_rateSince = now;
        m_tooFast = false;
        return;
    }
    const double interval = h.intervalSeconds > 0 ? h.intervalSeconds : m_settings.heartbeatInterval;
    // Measured over many intervals with the watchdog's own clock, so a forged stamp cannot hide it.
    const double window = std::max(10 * interval, 2.0);
    const double elapsed = now.secondsSince(m_rateSince);
    if (elapsed < window)
        return;
    const qint64 writes = h.sequence - m_rateSequence;
    m_tooFast = static_cast<double>(writes) > kTooFastFactor * (elapsed / interval) + kTooFastFactor;
    m_rateWrites = writes;
    m_rateElapsed = elapsed;
    m_rateSequence = h.sequence;
    m_rateSince = now;
}

bool WatchdogPolicy::freshSinceRestart(const HeartbeatReader::Result &heartbeat, const Assessment &a) const
{
    if (!a.healthy || !heartbeat.ok())
        return false;
    const ClockReading &written = heartbeat.heartbeat.written;
    return written.sameBoot(m_actionAt) && written.boottimeSeconds > m_actionAt.boottimeSeconds;
}

void WatchdogPolicy::resetTrackers()
{
    m_stallPid = 0;
    m_stallFrames = -1;
    m_ratePid = 0;
    m_rateSince = ClockReading();
    m_tooFast = false;
}

WatchdogPolicy::Decision WatchdogPolicy::finish(Decision d)
{
    if (d.verdict != m_lastVerdict && d.infoLines.isEmpty() && d.warningLines.isEmpty())
        d.infoLines << QStringLiteral("Verdict %1: %2").arg(d.verdict, d.reason);
    m_lastVerdict = d.verdict;
    m_lastReason = d.reason;
    return d;
}
