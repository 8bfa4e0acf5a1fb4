// SPDX-License-Identifier: MIT
// The few settings of a systemd .service file that the systemd test double acts on.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// Reentrant value type.
class UnitFile
{
public:
    enum class Restart { No, Always, OnFailure };

    // Reads `path`. On failure returns a UnitFile whose error() names the file and the problem.
    static UnitFile load(const QString &path);

    QString error() const { return m_error; }
    QString name() const { return m_name; }
    QStringList execStart() const { return m_execStart; }
    bool notifyType() const { return m_notifyType; }
    Restart restart() const { return m_restart; }
    double restartSeconds() const { return m_restartSeconds; }
    QList<int> restartPreventExitStatus() const { return m_restartPreventExitStatus; }
    double watchdogSeconds() const { return m_watchdogSeconds; }
    double startLimitIntervalSeconds() const { return m_startLimitIntervalSeconds; }
    int startLimitBurst() const { return m_startLimitBurst; }

    // systemd's time spans as the units here write them: "30s", "10", "5min", "1h".
    static bool parseSeconds(const QString &text, double *seconds);

private:
    QString m_error;
    QString m_name;
    QStringList m_execStart;
    bool m_notifyType = false;
    Restart m_restart = Restart::No;
    double m_restartSeconds = 0.1; // systemd's default RestartSec=100ms
    QList<int> m_restartPreventExitStatus;
    double m_watchdogSeconds = 0;
    double m_startLimitIntervalSeconds = 10; // systemd's defaults: 5 starts in 10 s
    int m_startLimitBurst = 5;
};
