// SPDX-License-Identifier: MIT
// Tests of RebootTrigger: what reboot_trigger.log says, earlier triggers kept, size bounded.
#include "reboottrigger.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

ClockReading at(int minute)
{
    return ClockReading{QStringLiteral("3f0c8c7e"), 5000.0 + minute * 60,
                        QDateTime(QDate(2026, 11, 26), QTime(10, minute), Qt::UTC)};
}

QString readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class TestRebootTrigger : public QObject
{
    Q_OBJECT
private slots:
    void explainsTheReboot();
    void keepsEarlierTriggersWithinBounds();
};

void TestRebootTrigger::explainsTheReboot()
{
    RecoveryHistory history;
    history.addRestart(at(1), QStringLiteral("age 31.2s exceeds the timeout of 30.0s; last state recording"));
    history.addRestart(at(2), QStringLiteral("no fresh heartbeat"));
    history.addReboot(at(3), QStringLiteral("3 restarts did not help"));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("reboot_trigger.log"));
    QCOMPARE(RebootTrigger::write(path, at(3), QStringLiteral("no fresh heartbeat 30.1s after the restart"), history, 2),
             QString());
    const QString text = readAll(path);
    QVERIFY(text.startsWith(QStringLiteral("time: 2026-11-26T10:03:00.000Z\n")));
    QVERIFY(text.contains(QStringLiteral("reason: no fresh heartbeat 30.1s after the restart\n")));
    QVERIFY(text.contains(QStringLiteral("(this one included): 1 of 2 allowed")));
    QVERIFY(text.contains(QStringLiteral("  2026-11-26T10:01:00.000Z boot 3f0c8c7e: age 31.2s exceeds")));
    QVERIFY(text.contains(QStringLiteral("  2026-11-26T10:02:00.000Z boot 3f0c8c7e: no fresh heartbeat\n")));
}

void TestRebootTrigger::keepsEarlierTriggersWithinBounds()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("reboot_trigger.log"));
    RecoveryHistory history;
    for (int i = 0; i < 50; ++i)
        history.addRestart(at(i % 60), QString(200, QLatin1Char('x')));
    for (int i = 0; i < 20; ++i)
        QCOMPARE(RebootTrigger::write(path, at(i), QStringLiteral("trigger %1").arg(i), history, 2), QString());
    const QString text = readAll(path);
    QVERIFY(text.contains(QStringLiteral("reason: trigger 19\n")));
    QVERIFY(text.contains(QStringLiteral("reason: trigger 18\n")));
    QVERIFY(!text.contains(QStringLiteral("reason: trigger 0\n")));
    QVERIFY(QFile(path).size() <= RebootTrigger::kKeepBytes + RebootTrigger::describe(at(19), QStringLiteral("trigger 19"), history, 2).toUtf8().size() + 2);
}

QTEST_GUILESS_MAIN(TestRebootTrigger)
#include "tst_reboottrigger.moc"
