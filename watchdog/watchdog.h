// SPDX-License-Identifier: MIT
// The watchdog's event loop: reads the heartbeat, asks the policy, acts, writes the status file.
#pragma once

#include "heartbeatreader.h"
#include "watchdogpolicy.h"

#include <QDBusConnection>
#include <QLoggingCategory>
#include <QObject>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcWatchdog)

class Config;
class HeartbeatWatcher;
class SystemdClient;
struct CallResult;

// Thread-bound (main thread). Checks every check_interval (after asking systemd for the unit's
// state) and whenever the heartbeat file changes (with the last known unit state). Every
// decision is logged; with dry-run nothing is restarted, rebooted or persisted.
class Watchdog : public QObject
{
    Q_OBJECT
public:
    struct Options {
        QString unit;
        QString heartbeatFile;
        QString statusFile;
        QString historyFile;
        QString rebootTriggerFile;
        bool dryRun = false;

        static Options fromConfig(const Config &config, bool dryRun);
    };

    Watchdog(const Options &options, const WatchdogPolicy::Settings &settings, const QDBusConnection &bus,
             QObject *parent = nullptr);
    ~Watchdog() override;

    void start();

private:
    void check();
    void onUnitState(const WatchdogPolicy::UnitState &state, const CallResult &result);
    void onHeartbeatChanged();
    void evaluate(bool fromTimer, const HeartbeatReader::Result &heartbeat);
    void logDecision(const WatchdogPolicy::Decision &decision);
    void restart(bool resetFailedFirst);
    void reboot(const WatchdogPolicy::Decision &decision);
    void onRestartFinished(const CallResult &result);
    void onRebootFinished(const CallResult &result);
    void saveHistory();
    void writeStatus();

    Options m_options;
    WatchdogPolicy::Settings m_settings;
    WatchdogPolicy m_policy;
    SystemdClient *m_client = nullptr;       // child
    HeartbeatWatcher *m_watcher = nullptr;   // child
    QTimer m_timer;
    WatchdogPolicy::UnitState m_unitState;
    bool m_queryInFlight = false;
    QString m_lastQueryError;
    QString m_lastStatusVerdict;
};
