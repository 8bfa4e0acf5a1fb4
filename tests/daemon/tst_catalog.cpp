// SPDX-License-Identifier: MIT
// Tests Catalog: queued writes, blocking queries, protection, deletion counters, WAL, draining on close.
#include "catalog.h"
#include "catalogschema.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <sys/mount.h>
#include <unistd.h>

namespace {

RecordingInfo makeInfo(const QString &dir, int index, const QString &sessionId = {})
{
    RecordingInfo info;
    info.path = QStringLiteral("%1/2026/01/01/recording_2026-01-01_%2.mp4")
                    .arg(dir)
                    .arg(index, 6, 10, QLatin1Char('0'));
    info.sessionId = sessionId;
    info.start = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).addSecs(index * 60);
    info.codec = QStringLiteral("h264");
    info.width = 1280;
    info.height = 720;
    info.fps = 30;
    return info;
}

RecordingInfo finished(RecordingInfo info, double seconds)
{
    info.end = info.start.addMSecs(qint64(seconds * 1000));
    info.durationSeconds = seconds;
    info.sizeBytes = qint64(seconds * 100000);
    info.frames = qint64(seconds * 30);
    info.framesDropped = 2;
    return info;
}

// A second connection, like the exporter's, to look at the file from outside the Catalog.
class Reader
{
public:
    explicit Reader(const QString &path, bool readOnly = true)
    {
        const QString error = CatalogSchema::open(path, QStringLiteral("reader"), readOnly, &m_db);
        if (!error.isEmpty())
            qFatal("%s", qPrintable(error));
    }
    ~Reader()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("reader"));
    }
    QVariant value(const QString &sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }
    QSqlDatabase &db() { return m_db; }

private:
    QSqlDatabase m_db;
};

QString stateOf(Catalog &catalog, const QString &path)
{
    const std::optional<CatalogRecord> row = catalog.find(path);
    return row ? row->state : QStringLiteral("(no row)");
}

// setProtected() needs the recording's file: its marker lives beside it.
void touch(const QString &path)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write("mp4") != 3)
        qFatal("cannot write %s", qPrintable(path));
}

bool isProtected(Catalog &catalog, const QString &path)
{
    const std::optional<CatalogRecord> row = catalog.find(path);
    return row && row->isProtected;
}

} // namespace

class TestCatalog : public QObject
{
    Q_OBJECT
private slots:
    void openCreatesWalCatalog();
    void openReportsUnusablePath();
    void startedThenFinished_data();
    void startedThenFinished();
    void listIsNewestFirstWithPaging();
    void setProtected();
    void markDeletedCountsRetentionInSameTransaction_data();
    void markDeletedCountsRetentionInSameTransaction();
    void totalsFollowStates();
    void writesDoNotBlockWhileDatabaseIsLocked();
    void writesBeforeOpenAreKeptAndCommitted();
    void writeRefusedByALongLockIsKeptAndRetried();
    void destructorDrainsQueuedWrites();
    void deletableIsOldestUnprotectedFinished();
    void recordingFinishedKeepsTheRealEndState_data();
    void recordingFinishedKeepsTheRealEndState();
    void corruptCatalogIsMovedAside_data();
    void corruptCatalogIsMovedAside();
    void unusableCatalogIsDegradedAndHeals_data();
    void unusableCatalogIsDegradedAndHeals();
    void fullDiskDegradesAndHeals();
    void setProtectedWhileDegradedReachesTheRowOnHealing();

private:
    QTemporaryDir m_dir;
};

