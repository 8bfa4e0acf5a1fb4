// SPDX-License-Identifier: MIT
// Tests PrometheusText: the exporter's real output, the corners of format 0.0.4, and inputs that must not crash it.
#include "prometheustext.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <cmath>

using Labels = QMap<QString, QString>;

class TestPrometheusText : public QObject
{
    Q_OBJECT
private slots:
    void readsTheExportersGoldenOutput()
    {
        QFile golden(qEnvironmentVariable("RECORDER_SOURCE_DIR") + QStringLiteral("/tests/exporter/data/golden.prom"));
        QVERIFY(golden.open(QIODevice::ReadOnly));
        const PrometheusText::Document doc = PrometheusText::parse(golden.readAll());
        QCOMPARE(doc.malformedLines, 0);
        const PrometheusText::Family *recorded = doc.family(QStringLiteral("recorder_recorded_seconds"));
        QVERIFY(recorded);
        QCOMPARE(recorded->type, QStringLiteral("gauge"));
        QCOMPARE(recorded->help, QStringLiteral("Playable seconds of the recordings in the catalog, by state."));
        QCOMPARE(recorded->samples.size(), 5);
        QCOMPARE(doc.sum(QStringLiteral("recorder_recorded_seconds"), QStringLiteral("state"), QStringLiteral("deleted")),
                 15600.0 + 900 + 120 + 600);
        QCOMPARE(doc.value(QStringLiteral("recorder_frames_dropped_total")), 7.0);
        QCOMPARE(doc.family(QStringLiteral("recorder_frames_dropped_total"))->type, QStringLiteral("counter"));
        // The escaped quote and backslash of the build label come back as written by the recorder.
        const PrometheusText::Family *build = doc.family(QStringLiteral("recorder_build_info"));
        QVERIFY(build);
        QCOMPARE(build->samples.at(0).labels.value(QStringLiteral("source")), QStringLiteral("libcamera:imx708 \"wide\"\\1"));
    }

    void samples_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("name");
        QTest::addColumn<Labels>("labels");
        QTest::addColumn<double>("value");

