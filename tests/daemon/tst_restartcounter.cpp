// SPDX-License-Identifier: MIT
// Tests RestartCounter: the count survives restarts, damaged files are replaced with a warning.
#include "restartcounter.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

class TestRestartCounter : public QObject
{
    Q_OBJECT

private slots:
    void survivesRestarts()
    {
        QTemporaryDir dir;
        for (qint64 expected = 1; expected <= 3; ++expected) {
            RestartCounter counter(dir.path()); // a new process each time
            QString warning;
            QCOMPARE(counter.increment(&warning), expected);
            QCOMPARE(warning, QString());
            QCOMPARE(counter.count(), expected);
        }
        QFile f(dir.filePath(QStringLiteral("restart_count.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().trimmed(), QByteArray(R"({"restart_count":3})"));
        QCOMPARE(QFileInfo(f).permissions() & (QFile::WriteGroup | QFile::WriteOther), QFileDevice::Permissions());
    }

    void damagedFileStartsAgain_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not json") << QByteArray("garbage") << "invalid_json";
        QTest::newRow("negative") << QByteArray(R"({"restart_count":-4})") << "whole number";
        QTest::newRow("fraction") << QByteArray(R"({"restart_count":2.5})") << "whole number";
        QTest::newRow("string") << QByteArray(R"({"restart_count":"7"})") << "whole number";
    }

    void damagedFileStartsAgain()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("restart_count.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        RestartCounter counter(dir.path());
        QString warning;
        QCOMPARE(counter.increment(&warning), qint64(1));
        QVERIFY2(warning.contains(reason), qPrintable(warning));
        QCOMPARE(RestartCounter(dir.path()).increment(), qint64(2));
    }

    void unwritableDirectoryStillCounts()
    {
        RestartCounter counter(QStringLiteral("/nonexistent/recorder-state"));
        QString warning;
        QCOMPARE(counter.increment(&warning), qint64(1));
        QVERIFY(warning.contains(QStringLiteral("cannot store")));
    }
};

QTEST_GUILESS_MAIN(TestRestartCounter)
#include "tst_restartcounter.moc"