void TestCatalog::openCreatesWalCatalog()
{
    const QString path = m_dir.filePath(QStringLiteral("wal.db"));
    Catalog catalog(path);
    QCOMPARE(catalog.open(), QString());
    catalog.recordingStarted(makeInfo(m_dir.path(), 1));
    catalog.flush();
    Reader reader(path);
    QCOMPARE(reader.value(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    QCOMPARE(reader.value(QStringLiteral("PRAGMA user_version")).toInt(), CatalogSchema::kVersion);
    QCOMPARE(reader.value(QStringLiteral("SELECT count(*) FROM recordings")).toInt(), 1);
}

void TestCatalog::openReportsUnusablePath()
{
    Catalog catalog(m_dir.filePath(QStringLiteral("no/such/dir/catalog.db")));
    const QString error = catalog.open();
    QVERIFY2(error.contains(QStringLiteral("no/such/dir/catalog.db")), qPrintable(error));
    QVERIFY(catalog.list(10).isEmpty());
    QVERIFY(!catalog.setProtected(QStringLiteral("/x.mp4"), true).isEmpty());
}

void TestCatalog::startedThenFinished_data()
{
    QTest::addColumn<QString>("sessionId");
    QTest::newRow("continuous") << QString();
    QTest::newRow("session") << QStringLiteral("s-42");
}

void TestCatalog::startedThenFinished()
{
    QFETCH(QString, sessionId);
    Catalog catalog(m_dir.filePath(QStringLiteral("started-%1.db").arg(QTest::currentDataTag())));
    QCOMPARE(catalog.open(), QString());
    const RecordingInfo started = makeInfo(m_dir.path(), 7, sessionId);
    catalog.recordingStarted(started);

    std::optional<CatalogRecord> row = catalog.find(started.path);
    QVERIFY(row);
    QCOMPARE(row->state, QStringLiteral("recording"));
    QVERIFY(!row->info.end.isValid());
    QCOMPARE(row->info.start, started.start);
    QCOMPARE(row->info.sessionId, sessionId);
    QCOMPARE(row->info.width, 1280);

    const RecordingInfo done = finished(started, 61.5);
    catalog.recordingFinished(done);
    row = catalog.find(started.path);
    QVERIFY(row);
    QCOMPARE(row->state, QStringLiteral("complete"));
    QCOMPARE(row->info.end, done.end);
    QCOMPARE(row->info.durationSeconds, 61.5);
    QCOMPARE(row->info.sizeBytes, done.sizeBytes);
    QCOMPARE(row->info.frames, done.frames);
    QCOMPARE(row->info.framesDropped, qint64(2));
    QCOMPARE(row->info.codec, QStringLiteral("h264"));
    QVERIFY(!row->isProtected);
}

void TestCatalog::listIsNewestFirstWithPaging()
{
    Catalog catalog(m_dir.filePath(QStringLiteral("list.db")));
    QCOMPARE(catalog.open(), QString());
    // Written out of order: the list orders by start time, not by insertion.
    for (int index : {3, 1, 4, 0, 2})
        catalog.recordingFinished(finished(makeInfo(m_dir.path(), index), 60));

    const QList<CatalogRecord> firstPage = catalog.list(2);
    QCOMPARE(firstPage.size(), 2);
    QCOMPARE(firstPage[0].info.path, makeInfo(m_dir.path(), 4).path);
    QCOMPARE(firstPage[1].info.path, makeInfo(m_dir.path(), 3).path);
    const QList<CatalogRecord> lastPage = catalog.list(2, 4);
    QCOMPARE(lastPage.size(), 1);
    QCOMPARE(lastPage[0].info.path, makeInfo(m_dir.path(), 0).path);

    QCOMPARE(catalog.markDeleted(makeInfo(m_dir.path(), 4).path, QStringLiteral("vanished"), false), QString());
    const QList<CatalogRecord> deleted = catalog.list(10, 0, {QStringLiteral("deleted")});
    QCOMPARE(deleted.size(), 1);
    QCOMPARE(deleted[0].deletedReason, QStringLiteral("vanished"));
    QCOMPARE(catalog.list(10, 0, {QStringLiteral("complete")}).size(), 4);
    QCOMPARE(catalog.livePaths().size(), 4);
}

void TestCatalog::setProtected()
{
    Catalog catalog(m_dir.filePath(QStringLiteral("protect.db")));
    QCOMPARE(catalog.open(), QString());
    const RecordingInfo info = finished(makeInfo(m_dir.path(), 1), 60);
    catalog.recordingFinished(info);
    touch(info.path);

    QCOMPARE(catalog.setProtected(info.path, true), QString());
    QVERIFY(isProtected(catalog, info.path));
    QVERIFY(QFileInfo::exists(info.path + QStringLiteral(".protected")));
    // A later write of the whole row keeps the flag: only setProtected() changes it.
    catalog.recordingFinished(info);
    QVERIFY(isProtected(catalog, info.path));
    QCOMPARE(catalog.setProtected(info.path, false), QString());
    QVERIFY(!isProtected(catalog, info.path));
    QVERIFY(!QFileInfo::exists(info.path + QStringLiteral(".protected")));

    const QString error = catalog.setProtected(QStringLiteral("/nowhere/x.mp4"), true);
    QVERIFY2(error.contains(QStringLiteral("/nowhere/x.mp4")), qPrintable(error));
}

void TestCatalog::markDeletedCountsRetentionInSameTransaction_data()
{
    QTest::addColumn<bool>("countAsRetention");
    QTest::addColumn<qint64>("expectedCounter");
    QTest::newRow("retention") << true << qint64(1);
    QTest::newRow("vanished") << false << qint64(0);
}

void TestCatalog::markDeletedCountsRetentionInSameTransaction()
{
    QFETCH(bool, countAsRetention);
    QFETCH(qint64, expectedCounter);
    Catalog catalog(m_dir.filePath(QStringLiteral("deleted-%1.db").arg(QTest::currentDataTag())));
    QCOMPARE(catalog.open(), QString());
    const RecordingInfo info = finished(makeInfo(m_dir.path(), 1), 60);
    catalog.recordingFinished(info);
    QCOMPARE(catalog.counter(QStringLiteral("retention_deleted")), qint64(0));

    QCOMPARE(catalog.markDeleted(info.path, QStringLiteral("retention"), countAsRetention), QString());
    QCOMPARE(stateOf(catalog, info.path), QStringLiteral("deleted"));
    QCOMPARE(catalog.counter(QStringLiteral("retention_deleted")), expectedCounter);

    // An unknown path changes nothing, not even the counter.
    QVERIFY(!catalog.markDeleted(QStringLiteral("/nowhere.mp4"), QStringLiteral("retention"), countAsRetention)
                 .isEmpty());
    QCOMPARE(catalog.counter(QStringLiteral("retention_deleted")), expectedCounter);
}

void TestCatalog::totalsFollowStates()
{
    const QString path = m_dir.filePath(QStringLiteral("totals.db"));
    Catalog catalog(path);
    QCOMPARE(catalog.open(), QString());
    for (int index = 0; index < 3; ++index)
        catalog.recordingFinished(finished(makeInfo(m_dir.path(), index), 10));
    catalog.recordingStarted(makeInfo(m_dir.path(), 3));
    QCOMPARE(catalog.markDeleted(makeInfo(m_dir.path(), 0).path, QStringLiteral("retention"), true), QString());
    catalog.flush();

    Reader reader(path);
    QCOMPARE(reader.value(QStringLiteral("SELECT count FROM recording_totals WHERE state = 'complete'")).toInt(), 2);
    QCOMPARE(reader.value(QStringLiteral("SELECT seconds FROM recording_totals WHERE state = 'complete'")).toDouble(),
             20.0);
    QCOMPARE(reader.value(QStringLiteral("SELECT count FROM recording_totals WHERE state = 'recording'")).toInt(), 1);
    QCOMPARE(reader.value(QStringLiteral("SELECT count FROM recording_totals WHERE state = 'deleted'")).toInt(), 1);
}

void TestCatalog::writesDoNotBlockWhileDatabaseIsLocked()
{
    const QString path = m_dir.filePath(QStringLiteral("locked.db"));
    Catalog catalog(path);
    QCOMPARE(catalog.open(), QString());

    // Another writer holds SQLite's write lock; the catalog's busy timeout makes its worker wait
    // for seconds. The caller (the capture thread in production) must not wait with it.
    Reader locker(path, false);
    QSqlQuery lock(locker.db());
    QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
    QElapsedTimer timer;
    timer.start();
    constexpr int kWrites = 50;
    for (int index = 0; index < kWrites; ++index) {
        catalog.recordingStarted(makeInfo(m_dir.path(), index));
        catalog.recordingFinished(finished(makeInfo(m_dir.path(), index), 60));
    }
    const qint64 elapsedMs = timer.elapsed();
    QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
    // The lock was held for all of it; one blocked write would have taken the whole busy timeout (5 s).
    QVERIFY2(elapsedMs < 2000, qPrintable(QStringLiteral("%1 ms").arg(elapsedMs)));

    catalog.flush();
    QCOMPARE(catalog.pendingWrites(), 0);
    QCOMPARE(catalog.list(1000, 0, {QStringLiteral("complete")}).size(), kWrites);
}

void TestCatalog::writesBeforeOpenAreKeptAndCommitted()
{
    Catalog catalog(m_dir.filePath(QStringLiteral("early.db")));
    const RecordingInfo info = makeInfo(m_dir.path(), 1);
    catalog.recordingStarted(info);
    catalog.recordingFinished(finished(info, 30));
    QCOMPARE(catalog.pendingWrites(), 2);
    QCOMPARE(catalog.open(), QString());
    QCOMPARE(catalog.pendingWrites(), 0);
    QCOMPARE(stateOf(catalog, info.path), QStringLiteral("complete"));
}

void TestCatalog::writeRefusedByALongLockIsKeptAndRetried()
{
    const QString path = m_dir.filePath(QStringLiteral("longlock.db"));
    Catalog catalog(path);
    QCOMPARE(catalog.open(), QString());
    Reader locker(path, false);
    QSqlQuery lock(locker.db());
    QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));

    // Longer than the busy timeout: SQLite gives up with SQLITE_BUSY and the write must be kept.
    const RecordingInfo info = finished(makeInfo(m_dir.path(), 9), 60);
    catalog.recordingFinished(info);
    QCOMPARE(catalog.pendingWrites(), 1);   // answered once the worker has given up on the write
    QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));

    catalog.flush();
    QCOMPARE(catalog.pendingWrites(), 0);
    QCOMPARE(stateOf(catalog, info.path), QStringLiteral("complete"));
}

