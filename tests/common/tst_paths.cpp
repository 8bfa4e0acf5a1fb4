// SPDX-License-Identifier: MIT
// Tests Paths: derived locations and safe directory creation.
#include "paths.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

class TestPaths : public QObject
{
    Q_OBJECT

private slots:
    void derivedFromConfig()
    {
        const Paths p(Config::defaults());
        QCOMPARE(p.heartbeatFile(), QStringLiteral("/run/recorder/heartbeat.json"));
        QCOMPARE(p.catalogFile(), QStringLiteral("/var/lib/recorder/catalog.db"));
        QCOMPARE(p.recordingsDir(), QStringLiteral("/var/lib/recorder/recordings"));
        QCOMPARE(p.logDir(), QStringLiteral("/var/log/recorder"));
        QVERIFY(!p.heartbeatFile().startsWith("/tmp"));
    }

    // The watchdog and the exporter run as users of their own: what they write must lie outside
    // the recorder's folders (which the recorder's user owns) and match the units' directories
    // (RuntimeDirectory=recorder-watchdog and so on in systemd/*.service).
    void eachUserWritesItsOwnFolders_data()
    {
        QTest::addColumn<QString>("actual");
        QTest::addColumn<QString>("expected");
        const Paths p(Config::defaults());
        QTest::newRow("watchdog status") << p.watchdogStatusFile() << "/run/recorder-watchdog/watchdog.json";
        QTest::newRow("watchdog history") << p.watchdogHistoryFile() << "/var/lib/recorder-watchdog/watchdog-history.json";
        QTest::newRow("reboot trigger") << p.rebootTriggerFile() << "/var/log/recorder-watchdog/reboot_trigger.log";
        QTest::newRow("watchdog log dir") << p.watchdogLogDir() << "/var/log/recorder-watchdog";
        QTest::newRow("exporter log dir") << p.exporterLogDir() << "/var/log/recorder-metrics";
        // The files the dashboard's Service page shows: where each program's main() logs.
        QTest::newRow("recorder log") << p.recorderLogFile() << "/var/log/recorder/service.log";
        QTest::newRow("watchdog log") << p.watchdogLogFile() << "/var/log/recorder-watchdog/watchdog.log";
        QTest::newRow("exporter log") << p.exporterLogFile() << "/var/log/recorder-metrics/exporter.log";
    }
    void eachUserWritesItsOwnFolders()
    {
        QFETCH(QString, actual);
        QFETCH(QString, expected);
        QCOMPARE(actual, expected);
    }

    // A development stack that moves [paths] elsewhere moves the watchdog's folders with it.
    void watchdogFoldersFollowTheRecorders()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath("c.conf"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[paths]\nruntime_dir=/tmp/x/run\nstate_dir=/tmp/x/state\nlog_dir=/tmp/x/log\n");
        file.close();
        const Config::Result r = Config::load(file.fileName(), true, QProcessEnvironment());
        QVERIFY2(r.ok(), qPrintable(r.error));
        const Paths p(r.config);
        QCOMPARE(p.watchdogStatusFile(), QStringLiteral("/tmp/x/run-watchdog/watchdog.json"));
        QCOMPARE(p.watchdogHistoryFile(), QStringLiteral("/tmp/x/state-watchdog/watchdog-history.json"));
        QCOMPARE(p.rebootTriggerFile(), QStringLiteral("/tmp/x/log-watchdog/reboot_trigger.log"));
        QCOMPARE(p.exporterLogDir(), QStringLiteral("/tmp/x/log-metrics"));
    }

    void createsWithRestrictiveMode()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("a/b/c");
        QVERIFY(Paths::ensureDirectory(path).isEmpty());
        for (const QString &p : {dir.filePath("a"), dir.filePath("a/b"), path}) {
            struct stat st{};
            QCOMPARE(::stat(QFile::encodeName(p).constData(), &st), 0);
            QCOMPARE(int(st.st_mode & 0777), 0750);
        }
        // Idempotent.
        QVERIFY(Paths::ensureDirectory(path).isEmpty());
    }

    void refusesWorldWritable()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("open");
        QVERIFY(QDir().mkdir(path));
        ::chmod(QFile::encodeName(path).constData(), 0777);
        const QString error = Paths::ensureDirectory(path);
        QVERIFY2(error.contains("writable by everyone") && error.contains(path), qPrintable(error));
    }

    void refusesWorldWritableEvenWithTheStickyBit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("tmp");
        QVERIFY(QDir().mkdir(path));
        ::chmod(QFile::encodeName(path).constData(), 01777);
        const QString error = Paths::ensureDirectory(path);
        QVERIFY2(error.contains("writable by everyone") && error.contains("1777") && error.contains(path), qPrintable(error));
        QCOMPARE(Paths::refuseWorldWritable(path), error);
    }

    void refusesAFileInTheWay()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("file");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QVERIFY(Paths::ensureDirectory(path + "/sub").contains("not a directory"));
    }
};

QTEST_GUILESS_MAIN(TestPaths)
#include "tst_paths.moc"
