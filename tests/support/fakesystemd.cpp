// SPDX-License-Identifier: MIT
// A test double of systemd's manager on a (private) bus: RestartUnit really restarts a process.
#include "fakesystemd.h"

#include "fakeserviceadaptor.h"
#include "fakeunit.h"
#include "fakeunitadaptor.h"

namespace {
const QString kService = QStringLiteral("org.freedesktop.systemd1");
const QString kPath = QStringLiteral("/org/freedesktop/systemd1");
} // namespace

FakeSystemd::FakeSystemd(const QDBusConnection &bus, QObject *parent) : QObject(parent), m_bus(bus) {}

FakeSystemd::~FakeSystemd()
{
    if (m_registered) {
        m_bus.unregisterService(kService);
        m_bus.unregisterObject(kPath);
        for (FakeUnit *unit : std::as_const(m_units))
            m_bus.unregisterObject(unit->objectPath());
    }
}

QString FakeSystemd::registerOnBus()
{
    if (!m_bus.registerObject(kPath, this,
                              QDBusConnection::ExportScriptableSlots | QDBusConnection::ExportScriptableInvokables
                                  | QDBusConnection::ExportScriptableSignals))
        return QStringLiteral("cannot register %1: %2").arg(kPath, m_bus.lastError().message());
    if (!m_bus.registerService(kService))
        return QStringLiteral("cannot own %1: %2").arg(kService, m_bus.lastError().message());
    m_registered = true;
    for (FakeUnit *unit : std::as_const(m_units))
        m_bus.registerObject(unit->objectPath(), unit, QDBusConnection::ExportAdaptors);
    return {};
}

FakeUnit *FakeSystemd::addUnit(const QString &name, const QString &program, const QStringList &arguments)
{
    auto *unit = new FakeUnit(name, program, arguments, this);
    new FakeUnitAdaptor(unit);
    new FakeServiceAdaptor(unit);
    m_units.insert(name, unit);
    if (m_registered)
        m_bus.registerObject(unit->objectPath(), unit, QDBusConnection::ExportAdaptors);
    return unit;
}

int FakeSystemd::callCount(const QString &method) const
{
    int n = 0;
    for (const QString &call : m_calls) {
        if (call.section(QLatin1Char(' '), 0, 0) == method)
            ++n;
    }
    return n;
}

void FakeSystemd::setFailure(const QString &method, const QString &errorName)
{
    if (errorName.isEmpty())
        m_failures.remove(method);
    else
        m_failures.insert(method, errorName);
}

bool FakeSystemd::failIfAsked(const QString &method)
{
    const QString error = m_failures.value(method);
    if (error.isEmpty())
        return false;
    sendErrorReply(error, QStringLiteral("%1 refused by the test double").arg(method));
    return true;
}

FakeUnit *FakeSystemd::findOrFail(const QString &name)
{
    FakeUnit *unit = m_units.value(name);
    if (!unit)
        sendErrorReply(QStringLiteral("org.freedesktop.systemd1.NoSuchUnit"), QStringLiteral("Unit %1 not loaded.").arg(name));
    return unit;
}

QDBusObjectPath FakeSystemd::job(const QString &call, const QString &unit, const QString &result)
{
    m_calls << call;
    emit called(call);
    const uint id = static_cast<uint>(++m_jobs);
    const QDBusObjectPath path(QStringLiteral("/org/freedesktop/systemd1/job/%1").arg(id));
    if (m_dropJobRemoved)
        return path;
    // The units here act at once, so the job is over; queued so that the reply goes first.
    QMetaObject::invokeMethod(this, [this, id, path, unit, result] { emit JobRemoved(id, path, unit, result); },
                              Qt::QueuedConnection);
    return path;
}

QDBusObjectPath FakeSystemd::RestartUnit(const QString &name, const QString &mode)
{
    const QString call = QStringLiteral("RestartUnit %1 %2").arg(name, mode);
    if (failIfAsked(QStringLiteral("RestartUnit"))) {
        m_calls << QStringLiteral("Refused ") + call;
        return {};
    }
    FakeUnit *unit = findOrFail(name);
    if (!unit)
        return {};
    const QString error = unit->restart();
    if (!error.isEmpty())
        qWarning("FakeSystemd: %s", qPrintable(error));
    return job(call, name, error.isEmpty() ? QStringLiteral("done") : QStringLiteral("failed"));
}

QDBusObjectPath FakeSystemd::StartUnit(const QString &name, const QString &mode)
{
    if (failIfAsked(QStringLiteral("StartUnit")))
        return {};
    FakeUnit *unit = findOrFail(name);
    if (!unit)
        return {};
    const QString error = unit->start();
    return job(QStringLiteral("StartUnit %1 %2").arg(name, mode), name,
               error.isEmpty() ? QStringLiteral("done") : QStringLiteral("failed"));
}

QDBusObjectPath FakeSystemd::StopUnit(const QString &name, const QString &mode)
{
    if (failIfAsked(QStringLiteral("StopUnit")))
        return {};
    FakeUnit *unit = findOrFail(name);
    if (!unit)
        return {};
    unit->stop();
    return job(QStringLiteral("StopUnit %1 %2").arg(name, mode), name, QStringLiteral("done"));
}

QDBusObjectPath FakeSystemd::GetUnit(const QString &name)
{
    if (failIfAsked(QStringLiteral("GetUnit")))
        return {};
    FakeUnit *unit = findOrFail(name);
    return unit ? QDBusObjectPath(unit->objectPath()) : QDBusObjectPath();
}

QDBusObjectPath FakeSystemd::LoadUnit(const QString &name)
{
    if (failIfAsked(QStringLiteral("LoadUnit")))
        return {};
    FakeUnit *unit = findOrFail(name);
    return unit ? QDBusObjectPath(unit->objectPath()) : QDBusObjectPath();
}