void TestCatalog::destructorDrainsQueuedWrites()
{
    const QString path = m_dir.filePath(QStringLiteral("drain.db"));
    constexpr int kWrites = 200;
    {
        Catalog catalog(path);
        QCOMPARE(catalog.open(), QString());
        for (int index = 0; index < kWrites; ++index)
            catalog.recordingFinished(finished(makeInfo(m_dir.path(), index), 60));
    }
    Reader reader(path);
    QCOMPARE(reader.value(QStringLiteral("SELECT count(*) FROM recordings WHERE state = 'complete'")).toInt(), kWrites);
}

void TestCatalog::deletableIsOldestUnprotectedFinished()
{
    Catalog catalog(m_dir.filePath(QStringLiteral("deletable.db")));
    QCOMPARE(catalog.open(), QString());
    for (int index = 0; index < 5; ++index)
        catalog.recordingFinished(finished(makeInfo(m_dir.path(), index), 60));
    catalog.recordingStarted(makeInfo(m_dir.path(), 5));
    touch(makeInfo(m_dir.path(), 0).path);
    QCOMPARE(catalog.setProtected(makeInfo(m_dir.path(), 0).path, true), QString());
    QCOMPARE(catalog.markCorrupted(makeInfo(m_dir.path(), 2).path, QStringLiteral("no fragment")), QString());

    const QList<CatalogRecord> all = catalog.deletable(100, makeInfo(m_dir.path(), 4).path);
    QStringList paths;
    for (const CatalogRecord &row : all)
        paths.append(row.info.path);
    QCOMPARE(paths, (QStringList{makeInfo(m_dir.path(), 1).path, makeInfo(m_dir.path(), 3).path}));

    const QList<CatalogRecord> old = catalog.deletable(100, {}, makeInfo(m_dir.path(), 3).start);
    QCOMPARE(old.size(), 1);
    QCOMPARE(old[0].info.path, makeInfo(m_dir.path(), 1).path);
}

