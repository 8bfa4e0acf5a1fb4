// SPDX-License-Identifier: MIT
// Tests FailureLimiter on a fake clock: the burst, the refill and Retry-After, refunds for
// successes, IPv6 peers counted per /64, and the bounded table.
#include "failurelimiter.h"

#include <QTest>

class TestFailureLimiter : public QObject
{
    Q_OBJECT

private slots:
    void burstThenRetryAfter();
    void refillsOverTime();
    void successGivesTheTokenBack();
    void peersAreCountedApart_data();
    void peersAreCountedApart();
    void tableStaysBounded();

private:
    qint64 m_nowMs = 1000;
    FailureLimiter::Clock clock()
    {
        return [this] { return m_nowMs; };
    }
};

void TestFailureLimiter::burstThenRetryAfter()
{
    FailureLimiter limiter(clock());
    const QHostAddress peer(QStringLiteral("192.0.2.7"));
    for (int i = 0; i < FailureLimiter::kBurst; ++i)
        QCOMPARE(limiter.acquire(peer), 0);
    QCOMPARE(limiter.acquire(peer), int(FailureLimiter::kRefillMs / 1000));
    // Refused attempts take nothing: the wait does not grow with them.
    QCOMPARE(limiter.acquire(peer), int(FailureLimiter::kRefillMs / 1000));
}

void TestFailureLimiter::refillsOverTime()
{
    FailureLimiter limiter(clock());
    const QHostAddress peer(QStringLiteral("192.0.2.7"));
    for (int i = 0; i < FailureLimiter::kBurst; ++i)
        QCOMPARE(limiter.acquire(peer), 0);
    m_nowMs += FailureLimiter::kRefillMs / 2;
    QCOMPARE(limiter.acquire(peer), int(FailureLimiter::kRefillMs / 2000));
    m_nowMs += FailureLimiter::kRefillMs / 2;
    QCOMPARE(limiter.acquire(peer), 0);
    QVERIFY(limiter.acquire(peer) > 0);
    // A long pause refills the burst, no more.
    m_nowMs += 100 * FailureLimiter::kRefillMs;
    for (int i = 0; i < FailureLimiter::kBurst; ++i)
        QCOMPARE(limiter.acquire(peer), 0);
    QVERIFY(limiter.acquire(peer) > 0);
}

void TestFailureLimiter::successGivesTheTokenBack()
{
    FailureLimiter limiter(clock());
    const QHostAddress peer(QStringLiteral("192.0.2.7"));
    for (int i = 0; i < 3 * FailureLimiter::kBurst; ++i) {
        QCOMPARE(limiter.acquire(peer), 0);
        limiter.release(peer);
    }
}

void TestFailureLimiter::peersAreCountedApart_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<bool>("shared");
    QTest::newRow("two IPv4 hosts") << "192.0.2.7" << "192.0.2.8" << false;
    QTest::newRow("IPv4 and its mapped IPv6") << "192.0.2.7" << "::ffff:192.0.2.7" << true;
    QTest::newRow("one IPv6 /64") << "2001:db8:1:2::1" << "2001:db8:1:2:ffff::9" << true;
    QTest::newRow("two IPv6 /64s") << "2001:db8:1:2::1" << "2001:db8:1:3::1" << false;
}

void TestFailureLimiter::peersAreCountedApart()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(bool, shared);
    FailureLimiter limiter(clock());
    for (int i = 0; i < FailureLimiter::kBurst; ++i)
        QCOMPARE(limiter.acquire(QHostAddress(first)), 0);
    QCOMPARE(limiter.acquire(QHostAddress(second)) > 0, shared);
}

void TestFailureLimiter::tableStaysBounded()
{
    FailureLimiter limiter(clock());
    const QHostAddress guesser(QStringLiteral("198.51.100.1"));
    for (int i = 0; i < FailureLimiter::kBurst; ++i)
        limiter.acquire(guesser);
    for (quint32 i = 0; i < 3 * FailureLimiter::kMaxPeers; ++i) {
        m_nowMs += 1;
        limiter.acquire(QHostAddress(0x0a000000u + i));
        QVERIFY(limiter.peers() <= FailureLimiter::kMaxPeers);
    }
    QCOMPARE(limiter.peers(), FailureLimiter::kMaxPeers);
}

QTEST_GUILESS_MAIN(TestFailureLimiter)
#include "tst_failurelimiter.moc"
