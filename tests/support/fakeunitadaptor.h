// SPDX-License-Identifier: MIT
// Exports a FakeUnit's state as org.freedesktop.systemd1.Unit and org.freedesktop.systemd1.Service.
#pragma once

#include <QDBusAbstractAdaptor>

class FakeUnit;

// Thread-bound, like the FakeUnit it is attached to (its parent). Qt answers
// org.freedesktop.DBus.Properties.Get for these properties.
class FakeUnitAdaptor : public QDBusAbstractAdaptor
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.systemd1.Unit")
    Q_PROPERTY(QString Id READ id)
    Q_PROPERTY(QString ActiveState READ activeState)
    Q_PROPERTY(QString LoadState READ loadState)
public:
    explicit FakeUnitAdaptor(FakeUnit *unit);
    QString id() const;
    QString activeState() const;
    QString loadState() const { return QStringLiteral("loaded"); }

private:
    FakeUnit *m_unit; // borrowed: the parent
};
