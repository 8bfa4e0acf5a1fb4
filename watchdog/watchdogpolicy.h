// SPDX-License-Identifier: MIT
// The watchdog's decisions: heartbeat verdicts, restart/reboot escalation, caps and backoff.
#pragma once

#include "clockreading.h"
#include "heartbeatreader.h"
#include "recoveryhistory.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class Config;

// Thread-bound (the watchdog's main thread). Pure: no I/O, no timers, no D-Bus. Time comes from
// the injected clock only, so tests drive it through boot ids, CLOCK_BOOTTIME and wall-clock jumps.
// The caller reads the heartbeat and the unit state, asks evaluate() what to do, carries the
// action out and reports back with restartFinished() / rebootFinished().
class WatchdogPolicy
{
public:
    using Clock = std::function<ClockReading()>;

    struct Settings {
        double heartbeatTimeout = 30;
        double heartbeatInterval = 1;
        double checkInterval = 10;
        double gracePeriod = 30;
        double stallTimeout = 20;
        double restartWindow = 600;
        double maxBackoff = 600;
        int maxRestartAttempts = 3;
        int maxRebootsPerDay = 2;

        static Settings fromConfig(const Config &config);
    };

    // What systemd says about the unit; `known` is false when it could not be asked.
    struct UnitState {
        static constexpr int kCodeExited = 1; // ExecMainCode CLD_EXITED: ExecMainStatus is an exit status

        bool known = false;
        QString activeState; // active, inactive, failed, activating, deactivating, reloading
        QString subState;    // running, auto-restart, failed, dead, …
        QString loadState;   // "not-found" means a wrong unit name
        QString result;      // Service Result: success, exit-code, signal, watchdog, start-limit-hit, …
        qint64 mainPid = 0;
        int execMainCode = 0;   // CLD_EXITED, CLD_KILLED (2), CLD_DUMPED (3); 0 before the first exit
        int execMainStatus = 0; // the last main process's exit status or signal number

        // Failed after exit status 78: recorderd refused its configuration, and systemd does not
        // restart it (RestartPreventExitStatus=78).
        bool configError() const;
        // systemd refuses starts until the start-limit interval passes or ResetFailedUnit.
        bool startLimitHit() const { return known && result == QLatin1String("start-limit-hit"); }
    };

    enum class Action { None, Restart, Reboot };

    struct Decision {
        Action action = Action::None;
        QString verdict;
        QString reason;
        QStringList infoLines;    // events worth one log line each
        QStringList warningLines;
        int attempt = 0;          // for Restart: the attempt number within the window
        bool resetFailedFirst = false; // for Restart: call ResetFailedUnit first (start limit hit)
    };

    WatchdogPolicy(const Settings &settings, const RecoveryHistory &history, Clock clock);

    Decision evaluate(const HeartbeatReader::Result &heartbeat, const UnitState &unit);

    // Report the outcome of a Restart or Reboot action. On failure the returned value is the
    // backoff in seconds before the next try; `error` is the D-Bus error name and message.
    double restartFinished(bool ok, const QString &error);
    double rebootFinished(bool ok, const QString &error);
    // systemd accepted the restart, but its job ended with `result` other than "done" (failed,
    // timeout, …): it counts as an attempt that did not bring the recorder back.
    void restartJobFailed(const QString &result);

    const RecoveryHistory &history() const { return m_history; }
    bool degraded() const { return m_degraded; }
    // The unit failed with a configuration error: neither restarting nor rebooting until it runs again.
    bool configError() const { return m_configError; }
    QString lastVerdict() const { return m_lastVerdict; }
    QString lastReason() const { return m_lastReason; }
    int restartsInWindow() const;
    int rebootsLast24h() const;
    static constexpr double kDaySeconds = 86400;

private:
    enum class Phase { Monitoring, RestartInFlight, AwaitingFreshHeartbeat, RebootInFlight, RebootRequested };

    struct Assessment {
        QString verdict;
        QString reason;
        bool healthy = false;
        bool graceApplies = false; // no usable heartbeat: tolerated during the grace period
        double ageSeconds = 0;
        QString headline;          // the log line that announces an unhealthy verdict
    };

    Assessment assess(const HeartbeatReader::Result &heartbeat, const UnitState &unit, const ClockReading &now);
    void trackStall(const Heartbeat &heartbeat, const ClockReading &now);
    void trackRate(const Heartbeat &heartbeat, const ClockReading &now);
    bool freshSinceRestart(const HeartbeatReader::Result &heartbeat, const Assessment &a) const;
    Decision handleUnhealthy(const Assessment &a, const UnitState &unit, const ClockReading &now);
    // Enters, holds or leaves the configuration error state; true when it holds (`d` says so).
    // The unit runs again (or ran and failed otherwise) since its configuration error.
    static bool ranAgain(const UnitState &unit);
    bool holdForConfigError(const UnitState &unit, const ClockReading &now, Decision &d);
    void beginRestart(Decision &d, const Assessment &a, const UnitState &unit, const ClockReading &now);
    Decision finish(Decision d);
    double backoff(int failures) const;
    void resetTrackers();

    Settings m_settings;
    RecoveryHistory m_history;
    Clock m_clock;

    Phase m_phase = Phase::Monitoring;
    ClockReading m_graceFrom;                 // start, last restart, or the unit coming back up
    ClockReading m_actionAt;                  // when the last action was decided
    QString m_actionReason;
    QString m_lastActiveState;
    qint64 m_lastMainPid = 0;
    std::optional<double> m_retryUntil;       // CLOCK_BOOTTIME; set after a failed D-Bus call
    int m_failedCalls = 0;
    bool m_degraded = false;
    int m_degradedRestarts = 0;
    std::optional<double> m_degradedUntil;    // CLOCK_BOOTTIME of the next degraded restart
    bool m_configError = false;

    // Stall detection: frames_captured of one pid, and since when it has not moved.
    qint64 m_stallPid = 0;
    qint64 m_stallFrames = -1;
    ClockReading m_stallSince;

    // Rewrite-rate check: sequence of one pid at the start of the measuring window.
    qint64 m_ratePid = 0;
    qint64 m_rateSequence = 0;
    ClockReading m_rateSince;
    bool m_tooFast = false;
    qint64 m_rateWrites = 0;
    double m_rateElapsed = 0;

    QString m_lastVerdict;
    QString m_lastReason;
};
