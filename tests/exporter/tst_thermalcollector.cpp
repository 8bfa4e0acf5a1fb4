// SPDX-License-Identifier: MIT
// Tests ThermalCollector on fake sysfs trees: the CPU zone rule, the firmware's flag bits, absent
// files (no metric, no error) and garbage (an error line, no metric), and promtool's lint.
#include "goldenfile.h"
#include "metricsserializer.h"
#include "thermalcollector.h"

#include <prometheus/registry.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QVERIFY(QDir().mkpath(QFileInfo(path).path()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
}

struct Collected {
    QString error;
    QByteArray text;
};

Collected collect(const QString &root)
{
    ThermalCollector collector(root);
    prometheus::Registry registry;
    Collected out;
    out.error = collector.collect(registry);
    out.text = MetricsSerializer::serialize(registry.Collect());
    return out;
}

} // namespace

class TestThermalCollector : public QObject
{
    Q_OBJECT
    std::unique_ptr<QTemporaryDir> m_root;

    QString zone(int n) const { return m_root->filePath(QStringLiteral("class/thermal/thermal_zone%1").arg(n)); }
    QString firmware() const { return m_root->filePath(QStringLiteral("devices/platform/soc/soc:firmware/get_throttled")); }

private slots:
    void init()
    {
        m_root = std::make_unique<QTemporaryDir>();
        QVERIFY(m_root->isValid());
    }

    void aRaspberryPi()
    {
        writeFile(zone(0) + QStringLiteral("/type"), "cpu-thermal\n");
        writeFile(zone(0) + QStringLiteral("/temp"), "61835\n");
        // Under-voltage and throttled now; frequency capped and soft limit have happened since boot.
        writeFile(firmware(), "a0005\n");
        const Collected c = collect(m_root->path());
        QCOMPARE(c.error, QString());
        QVERIFY2(c.text.contains("\nrecorder_cpu_temperature_celsius 61.835\n"), c.text.constData());
        QVERIFY(c.text.contains("\nrecorder_cpu_throttled 1\n"));
        QVERIFY(c.text.contains("recorder_cpu_throttle_condition{condition=\"under_voltage\"} 1\n"));
        QVERIFY(c.text.contains("recorder_cpu_throttle_condition{condition=\"frequency_capped\"} 0\n"));
        QVERIFY(c.text.contains("recorder_cpu_throttle_condition{condition=\"throttled\"} 1\n"));
        QVERIFY(c.text.contains("recorder_cpu_throttle_condition{condition=\"soft_temp_limit\"} 0\n"));
        QVERIFY(c.text.contains("recorder_cpu_throttle_occurred{condition=\"under_voltage\"} 0\n"));
        QVERIFY(c.text.contains("recorder_cpu_throttle_occurred{condition=\"frequency_capped\"} 1\n"));
        QVERIFY(c.text.contains("recorder_cpu_throttle_occurred{condition=\"throttled\"} 0\n"));
        QVERIFY(c.text.contains("recorder_cpu_throttle_occurred{condition=\"soft_temp_limit\"} 1\n"));
    }

    // The families as served, for a reviewer's eye and for check_dashboard.py (Grafana's queries).
    // RECORDER_UPDATE_GOLDEN=1 rewrites tests/exporter/data/thermal.prom instead of comparing.
    void goldenOutput()
    {
        writeFile(zone(0) + QStringLiteral("/type"), "cpu-thermal\n");
        writeFile(zone(0) + QStringLiteral("/temp"), "61835\n");
        writeFile(firmware(), "50005\n");
        const QByteArray text = collect(m_root->path()).text;
        const GoldenFile::Result golden = GoldenFile::check(
            text, qEnvironmentVariable("RECORDER_SOURCE_DIR") + QStringLiteral("/tests/exporter/data/thermal.prom"));
        if (golden.outcome == GoldenFile::Outcome::Rewritten)
            QSKIP(qPrintable(golden.message));
        QVERIFY2(golden.outcome == GoldenFile::Outcome::Matches, qPrintable(golden.message));
    }

    void aCoolPiWithAHexPrefix()
    {
        writeFile(firmware(), "0x0\n");
        const Collected c = collect(m_root->path());
        QCOMPARE(c.error, QString());
        QVERIFY(c.text.contains("\nrecorder_cpu_throttled 0\n"));
        QVERIFY(!c.text.contains("recorder_cpu_temperature_celsius"));
    }

    void theFirmwareFileUnderAnotherBus()
    {
        writeFile(m_root->filePath(QStringLiteral("devices/platform/scb/soc:firmware/get_throttled")), "4\n");
        const Collected c = collect(m_root->path());
        QCOMPARE(c.error, QString());
        QVERIFY(c.text.contains("recorder_cpu_throttle_condition{condition=\"throttled\"} 1\n"));
    }