void TestCatalog::recordingFinishedKeepsTheRealEndState_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("expected");
    QTest::newRow("complete") << "complete" << "complete";
    QTest::newRow("recovered") << "recovered" << "recovered";
    QTest::newRow("unknown-is-kept-as-complete") << "bogus" << "complete";
}

void TestCatalog::recordingFinishedKeepsTheRealEndState()
{
    QFETCH(QString, state);
    QFETCH(QString, expected);
    Catalog catalog(m_dir.filePath(QStringLiteral("endstate-%1.db").arg(QTest::currentDataTag())));
    QCOMPARE(catalog.open(), QString());
    const RecordingInfo info = finished(makeInfo(m_dir.path(), 3), 20);
    catalog.recordingStarted(info);
    catalog.recordingFinished(info, state);
    QCOMPARE(stateOf(catalog, info.path), expected);
}

namespace {

// A real catalog of `rows` finished recordings, closed (checkpointed) so that the main file holds it all.
void writeCatalog(const QString &path, const QString &dir, int rows)
{
    Catalog catalog(path);
    if (!catalog.open().isEmpty())
        qFatal("cannot create %s", qPrintable(path));
    for (int index = 0; index < rows; ++index) {
        RecordingInfo info = finished(makeInfo(dir, index), 60);
        info.lastError = QStringLiteral("padding so that the rows fill many pages ").repeated(4);
        catalog.recordingFinished(info);
    }
}

QStringList movedAsideFiles(const QString &dir)
{
    static const QRegularExpression name(QStringLiteral("^catalog\\.db\\.corrupt-\\d{8}T\\d{6}Z$"));
    QStringList found;
    for (const QString &entry : QDir(dir).entryList(QDir::Files))
        if (name.match(entry).hasMatch())
            found.append(entry);
    return found;
}

} // namespace

