// SPDX-License-Identifier: MIT
// Exports a FakeUnit's state as org.freedesktop.systemd1.Unit and org.freedesktop.systemd1.Service.
#include "fakeunitadaptor.h"

#include "fakeunit.h"

FakeUnitAdaptor::FakeUnitAdaptor(FakeUnit *unit) : QDBusAbstractAdaptor(unit), m_unit(unit) {}

QString FakeUnitAdaptor::id() const
{
    return m_unit->name();
}

QString FakeUnitAdaptor::activeState() const
{
    return m_unit->activeState();
}
