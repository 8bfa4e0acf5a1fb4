// SPDX-License-Identifier: MIT
// Test double of systemd's manager (RestartUnit, LoadUnit) that records calls and can deny them like polkit.
#pragma once

#include "fakeunits.h"

#include <QDBusContext>
#include <QDBusObjectPath>
#include <QObject>
#include <QStringList>

// Thread-bound to the test's main thread; registered on its own bus connection.
class FakeSystemd : public QObject, protected QDBusContext
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.systemd1.Manager")
public:
    QStringList restarted; // unit names, one per call
    QString denyWith;      // e.g. org.freedesktop.DBus.Error.AccessDenied
    FakeUnits units;       // the unit objects LoadUnit hands out

public slots:
    QDBusObjectPath RestartUnit(const QString &name, const QString &mode)
    {
        restarted.append(name);
        if (!denyWith.isEmpty())
            sendErrorReply(denyWith, QStringLiteral("Access denied"));
        else if (mode != QLatin1String("replace"))
            sendErrorReply(QStringLiteral("org.freedesktop.DBus.Error.InvalidArgs"), QStringLiteral("bad mode ") + mode);
        return QDBusObjectPath(QStringLiteral("/org/freedesktop/systemd1/job/%1").arg(restarted.size()));
    }

    // systemd answers LoadUnit for a unit file that is not installed with a stub unit whose
    // LoadState is "not-found" (a test sets that with units.set); a unit never set answers
    // NoSuchUnit, as GetUnit does for a unit not loaded.
    QDBusObjectPath LoadUnit(const QString &name)
    {
        if (!units.has(name))
            sendErrorReply(QStringLiteral("org.freedesktop.systemd1.NoSuchUnit"),
                           QStringLiteral("Unit %1 not found.").arg(name));
        return QDBusObjectPath(FakeUnits::pathOf(name));
    }
};
