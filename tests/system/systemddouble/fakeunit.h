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
    Q_PROPERTY(QString LoadState READ loadState)
    Q_PROPERTY(QString Result READ result)
    Q_PROPERTY(int ExecMainCode READ execMainCode)
    Q_PROPERTY(int ExecMainStatus READ execMainStatus)
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
    QString loadState() const { return QStringLiteral("loaded"); }
    QString result() const { return m_result; }
    // As systemd: CLD_EXITED (1) with the exit status, CLD_KILLED (2) with the signal; 0 before any exit.
    int execMainCode() const { return m_execMainCode; }
    int execMainStatus() const { return m_execMainStatus; }
    uint mainPid() const;
    uint restarts() const { return m_restarts; }

    // Returns an empty string or why the notify socket could not be set up.
    QString prepare();

    // What the Manager's methods do to the unit.
    void start();
    void stop();
    void restart();
    void resetFailed();

    enum class JobType { Start, Stop };
    // A job on this unit that ends, as systemd's do, when the unit reaches the state the job asks
    // for ("done") or gives up ("failed"): a start (or restart) job when the unit becomes active or
    // falls to failed/inactive, a stop job when it is inactive or failed. The Manager adds it before
    // acting, then settles: jobRemoved is emitted queued, after the method's reply.
    void addJob(uint id, const QString &path, JobType type);
    void settleJobs();

    // Blocks until the process has exited (for shutdown only); false if it still runs.
    bool waitForStopped(int milliseconds);

signals:
    void activeStateChanged(const QString &activeState);
    void jobRemoved(uint id, const QString &path, const QString &unit, const QString &result);

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
    int m_execMainCode = 0;
    int m_execMainStatus = 0;
    struct Job {
        uint id;
        QString path;
        JobType type;
    };
    QList<Job> m_jobs;
    QList<QDeadlineTimer> m_recentStarts; // each expires when it leaves the start-limit interval
    bool m_stopRequested = false;
    bool m_restartAfterStop = false;
    bool m_watchdogFired = false;
    uint m_restarts = 0;
    pid_t m_processGroup = 0;
};