    void theCpuZoneIsChosenByType_data()
    {
        QTest::addColumn<QStringList>("types"); // thermal_zone0, 1, …
        QTest::addColumn<QString>("chosen");    // "" when none
        QTest::newRow("pi") << QStringList{"cpu-thermal"} << "thermal_zone0";
        QTest::newRow("cpu-thermal wins over an earlier cpu zone")
            << QStringList{"soc-cpu", "gpu", "cpu-thermal"} << "thermal_zone2";
        QTest::newRow("x86 package") << QStringList{"acpitz", "x86_pkg_temp"} << "thermal_zone1";
        QTest::newRow("numeric order, not text order")
            << QStringList{"gpu", "gpu", "cpu0", "gpu", "gpu", "gpu", "gpu", "gpu", "gpu", "gpu", "cpu1"}
            << "thermal_zone2";
        QTest::newRow("no cpu zone") << QStringList{"acpitz", "battery"} << "";
    }

    void theCpuZoneIsChosenByType()
    {
        QFETCH(QStringList, types);
        for (int i = 0; i < types.size(); ++i) {
            writeFile(zone(i) + QStringLiteral("/type"), types.at(i).toUtf8() + '\n');
            writeFile(zone(i) + QStringLiteral("/temp"), QByteArray::number(40000 + i * 1000));
        }
        QFETCH(QString, chosen);
        const QString zoneFolder = ThermalCollector(m_root->path()).cpuZone();
        QCOMPARE(zoneFolder.isEmpty() ? QString() : QFileInfo(zoneFolder).fileName(), chosen);
        const Collected c = collect(m_root->path());
        QCOMPARE(c.error, QString());
        QCOMPARE(c.text.contains("recorder_cpu_temperature_celsius"), !chosen.isEmpty());
    }

    void absentFilesAddNothingAndAreNoError()
    {
        const Collected c = collect(m_root->filePath(QStringLiteral("nothing-here")));
        QCOMPARE(c.error, QString());
        QVERIFY2(c.text.isEmpty(), c.text.constData());
    }

    void garbageIsAnErrorAndLeftOut_data()
    {
        QTest::addColumn<QByteArray>("temp");
        QTest::addColumn<QByteArray>("flags");
        QTest::addColumn<QString>("error");
        QTest::addColumn<bool>("temperatureShown");
        QTest::addColumn<bool>("flagsShown");
        QTest::newRow("words for the temperature") << QByteArray("hot\n") << QByteArray("0\n")
                                                   << "not a temperature" << false << true;
        QTest::newRow("absurd temperature") << QByteArray("999000\n") << QByteArray("0\n")
                                            << "not a temperature" << false << true;
        QTest::newRow("empty temperature") << QByteArray("") << QByteArray("0\n") << "not a temperature" << false << true;
        QTest::newRow("flags not hex") << QByteArray("50000\n") << QByteArray("throttled\n")
                                       << "not a hexadecimal" << true << false;
        QTest::newRow("flags wider than 32 bits") << QByteArray("50000\n") << QByteArray("0x123456789\n")
                                                  << "not a hexadecimal" << true << false;
        QTest::newRow("flags empty") << QByteArray("50000\n") << QByteArray("\n") << "not a hexadecimal" << true << false;
        QTest::newRow("a long file") << QByteArray(4096, '7') << QByteArray("0\n") << "longer than" << false << true;
    }

    void garbageIsAnErrorAndLeftOut()
    {
        QFETCH(QByteArray, temp);
        QFETCH(QByteArray, flags);
        writeFile(zone(0) + QStringLiteral("/type"), "cpu-thermal\n");
        writeFile(zone(0) + QStringLiteral("/temp"), temp);
        writeFile(firmware(), flags);
        const Collected c = collect(m_root->path());
        QFETCH(QString, error);
        QVERIFY2(c.error.contains(error), qPrintable(c.error));
        QVERIFY(!c.error.contains(QLatin1Char('\n')));
        QTEST(c.text.contains("recorder_cpu_temperature_celsius"), "temperatureShown");
        QTEST(c.text.contains("recorder_cpu_throttled"), "flagsShown");
    }

    void promtoolFindsNothingToLint()
    {
        const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
        if (promtool.isEmpty())
            QSKIP("promtool is not installed (Debian package prometheus)");
        writeFile(zone(0) + QStringLiteral("/type"), "cpu-thermal\n");
        writeFile(zone(0) + QStringLiteral("/temp"), "48312\n");
        writeFile(firmware(), "50005\n");
        const Collected c = collect(m_root->path());
        QProcess check;
        check.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
        QVERIFY(check.waitForStarted());
        check.write(c.text);
        check.closeWriteChannel();
        QVERIFY(check.waitForFinished());
        QVERIFY2(check.exitCode() == 0, check.readAllStandardOutput() + check.readAllStandardError());
    }
};

QTEST_GUILESS_MAIN(TestThermalCollector)
#include "tst_thermalcollector.moc"