        QTest::newRow("plain") << QByteArray("a 1\n") << "a" << Labels{} << 1.0;
        QTest::newRow("CRLF") << QByteArray("# TYPE a gauge\r\na 2.5\r\n") << "a" << Labels{} << 2.5;
        QTest::newRow("no final newline") << QByteArray("a 3") << "a" << Labels{} << 3.0;
        QTest::newRow("exponent") << QByteArray("a 1.5e3\n") << "a" << Labels{} << 1500.0;
        QTest::newRow("negative") << QByteArray("a -0.25\n") << "a" << Labels{} << -0.25;
        QTest::newRow("timestamp") << QByteArray("a 4 1700000000000\n") << "a" << Labels{} << 4.0;
        QTest::newRow("tabs and blanks") << QByteArray("\n\n  a\t{x=\"1\"}\t5 \n\n") << "a" << Labels{{"x", "1"}} << 5.0;
        QTest::newRow("escapes") << QByteArray("a{p=\"C:\\\\dir\",q=\"say \\\"hi\\\"\",r=\"two\\nlines\"} 6\n")
                                 << "a" << Labels{{"p", "C:\\dir"}, {"q", "say \"hi\""}, {"r", "two\nlines"}} << 6.0;
        QTest::newRow("comma and braces in value") << QByteArray("a{x=\"1,2}\",y=\"{z=\\\"3\\\"}\"} 7\n")
                                                   << "a" << Labels{{"x", "1,2}"}, {"y", "{z=\"3\"}"}} << 7.0;
        QTest::newRow("trailing comma") << QByteArray("a{x=\"1\",} 8\n") << "a" << Labels{{"x", "1"}} << 8.0;
        QTest::newRow("empty label set") << QByteArray("a{} 9\n") << "a" << Labels{} << 9.0;
        QTest::newRow("UTF-8 value") << QByteArray("a{place=\"Gärten ☀\"} 10\n") << "a"
                                     << Labels{{"place", QStringLiteral("Gärten ☀")}} << 10.0;
        QTest::newRow("colon in name") << QByteArray("job:rate5m 11\n") << "job:rate5m" << Labels{} << 11.0;
        QTest::newRow("+Inf") << QByteArray("a +Inf\n") << "a" << Labels{} << qInf();
        QTest::newRow("-Inf") << QByteArray("a -Inf\n") << "a" << Labels{} << -qInf();
    }

    void samples()
    {
        QFETCH(QByteArray, text);
        const PrometheusText::Document doc = PrometheusText::parse(text);
        QVERIFY2(doc.malformedLines == 0, qPrintable(doc.problems.value(0).reason));
        QCOMPARE(doc.sampleCount(), 1);
        const PrometheusText::Sample &s = doc.families.at(0).samples.at(0);
        QTEST(s.name, "name");
        QTEST(s.labels, "labels");
        QTEST(s.value, "value");
    }

    void nanAndTimestamp()
    {
        const PrometheusText::Document doc = PrometheusText::parse("a NaN\nb 1 -5\n");
        QCOMPARE(doc.malformedLines, 0);
        QVERIFY(std::isnan(*doc.value(QStringLiteral("a"))));
        QCOMPARE(doc.families.at(1).samples.at(0).timestampMs, std::optional<qint64>(-5));
        QVERIFY(!doc.families.at(0).samples.at(0).timestampMs);
    }

    void histogramAndSummaryGroupIntoTheirFamily()
    {
        const QByteArray text = "# HELP rt Request time.\n# TYPE rt histogram\n"
                                "rt_bucket{le=\"0.1\"} 1\nrt_bucket{le=\"+Inf\"} 3\nrt_sum 0.7\nrt_count 3\n"
                                "# TYPE q summary\nq{quantile=\"0.5\"} 0.2\nq_sum 1\nq_count 4\n"
                                "# TYPE g gauge\ng_count 1\n";
        const PrometheusText::Document doc = PrometheusText::parse(text);
        QCOMPARE(doc.malformedLines, 0);
        QCOMPARE(doc.family(QStringLiteral("rt"))->samples.size(), 4);
        QCOMPARE(doc.family(QStringLiteral("rt"))->help, QStringLiteral("Request time."));
        QCOMPARE(doc.family(QStringLiteral("q"))->samples.size(), 3);
        // A gauge has no _count series: g_count is a family of its own, untyped.
        QCOMPARE(doc.family(QStringLiteral("g"))->samples.size(), 0);
        QCOMPARE(doc.family(QStringLiteral("g_count"))->type, QStringLiteral("untyped"));
        QCOMPARE(doc.sum(QStringLiteral("rt_bucket")), 4.0);
    }

    void helpUnescapes()
    {
        const PrometheusText::Document doc = PrometheusText::parse("# HELP a One\\ntwo \\\\ \"three\"\na 1\n");
        QCOMPARE(doc.family(QStringLiteral("a"))->help, QStringLiteral("One\ntwo \\ \"three\""));
        QCOMPARE(doc.family(QStringLiteral("a"))->samples.size(), 1);
    }

    void plainCommentsAreIgnored()
    {
        const PrometheusText::Document doc = PrometheusText::parse("# just a note\n#\n# EOF\na 1\n");
        QCOMPARE(doc.malformedLines, 0);
        QCOMPARE(doc.sampleCount(), 1);
    }

    void malformedLinesAreSkippedAndCounted_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no value") << QByteArray("a") << "space expected before the value";
        QTest::newRow("blank but no value") << QByteArray("a ") << "is not a number";
        QTest::newRow("word value") << QByteArray("a one") << "is not a number";
        QTest::newRow("comma decimal") << QByteArray("a 1,5") << "is not a number";
        QTest::newRow("hex") << QByteArray("a 0x10") << "is not a number";
        QTest::newRow("junk after timestamp") << QByteArray("a 1 2 3") << "only a timestamp";
        QTest::newRow("float timestamp") << QByteArray("a 1 2.5") << "only a timestamp";
        QTest::newRow("unterminated value") << QByteArray("a{x=\"1} 2") << "unterminated";
        QTest::newRow("unquoted value") << QByteArray("a{x=1} 2") << "must be quoted";
        QTest::newRow("unknown escape") << QByteArray("a{x=\"\\t\"} 2") << "unknown escape";
        QTest::newRow("duplicate label") << QByteArray("a{x=\"1\",x=\"2\"} 2") << "given twice";
        QTest::newRow("bad label name") << QByteArray("a{1x=\"1\"} 2") << "bad label name";
        QTest::newRow("missing comma") << QByteArray("a{x=\"1\" y=\"2\"} 2") << "',' or '}' expected";
        QTest::newRow("no space before value") << QByteArray("a{x=\"1\"}2") << "space expected";
        QTest::newRow("starts with a digit") << QByteArray("1a 2") << "must start with a metric name";
        QTest::newRow("unknown type") << QByteArray("# TYPE a gaugee") << "unknown type 'gaugee'";
        QTest::newRow("type without name") << QByteArray("# TYPE") << "without a valid metric name";
        QTest::newRow("NUL in name") << QByteArray("a\0b 1", 5) << "space expected";
    }

    void malformedLinesAreSkippedAndCounted()
    {
        QFETCH(QByteArray, line);
        const PrometheusText::Document doc = PrometheusText::parse("good 1\n" + line + "\nalso_good 2\n");
        QCOMPARE(doc.malformedLines, 1);
        QCOMPARE(doc.problems.size(), 1);
        QCOMPARE(doc.problems.at(0).line, 2);
        QFETCH(QString, reason);
        QVERIFY2(doc.problems.at(0).reason.contains(reason), qPrintable(doc.problems.at(0).reason));
        QCOMPARE(doc.value(QStringLiteral("good")), 1.0);
        QCOMPARE(doc.value(QStringLiteral("also_good")), 2.0);
    }

    void typeRulesAreKept()
    {
        const PrometheusText::Document doc =
            PrometheusText::parse("# TYPE a counter\n# TYPE a gauge\na_total 1\nb 1\n# TYPE b gauge\n");
        QCOMPARE(doc.malformedLines, 2);
        QVERIFY(doc.problems.at(0).reason.contains(QStringLiteral("second # TYPE")));
        QVERIFY(doc.problems.at(1).reason.contains(QStringLiteral("after its samples")));
        QCOMPARE(doc.family(QStringLiteral("a"))->type, QStringLiteral("counter"));
    }

    void problemsKeptAreBoundedButAllCounted()
    {
        QByteArray text;
        for (int i = 0; i < 1000; ++i)
            text += "bad line\n";
        const PrometheusText::Document doc = PrometheusText::parse(text);
        QCOMPARE(doc.malformedLines, 1000);
        QCOMPARE(doc.problems.size(), PrometheusText::kMaxProblems);
    }

    void sumLeavesOutTheExcludedLabelValue()
    {
        const PrometheusText::Document doc =
            PrometheusText::parse("b{state=\"complete\"} 5\nb{state=\"deleted\"} 100\nb{state=\"recording\"} 1\n");
        QCOMPARE(doc.sum(QStringLiteral("b"), QStringLiteral("state"), QStringLiteral("deleted")), 6.0);
        QCOMPARE(doc.sum(QStringLiteral("b")), 106.0);
        QVERIFY(!doc.sum(QStringLiteral("missing")));
        QVERIFY(!doc.value(QStringLiteral("b"))); // every sample has labels
    }

    // Each sample line of the real output broken in a known way: that line alone is refused and counted,
    // and every sample still read is one the intact output has, with the same value.
    void aCorruptedLineAddsNoSample_data()
    {
        QTest::addColumn<int>("mutation");
        QTest::newRow("value not a number") << 0;
        QTest::newRow("junk after the value") << 1;
        QTest::newRow("name starts with a digit") << 2;
        QTest::newRow("labels not closed") << 3;
    }

    void aCorruptedLineAddsNoSample()
    {
        QFETCH(int, mutation);
        QFile golden(qEnvironmentVariable("RECORDER_SOURCE_DIR") + QStringLiteral("/tests/exporter/data/golden.prom"));
        QVERIFY(golden.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = golden.readAll().split('\n');
        const PrometheusText::Document intact = PrometheusText::parse(lines.join('\n'));
        QCOMPARE(intact.malformedLines, 0);
        QSet<QString> known;
        const auto key = [](const PrometheusText::Sample &s) {
            QString k = s.name + QLatin1Char('{');
            for (auto it = s.labels.cbegin(); it != s.labels.cend(); ++it)
                k += it.key() + QLatin1Char('=') + it.value() + QLatin1Char(',');
            return k + QLatin1Char('}') + QString::number(s.value, 'g', 17);
        };
        for (const PrometheusText::Family &f : intact.families)
            for (const PrometheusText::Sample &s : f.samples)
                known.insert(key(s));

        int mutated = 0;
        for (int i = 0; i < lines.size(); ++i) {
            QByteArray line = lines.at(i);
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const qsizetype space = line.lastIndexOf(' ');
            switch (mutation) {
            case 0: line = line.left(space + 1) + "abc"; break;
            case 1: line += " junk"; break;
            case 2: line.prepend('9'); break;
            case 3:
                if (!line.contains('}'))
                    continue;
                line.remove(line.indexOf('}'), 1);
                break;
            }
            QList<QByteArray> broken = lines;
            broken[i] = line;
            const PrometheusText::Document doc = PrometheusText::parse(broken.join('\n'));
            QVERIFY2(doc.malformedLines == 1, qPrintable(QString::fromUtf8(line)));
            QCOMPARE(doc.problems.value(0).line, i + 1);
            QCOMPARE(doc.sampleCount(), intact.sampleCount() - 1);
            for (const PrometheusText::Family &f : doc.families)
                for (const PrometheusText::Sample &s : f.samples)
                    QVERIFY2(known.contains(key(s)), qPrintable(key(s)));
            ++mutated;
        }
        QVERIFY(mutated > 10); // the golden output really has labelled and plain samples
    }

    // Random bytes and cut-off real output: the reader may refuse lines, never crash or hang.
    void survivesGarbage()
    {
        QFile golden(qEnvironmentVariable("RECORDER_SOURCE_DIR") + QStringLiteral("/tests/exporter/data/golden.prom"));
        QVERIFY(golden.open(QIODevice::ReadOnly));
        const QByteArray real = golden.readAll();
        QRandomGenerator random(16);
        for (int round = 0; round < 300; ++round) {
            QByteArray text = real.left(random.bounded(int(real.size())));
            for (int i = 0; i < 20 && !text.isEmpty(); ++i)
                text[random.bounded(int(text.size()))] = char(random.bounded(256));
            const PrometheusText::Document doc = PrometheusText::parse(text);
            QVERIFY(doc.problems.size() <= PrometheusText::kMaxProblems);
            QVERIFY(doc.malformedLines >= doc.problems.size());
        }
    }
};

QTEST_GUILESS_MAIN(TestPrometheusText)
#include "tst_prometheustext.moc"
