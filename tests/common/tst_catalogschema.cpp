// SPDX-License-Identifier: MIT
// Tests CatalogSchema: migration, WAL, read-only readers, and the totals kept by triggers.
#include "catalogschema.h"

#include <QDir>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

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

    // The group a reader gets the catalog through, as `recorder` in docs/security.md.
    static constexpr uid_t kReader = 65534;

    // Writes a catalog with `rows` recordings and closes it: SQLite removes its -wal and -shm.
    static void writeCatalog(const QString &path, int rows, const QString &connection = QStringLiteral("writer"))
    {
        {
            QSqlDatabase db;
            QCOMPARE(CatalogSchema::open(path, connection, false, &db), QString());
            QSqlQuery q(db);
            for (int i = 0; i < rows; ++i)
                QVERIFY(q.exec(QStringLiteral("INSERT INTO recordings (path, start_time_ms, state) "
                                              "VALUES ('/r/%1.mp4', %1, 'complete')").arg(i)));
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
    }

    // The folder and its files as installed: the reader may read them and write none. Root ignores
    // permission bits, so then the reader is another user, reading through the group (0750, 0640).
    static bool shutOutReader(const QString &folder)
    {
        const QByteArray name = QFile::encodeName(folder);
        if (geteuid() != 0)
            return ::chmod(name.constData(), 0555) == 0;
        bool ok = ::chown(name.constData(), 0, kReader) == 0 && ::chmod(name.constData(), 0750) == 0;
        for (const QString &entry : QDir(folder).entryList(QDir::Files)) {
            const QByteArray file = QFile::encodeName(QDir(folder).filePath(entry));
            ok = ok && ::chown(file.constData(), 0, kReader) == 0 && ::chmod(file.constData(), 0640) == 0;
        }
        return ok;
    }

    // Shuts the reader out of `folder`, runs catalogreader-probe on `path` in it as the reader and
    // gives the folder back; returns the probe's output line.
    static QString readAsReader(const QString &folder, const QString &path)
    {
        if (!shutOutReader(folder))
            return QStringLiteral("cannot set the permissions of ") + folder;
        QString probe = qEnvironmentVariable("CATALOGREADER_PROBE");
        if (probe.isEmpty())
            probe = QCoreApplication::applicationDirPath() + QStringLiteral("/catalogreader-probe");
        QProcess process;
        if (geteuid() == 0) {
            const QString id = QString::number(kReader);
            process.start(QStringLiteral("setpriv"), {QStringLiteral("--reuid=") + id, QStringLiteral("--regid=") + id,
                                                     QStringLiteral("--clear-groups"), probe, path});
        } else {
            process.start(probe, {path});
        }
        const bool finished = process.waitForFinished(30000);
        ::chmod(QFile::encodeName(folder).constData(), 0700);
        if (!finished)
            return QStringLiteral("probe did not finish: ") + process.errorString();
        return QString::fromLocal8Bit(process.readAllStandardOutput() + process.readAllStandardError()).trimmed();
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

    // recorderd stopped: no -wal, and the reader may not create one. It reads the file as immutable.
    void readerReadsACatalogNoWriterHasOpen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("catalog.db");
        writeCatalog(path, 3);
        QVERIFY(!QFile::exists(path + "-wal") && !QFile::exists(path + "-shm"));
        QCOMPARE(readAsReader(dir.path(), path), QStringLiteral("rows 3 immutable 1"));
        QVERIFY(!QFile::exists(path + "-wal") && !QFile::exists(path + "-shm"));
    }

    // recorderd running: its -wal holds commits the main file has not got yet; the reader reads
    // them through the ordinary read-only open, never as immutable.
    void readerOfAnOpenCatalogSeesItsWal()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("catalog.db");
        writeCatalog(path, 2);
        {
            QSqlDatabase db;
            QCOMPARE(CatalogSchema::open(path, "running", false, &db), QString());
            QSqlQuery q(db);
            QVERIFY(q.exec("INSERT INTO recordings (path, start_time_ms, state) VALUES ('/r/wal.mp4', 9, 'complete')"));
            QVERIFY(QFileInfo(path + "-wal").size() > 0);
            QCOMPARE(readAsReader(dir.path(), path), QStringLiteral("rows 3 immutable 0"));
            db.close();
        }
        QSqlDatabase::removeDatabase("running");
    }

    // A -wal left by a writer that did not close cleanly may hold commits: no immutable read that
    // would miss them; the reader reports the catalog unreadable until recorderd opens it again.
    void readerDoesNotReadAroundALeftoverWal()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("catalog.db");
        writeCatalog(path, 2);
        QFile wal(path + "-wal");
        QVERIFY(wal.open(QIODevice::WriteOnly));
        wal.close();
        const QString read = readAsReader(dir.path(), path);
        QVERIFY2(read.startsWith("error "), qPrintable(read));
        QVERIFY(!QFile::exists(path + "-shm"));
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
