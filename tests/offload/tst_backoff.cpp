// SPDX-License-Identifier: MIT
// The wait between failed uploads: 30 s doubling up to retry_max_backoff.
#include "backoff.h"

#include <QTest>

class TestBackoff : public QObject
{
    Q_OBJECT
private slots:
    void doublesUpToTheMaximum()
    {
        Backoff backoff(300);
        QCOMPARE(backoff.seconds(), 0.0);
        QCOMPARE(backoff.fail(), 30.0);
        QCOMPARE(backoff.fail(), 60.0);
        QCOMPARE(backoff.fail(), 120.0);
        QCOMPARE(backoff.fail(), 240.0);
        QCOMPARE(backoff.fail(), 300.0);
        QCOMPARE(backoff.fail(), 300.0);
        QCOMPARE(backoff.failures(), 6);
    }

    void successClearsIt()
    {
        Backoff backoff(1800);
        backoff.fail();
        backoff.fail();
        backoff.reset();
        QCOMPARE(backoff.seconds(), 0.0);
        QCOMPARE(backoff.fail(), 30.0);
    }

    void manyFailuresStayAtTheMaximum()
    {
        Backoff backoff(86400);
        double wait = 0;
        for (int i = 0; i < 1000; ++i)
            wait = backoff.fail();
        QCOMPARE(wait, 86400.0);
    }
};

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
