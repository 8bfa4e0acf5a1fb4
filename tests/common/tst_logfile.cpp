// SPDX-License-Identifier: MIT
// Tests LogFile rotation and the log line formats.
#include "logfile.h"
#include "logging.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class TestLogFile : public QObject
{
    Q_OBJECT

private slots:
    void rotatesBySizeAndKeepsN()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("service.log");
        LogFile log(path, 1000, 3);
        const QByteArray line(99, 'a'); // 100 bytes with the newline
        for (int i = 0; i < 55; ++i)
            QVERIFY(log.append(line));
        // 10 lines per file: current + 3 rotated files, nothing older.
        QVERIFY(QFile::exists(path));
        QVERIFY(QFile::exists(path + ".1"));
        QVERIFY(QFile::exists(path + ".2"));
        QVERIFY(QFile::exists(path + ".3"));
        QVERIFY(!QFile::exists(path + ".4"));
        for (const QString &name : {path, path + ".1", path + ".2", path + ".3"})
            QVERIFY2(QFileInfo(name).size() <= 1000, qPrintable(name));
        QCOMPARE(QFileInfo(path).size(), qint64(500));
        QCOMPARE(QFileInfo(path + ".1").size(), qint64(1000));
        // Not readable by others: logs may name files and errors.
        QCOMPARE(QFileInfo(path).permissions() & (QFile::ReadOther | QFile::WriteOther), QFile::Permissions());
    }

    void unwritableFileIsReported()
    {
        LogFile log(QStringLiteral("/proc/no/such/dir/x.log"), 1000, 2);
        QVERIFY(!log.open().isEmpty());
        QVERIFY(!log.append("x"));
    }

    void journalLinesCarryPriority()
    {
        QCOMPARE(Logging::formatLine(QtWarningMsg, "recorder.watchdog", "Heartbeat stale!", true),
                 QByteArray("<4>recorder.watchdog: Heartbeat stale!"));
        QCOMPARE(Logging::formatLine(QtCriticalMsg, "recorder.daemon", "x", true), QByteArray("<3>recorder.daemon: x"));
        QCOMPARE(Logging::formatLine(QtInfoMsg, "recorder.daemon", "x", true), QByteArray("<6>recorder.daemon: x"));
        QCOMPARE(Logging::formatLine(QtDebugMsg, "recorder.daemon", "x", true), QByteArray("<7>recorder.daemon: x"));
    }

    void plainLinesAreTimestampedAndSingle()
    {
        const QByteArray line = Logging::formatLine(QtInfoMsg, "recorder.daemon", "two\nlines", false);
        QVERIFY2(QRegularExpression(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info recorder\.daemon: two\\nlines$)")
                     .match(QString::fromUtf8(line))
                     .hasMatch(),
                 line.constData());
    }
};

QTEST_GUILESS_MAIN(TestLogFile)
#include "tst_logfile.moc"
