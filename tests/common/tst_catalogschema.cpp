// SPDX-License-Identifier: MIT
// Tests CatalogSchema: migration, WAL, read-only readers, and the totals kept by triggers.
#include "catalogschema.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestCatalogSchema : public QObject
{
    Q_OBJECT

    static QVariant scalar(QSqlDatabase &db, const QString &sql)
    {
        QSqlQuery q(db);
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }

private slots:
    void migratesAndKeepsTotals()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("catalog.db");
        {
            QSqlDatabase db;
            QVERIFY(CatalogSchema::open(path, "writer", false, &db).isEmpty());
            QCOMPARE(scalar(db, "PRAGMA user_version").toInt(), CatalogSchema::kVersion);
            QCOMPARE(scalar(db, "PRAGMA journal_mode").toString(), QStringLiteral("wal"));
            QSqlQuery q(db);
            QVERIFY(q.exec("INSERT INTO recordings (path, start_time_ms, state, size_bytes, duration_seconds) "
                           "VALUES ('/r/a.mp4', 1000, 'recording', 0, 0)"));
            QVERIFY(q.exec("INSERT INTO recordings (path, start_time_ms, state, size_bytes, duration_seconds) "
                           "VALUES ('/r/b.mp4', 2000, 'complete', 500, 300)"));
            QVERIFY(q.exec("UPDATE recordings SET state = 'complete', size_bytes = 700, duration_seconds = 299.5 "
                           "WHERE path = '/r/a.mp4'"));
            QCOMPARE(scalar(db, "SELECT count FROM recording_totals WHERE state = 'complete'").toInt(), 2);
            QCOMPARE(scalar(db, "SELECT bytes FROM recording_totals WHERE state = 'complete'").toLongLong(), 1200LL);
            QCOMPARE(scalar(db, "SELECT seconds FROM recording_totals WHERE state = 'complete'").toDouble(), 599.5);
            QCOMPARE(scalar(db, "SELECT count FROM recording_totals WHERE state = 'recording'").toInt(), 0);
            QVERIFY(q.exec("DELETE FROM recordings WHERE path = '/r/b.mp4'"));
            QCOMPARE(scalar(db, "SELECT count FROM recording_totals WHERE state = 'complete'").toInt(), 1);
            // The state is constrained to the documented values.
            QVERIFY(!q.exec("INSERT INTO recordings (path, start_time_ms, state) VALUES ('/r/c.mp4', 1, 'lost')"));
            // Migrating again is a no-op.
            QVERIFY(CatalogSchema::migrate(db).isEmpty());
            db.close();
        }
        QSqlDatabase::removeDatabase("writer");

        {
            QSqlDatabase db;
            QVERIFY(CatalogSchema::open(path, "reader", true, &db).isEmpty());
            QCOMPARE(scalar(db, "SELECT count(*) FROM recordings").toInt(), 1);
            QSqlQuery q(db);
            QVERIFY(!q.exec("DELETE FROM recordings"));
            db.close();
        }
        QSqlDatabase::removeDatabase("reader");
    }

    void readerDoesNotCreateOrAcceptForeignFiles()
    {
        QTemporaryDir dir;
        {
            QSqlDatabase db;
            QVERIFY(!CatalogSchema::open(dir.filePath("absent.db"), "r1", true, &db).isEmpty());
        }
        QSqlDatabase::removeDatabase("r1");
        QVERIFY(!QFile::exists(dir.filePath("absent.db")));

        QFile garbage(dir.filePath("garbage.db"));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(4096, 'x'));
        garbage.close();
        {
            QSqlDatabase db;
            QVERIFY(!CatalogSchema::open(garbage.fileName(), "r2", true, &db).isEmpty());
        }
        QSqlDatabase::removeDatabase("r2");
    }

    void linksAreRefused_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<bool>("readOnly");
        QTest::newRow("database, writer") << "" << false;
        QTest::newRow("database, reader") << "" << true;
        QTest::newRow("wal, writer") << "-wal" << false;
        QTest::newRow("shm, reader") << "-shm" << true;
    }

    void linksAreRefused()
    {
        QFETCH(QString, suffix);
        QFETCH(bool, readOnly);
        QTemporaryDir dir;
        const QString path = dir.filePath("catalog.db");
        if (readOnly) {
            QSqlDatabase db;
            QCOMPARE(CatalogSchema::open(path, "setup", false, &db), QString());
            db.close();
        }
        QSqlDatabase::removeDatabase("setup");
        // An empty file elsewhere: SQLite would have made a database (or its journal) of it.
        const QString target = dir.filePath("elsewhere");
        QFile empty(target);
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        QFile::remove(path + suffix);
        QVERIFY(QFile::link(target, path + suffix));
        {
            QSqlDatabase db;
            const QString error = CatalogSchema::open(path, "linked", readOnly, &db);
            QVERIFY2(error.contains(path + suffix) && error.contains("symbolic link"), qPrintable(error));
        }
        QSqlDatabase::removeDatabase("linked");
        QCOMPARE(QFileInfo(target).size(), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestCatalogSchema)
#include "tst_catalogschema.moc"
