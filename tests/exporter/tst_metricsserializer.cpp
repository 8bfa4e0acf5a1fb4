// SPDX-License-Identifier: MIT
// Tests MetricsSerializer: escaping of label values, special numbers, locale independence and a
// stable order of samples whatever order prometheus-cpp keeps them in.
#include "metricfamilies.h"
#include "metricsserializer.h"

#include <QTest>

#include <limits>
#include <locale>

namespace {

// A German-style number format, built here so the test needs no installed locale.
class CommaDecimals : public std::numpunct<char>
{
protected:
    char do_decimal_point() const override { return ','; }
    char do_thousands_sep() const override { return '.'; }
    std::string do_grouping() const override { return "\3"; }
};

} // namespace

class TestMetricsSerializer : public QObject
{
    Q_OBJECT

private slots:
    void escapesLabelValues_data();
    void escapesLabelValues();
    void specialNumbers_data();
    void specialNumbers();
    void numbersIgnoreTheLocale();
    void samplesAreSortedByLabels();
};

void TestMetricsSerializer::escapesLabelValues_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << "libx264" << QByteArray("m{l=\"libx264\"} 1\n");
    QTest::newRow("quote") << "a\"b" << QByteArray("m{l=\"a\\\"b\"} 1\n");
    QTest::newRow("backslash") << "a\\b" << QByteArray("m{l=\"a\\\\b\"} 1\n");
    QTest::newRow("newline") << "a\nb" << QByteArray("m{l=\"a\\nb\"} 1\n");
    QTest::newRow("utf-8") << QString::fromUtf8("caméra") << QByteArray("m{l=\"cam\xc3\xa9ra\"} 1\n");
}

void TestMetricsSerializer::escapesLabelValues()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, expected);
    prometheus::Registry registry;
    MetricFamilies::gauge(registry, "m", "help").Add({{"l", value.toStdString()}}).Set(1);
    const QByteArray text = MetricsSerializer::serialize(registry.Collect());
    QVERIFY2(text.endsWith(expected), text.constData());
}

void TestMetricsSerializer::specialNumbers_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("expected");
    // prometheus-cpp spells it "Nan"; Prometheus parses special values case-insensitively.
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << QByteArray("m Nan\n");
    QTest::newRow("+Inf") << std::numeric_limits<double>::infinity() << QByteArray("m +Inf\n");
    QTest::newRow("-Inf") << -std::numeric_limits<double>::infinity() << QByteArray("m -Inf\n");
    QTest::newRow("fraction") << 0.75 << QByteArray("m 0.75\n");
    QTest::newRow("large integer") << 32000000000.0 << QByteArray("m 32000000000\n");
}

void TestMetricsSerializer::specialNumbers()
{
    QFETCH(double, value);
    QFETCH(QByteArray, expected);
    prometheus::Registry registry;
    MetricFamilies::setGauge(registry, "m", "help", value);
    const QByteArray text = MetricsSerializer::serialize(registry.Collect());
    QVERIFY2(text.endsWith(expected), text.constData());
}

void TestMetricsSerializer::numbersIgnoreTheLocale()
{
    // A decimal comma or a thousands separator would break every scrape on a German Pi.
    const std::locale previous = std::locale::global(std::locale(std::locale::classic(), new CommaDecimals));
    prometheus::Registry registry;
    MetricFamilies::setGauge(registry, "a", "help", 29.97);
    MetricFamilies::setGauge(registry, "b", "help", 1234567);
    const QByteArray text = MetricsSerializer::serialize(registry.Collect());
    std::locale::global(previous);
    QVERIFY2(text.contains("\na 29.97\n"), text.constData());
    QVERIFY2(text.endsWith("\nb 1234567\n"), text.constData());
}

void TestMetricsSerializer::samplesAreSortedByLabels()
{
    prometheus::Registry registry;
    auto &family = MetricFamilies::gauge(registry, "m", "help");
    const QStringList states{QStringLiteral("stopping"), QStringLiteral("booting"), QStringLiteral("recording"),
                             QStringLiteral("error"), QStringLiteral("ready"), QStringLiteral("processing")};
    for (const QString &s : states)
        family.Add({{"state", s.toStdString()}}).Set(0);
    MetricFamilies::setGauge(registry, "a_first", "help", 1);
    const QByteArray text = MetricsSerializer::serialize(registry.Collect());
    QVERIFY(text.startsWith("# HELP a_first help\n"));
    QStringList order;
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith("m{"))
            order << QString::fromUtf8(line.mid(9, line.indexOf('"', 9) - 9));
    }
    QStringList sorted = states;
    sorted.sort();
    QCOMPARE(order, sorted);
}

QTEST_GUILESS_MAIN(TestMetricsSerializer)
#include "tst_metricsserializer.moc"
