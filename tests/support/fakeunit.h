// SPDX-License-Identifier: MIT
// A systemd service unit stand-in for tests: runs one process and reports ActiveState and MainPID.
#pragma once

#include <QObject>
#include <QProcess>
#include <QStringList>

// Thread-bound (the test's main thread). start/stop/restart act on a real child process, so a
// watchdog that restarts the unit really gets a new process with a new pid. A process that exits
// without being asked to turns the unit "failed", as systemd reports a crashed service.
class FakeUnit : public QObject
{
    Q_OBJECT
public:
    FakeUnit(const QString &name, const QString &program, const QStringList &arguments, QObject *parent = nullptr);
    ~FakeUnit() override;

    QString name() const { return m_name; }
    QString objectPath() const;
    QString activeState() const { return m_activeState; }
    uint mainPid() const { return m_mainPid; }

    // TimeoutStartUSec and TimeoutStopUSec as the Service interface shows them; systemd's default
    // of 90 s each unless a test sets shorter ones. The fake does not enforce them.
    quint64 timeoutStartUSec() const { return m_timeoutStartUSec; }
    quint64 timeoutStopUSec() const { return m_timeoutStopUSec; }
    void setTimeouts(quint64 startUSec, quint64 stopUSec)
    {
        m_timeoutStartUSec = startUSec;
        m_timeoutStopUSec = stopUSec;
    }

    // The command the next start runs (a restart picks it up).
    void setCommand(const QString &program, const QStringList &arguments);
    // Returns an empty string or the reason the process did not start.
    QString start();
    void stop();
    QString restart();

    // systemd's escaping of unit names in object paths: "recorder.service" → "recorder_2eservice".
    static QString escapePathElement(const QString &name);

signals:
    void stateChanged(const QString &activeState);

private:
    void setState(const QString &state, uint pid);

    QString m_name;
    QString m_program;
    QStringList m_arguments;
    QProcess m_process;
    QString m_activeState = QStringLiteral("inactive");
    uint m_mainPid = 0;
    bool m_stopping = false;
    quint64 m_timeoutStartUSec = 90'000'000;
    quint64 m_timeoutStopUSec = 90'000'000;
};
