// SPDX-License-Identifier: MIT
// Test double of the recorder's D-Bus API (org.recorder.Recorder1) that records every call.
#pragma once

#include <QDBusContext>
#include <QObject>
#include <QStringList>

// Thread-bound to the test's main thread. Register it on its own bus connection so calls from
// the dashboard travel through the private dbus-daemon like real ones.
class FakeRecorder : public QObject, protected QDBusContext
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.recorder.Recorder1")
public:
    QStringList calls;      // "Start", "Stop", "Extend", "Protect <path> <0|1>"
    QString refuseWith;     // non-empty: reply with this D-Bus error name instead

public slots:
    void Start() { record(QStringLiteral("Start")); }
    void Stop() { record(QStringLiteral("Stop")); }
    double Extend()
    {
        record(QStringLiteral("Extend"));
        return 600;
    }
    void Protect(const QString &path, bool isProtected)
    {
        record(QStringLiteral("Protect %1 %2").arg(path).arg(isProtected ? 1 : 0));
    }

private:
    void record(const QString &call)
    {
        calls.append(call);
        if (!refuseWith.isEmpty())
            sendErrorReply(refuseWith, QStringLiteral("refused by the test double"));
    }
};
