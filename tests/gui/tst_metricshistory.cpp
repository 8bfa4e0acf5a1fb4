// SPDX-License-Identifier: MIT
// Tests MetricsHistory: totals without deleted recordings, rates, counter resets, the 24 h window, young history.
#include "metricshistory.h"

#include <QTest>

namespace {
constexpr double kStep = MetricsHistory::kStepSeconds;

PrometheusText::Document metrics(const QByteArray &text)
{
    const PrometheusText::Document doc = PrometheusText::parse(text);
    if (doc.malformedLines)
        qFatal("bad test input: %s", qPrintable(doc.problems.at(0).reason));
    return doc;
}

PrometheusText::Document counters(double dropped, double restarts, double reboots, double freeBytes)
{
    return metrics(QStringLiteral("recorder_frames_dropped_total %1\nrecorder_watchdog_restarts_total %2\n"
                                  "recorder_watchdog_reboots_total %3\nrecorder_disk_free_bytes %4\n")
                       .arg(dropped).arg(restarts).arg(reboots).arg(freeBytes, 0, 'f', 0)
                       .toUtf8());
}
} // namespace

class TestMetricsHistory : public QObject
{
    Q_OBJECT
private slots:
    void totalsLeaveOutDeletedRecordings()
    {
        MetricsHistory history;
        history.add(0, metrics("recorder_recorded_seconds{state=\"complete\"} 7200\n"
                               "recorder_recorded_seconds{state=\"deleted\"} 36000\n"
                               "recorder_recorded_seconds{state=\"recording\"} 1800\n"
                               "recorder_recordings_bytes{state=\"complete\"} 4e9\n"
                               "recorder_recordings_bytes{state=\"deleted\"} 9e9\n"
                               "recorder_recordings_bytes{state=\"corrupted\"} 1e9\n"));
        const MetricsHistory::Figures f = history.figures();
        QCOMPARE(f.recordedSeconds, 9000.0);
        QCOMPARE(f.recordingsBytes, 5e9);
    }

    void absentMetricsStayAbsent()
    {
        MetricsHistory history;
        history.add(0, metrics("recorder_up 1\n"));
        const MetricsHistory::Figures f = history.figures();
        QVERIFY(!f.recordedSeconds && !f.uploadQueue && !f.cpuCelsius && !f.cpuSlowed && !f.watchdogRestarts);
        QVERIFY(!f.uploadOldestSeconds && !f.remoteReachable);
        history.add(5, metrics("recorder_upload_queue_size 3\nrecorder_cpu_temperature_celsius 71.5\n"
                               "recorder_cpu_throttled 1\nrecorder_upload_oldest_pending_seconds 7200\n"
                               "recorder_internet_connected 0\n"));
        const MetricsHistory::Figures g = history.figures();
        QCOMPARE(g.uploadQueue, 3.0);
        QCOMPARE(g.uploadOldestSeconds, 7200.0);
        QCOMPARE(g.remoteReachable, false);
        QCOMPARE(g.cpuCelsius, 71.5);
        QCOMPARE(g.cpuSlowed, true);
    }

    void droppedFramesPerStepSurviveACounterReset()
    {
        MetricsHistory history;
        // 5 s fetches: 10 dropped in the first minute, then the recorder restarts (counter back to 0)
        // and drops 4 more, then nothing.
        const double dropped[] = {100, 105, 110, 110, 110, 110, 110, 110, 110, 110, 110, 110, // minute 1
                                  2, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,                         // minute 2
                                  4, 4};                                                      // minute 3
        double t = 0;
        for (double d : dropped) {
            history.add(t, counters(d, 0, 0, 1e9));
            t += 5;
        }
        QCOMPARE(history.figures().droppedPerStep, (QList<double>{10, 4, 0}));
    }

    void restartsCountOnlyIncreasesSeenAndSayHowFarBack()
    {
        MetricsHistory history;
        history.add(0, counters(0, 40, 2, 1e9)); // what happened before the dashboard started is not counted
        history.add(3600, counters(0, 41, 2, 1e9));
        history.add(7200, counters(0, 43, 3, 1e9));
        const MetricsHistory::Figures f = history.figures();
        QCOMPARE(f.watchdogRestarts, 3.0);
        QCOMPARE(f.coveredSeconds, 7200.0);
    }

    void restartsOlderThanADayAreForgotten()
    {
        MetricsHistory history;
        history.add(0, counters(0, 0, 0, 1e9));
        history.add(60, counters(0, 5, 1, 1e9));  // 5 restarts and a reboot in the first minutes
        history.add(7200, counters(0, 6, 1, 1e9)); // one more two hours later
        for (double t = 7200 + kStep; t <= 7200 + MetricsHistory::kWindowSeconds; t += 3600)
            history.add(t, counters(0, 6, 1, 1e9));
        history.add(60 + MetricsHistory::kWindowSeconds + 1, counters(0, 6, 1, 1e9));
        const MetricsHistory::Figures f = history.figures();
        QCOMPARE(f.watchdogRestarts, 1.0);
        QCOMPARE(f.coveredSeconds, MetricsHistory::kWindowSeconds);
    }

