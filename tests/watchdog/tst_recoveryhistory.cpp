// SPDX-License-Identifier: MIT
// Tests of RecoveryHistory: persistence, bounds, window counting across reboots, bad files.
#include "recoveryhistory.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

ClockReading at(double boottime, const QString &boot = QStringLiteral("boot-a"), qint64 wallOffsetSeconds = 0)
{
    const QDateTime base(QDate(2026, 11, 26), QTime(10, 0), Qt::UTC);
    return ClockReading{boot, boottime, base.addSecs(static_cast<qint64>(boottime) + wallOffsetSeconds)};
}

} // namespace

class TestRecoveryHistory : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip();
    void boundedButTotalsKeepCounting();
    void windowRestartsAfterAReboot();
    void futureRebootsCountAgainstTheCap();
    void badFiles_data();
    void badFiles();
};

void TestRecoveryHistory::roundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("watchdog-history.json"));
    RecoveryHistory h;
    h.addRestart(at(100), QStringLiteral("stale"));
    h.addRestart(at(200), QStringLiteral("stalled"));
    h.addReboot(at(300), QStringLiteral("3 restarts"));
    QCOMPARE(h.save(path), QString());
    QCOMPARE(QFile::permissions(path) & (QFileDevice::WriteGroup | QFileDevice::WriteOther), QFileDevice::Permissions());

    RecoveryHistory loaded;
    QCOMPARE(RecoveryHistory::load(path, &loaded), QString());
    QCOMPARE(loaded.restarts.size(), 2);
    QCOMPARE(loaded.restarts.at(1).reason, QStringLiteral("stalled"));
    QCOMPARE(loaded.restarts.at(1).when.boottimeSeconds, 200.0);
    QCOMPARE(loaded.restarts.at(1).when.wall, at(200).wall);
    QCOMPARE(loaded.reboots.size(), 1);
    QCOMPARE(loaded.restartsTotal, 2);
    QCOMPARE(loaded.rebootsTotal, 1);

    RecoveryHistory none;
    QCOMPARE(RecoveryHistory::load(dir.filePath(QStringLiteral("absent.json")), &none), QString());
    QVERIFY(none.restarts.isEmpty());
}

void TestRecoveryHistory::boundedButTotalsKeepCounting()
{
    RecoveryHistory h;
    for (int i = 0; i < RecoveryHistory::kMaxRestarts + 25; ++i)
        h.addRestart(at(i), QString::number(i));
    for (int i = 0; i < RecoveryHistory::kMaxReboots + 5; ++i)
        h.addReboot(at(i), QString::number(i));
    QCOMPARE(h.restarts.size(), RecoveryHistory::kMaxRestarts);
    QCOMPARE(h.reboots.size(), RecoveryHistory::kMaxReboots);
    QCOMPARE(h.restartsTotal, RecoveryHistory::kMaxRestarts + 25);
    QCOMPARE(h.restarts.first().reason, QStringLiteral("25"));
}

void TestRecoveryHistory::windowRestartsAfterAReboot()
{
    RecoveryHistory h;
    h.addRestart(at(100), QString());
    h.addRestart(at(110), QString());
    h.addRestart(at(120), QString());
    QCOMPARE(h.restartsInWindow(at(130), 600), 3);
    QCOMPARE(h.restartsInWindow(at(715), 600), 1);
    h.addReboot(at(130), QString());
    // After the reboot (another boot, its CLOCK_BOOTTIME starts again) only new restarts count.
    QCOMPARE(h.restartsInWindow(at(20, QStringLiteral("boot-b"), 200), 600), 0);
    h.addRestart(at(30, QStringLiteral("boot-b"), 200), QString());
    QCOMPARE(h.restartsInWindow(at(40, QStringLiteral("boot-b"), 200), 600), 1);
}

void TestRecoveryHistory::futureRebootsCountAgainstTheCap()
{
    RecoveryHistory h;
    // Written on a boot whose clock ran ahead; NTP has since stepped this one back.
    h.addReboot(at(100, QStringLiteral("boot-a"), 7200), QString());
    QCOMPARE(h.rebootsWithin(at(50, QStringLiteral("boot-b")), 86400), 1);
    QCOMPARE(h.rebootsWithin(at(50, QStringLiteral("boot-b"), 100000), 86400), 0);
}

void TestRecoveryHistory::badFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("errorHas");
    QTest::newRow("binary") << QByteArray("\x00\x01\x02garbage", 10) << QStringLiteral("not valid JSON");
    QTest::newRow("newer major") << QByteArray(R"({"schema_version":"2.0"})") << QStringLiteral("schema version");
    QTest::newRow("restarts not an array") << QByteArray(R"({"schema_version":"1.0","restarts":{}})")
                                           << QStringLiteral("not an array");
    QTest::newRow("entry without time") << QByteArray(R"({"schema_version":"1.0","restarts":[{"reason":"x"}]})")
                                        << QStringLiteral("timestamp");
}

void TestRecoveryHistory::badFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, errorHas);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("watchdog-history.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    RecoveryHistory h;
    h.addRestart(at(1), QString());
    const QString error = RecoveryHistory::load(path, &h);
    QVERIFY2(error.contains(errorHas), qPrintable(error));
    QVERIFY(h.restarts.isEmpty()); // a bad file leaves an empty history, never a half-read one
}

QTEST_GUILESS_MAIN(TestRecoveryHistory)
#include "tst_recoveryhistory.moc"
