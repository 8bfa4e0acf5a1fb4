// SPDX-License-Identifier: MIT
// One service of the systemd test double: runs its ExecStart and applies Restart=, RestartSec=,
// RestartPreventExitStatus=, WatchdogSec= and the start limit, with times scaled down.
#pragma once

#include "notifysocket.h"
#include "unitfile.h"

#include <QDeadlineTimer>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <sys/types.h>

// Thread-bound (the double's main thread). Its Q_PROPERTYs are what systemd's Unit and Service
// D-Bus interfaces show; the adaptors read them.
class FakeUnit : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString Id READ id)
    Q_PROPERTY(QString ActiveState READ activeState)
    Q_PROPERTY(QString SubState READ subState)
    Q_PROPERTY(QString Result READ result)
    Q_PROPERTY(uint MainPID READ mainPid)
    Q_PROPERTY(uint NRestarts READ restarts)

public:
    struct Options {
        QString root;             // prefixed to ExecStart's program: units from install.sh --root
        QStringList extraArguments; // appended to ExecStart, e.g. --config for a test configuration
        double timeScale = 1.0;   // RestartSec=, WatchdogSec=, start-limit interval and stop timeout
        QString notifySocketPath;
    };

    FakeUnit(const UnitFile &file, const Options &options, QObject *parent = nullptr);

    QString id() const { return m_file.name(); }
    QString activeState() const;
    QString subState() const;
    QString result() const { return m_result; }
    uint mainPid() const;
    uint restarts() const { return m_restarts; }

    // Returns an empty string or why the notify socket could not be set up.
    QString prepare();

    // What the Manager's methods do to the unit.
    void start();
    void stop();
    void restart();
    void resetFailed();

    // Blocks until the process has exited (for shutdown only); false if it still runs.
    bool waitForStopped(int milliseconds);

signals:
    void activeStateChanged(const QString &activeState);

private:
    enum class State { Inactive, Activating, AutoRestart, Active, Deactivating, Failed };

    void launch();
    void setState(State state);
    void onFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void onNotify(const QStringList &assignments);
    void onWatchdogTimeout();
    int scaledMilliseconds(double seconds) const;
    bool startLimitHit();
    // Sends `signal` to every process of the service (its process group).
    void signalGroup(int signal);

    UnitFile m_file;
    Options m_options;
    NotifySocket m_notify;
    QProcess m_process;
    QTimer m_restartTimer;
    QTimer m_watchdogTimer;
    QTimer m_stopTimer;
    State m_state = State::Inactive;
    QString m_result = QStringLiteral("success");
    QList<QDeadlineTimer> m_recentStarts; // each expires when it leaves the start-limit interval
    bool m_stopRequested = false;
    bool m_restartAfterStop = false;
    bool m_watchdogFired = false;
    uint m_restarts = 0;
    pid_t m_processGroup = 0;
};
