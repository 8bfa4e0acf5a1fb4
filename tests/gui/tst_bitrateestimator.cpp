// SPDX-License-Identifier: MIT
// Tests BitrateEstimator: the write rate behind "time left on disk".
#include "bitrateestimator.h"

#include <QTest>

class TestBitrateEstimator : public QObject
{
    Q_OBJECT
private slots:
    void rate_data()
    {
        QTest::addColumn<QList<double>>("times");
        QTest::addColumn<QList<qint64>>("bytes");
        QTest::addColumn<double>("expected");
        QTest::newRow("one sample") << QList<double>{10} << QList<qint64>{1000} << 0.0;
        QTest::newRow("steady 8 Mbit/s") << QList<double>{10, 11, 12, 13} << QList<qint64>{0, 1000000, 2000000, 3000000}
                                         << 8e6;
        QTest::newRow("same heartbeat twice") << QList<double>{10, 10, 12} << QList<qint64>{0, 0, 500000} << 2e6;
        QTest::newRow("too close together") << QList<double>{10, 10.5} << QList<qint64>{0, 100000} << 0.0;
        QTest::newRow("recorder restarted") << QList<double>{10, 20, 21, 23} << QList<qint64>{0, 9000000, 0, 250000}
                                            << 1e6;
        QTest::newRow("window drops old samples") << QList<double>{0, 100, 110} << QList<qint64>{0, 100, 1000100}
                                                  << 8e5;
        QTest::newRow("not writing") << QList<double>{1, 2, 3} << QList<qint64>{5, 5, 5} << 0.0;
    }

    void rate()
    {
        QFETCH(QList<double>, times);
        QFETCH(QList<qint64>, bytes);
        BitrateEstimator estimator(30);
        for (int i = 0; i < times.size(); ++i)
            estimator.add(times.at(i), bytes.at(i));
        QTEST(estimator.bitsPerSecond(), "expected");
    }
};

QTEST_GUILESS_MAIN(TestBitrateEstimator)
#include "tst_bitrateestimator.moc"
