// SPDX-License-Identifier: MIT
// A test double of logind's manager on a (private) bus: records Reboot calls, reboots nothing.
#include "fakelogind.h"

namespace {
const QString kService = QStringLiteral("org.freedesktop.login1");
const QString kPath = QStringLiteral("/org/freedesktop/login1");
} // namespace

FakeLogind::FakeLogind(const QDBusConnection &bus, QObject *parent) : QObject(parent), m_bus(bus) {}

FakeLogind::~FakeLogind()
{
    if (m_registered) {
        m_bus.unregisterService(kService);
        m_bus.unregisterObject(kPath);
    }
}

QString FakeLogind::registerOnBus()
{
    if (!m_bus.registerObject(kPath, this, QDBusConnection::ExportScriptableSlots | QDBusConnection::ExportScriptableInvokables))
        return QStringLiteral("cannot register %1: %2").arg(kPath, m_bus.lastError().message());
    if (!m_bus.registerService(kService))
        return QStringLiteral("cannot own %1: %2").arg(kService, m_bus.lastError().message());
    m_registered = true;
    return {};
}

void FakeLogind::Reboot(bool interactive)
{
    if (!m_failure.isEmpty()) {
        sendErrorReply(m_failure, QStringLiteral("Reboot refused by the test double"));
        return;
    }
    ++m_reboots;
    emit rebootRequested(interactive);
}
