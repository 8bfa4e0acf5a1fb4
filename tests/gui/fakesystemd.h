// SPDX-License-Identifier: MIT
// Test double of systemd's manager (RestartUnit) that records calls and can deny them like polkit.
#pragma once

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
};
