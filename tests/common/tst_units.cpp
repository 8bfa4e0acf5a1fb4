// SPDX-License-Identifier: MIT
// Tests Units: durations, sizes and bit rates as the configuration accepts them.
#include "units.h"

#include <QTest>

class TestUnits : public QObject
{
    Q_OBJECT
private slots:
    void duration_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<double>("seconds");
        QTest::newRow("bare seconds") << "30" << true << 30.0;
        QTest::newRow("seconds") << "30s" << true << 30.0;
        QTest::newRow("decimal") << "0.5s" << true << 0.5;
        QTest::newRow("milliseconds") << "250ms" << true << 0.25;
        QTest::newRow("microseconds (rpicam-vid's shutter)") << "8000us" << true << 0.008;
        QTest::newRow("minutes") << "10min" << true << 600.0;
        QTest::newRow("minutes short") << "5m" << true << 300.0;
        QTest::newRow("hours") << "1.5h" << true << 5400.0;
        QTest::newRow("days") << "2d" << true << 172800.0;
        QTest::newRow("spaces") << " 3 s " << true << 3.0;
        QTest::newRow("zero") << "0" << true << 0.0;
        QTest::newRow("negative") << "-1s" << false << 0.0;
        QTest::newRow("unknown unit") << "3 weeks" << false << 0.0;
        QTest::newRow("empty") << "" << false << 0.0;
        QTest::newRow("garbage") << "abc" << false << 0.0;
        QTest::newRow("two numbers") << "1 2" << false << 0.0;
    }
    void duration()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(double, seconds);
        const auto parsed = Units::parseDuration(text);
        QCOMPARE(parsed.has_value(), valid);
        if (valid)
            QCOMPARE(*parsed, seconds);
    }

    void size_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("bytes");
        QTest::newRow("bare") << "4096" << true << qint64(4096);
        QTest::newRow("GB") << "1GB" << true << qint64(1000000000);
        QTest::newRow("gb lower") << "1gb" << true << qint64(1000000000);
        QTest::newRow("MB decimal") << "1.5MB" << true << qint64(1500000);
        QTest::newRow("GiB") << "2GiB" << true << qint64(2147483648LL);
        QTest::newRow("kB") << "10kB" << true << qint64(10000);
        QTest::newRow("bad unit") << "1GX" << false << qint64(0);
        QTest::newRow("negative") << "-5" << false << qint64(0);
        QTest::newRow("huge") << "99999999999TB" << false << qint64(0);
    }
    void size()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(qint64, bytes);
        const auto parsed = Units::parseSize(text);
        QCOMPARE(parsed.has_value(), valid);
        if (valid)
            QCOMPARE(*parsed, bytes);
    }

    void bitrate_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("bps");
        QTest::newRow("Mbps") << "8Mbps" << true << qint64(8000000);
        QTest::newRow("kbps") << "500kbps" << true << qint64(500000);
        QTest::newRow("bare") << "2000000" << true << qint64(2000000);
        QTest::newRow("bytes unit is not a bit rate") << "8MB" << false << qint64(0);
    }
    void bitrate()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(qint64, bps);
        const auto parsed = Units::parseBitrate(text);
        QCOMPARE(parsed.has_value(), valid);
        if (valid)
            QCOMPARE(*parsed, bps);
    }

    void formatting()
    {
        QCOMPARE(Units::formatDuration(600), QStringLiteral("10min"));
        QCOMPARE(Units::formatDuration(30), QStringLiteral("30s"));
        QCOMPARE(Units::formatDuration(3600), QStringLiteral("1h"));
        QCOMPARE(Units::formatDuration(0.5), QStringLiteral("0.5s"));
        QCOMPARE(Units::formatSize(1000000000), QStringLiteral("1GB"));
        QCOMPARE(Units::formatSize(1234), QStringLiteral("1234B"));
        // What is formatted parses back to the same value.
        QCOMPARE(*Units::parseDuration(Units::formatDuration(86400 * 3)), 86400.0 * 3);
    }
};

QTEST_GUILESS_MAIN(TestUnits)
#include "tst_units.moc"
