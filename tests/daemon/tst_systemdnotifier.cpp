// SPDX-License-Identifier: MIT
// Tests SystemdNotifier against a datagram socket the test owns, as systemd's NOTIFY_SOCKET.
#include "fakerecordingengine.h"
#include "heartbeatbuilder.h"
#include "notifyreader.h"
#include "sessioncontroller.h"
#include "statuspublisher.h"
#include "systemdnotifier.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

namespace {

constexpr qint64 kWatchdogUsec = 1200000; // half: 600 ms
constexpr qint64 kHalfMs = kWatchdogUsec / 2000;

} // namespace

class TestSystemdNotifier : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<NotifyReader> m_socket;

    static SessionController::Settings settings(RecordingMode mode)
    {
        SessionController::Settings s;
        s.mode = mode;
        s.retryInitialSeconds = 30;
        return s;
    }

private slots:
    void init()
    {
        static int n = 0;
        const QString path = m_dir.filePath(QStringLiteral("notify-%1").arg(++n));
        m_socket = std::make_unique<NotifyReader>(path);
        QVERIFY2(m_socket->error().isEmpty(), qPrintable(m_socket->error()));
        qputenv("NOTIFY_SOCKET", path.toUtf8());
        qputenv("WATCHDOG_USEC", QByteArray::number(kWatchdogUsec));
        qunsetenv("WATCHDOG_PID");
    }
    void cleanup() { m_socket.reset(); }

    void nothingWithoutNotifySocket()
    {
        qunsetenv("NOTIFY_SOCKET");
        FakeRecordingEngine engine;
        SessionController controller(settings(RecordingMode::Continuous), &engine);
        HeartbeatBuilder builder(&controller, &engine, 1);
        StatusPublisher status(&builder, m_dir.filePath(QStringLiteral("heartbeat.json")), 1);
        connect(&controller, &SessionController::stateChanged, &status, &StatusPublisher::publish);
        connect(&controller, &SessionController::warning, &status, &StatusPublisher::publish);
        SystemdNotifier notifier(&status, &engine);
        QVERIFY(!notifier.enabled());
        QCOMPARE(notifier.watchdogCheckSeconds(), 0.0);
        controller.begin();
        QTRY_COMPARE(controller.state(), RecorderState::Recording);
        QTest::qWait(3 * kHalfMs); // a negative check: wait the time pings would take, then look
        QCOMPARE(m_socket->messages().size(), 0);
    }

    void readyFirstThenWatchdogWhileFramesFlow()
    {
        FakeRecordingEngine engine;
        SessionController controller(settings(RecordingMode::Continuous), &engine);
        HeartbeatBuilder builder(&controller, &engine, 1);
        StatusPublisher status(&builder, m_dir.filePath(QStringLiteral("heartbeat.json")), 1);
        connect(&controller, &SessionController::stateChanged, &status, &StatusPublisher::publish);
        connect(&controller, &SessionController::warning, &status, &StatusPublisher::publish);
        SystemdNotifier notifier(&status, &engine);
        QVERIFY(notifier.enabled());
        QVERIFY(notifier.watchdogCheckSeconds() > 0 && notifier.watchdogCheckSeconds() <= kHalfMs / 1000.0);
        controller.begin();
        QTRY_VERIFY(!m_socket->messages().isEmpty());
        const QList<QByteArray> first = m_socket->messages().first().text.split('\n');
        QVERIFY2(first.contains("READY=1"), m_socket->messages().first().text.constData());
        QVERIFY(m_socket->messages().first().text.contains("STATUS=recording"));

        const qint64 from = m_socket->now();
        QTRY_VERIFY_WITH_TIMEOUT(m_socket->now() - from > 3000, 10000);
        const QList<qint64> pings = m_socket->times("WATCHDOG=1", from);
        QVERIFY2(pings.size() >= 4, qPrintable(QString::number(pings.size())));
        QVERIFY(pings.first() - from <= kHalfMs + 100);
        for (int i = 1; i < pings.size(); ++i)
            QVERIFY2(pings.at(i) - pings.at(i - 1) <= kHalfMs + 100,
                     qPrintable(QStringLiteral("gap %1 ms").arg(pings.at(i) - pings.at(i - 1))));
    }

    void noWatchdogWhileStalled()
    {
        FakeRecordingEngine engine;
        SessionController controller(settings(RecordingMode::Continuous), &engine);
        HeartbeatBuilder builder(&controller, &engine, 1);
        StatusPublisher status(&builder, m_dir.filePath(QStringLiteral("heartbeat.json")), 1);
        connect(&controller, &SessionController::stateChanged, &status, &StatusPublisher::publish);
        connect(&controller, &SessionController::warning, &status, &StatusPublisher::publish);
        SystemdNotifier notifier(&status, &engine);
        controller.begin();
        QTRY_VERIFY(!m_socket->times("WATCHDOG=1").isEmpty());

        engine.setStalled(true);
        const qint64 stalledAt = m_socket->now();
        QTest::qWait(4 * kHalfMs); // the window in which no ping may come
        // One check may still see the last frames written before the stall.
        const qint64 settleMs = static_cast<qint64>(notifier.watchdogCheckSeconds() * 1000) + 100;
        QCOMPARE(m_socket->times("WATCHDOG=1", stalledAt + settleMs).size(), 0);

        engine.setStalled(false);
        const qint64 resumedAt = m_socket->now();
        QTRY_VERIFY_WITH_TIMEOUT(!m_socket->times("WATCHDOG=1", resumedAt).isEmpty(), 3000);
    }

    void watchdogWhileIdle()
    {
        FakeRecordingEngine engine;
        engine.setAdvancing(false); // nothing written while ready: the main loop is the progress
        SessionController controller(settings(RecordingMode::Session), &engine);
        HeartbeatBuilder builder(&controller, &engine, 1);
        StatusPublisher status(&builder, m_dir.filePath(QStringLiteral("heartbeat.json")), 1);
        connect(&controller, &SessionController::stateChanged, &status, &StatusPublisher::publish);
        connect(&controller, &SessionController::warning, &status, &StatusPublisher::publish);
        SystemdNotifier notifier(&status, &engine);
        controller.begin();
        QTRY_COMPARE(controller.state(), RecorderState::Ready);
        const qint64 from = m_socket->now();
        QTRY_VERIFY_WITH_TIMEOUT(m_socket->times("WATCHDOG=1", from).size() >= 3, 5000);
    }

    void statusFollowsSessionWarnings()
    {
        FakeRecordingEngine engine;
        SessionController::Settings s = settings(RecordingMode::Session);
        s.sessionSeconds = 2;
        s.warningSeconds = {1};
        SessionController controller(s, &engine);
        HeartbeatBuilder builder(&controller, &engine, 1);
        StatusPublisher status(&builder, m_dir.filePath(QStringLiteral("heartbeat.json")), 1);
        connect(&controller, &SessionController::stateChanged, &status, &StatusPublisher::publish);
        connect(&controller, &SessionController::warning, &status, &StatusPublisher::publish);
        SystemdNotifier notifier(&status, &engine);
        controller.begin();
        QTRY_COMPARE(controller.state(), RecorderState::Ready);
        QVERIFY(controller.start().ok());
        QTRY_VERIFY(m_socket->contains("STATUS=recording: Start command: session of 2s"));
        QTRY_VERIFY_WITH_TIMEOUT(m_socket->contains("STATUS=recording: session ends in 1s"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(m_socket->contains("STATUS=ready: recording finalised"), 5000);
    }

    void readyWhenSettlingInError()
    {
        FakeRecordingEngine engine;
        engine.openFailures << QStringLiteral("no camera found");
        SessionController controller(settings(RecordingMode::Continuous), &engine);
        HeartbeatBuilder builder(&controller, &engine, 1);
        StatusPublisher status(&builder, m_dir.filePath(QStringLiteral("heartbeat.json")), 1);
        connect(&controller, &SessionController::stateChanged, &status, &StatusPublisher::publish);
        connect(&controller, &SessionController::warning, &status, &StatusPublisher::publish);
        SystemdNotifier notifier(&status, &engine);
        controller.begin();
        QTRY_VERIFY(!m_socket->messages().isEmpty());
        const QByteArray first = m_socket->messages().first().text;
        QVERIFY(first.split('\n').contains("READY=1"));
        QVERIFY2(first.contains("STATUS=error: no camera found"), first.constData());
    }

    void stoppingOnShutdown()
    {
        FakeRecordingEngine engine;
        SessionController controller(settings(RecordingMode::Continuous), &engine);
        HeartbeatBuilder builder(&controller, &engine, 1);
        StatusPublisher status(&builder, m_dir.filePath(QStringLiteral("heartbeat.json")), 1);
        connect(&controller, &SessionController::stateChanged, &status, &StatusPublisher::publish);
        connect(&controller, &SessionController::warning, &status, &StatusPublisher::publish);
        SystemdNotifier notifier(&status, &engine);
        controller.begin();
        QTRY_VERIFY(m_socket->contains("READY=1"));
        controller.shutdown();
        QTRY_VERIFY(m_socket->contains("STOPPING=1"));
        int readies = 0;
        for (const NotifyReader::Message &m : m_socket->messages())
            readies += m.text.split('\n').contains("READY=1");
        QCOMPARE(readies, 1);
    }
};

QTEST_GUILESS_MAIN(TestSystemdNotifier)
#include "tst_systemdnotifier.moc"
