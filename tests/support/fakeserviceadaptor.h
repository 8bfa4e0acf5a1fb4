// SPDX-License-Identifier: MIT
// Exports a FakeUnit's MainPID and timeouts as org.freedesktop.systemd1.Service.
#pragma once

#include <QDBusAbstractAdaptor>

class FakeUnit;

// Thread-bound, like the FakeUnit it is attached to (its parent).
class FakeServiceAdaptor : public QDBusAbstractAdaptor
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.systemd1.Service")
    Q_PROPERTY(uint MainPID READ mainPid)
    Q_PROPERTY(qulonglong TimeoutStartUSec READ timeoutStartUSec)
    Q_PROPERTY(qulonglong TimeoutStopUSec READ timeoutStopUSec)
public:
    explicit FakeServiceAdaptor(FakeUnit *unit);
    uint mainPid() const;
    qulonglong timeoutStartUSec() const;
    qulonglong timeoutStopUSec() const;

private:
    FakeUnit *m_unit; // borrowed: the parent
};
