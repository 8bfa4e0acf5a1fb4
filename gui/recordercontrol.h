// SPDX-License-Identifier: MIT
// The dashboard's commands on the system bus: the recorder's API and systemd's RestartUnit.
#pragma once

#include <QDBusConnection>
#include <QDBusError>
#include <QObject>

#include <memory>

class OrgRecorderRecorder1Interface;
class OrgFreedesktopSystemd1ManagerInterface;
class QDBusPendingCall;
class QDBusPendingCallWatcher;

// Thread-bound to the UI thread. Every call is asynchronous (a reply may take polkit's whole
// timeout); the outcome comes back as succeeded() or failed() with a message in plain words.
class RecorderControl : public QObject
{
    Q_OBJECT
public:
    explicit RecorderControl(const QDBusConnection &bus, QObject *parent = nullptr);
    ~RecorderControl() override;

    void start();
    void stop();
    void extend();
    void setProtected(const QString &path, bool isProtected);
    void restartUnit(const QString &unit);

    // "What happened. What to do." for a failed call; `what` names the action ("Restart of recorder.service").
    static QString describeError(const QDBusError &error, const QString &what, const QString &unit);

signals:
    void succeeded(const QString &message);
    void failed(const QString &message);
    // The recorder announced a state change: worth re-reading the heartbeat at once.
    void recorderStateChanged();
    void recordingsChanged();
    void protectedChanged(const QString &path, bool isProtected);

private:
    QDBusPendingCallWatcher *watch(const QDBusPendingCall &call, const QString &what, const QString &unit, const QString &doneMessage);

    std::unique_ptr<OrgRecorderRecorder1Interface> m_recorder;
    std::unique_ptr<OrgFreedesktopSystemd1ManagerInterface> m_systemd;
};
