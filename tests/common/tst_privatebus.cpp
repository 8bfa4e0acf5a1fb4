// SPDX-License-Identifier: MIT
// Tests PrivateBus: the system bus of this process is the private daemon.
#include "privatebus.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QTest>

class TestPrivateBus : public QObject
{
    Q_OBJECT
    PrivateBus m_bus;

private slots:
    void initTestCase() { QVERIFY2(m_bus.start().isEmpty(), "dbus-daemon must start"); }
    void systemBusIsPrivate()
    {
        QVERIFY(m_bus.address().startsWith("unix:"));
        QDBusConnection bus = QDBusConnection::systemBus();
        QVERIFY2(bus.isConnected(), qPrintable(bus.lastError().message()));
        QVERIFY(bus.registerService(QStringLiteral("org.recorder.TestName")));
        QVERIFY(bus.interface()->isServiceRegistered(QStringLiteral("org.recorder.TestName")));
        // A real system bus would refuse this name to an unprivileged test; systemd is absent.
        QVERIFY(!bus.interface()->isServiceRegistered(QStringLiteral("org.freedesktop.systemd1")));
    }
};

QTEST_GUILESS_MAIN(TestPrivateBus)
#include "tst_privatebus.moc"
