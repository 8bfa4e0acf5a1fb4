// SPDX-License-Identifier: MIT
// Reads the units' state from systemd over the system bus, every few seconds and on demand.
#include "unitstatereader.h"

#include "dashboardlog.h"
#include "systemdbus.h"

#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

namespace {
// systemd answers in milliseconds; beyond this it counts as not reachable until the next poll.
constexpr int kCallTimeoutMs = 5000;

bool meansUnreachable(const QString &name)
{
    return name == QLatin1String("org.freedesktop.DBus.Error.ServiceUnknown")
        || name == QLatin1String("org.freedesktop.DBus.Error.NameHasNoOwner")
        || name == QLatin1String("org.freedesktop.DBus.Error.NoServer")
        || name == QLatin1String("org.freedesktop.DBus.Error.Disconnected")
        || name == QLatin1String("org.freedesktop.DBus.Error.NoReply")
        || name == QLatin1String("org.freedesktop.DBus.Error.Timeout")
        // The bus tried to start systemd on demand and could not (a bus without systemd).
        || name.startsWith(QLatin1String("org.freedesktop.DBus.Error.Spawn."));
}
} // namespace

UnitStateReader::UnitStateReader(const QDBusConnection &bus, const QStringList &units, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
    , m_units(units)
    , m_poll(intervalMs, [this] { refresh(); })
{
}

void UnitStateReader::refresh()
{
    for (const QString &unit : std::as_const(m_units)) {
        if (m_busy.value(unit))
            continue;
        query(unit);
    }
}

void UnitStateReader::query(const QString &unit)
{
    if (!m_bus.isConnected()) {
        UnitState state;
        state.unit = unit;
        state.reach = UnitState::Reach::Unreachable;
        emit unitRead(state);
        return;
    }
    m_busy.insert(unit, true);
    const QString known = m_paths.value(unit);
    if (!known.isEmpty()) {
        readProperties(unit, known);
        return;
    }
    // LoadUnit rather than GetUnit: GetUnit fails for a unit systemd has not loaded (a stopped
    // one may be unloaded), which would read as "not installed".
    QDBusMessage call = QDBusMessage::createMethodCall(SystemdBus::service(), SystemdBus::managerPath(),
                                                       SystemdBus::managerInterface(),
                                                       QStringLiteral("LoadUnit"));
    call << unit;
    whenFinished(m_bus.asyncCall(call, kCallTimeoutMs), [this, unit](const QDBusPendingCall &done) {
        const QDBusPendingReply<QDBusObjectPath> reply = done;
        if (reply.isError()) {
            finish(fromError(unit, reply.error()));
            return;
        }
        m_paths.insert(unit, reply.value().path());
        readProperties(unit, reply.value().path());
    });
}

void UnitStateReader::readProperties(const QString &unit, const QString &path)
{
    const auto getAll = [this, path](const QString &interface) {
        QDBusMessage call = QDBusMessage::createMethodCall(SystemdBus::service(), path,
                                                           QStringLiteral("org.freedesktop.DBus.Properties"),
                                                           QStringLiteral("GetAll"));
        call << interface;
        return m_bus.asyncCall(call, kCallTimeoutMs);
    };
    whenFinished(getAll(SystemdBus::unitInterface()), [this, unit, getAll](const QDBusPendingCall &done) {
        const QDBusPendingReply<QVariantMap> reply = done;
        if (reply.isError()) {
            m_paths.remove(unit); // the object may have gone with an unloaded unit: look it up again
            finish(fromError(unit, reply.error()));
            return;
        }
        const QVariantMap properties = reply.value();
        UnitState state;
        state.unit = unit;
        state.reach = UnitState::Reach::Read;
        state.activeState = properties.value(QStringLiteral("ActiveState")).toString();
        state.subState = properties.value(QStringLiteral("SubState")).toString();
        const quint64 enteredUSec = properties.value(QStringLiteral("ActiveEnterTimestampMonotonic")).toULongLong();
        const quint64 nowUSec = UnitState::nowMonotonicUSec();
        if (state.activeState == QLatin1String("active") && enteredUSec > 0 && enteredUSec <= nowUSec)
            state.activeForSeconds = static_cast<double>(nowUSec - enteredUSec) / 1e6;
        if (properties.value(QStringLiteral("LoadState")).toString() == QLatin1String("not-found")) {
            state.reach = UnitState::Reach::NotInstalled;
            finish(state);
            return;
        }
        // The Service interface says why a unit failed (exit status, signal, timeout).
        whenFinished(getAll(SystemdBus::serviceInterface()), [this, state](const QDBusPendingCall &serviceDone) mutable {
            const QDBusPendingReply<QVariantMap> service = serviceDone;
            if (!service.isError()) {
                const QVariantMap s = service.value();
                state.result = s.value(QStringLiteral("Result")).toString();
                state.execMainCode = s.value(QStringLiteral("ExecMainCode")).toInt();
                state.execMainStatus = s.value(QStringLiteral("ExecMainStatus")).toInt();
            }
            finish(state);
        });
    });
}

void UnitStateReader::finish(const UnitState &state)
{
    m_busy.insert(state.unit, false);
    emit unitRead(state);
}

UnitState UnitStateReader::fromError(const QString &unit, const QDBusError &error)
{
    UnitState state;
    state.unit = unit;
    if (error.name() == QLatin1String("org.freedesktop.systemd1.NoSuchUnit")) {
        state.reach = UnitState::Reach::NotInstalled;
    } else if (meansUnreachable(error.name())) {
        state.reach = UnitState::Reach::Unreachable;
        m_paths.remove(unit); // a restarted systemd may hand out other paths
    } else {
        qCWarning(lcDashboard).noquote() << "reading the state of" << unit << "failed:" << error.name() << error.message();
        state.reach = UnitState::Reach::Error;
        state.error = error.message().isEmpty() ? error.name() : error.message();
    }
    return state;
}

void UnitStateReader::whenFinished(const QDBusPendingCall &call, std::function<void(const QDBusPendingCall &)> done)
{
    auto *watcher = new QDBusPendingCallWatcher(call, this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [done = std::move(done)](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        done(*w);
    });
}
