// SPDX-License-Identifier: MIT
// Tests JsonFileReader on inputs that could hang or fool a reader, and WatchdogStatus round trips.
#include "jsonfilereader.h"
#include "watchdogstatus.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

class TestJsonFileReader : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void fifoDoesNotBlock()
    {
        const QString path = m_dir.filePath("fifo");
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0644), 0);
        QElapsedTimer timer;
        timer.start();
        const JsonFileReader::Result r = JsonFileReader::read(path);
        QCOMPARE(r.status, JsonFileReader::Status::NotRegular);
        QVERIFY(timer.elapsed() < 1000);
    }

    void limitIsConfigurable()
    {
        const QString path = m_dir.filePath("small.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"a\": \"0123456789\"}");
        f.close();
        QCOMPARE(JsonFileReader::read(path, 10).status, JsonFileReader::Status::TooLarge);
        QCOMPARE(JsonFileReader::read(path).status, JsonFileReader::Status::Ok);
    }

    void statusNamesAreStable()
    {
        QCOMPARE(JsonFileReader::statusName(JsonFileReader::Status::TooLarge), QStringLiteral("too_large"));
        QCOMPARE(JsonFileReader::statusName(JsonFileReader::Status::InsecurePermissions),
                 QStringLiteral("insecure_permissions"));
        QCOMPARE(JsonFileReader::statusName(JsonFileReader::Status::NewerSchema), QStringLiteral("newer_schema"));
    }

    void watchdogStatusRoundTrip()
    {
        WatchdogStatus s;
        s.checkIntervalSeconds = 10;
        s.verdict = QStringLiteral("stale");
        s.reason = QStringLiteral("Heartbeat stale! Age: 31.2s, Last state: recording");
        s.unit = QStringLiteral("recorder.service");
        s.restartsInWindow = 2;
        s.restartsTotal = 7;
        s.rebootsLast24h = 1;
        s.rebootsTotal = 3;
        s.degraded = true;
        s.configError = true;
        s.dryRun = true;
        const QString path = m_dir.filePath("watchdog.json");
        QVERIFY(s.write(path).isEmpty());
        const WatchdogStatus::ReadResult r = WatchdogStatus::read(path);
        QVERIFY2(r.ok(), qPrintable(r.reason));
        QCOMPARE(r.document.schemaVersion, QStringLiteral("1.1"));
        QCOMPARE(r.document.verdict, s.verdict);
        QCOMPARE(r.document.reason, s.reason);
        QCOMPARE(r.document.restartsInWindow, qint64(2));
        QCOMPARE(r.document.rebootsTotal, qint64(3));
        QVERIFY(r.document.degraded);
        QVERIFY(r.document.configError);
        QVERIFY(r.document.dryRun);
        QCOMPARE(r.document.pid, qint64(QCoreApplication::applicationPid()));

        // A 1.0 status (before config_error) still reads, as no configuration error.
        QJsonObject older = r.document.toJson();
        older.insert(QStringLiteral("schema_version"), QStringLiteral("1.0"));
        older.remove(QStringLiteral("config_error"));
        WatchdogStatus fromOlder;
        QVERIFY(WatchdogStatus::fromJson(older, &fromOlder).isEmpty());
        QVERIFY(!fromOlder.configError);
        QVERIFY(fromOlder.degraded);
    }
};

QTEST_GUILESS_MAIN(TestJsonFileReader)
#include "tst_jsonfilereader.moc"