void TestCatalog::corruptCatalogIsMovedAside_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("garbage") << "garbage";          // not a database at all: SQLITE_NOTADB
    QTest::newRow("malformed") << "malformed";      // valid header, damaged pages: quick_check
}

void TestCatalog::corruptCatalogIsMovedAside()
{
    QFETCH(QString, damage);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("catalog.db"));
    QByteArray bytes;
    if (damage == QLatin1String("garbage")) {
        bytes = QByteArray("this is no database, but a file some tool wrote over it\n").repeated(2000);
    } else {
        writeCatalog(path, dir.path(), 3000);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        bytes = file.readAll();
        QVERIFY2(bytes.size() > 256 * 1024, qPrintable(QString::number(bytes.size())));
        // The header (first page) stays intact: SQLite opens the file and only reading tells.
        bytes.replace(bytes.size() / 2, 64 * 1024, QByteArray(64 * 1024, '\x5a'));
        QVERIFY(bytes.startsWith("SQLite format 3"));
    }
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(bytes), qint64(bytes.size()));
    }

    Catalog catalog(path);
    QCOMPARE(catalog.open(), QString());
    const CatalogHealth health = catalog.health();
    QVERIFY(!health.degraded);
    QVERIFY(health.rebuildNeeded);
    QCOMPARE(health.faults, qint64(1));
    const QStringList moved = movedAsideFiles(dir.path());
    QCOMPARE(moved.size(), 1);
    QCOMPARE(health.movedAside, dir.filePath(moved.first()));
    QVERIFY2(health.lastFault.contains(health.movedAside), qPrintable(health.lastFault));
    // Kept as it was, for anyone with better tools.
    QFile kept(health.movedAside);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), bytes);

    // The fresh catalog takes writes at once.
    const RecordingInfo info = finished(makeInfo(dir.path(), 1), 30);
    catalog.recordingFinished(info);
    QCOMPARE(stateOf(catalog, info.path), QStringLiteral("complete"));
    QCOMPARE(catalog.list(10).size(), 1);
    catalog.clearRebuildNeeded();
    QVERIFY(!catalog.health().rebuildNeeded);
}

void TestCatalog::unusableCatalogIsDegradedAndHeals_data()
{
    QTest::addColumn<QString>("cause");
    QTest::newRow("folder-missing") << "missing";           // e.g. a state disk not mounted yet
    QTest::newRow("file-where-folder-should-be") << "file";
    QTest::newRow("folder-read-only") << "read-only";       // EACCES; root ignores permissions
}

