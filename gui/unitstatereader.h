// SPDX-License-Identifier: MIT
// Reads the units' state from systemd over the system bus, every few seconds and on demand.
#pragma once

#include "activepoll.h"
#include "unitstate.h"

#include <QDBusConnection>
#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>

class QDBusError;
class QDBusPendingCall;

// Thread-bound to the UI thread. Every call is asynchronous (LoadUnit, then Properties.GetAll on
// the Unit and Service interfaces), so a slow or absent systemd never freezes the screen; one
// query per unit is in flight at a time. Polls rather than subscribing to PropertiesChanged:
// systemd only sends those to clients that called Manager.Subscribe, which keeps systemd doing
// work for us for as long as the dashboard runs, and a poll of three or four units every few seconds is cheap.
class UnitStateReader : public QObject
{
    Q_OBJECT
public:
    UnitStateReader(const QDBusConnection &bus, const QStringList &units, int intervalMs, QObject *parent = nullptr);

    // Reads at once and then every interval while active (the Service page is on screen): nobody
    // else looks at the units' state, so systemd is not asked when it would go unseen.
    void setActive(bool active) { m_poll.setActive(active); }

public slots:
    // Reads every unit now (after a restart request, say), besides the regular poll.
    void refresh();

signals:
    void unitRead(const UnitState &state);

private:
    void query(const QString &unit);
    void readProperties(const QString &unit, const QString &path);
    void finish(const UnitState &state);
    // Sorts a failed call: no systemd, no such unit, or another error.
    UnitState fromError(const QString &unit, const QDBusError &error);
    void whenFinished(const QDBusPendingCall &call, std::function<void(const QDBusPendingCall &)> done);

    QDBusConnection m_bus;
    QStringList m_units;
    ActivePoll m_poll;
    QHash<QString, QString> m_paths; // unit → object path, from LoadUnit, until a call on it fails
    QHash<QString, bool> m_busy;     // unit → a query is in flight
};
