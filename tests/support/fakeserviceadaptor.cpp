// SPDX-License-Identifier: MIT
// Exports a FakeUnit's MainPID as org.freedesktop.systemd1.Service.
#include "fakeserviceadaptor.h"

#include "fakeunit.h"

FakeServiceAdaptor::FakeServiceAdaptor(FakeUnit *unit) : QDBusAbstractAdaptor(unit), m_unit(unit) {}

uint FakeServiceAdaptor::mainPid() const
{
    return m_unit->mainPid();
}