void TestCatalog::unusableCatalogIsDegradedAndHeals()
{
    QFETCH(QString, cause);
    if (cause == QLatin1String("read-only") && ::geteuid() == 0)
        QSKIP("root ignores file permissions; fullDiskDegradesAndHeals covers a folder that cannot be written");
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("state"));
    const QString path = folder + QStringLiteral("/catalog.db");
    if (cause == QLatin1String("file")) {
        touch(folder);
    } else if (cause == QLatin1String("read-only")) {
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
    }

    Catalog catalog(path);
    catalog.setRetryInterval(50);
    QSignalSpy changes(&catalog, &Catalog::healthChanged);
    const QString reason = catalog.open();
    QVERIFY(!reason.isEmpty());
    CatalogHealth health = catalog.health();
    QVERIFY(health.degraded);
    QCOMPARE(health.reason, reason);
    QCOMPARE(health.faults, qint64(1));
    QVERIFY(health.since.isValid());

    // Recording goes on: writes wait in memory, in order, and return at once.
    const RecordingInfo info = makeInfo(dir.path(), 1);
    catalog.recordingStarted(info);
    catalog.recordingFinished(finished(info, 30));
    QTRY_COMPARE(catalog.health().pendingWrites, 2);
    QVERIFY(catalog.list(10).isEmpty());
    QVERIFY(!catalog.markDeleted(info.path, QStringLiteral("retention"), true).isEmpty());

    // The cause goes away: the catalog heals by itself.
    if (cause == QLatin1String("file"))
        QVERIFY(QFile::remove(folder));
    if (cause == QLatin1String("read-only"))
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    else
        QVERIFY(QDir().mkpath(folder));
    QTRY_VERIFY_WITH_TIMEOUT(!catalog.health().degraded, 10000);
    health = catalog.health();
    QCOMPARE(health.pendingWrites, 0);
    QCOMPARE(health.reason, QString());
    QVERIFY(health.rebuildNeeded);        // what happened meanwhile is for reconciliation
    QCOMPARE(health.faults, qint64(1));   // one degradation, however many retries
    QCOMPARE(stateOf(catalog, info.path), QStringLiteral("complete"));
    QVERIFY(changes.count() >= 2);
}

void TestCatalog::fullDiskDegradesAndHeals()
{
    // A small filesystem of its own that the test can fill: only root may mount one.
    QTemporaryDir dir;
    const QString mountPoint = dir.filePath(QStringLiteral("small"));
    QVERIFY(QDir().mkpath(mountPoint));
    if (::mount("tmpfs", QFile::encodeName(mountPoint).constData(), "tmpfs", 0, "size=2m") != 0)
        QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs (%1); needs root").arg(QString::fromLocal8Bit(strerror(errno)))));
    struct Unmount {
        QByteArray path;
        ~Unmount() { ::umount2(path.constData(), MNT_DETACH); }
    } unmount{QFile::encodeName(mountPoint)};

    const QString path = mountPoint + QStringLiteral("/catalog.db");
    Catalog catalog(path);
    catalog.setRetryInterval(50);
    QCOMPARE(catalog.open(), QString());
    catalog.recordingFinished(finished(makeInfo(dir.path(), 0), 30));
    catalog.flush();

    // Fill the disk to the last byte.
    const QString filler = mountPoint + QStringLiteral("/filler");
    {
        QFile file(filler);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray block(4096, 'f');
        while (file.write(block) == block.size() && file.flush()) {
        }
    }
    // Large rows, so that SQLite needs new pages (and WAL frames) for them.
    constexpr int kRows = 40;
    for (int index = 1; index <= kRows; ++index) {
        RecordingInfo info = finished(makeInfo(dir.path(), index), 30);
        info.lastError = QString(8000, QLatin1Char('e'));
        catalog.recordingFinished(info);
    }
    QTRY_VERIFY_WITH_TIMEOUT(catalog.health().degraded, 10000);
    QVERIFY(catalog.health().pendingWrites > 0);

    QVERIFY(QFile::remove(filler));
    QTRY_VERIFY_WITH_TIMEOUT(!catalog.health().degraded, 10000);
    QCOMPARE(catalog.health().pendingWrites, 0);
    QCOMPARE(catalog.list(1000).size(), kRows + 1);
}

void TestCatalog::setProtectedWhileDegradedReachesTheRowOnHealing()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("state"));
    const QString path = folder + QStringLiteral("/catalog.db");
    RecordingInfo info = finished(makeInfo(dir.path(), 1), 30);
    touch(info.path);
    Catalog catalog(path);
    catalog.setRetryInterval(50);
    catalog.recordingFinished(info);
    QVERIFY(!catalog.open().isEmpty());
    QVERIFY(catalog.health().degraded);

    // The tap is durable at once, through the marker, catalog or not.
    QCOMPARE(catalog.setProtected(info.path, true), QString());
    QVERIFY(QFileInfo::exists(info.path + QStringLiteral(".protected")));

    QVERIFY(QDir().mkpath(folder));
    QTRY_VERIFY_WITH_TIMEOUT(!catalog.health().degraded, 10000);
    QVERIFY(isProtected(catalog, info.path));
}

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
