// SPDX-License-Identifier: MIT
// org.freedesktop.systemd1.Manager of the systemd test double: unit lookup and jobs on FakeUnits.
#include "managerdouble.h"

#include "serviceadaptor.h"
#include "unitadaptor.h"

#include <QDBusConnection>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcDouble)

ManagerDouble::ManagerDouble(QObject *parent)
    : QObject(parent)
{
}

QString ManagerDouble::unitPath(const QString &name)
{
    // systemd's bus path escaping: every byte but [A-Za-z0-9] becomes _xx.
    QString escaped;
    for (const char c : name.toUtf8()) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        escaped += plain ? QString(QLatin1Char(c))
                         : QStringLiteral("_%1").arg(static_cast<uchar>(c), 2, 16, QLatin1Char('0'));
    }
    return QStringLiteral("/org/freedesktop/systemd1/unit/") + escaped;
}

void ManagerDouble::addUnit(FakeUnit *unit)
{
    unit->setParent(this);
    new UnitAdaptor(unit);
    new ServiceAdaptor(unit);
    QDBusConnection::systemBus().registerObject(unitPath(unit->id()), unit);
    m_units.insert(unit->id(), unit);
    connect(unit, &FakeUnit::jobRemoved, this,
            [this](uint id, const QString &job, const QString &name, const QString &result) {
                emit JobRemoved(id, QDBusObjectPath(job), name, result);
            });
}

FakeUnit *ManagerDouble::find(const QString &name)
{
    FakeUnit *unit = m_units.value(name);
    if (!unit)
        sendErrorReply(QStringLiteral("org.freedesktop.systemd1.NoSuchUnit"), QStringLiteral("Unit %1 not loaded.").arg(name));
    return unit;
}

QDBusObjectPath ManagerDouble::nextJob()
{
    return QDBusObjectPath(QStringLiteral("/org/freedesktop/systemd1/job/%1").arg(++m_lastJob));
}

QDBusObjectPath ManagerDouble::runJob(FakeUnit *unit, FakeUnit::JobType type, const std::function<void()> &action)
{
    const QDBusObjectPath job = nextJob();
    unit->addJob(m_lastJob, job.path(), type);
    action();
    unit->settleJobs();
    return job;
}

QDBusObjectPath ManagerDouble::RestartUnit(const QString &name, const QString &mode)
{
    qCInfo(lcDouble, "RestartUnit %s %s", qPrintable(name), qPrintable(mode));
    if (FakeUnit *unit = find(name))
        return runJob(unit, FakeUnit::JobType::Start, [unit] { unit->restart(); });
    return {};
}

QDBusObjectPath ManagerDouble::StartUnit(const QString &name, const QString &mode)
{
    qCInfo(lcDouble, "StartUnit %s %s", qPrintable(name), qPrintable(mode));
    if (FakeUnit *unit = find(name))
        return runJob(unit, FakeUnit::JobType::Start, [unit] { unit->start(); });
    return {};
}

QDBusObjectPath ManagerDouble::StopUnit(const QString &name, const QString &mode)
{
    qCInfo(lcDouble, "StopUnit %s %s", qPrintable(name), qPrintable(mode));
    if (FakeUnit *unit = find(name))
        return runJob(unit, FakeUnit::JobType::Stop, [unit] { unit->stop(); });
    return {};
}

void ManagerDouble::ResetFailedUnit(const QString &name)
{
    qCInfo(lcDouble, "ResetFailedUnit %s", qPrintable(name));
    if (FakeUnit *unit = find(name))
        unit->resetFailed();
}

QDBusObjectPath ManagerDouble::GetUnit(const QString &name)
{
    if (find(name))
        return QDBusObjectPath(unitPath(name));
    return {};
}

QDBusObjectPath ManagerDouble::LoadUnit(const QString &name)
{
    return GetUnit(name);
}