    void memoryStaysBoundedOverDays()
    {
        MetricsHistory history;
        for (double t = 0; t < 3 * 86400; t += 5)
            history.add(t, counters(t / 100, 0, 0, 1e9));
        QVERIFY2(history.stepCount() <= MetricsHistory::kWindowSeconds / kStep + 2, qPrintable(QString::number(history.stepCount())));
        QCOMPARE(history.figures().droppedPerStep.size(), history.stepCount());
    }

    void daysLeftFromTheRateFreeSpaceShrinks_data()
    {
        QTest::addColumn<double>("minutes");
        QTest::addColumn<double>("freeAtEnd");
        QTest::addColumn<int>("trend");
        QTest::addColumn<double>("minFree");
        QTest::addColumn<double>("daysLeft");
        // 10 GB free, 1 GB an hour written: 9 GB left after one hour is 9 hours, 0.375 days.
        QTest::newRow("filling") << 60.0 << 9e9 << int(MetricsHistory::Trend::Filling) << 0.0 << 0.375;
        // Retention deletes from min_free on: with 3 GB kept free, 6 GB are left to fill, 6 hours.
        QTest::newRow("filling to min_free") << 60.0 << 9e9 << int(MetricsHistory::Trend::Filling) << 3e9 << 0.25;
        QTest::newRow("too young") << 5.0 << 9e9 << int(MetricsHistory::Trend::TooLittleHistory) << 0.0 << 0.0;
        QTest::newRow("retention keeps it level") << 60.0 << 10e9 << int(MetricsHistory::Trend::NotFilling) << 0.0 << 0.0;
        QTest::newRow("space freed") << 60.0 << 11e9 << int(MetricsHistory::Trend::NotFilling) << 0.0 << 0.0;
        // A segment or a log rotation moves free space by megabytes: not a trend.
        QTest::newRow("noise") << 60.0 << 10e9 - 20e6 << int(MetricsHistory::Trend::NotFilling) << 0.0 << 0.0;
        QTest::newRow("at min_free already") << 60.0 << 9e9 << int(MetricsHistory::Trend::Deleting) << 9e9 << 0.0;
    }

    void daysLeftFromTheRateFreeSpaceShrinks()
    {
        QFETCH(double, minutes);
        QFETCH(double, freeAtEnd);
        QFETCH(double, minFree);
        MetricsHistory history(minFree);
        history.add(0, counters(0, 0, 0, 10e9));
        history.add(minutes * 60, counters(0, 0, 0, freeAtEnd));
        const MetricsHistory::Figures f = history.figures();
        QTEST(int(f.trend), "trend");
        if (f.trend == MetricsHistory::Trend::Filling)
            QTEST(f.daysLeft, "daysLeft");
    }

    void daysLeftAreCapped()
    {
        // 200 MB a day on a 2 TB disk would be decades: capped, so no int conversion overflows.
        MetricsHistory history;
        history.add(0, counters(0, 0, 0, 2e12));
        history.add(86400, counters(0, 0, 0, 2e12 - 200e6));
        const MetricsHistory::Figures f = history.figures();
        QCOMPARE(int(f.trend), int(MetricsHistory::Trend::Filling));
        QCOMPARE(f.daysLeft, MetricsHistory::kMaxDaysLeft);
    }

    // Under-voltage is the power supply, not the CPU: told apart, now and since boot.
    void firmwareFlagsAreToldApart()
    {
        MetricsHistory history;
        history.add(0, metrics("recorder_cpu_throttle_condition{condition=\"under_voltage\"} 1\n"
                               "recorder_cpu_throttle_condition{condition=\"frequency_capped\"} 0\n"
                               "recorder_cpu_throttle_condition{condition=\"throttled\"} 0\n"
                               "recorder_cpu_throttle_occurred{condition=\"under_voltage\"} 1\n"
                               "recorder_cpu_throttle_occurred{condition=\"frequency_capped\"} 0\n"
                               "recorder_cpu_throttle_occurred{condition=\"soft_temp_limit\"} 1\n"
                               "recorder_cpu_throttled 1\n"));
        const MetricsHistory::Figures f = history.figures();
        QCOMPARE(f.underVoltage, true);
        QCOMPARE(f.cpuSlowed, false);
        QCOMPARE(f.cpuSlowedSinceBoot, true);
        QCOMPARE(f.underVoltageSinceBoot, true);
        // An exporter with only the one flag: it says the CPU slowed down, nothing about power.
        history.add(5, metrics("recorder_cpu_throttled 1\n"));
        const MetricsHistory::Figures g = history.figures();
        QCOMPARE(g.cpuSlowed, true);
        QVERIFY(!g.underVoltage && !g.cpuSlowedSinceBoot);
    }

    void aReadingFromThePastIsIgnored()
    {
        MetricsHistory history;
        history.add(100, counters(5, 0, 0, 1e9));
        history.add(50, counters(500, 0, 0, 1e9));
        history.add(105, counters(6, 0, 0, 1e9));
        QCOMPARE(history.figures().droppedPerStep, QList<double>{1});
    }
};

QTEST_GUILESS_MAIN(TestMetricsHistory)
#include "tst_metricshistory.moc"
