// SPDX-License-Identifier: MIT
// A test double of systemd's manager on a (private) bus: RestartUnit really restarts a process.
#pragma once

#include <QDBusConnection>
#include <QDBusContext>
#include <QDBusObjectPath>
#include <QHash>
#include <QObject>
#include <QStringList>

class FakeUnit;

// Thread-bound (the test's main thread; D-Bus calls are served by its event loop, so tests wait
// with QTRY_* or QSignalSpy, never blocking). Owns its units. Answers the calls recorder makes
// (common/dbus/org.freedesktop.systemd1.Manager.xml, JobRemoved included) plus StartUnit/StopUnit, records every call,
// and can be told to fail a method with a given D-Bus error name.
class FakeSystemd : public QObject, protected QDBusContext
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.systemd1.Manager")
public:
    explicit FakeSystemd(const QDBusConnection &bus, QObject *parent = nullptr);
    ~FakeSystemd() override;

    // Takes the name org.freedesktop.systemd1. Returns an empty string or the reason.
    QString registerOnBus();

    FakeUnit *addUnit(const QString &name, const QString &program, const QStringList &arguments);
    FakeUnit *unit(const QString &name) const { return m_units.value(name); }

    // "RestartUnit recorder.service replace", in order; a call refused by setFailure() is recorded as
    // "Refused RestartUnit …". Lookups (LoadUnit, GetUnit) are not recorded.
    QStringList calls() const { return m_calls; }
    int callCount(const QString &method) const;
    // Until cleared with an empty name, `method` answers with this error.
    void setFailure(const QString &method, const QString &errorName);
    // While set, jobs end without a JobRemoved, as when the watchdog misses it across a reconnect.
    void setDropJobRemoved(bool drop) { m_dropJobRemoved = drop; }

    Q_SCRIPTABLE QDBusObjectPath RestartUnit(const QString &name, const QString &mode);
    Q_SCRIPTABLE QDBusObjectPath StartUnit(const QString &name, const QString &mode);
    Q_SCRIPTABLE QDBusObjectPath StopUnit(const QString &name, const QString &mode);
    Q_SCRIPTABLE QDBusObjectPath GetUnit(const QString &name);
    Q_SCRIPTABLE QDBusObjectPath LoadUnit(const QString &name);

signals:
    void called(const QString &call);
    // Sent after the method's reply, once per job: "done", or "failed" when the process did not start.
    Q_SCRIPTABLE void JobRemoved(uint id, const QDBusObjectPath &job, const QString &unit, const QString &result);

private:
    bool failIfAsked(const QString &method);
    FakeUnit *findOrFail(const QString &name);
    QDBusObjectPath job(const QString &call, const QString &unit, const QString &result);

    QDBusConnection m_bus;
    QHash<QString, FakeUnit *> m_units; // children
    QHash<QString, QString> m_failures;
    QStringList m_calls;
    int m_jobs = 0;
    bool m_registered = false;
    bool m_dropJobRemoved = false;
};
