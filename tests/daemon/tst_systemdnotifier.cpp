// SPDX-License-Identifier: MIT
// Tests SystemdNotifier against a datagram socket the test owns, as systemd's NOTIFY_SOCKET.
#include "fakerecordingengine.h"
#include "heartbeatbuilder.h"
#include "sessioncontroller.h"
#include "statuspublisher.h"
#include "systemdnotifier.h"

#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

struct Received {
    qint64 atMs;
    QByteArray text;
};

// The systemd side of the protocol: a bound AF_UNIX datagram socket.
class NotifySocket
{
public:
    explicit NotifySocket(const QString &path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        qstrncpy(addr.sun_path, QFile::encodeName(path).constData(), sizeof addr.sun_path);
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
            qFatal("cannot bind %s", qPrintable(path));
        m_clock.start();
        m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, [this] {
            char buffer[4096];
            ssize_t n;
            while ((n = ::recv(m_fd, buffer, sizeof buffer, 0)) > 0)
                messages.append({m_clock.elapsed(), QByteArray(buffer, static_cast<int>(n))});
        });
    }
    ~NotifySocket()
    {
        m_notifier.reset();
        ::close(m_fd);
    }
    qint64 now() const { return m_clock.elapsed(); }
    QList<Received> messages;
    QList<qint64> watchdogTimes(qint64 from = 0, qint64 to = LLONG_MAX) const
    {
        QList<qint64> out;
        for (const Received &m : messages) {
            if (m.text.split('\n').contains("WATCHDOG=1") && m.atMs >= from && m.atMs <= to)
                out.append(m.atMs);
        }
        return out;
    }
    bool any(const QByteArray &line) const
    {
        return std::any_of(messages.cbegin(), messages.cend(), [&](const Received &m) { return m.text.split('\n').contains(line); });
    }

private:
    int m_fd = -1;
    QElapsedTimer m_clock;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

constexpr qint64 kWatchdogUsec = 1200000; // half: 600 ms
constexpr qint64 kHalfMs = kWatchdogUsec / 2000;

} // namespace

class TestSystemdNotifier : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<NotifySocket> m_socket;

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
        m_socket = std::make_unique<NotifySocket>(path);
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
        QCOMPARE(m_socket->messages.size(), 0);
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
        QTRY_VERIFY(!m_socket->messages.isEmpty());
        const QList<QByteArray> first = m_socket->messages.first().text.split('\n');
        QVERIFY2(first.contains("READY=1"), m_socket->messages.first().text.constData());
        QVERIFY(m_socket->messages.first().text.contains("STATUS=recording"));

        const qint64 from = m_socket->now();
        QTRY_VERIFY_WITH_TIMEOUT(m_socket->now() - from > 3000, 10000);
        const QList<qint64> pings = m_socket->watchdogTimes(from);
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
        QTRY_VERIFY(!m_socket->watchdogTimes().isEmpty());

        engine.setStalled(true);
        const qint64 stalledAt = m_socket->now();
        QTest::qWait(4 * kHalfMs); // the window in which no ping may come
        // One check may still see the last frames written before the stall.
        const qint64 settleMs = static_cast<qint64>(notifier.watchdogCheckSeconds() * 1000) + 100;
        QCOMPARE(m_socket->watchdogTimes(stalledAt + settleMs).size(), 0);

        engine.setStalled(false);
        const qint64 resumedAt = m_socket->now();
        QTRY_VERIFY_WITH_TIMEOUT(!m_socket->watchdogTimes(resumedAt).isEmpty(), 3000);
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
        QTRY_VERIFY_WITH_TIMEOUT(m_socket->watchdogTimes(from).size() >= 3, 5000);
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
        QTRY_VERIFY(m_socket->any("STATUS=recording: Start command: session of 2s"));
        QTRY_VERIFY_WITH_TIMEOUT(m_socket->any("STATUS=recording: session ends in 1s"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(m_socket->any("STATUS=ready: recording finalised"), 5000);
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
        QTRY_VERIFY(!m_socket->messages.isEmpty());
        const QByteArray first = m_socket->messages.first().text;
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
        QTRY_VERIFY(m_socket->any("READY=1"));
        controller.shutdown();
        QTRY_VERIFY(m_socket->any("STOPPING=1"));
        int readies = 0;
        for (const Received &m : m_socket->messages)
            readies += m.text.split('\n').contains("READY=1");
        QCOMPARE(readies, 1);
    }
};

QTEST_GUILESS_MAIN(TestSystemdNotifier)
#include "tst_systemdnotifier.moc"
