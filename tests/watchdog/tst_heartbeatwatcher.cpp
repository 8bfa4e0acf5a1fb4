// SPDX-License-Identifier: MIT
// Tests of HeartbeatWatcher: atomic replacements are seen, other files in the directory are not.
#include "atomicfile.h"
#include "heartbeatwatcher.h"
#include "heartbeatwriter.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestHeartbeatWatcher : public QObject
{
    Q_OBJECT
private slots:
    void seesEveryAtomicReplacement();
    void seesCreationAndRemoval();
    void ignoresOtherFilesInTheDirectory();
    void directoryCreatedLater();
};

void TestHeartbeatWatcher::seesEveryAtomicReplacement()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("heartbeat.json"));
    HeartbeatWriter writer(path, 1);
    QVERIFY(writer.write(Heartbeat()).isEmpty());
    HeartbeatWatcher watcher(path);
    QSignalSpy spy(&watcher, &HeartbeatWatcher::changed);
    // Each write is a rename over the old inode: a watch on the file alone would lose it after one.
    for (int i = 1; i <= 5; ++i) {
        QVERIFY(writer.write(Heartbeat()).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), i, 10000);
    }
}

void TestHeartbeatWatcher::seesCreationAndRemoval()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("heartbeat.json"));
    HeartbeatWatcher watcher(path);
    QSignalSpy spy(&watcher, &HeartbeatWatcher::changed);
    HeartbeatWriter writer(path, 1);
    QVERIFY(writer.write(Heartbeat()).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 10000);
    QVERIFY(QFile::remove(path));
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 2, 10000);
}

void TestHeartbeatWatcher::ignoresOtherFilesInTheDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("heartbeat.json"));
    HeartbeatWriter writer(path, 1);
    QVERIFY(writer.write(Heartbeat()).isEmpty());
    HeartbeatWatcher watcher(path);
    QSignalSpy spy(&watcher, &HeartbeatWatcher::changed);
    // The watchdog's own status file lives next to the heartbeat: writing it must not wake us.
    for (int i = 0; i < 5; ++i)
        QVERIFY(AtomicFile::write(dir.filePath(QStringLiteral("watchdog.json")), QByteArray::number(i)).isEmpty());
    QTest::qWait(500);
    QCOMPARE(spy.count(), 0);
    QVERIFY(writer.write(Heartbeat()).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 10000);
}

void TestHeartbeatWatcher::directoryCreatedLater()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("run/heartbeat.json"));
    HeartbeatWatcher watcher(path);
    QSignalSpy spy(&watcher, &HeartbeatWatcher::changed);
    QVERIFY(QDir().mkdir(dir.filePath(QStringLiteral("run"))));
    watcher.ensureWatching(); // what the watchdog's next timed check does
    HeartbeatWriter writer(path, 1);
    QVERIFY(writer.write(Heartbeat()).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 10000);
    QVERIFY(writer.write(Heartbeat()).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 2, 10000);
}

QTEST_GUILESS_MAIN(TestHeartbeatWatcher)
#include "tst_heartbeatwatcher.moc"
