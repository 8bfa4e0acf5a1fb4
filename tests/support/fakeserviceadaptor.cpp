// SPDX-License-Identifier: MIT
// Exports a FakeUnit's MainPID and timeouts as org.freedesktop.systemd1.Service.
#include "fakeserviceadaptor.h"

#include "fakeunit.h"

FakeServiceAdaptor::FakeServiceAdaptor(FakeUnit *unit) : QDBusAbstractAdaptor(unit), m_unit(unit) {}

uint FakeServiceAdaptor::mainPid() const
{
    return m_unit->mainPid();
}

qulonglong FakeServiceAdaptor::timeoutStartUSec() const
{
    return m_unit->timeoutStartUSec();
}

qulonglong FakeServiceAdaptor::timeoutStopUSec() const
{
    return m_unit->timeoutStopUSec();
}
