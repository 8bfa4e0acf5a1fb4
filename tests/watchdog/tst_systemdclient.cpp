// SPDX-License-Identifier: MIT
// SystemdClient against the systemd test double on a private bus: how long it waits for a restart job.
#include "fakesystemd.h"
#include "fakeunit.h"
#include "privatebus.h"
#include "systemdclient.h"

#include <QDBusConnection>
#include <QElapsedTimer>
#include <QTest>

#include <limits>
#include <memory>
#include <optional>

namespace {

const QString kUnit = QStringLiteral("recorder.service");
constexpr quint64 kSecondUSec = 1000 * 1000;
constexpr quint64 kInfinity = std::numeric_limits<quint64>::max();

} // namespace

class TestSystemdClient : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void jobWait_data();
    void jobWait();
    void missedJobRemovedEndsAsTimeout_data();
    void missedJobRemovedEndsAsTimeout();

private:
    PrivateBus m_bus;
    std::unique_ptr<FakeSystemd> m_systemd;
};

void TestSystemdClient::initTestCase()
{
    const QString error = m_bus.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(QDBusConnection::systemBus().isConnected());
}

void TestSystemdClient::init()
{
    m_systemd = std::make_unique<FakeSystemd>(QDBusConnection::systemBus());
    m_systemd->addUnit(kUnit, QStringLiteral("sleep"), {QStringLiteral("600")});
    const QString error = m_systemd->registerOnBus();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestSystemdClient::cleanup()
{
    m_systemd.reset();
}

void TestSystemdClient::jobWait_data()
{
    QTest::addColumn<quint64>("start");
    QTest::addColumn<quint64>("stop");
    QTest::addColumn<qint64>("expectedMs");
    QTest::newRow("systemd's defaults: 90 s + 90 s + 30 s") << 90 * kSecondUSec << 90 * kSecondUSec << qint64(210000);
    QTest::newRow("short unit timeouts") << 2 * kSecondUSec << kSecondUSec / 2 << qint64(32500);
    QTest::newRow("not read yet") << quint64(0) << quint64(0) << SystemdClient::kJobFallbackMs;
    QTest::newRow("start timeout infinity") << kInfinity << 90 * kSecondUSec << SystemdClient::kJobFallbackMs;
    QTest::newRow("stop timeout disabled (0)") << 90 * kSecondUSec << quint64(0) << SystemdClient::kJobFallbackMs;
    QTest::newRow("huge timeouts are capped at a day") << kInfinity - 1 << kInfinity - 1 << qint64(86400000);
}

void TestSystemdClient::jobWait()
{
    QFETCH(quint64, start);
    QFETCH(quint64, stop);
    QFETCH(qint64, expectedMs);
    QCOMPARE(SystemdClient::jobWaitMs(start, stop), expectedMs);
    QCOMPARE(SystemdClient::kJobFallbackMs, qint64(180000));
}

void TestSystemdClient::missedJobRemovedEndsAsTimeout_data()
{
    QTest::addColumn<bool>("drop");
    QTest::newRow("JobRemoved missed") << true;
    QTest::newRow("JobRemoved received") << false;
}

void TestSystemdClient::missedJobRemovedEndsAsTimeout()
{
    QFETCH(bool, drop);
    // A connection of its own, as the watchdog has: the double serves the bus's shared one.
    QDBusConnection bus = QDBusConnection::connectToBus(m_bus.address(), QStringLiteral("client"));
    QVERIFY(bus.isConnected());
    m_systemd->unit(kUnit)->setTimeouts(kSecondUSec / 5, kSecondUSec / 5);
    m_systemd->setDropJobRemoved(drop);
    {
        SystemdClient client(bus, kUnit);
        client.setJobMarginMs(100); // 0.2 s + 0.2 s + 0.1 s instead of 30 s

        bool queried = false;
        client.queryUnit([&queried](const WatchdogPolicy::UnitState &state, const CallResult &r) {
            QVERIFY2(r.ok, qPrintable(r.describe()));
            QVERIFY(state.known);
            queried = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(queried, 10000);

        std::optional<CallResult> result;
        QElapsedTimer elapsed;
        elapsed.start();
        client.restartUnit(false, [&result](const CallResult &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        // Not the ten minutes of old, nor systemd's 90 s defaults: the unit's own 0.5 s bound.
        QVERIFY2(elapsed.elapsed() < 10000, qPrintable(QString::number(elapsed.elapsed())));
        if (drop) {
            QVERIFY(!result->ok);
            QCOMPARE(result->jobResult, QStringLiteral("timeout"));
            QVERIFY2(result->message.contains(QLatin1String("no JobRemoved within 0.5 s")), qPrintable(result->message));
            QVERIFY(elapsed.elapsed() >= 400);
        } else {
            QVERIFY2(result->ok, qPrintable(result->describe()));
            QCOMPARE(result->jobResult, QStringLiteral("done"));
        }
        QCOMPARE(m_systemd->callCount(QStringLiteral("RestartUnit")), 1);
    }
    QDBusConnection::disconnectFromBus(QStringLiteral("client"));
}

QTEST_GUILESS_MAIN(TestSystemdClient)
#include "tst_systemdclient.moc"
