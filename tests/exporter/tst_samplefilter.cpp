// SPDX-License-Identifier: MIT
// Tests SampleFilter: impossible values are left out, and logged once each time the set of such
// fields changes, not on every scrape while a bad value drifts.
#include "samplefilter.h"

#include <prometheus/registry.h>

#include <QStringList>
#include <QTest>

#include <limits>

namespace {

QStringList g_lines;

void collect(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    if (QByteArray(context.category) == "recorder.exporter")
        g_lines << message;
}

// One collection of a heartbeat whose uptime is `uptime` and fps `fps`; true when both were added.
bool collectOnce(SampleFilter &filter, double uptime, double fps)
{
    prometheus::Registry registry;
    const bool uptimeAdded = filter.setGauge(registry, "test_uptime_seconds", "Uptime.", uptime, 0, 1e10);
    const bool fpsAdded = filter.setGauge(registry, "test_fps", "Frames per second.", fps, 0, 1000);
    filter.finish();
    return uptimeAdded && fpsAdded;
}

} // namespace

class TestSampleFilter : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        g_lines.clear();
        m_previous = qInstallMessageHandler(collect);
    }
    void cleanup() { qInstallMessageHandler(m_previous); }

    void driftingBadValueIsLoggedOnce()
    {
        SampleFilter filter(QStringLiteral("heartbeat"));
        QVERIFY(collectOnce(filter, 10, 30));
        QVERIFY(g_lines.isEmpty());
        // The uptime runs backwards, further at every scrape: one line, naming it and its value.
        for (int scrape = 1; scrape <= 20; ++scrape)
            QVERIFY(!collectOnce(filter, -scrape, 30));
        QCOMPARE(g_lines.size(), 1);
        QVERIFY2(g_lines.first().contains(QStringLiteral("test_uptime_seconds = -1")), qPrintable(g_lines.first()));
        // Another field goes bad as well: a new line.
        QVERIFY(!collectOnce(filter, -30, std::numeric_limits<double>::quiet_NaN()));
        QCOMPARE(g_lines.size(), 2);
        QVERIFY2(g_lines.last().contains(QStringLiteral("test_fps")), qPrintable(g_lines.last()));
        // Both good again: one line saying so, then silence.
        QVERIFY(collectOnce(filter, 40, 30));
        QVERIFY(collectOnce(filter, 41, 30));
        QCOMPARE(g_lines.size(), 3);
        QVERIFY2(g_lines.last().contains(QStringLiteral("in range again")), qPrintable(g_lines.last()));
    }

private:
    QtMessageHandler m_previous = nullptr;
};

QTEST_GUILESS_MAIN(TestSampleFilter)
#include "tst_samplefilter.moc"
