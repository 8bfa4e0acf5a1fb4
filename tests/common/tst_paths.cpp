// SPDX-License-Identifier: MIT
// Tests Paths: derived locations and safe directory creation.
#include "paths.h"

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
        QCOMPARE(p.watchdogStatusFile(), QStringLiteral("/run/recorder/watchdog.json"));
        QCOMPARE(p.recordingsDir(), QStringLiteral("/var/lib/recorder/recordings"));
        QCOMPARE(p.logDir(), QStringLiteral("/var/log/recorder"));
        QVERIFY(!p.heartbeatFile().startsWith("/tmp"));
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
