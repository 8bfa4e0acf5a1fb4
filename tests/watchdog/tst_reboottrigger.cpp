// SPDX-License-Identifier: MIT
// Tests of RebootTrigger: what reboot_trigger.log says, earlier triggers kept, size bounded.
#include "reboottrigger.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

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
    void refusesALinkAndCopiesNothing();
    void modeIsThatOfALog();
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

void TestRebootTrigger::refusesALinkAndCopiesNothing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString secret = dir.filePath(QStringLiteral("secret"));
    {
        QFile file(secret);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("private key\n");
    }
    QVERIFY(::chmod(QFile::encodeName(secret).constData(), 0600) == 0);
    const QString path = dir.filePath(QStringLiteral("reboot_trigger.log"));
    QVERIFY(QFile::link(secret, path));

    const QString error = RebootTrigger::write(path, at(3), QStringLiteral("stale"), RecoveryHistory(), 2);
    QVERIFY2(error.contains(path) && error.contains(QStringLiteral("symbolic link")), qPrintable(error));
    // Before: the secret's text was copied into a new 0644 file in the link's place.
    QVERIFY(QFileInfo(path).isSymLink());
    QCOMPARE(readAll(secret), QStringLiteral("private key\n"));
    QCOMPARE(QFileInfo(secret).permissions() & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
}

void TestRebootTrigger::modeIsThatOfALog()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("reboot_trigger.log"));
    QCOMPARE(RebootTrigger::write(path, at(3), QStringLiteral("stale"), RecoveryHistory(), 2), QString());
    struct stat st{};
    QVERIFY(::stat(QFile::encodeName(path).constData(), &st) == 0);
    QCOMPARE(int(st.st_mode & 07777), 0640);
}

QTEST_GUILESS_MAIN(TestRebootTrigger)
#include "tst_reboottrigger.moc"
