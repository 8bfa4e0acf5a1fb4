// SPDX-License-Identifier: MIT
// success_rate over the last 20 attempts.
#include "attempthistory.h"

#include <QTest>

class TestAttemptHistory : public QObject
{
    Q_OBJECT
private slots:
    void noAttemptsNoRate()
    {
        AttemptHistory history;
        QVERIFY(!history.successRate().has_value());
        QCOMPARE(history.attempts(), 0);
    }

    void rateOverWhatExists()
    {
        AttemptHistory history;
        history.record(true);
        history.record(false);
        history.record(true);
        history.record(true);
        QCOMPARE(history.attempts(), 4);
        QCOMPARE(*history.successRate(), 0.75);
    }

    void onlyTheLastTwentyCount()
    {
        AttemptHistory history;
        for (int i = 0; i < 30; ++i)
            history.record(false);
        for (int i = 0; i < 15; ++i)
            history.record(true);
        QCOMPARE(history.attempts(), 20);
        QCOMPARE(*history.successRate(), 0.75);
    }
};

QTEST_GUILESS_MAIN(TestAttemptHistory)
#include "tst_attempthistory.moc"
