// SPDX-License-Identifier: MIT
// A test double of logind's manager on a (private) bus: records Reboot calls, reboots nothing.
#pragma once

#include <QDBusConnection>
#include <QDBusContext>
#include <QObject>

// Thread-bound (the test's main thread, whose event loop serves the calls).
class FakeLogind : public QObject, protected QDBusContext
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.login1.Manager")
public:
    explicit FakeLogind(const QDBusConnection &bus, QObject *parent = nullptr);
    ~FakeLogind() override;

    // Takes the name org.freedesktop.login1. Returns an empty string or the reason.
    QString registerOnBus();

    int rebootCount() const { return m_reboots; }
    // Until cleared with an empty name, Reboot answers with this error.
    void setFailure(const QString &errorName) { m_failure = errorName; }

    Q_SCRIPTABLE void Reboot(bool interactive);

signals:
    void rebootRequested(bool interactive);

private:
    QDBusConnection m_bus;
    QString m_failure;
    int m_reboots = 0;
    bool m_registered = false;
};
