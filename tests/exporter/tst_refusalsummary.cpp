// SPDX-License-Identifier: MIT
// Tests RefusalSummary: a flood of refused connections is one log line per interval with counts by
// reason and the addresses, and nothing is logged while none are refused.
#include "refusalsummary.h"

#include <QHostAddress>
#include <QStringList>
#include <QTest>

namespace {

QStringList g_lines;

void collect(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    if (QByteArray(context.category) == "recorder.exporter")
        g_lines << message;
}

} // namespace

class TestRefusalSummary : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void floodIsOneLinePerInterval();
    void manyAddressesAreCut();
    void addressesKeptAreBounded();

private:
    QtMessageHandler m_previous = nullptr;
};

void TestRefusalSummary::init()
{
    g_lines.clear();
    m_previous = qInstallMessageHandler(collect);
}

void TestRefusalSummary::cleanup()
{
    qInstallMessageHandler(m_previous);
}

void TestRefusalSummary::floodIsOneLinePerInterval()
{
    RefusalSummary summary(100);
    for (int i = 0; i < 1000; ++i)
        summary.count(QHostAddress(i % 2 ? "127.0.0.1" : "192.0.2.7"), i < 990 ? "at cap A" : "at cap B");
    QVERIFY(g_lines.isEmpty()); // nothing per refusal
    QTRY_COMPARE_WITH_TIMEOUT(g_lines.size(), 1, 5000);
    QVERIFY2(g_lines.first().contains("refused 1000 connection(s)"), qPrintable(g_lines.first()));
    QVERIFY2(g_lines.first().contains("990 at cap A, 10 at cap B"), qPrintable(g_lines.first()));
    QVERIFY2(g_lines.first().contains("127.0.0.1, 192.0.2.7"), qPrintable(g_lines.first()));

    QTest::qWait(300); // a quiet interval logs nothing
    QCOMPARE(g_lines.size(), 1);
    summary.count(QHostAddress("127.0.0.1"), "at cap A");
    QTRY_COMPARE_WITH_TIMEOUT(g_lines.size(), 2, 5000);
    QVERIFY2(g_lines.last().contains("refused 1 connection(s)"), qPrintable(g_lines.last()));
}

void TestRefusalSummary::manyAddressesAreCut()
{
    {
        RefusalSummary summary(60000);
        for (int i = 1; i <= 40; ++i)
            summary.count(QHostAddress(QStringLiteral("10.0.0.%1").arg(i)), "at cap");
    } // what is counted when it goes is logged, not lost
    QCOMPARE(g_lines.size(), 1);
    QVERIFY2(g_lines.first().contains("refused 40 connection(s)"), qPrintable(g_lines.first()));
    QVERIFY2(g_lines.first().contains("35 more"), qPrintable(g_lines.first()));
    QVERIFY2(g_lines.first().size() < 300, qPrintable(g_lines.first()));
}

void TestRefusalSummary::addressesKeptAreBounded()
{
    {
        RefusalSummary summary(60000);
        for (int i = 0; i < 5000; ++i)
            summary.count(QHostAddress(QStringLiteral("2001:db8::%1").arg(i, 0, 16)), "at cap");
    }
    QCOMPARE(g_lines.size(), 1);
    QVERIFY2(g_lines.first().contains("refused 5000 connection(s)"), qPrintable(g_lines.first()));
    // 1,024 addresses are kept, 5 of them named: "over 1019 more" says the count is a lower bound.
    QVERIFY2(g_lines.first().contains("over 1019 more"), qPrintable(g_lines.first()));
}

QTEST_GUILESS_MAIN(TestRefusalSummary)
#include "tst_refusalsummary.moc"
