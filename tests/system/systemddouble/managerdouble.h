// SPDX-License-Identifier: MIT
// org.freedesktop.systemd1.Manager of the systemd test double: unit lookup and jobs on FakeUnits.
#pragma once

#include "fakeunit.h"

#include <QDBusContext>
#include <QDBusObjectPath>
#include <QMap>
#include <QObject>
#include <QString>

#include <functional>

// Thread-bound (the double's main thread). Borrows the units; they are its children.
class ManagerDouble : public QObject, protected QDBusContext
{
    Q_OBJECT
public:
    explicit ManagerDouble(QObject *parent = nullptr);

    // Takes ownership. The unit object is exported at systemd's path for that name.
    void addUnit(FakeUnit *unit);
    QList<FakeUnit *> units() const { return m_units.values(); }
    static QString unitPath(const QString &name);

public Q_SLOTS:
    QDBusObjectPath RestartUnit(const QString &name, const QString &mode);
    QDBusObjectPath StartUnit(const QString &name, const QString &mode);
    QDBusObjectPath StopUnit(const QString &name, const QString &mode);
    void ResetFailedUnit(const QString &name);
    QDBusObjectPath GetUnit(const QString &name);
    QDBusObjectPath LoadUnit(const QString &name);

Q_SIGNALS:
    void JobRemoved(uint id, const QDBusObjectPath &job, const QString &unit, const QString &result);

private:
    FakeUnit *find(const QString &name);
    // Queues a job on `unit`, runs `action`, and lets the unit end the job if it already can.
    QDBusObjectPath runJob(FakeUnit *unit, FakeUnit::JobType type, const std::function<void()> &action);
    QDBusObjectPath nextJob();

    QMap<QString, FakeUnit *> m_units;
    uint m_lastJob = 0;
};
