// SPDX-License-Identifier: MIT
// Test double of systemd's unit objects: Properties.GetAll on org.freedesktop.systemd1.Unit and .Service.
#pragma once

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVirtualObject>
#include <QHash>
#include <QVariantMap>

// Thread-bound to the test's main thread; registered as a subtree under kRoot on the doubles'
// connection. A test sets each unit's properties as systemd would show them; a unit it never set
// does not exist (FakeSystemd's LoadUnit answers NoSuchUnit for it).
class FakeUnits : public QDBusVirtualObject
{
    Q_OBJECT
public:
    static inline const QString kRoot = QStringLiteral("/org/freedesktop/systemd1/unit");

    // Any valid object path will do: the dashboard uses the path LoadUnit returns, whatever its spelling.
    static QString pathOf(const QString &unit)
    {
        return kRoot + QStringLiteral("/u") + QString::fromLatin1(unit.toUtf8().toHex());
    }

    bool has(const QString &unit) const { return m_unit.contains(pathOf(unit)); }
    void set(const QString &unit, const QVariantMap &unitProperties, const QVariantMap &serviceProperties = {})
    {
        m_unit.insert(pathOf(unit), unitProperties);
        m_service.insert(pathOf(unit), serviceProperties);
    }
    void clear()
    {
        m_unit.clear();
        m_service.clear();
    }
    int getAllCalls = 0;

    QString introspect(const QString &) const override { return QString(); }

    bool handleMessage(const QDBusMessage &message, const QDBusConnection &connection) override
    {
        if (message.interface() != QLatin1String("org.freedesktop.DBus.Properties")
            || message.member() != QLatin1String("GetAll") || message.arguments().size() != 1)
            return false;
        ++getAllCalls;
        const QString interface = message.arguments().at(0).toString();
        const QHash<QString, QVariantMap> &table =
            interface == QLatin1String("org.freedesktop.systemd1.Service") ? m_service : m_unit;
        if (!table.contains(message.path())) {
            connection.send(message.createErrorReply(QStringLiteral("org.freedesktop.DBus.Error.UnknownObject"),
                                                     QStringLiteral("no unit at ") + message.path()));
            return true;
        }
        connection.send(message.createReply(QVariant::fromValue(table.value(message.path()))));
        return true;
    }

private:
    QHash<QString, QVariantMap> m_unit;    // path → org.freedesktop.systemd1.Unit properties
    QHash<QString, QVariantMap> m_service; // path → org.freedesktop.systemd1.Service properties
};
