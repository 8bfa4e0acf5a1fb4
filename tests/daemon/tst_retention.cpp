// SPDX-License-Identifier: MIT
// Tests Retention with an injected free-space probe: oldest first, protected and in-progress kept,
// refusal and recovery of space, max_age, empty day folders removed, catalog and disk in agreement.
#include "catalog.h"
#include "protectmarker.h"
#include "retention.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

namespace {

constexpr qint64 kFileBytes = 1000;

// A filesystem of `capacity` bytes that holds only the files under the recordings dir (and the
// folders given to alsoHolds()); a file with several names (hard links) takes its bytes once.
class FakeDisk
{
public:
    FakeDisk(const QString &dir, qint64 capacity) : m_dirs{dir}, m_capacity(capacity) {}
    void setCapacity(qint64 capacity) { m_capacity = capacity; }
    void alsoHolds(const QString &dir) { m_dirs.append(dir); }
    qint64 used() const
    {
        qint64 bytes = 0;
        QSet<QPair<dev_t, ino_t>> seen;
        for (const QString &dir : m_dirs) {
            QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                it.next();
                struct stat info {};
                if (::lstat(QFile::encodeName(it.filePath()).constData(), &info) != 0)
                    continue;
                if (!seen.contains({info.st_dev, info.st_ino})) {
                    seen.insert({info.st_dev, info.st_ino});
                    bytes += info.st_size;
                }
            }
        }
        return bytes;
    }
    Retention::FreeSpaceProbe probe()
    {
        return [this](const QString &) {
            ++m_probes;
            return std::optional<Retention::Space>(Retention::Space{m_capacity - used(), m_capacity});
        };
    }
    int probes() const { return m_probes; }

private:
    QStringList m_dirs;
    qint64 m_capacity;
    int m_probes = 0;
};

QStringList filesSorted(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, {QStringLiteral("*.mp4")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir::cleanPath(it.next()));
    files.sort();
    return files;
}

QStringList livePathsSorted(Catalog &catalog)
{
    QStringList paths = catalog.livePaths();
    paths.sort();
    return paths;
}

} // namespace

class TestRetention : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void deletesOldestFirstUntilMinFree_data();
    void deletesOldestFirstUntilMinFree();
    void keepsProtectedAndInProgress();
    void refusesThenRecoversWhenSpaceReturns();
    void maxAgeDeletesOlderRecordings();
    void startAppliesRulesAtOnce();
    void removesEmptyDayFolders();
    void fileAlreadyGoneIsMarkedVanished();
    void undeletableFileIsSkippedOnce();
    void statvfsProbeReadsRealFilesystem();
    void unreadableFreeSpaceDoesNotStopRecording();
    void degradedCatalogDeletesFromTheTree();
    void markerProtectsWhateverTheRowSays();
    void passIsBounded();
    void hardLinkFreesNothing_data();
    void hardLinkFreesNothing();

private:
    // Writes a finished recording `index` hours after `base`, with a file of kFileBytes.
    QString addRecording(int index, const QString &state = QStringLiteral("complete"));
    QString pathFor(int index) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Catalog> m_catalog;
    QString m_recordingsDir;
    QDateTime m_base;
};

void TestRetention::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_recordingsDir = m_dir->filePath(QStringLiteral("recordings"));
    QVERIFY(QDir().mkpath(m_recordingsDir));
    m_catalog = std::make_unique<Catalog>(m_dir->filePath(QStringLiteral("catalog.db")));
    QCOMPARE(m_catalog->open(), QString());
    // Recent enough that max_age tests choose what is old explicitly.
    m_base = QDateTime::currentDateTimeUtc().addDays(-1);
}

void TestRetention::cleanup()
{
    m_catalog.reset();
    m_dir.reset();
}

QString TestRetention::pathFor(int index) const
{
    const QDateTime start = m_base.addSecs(index * 3600);
    return QStringLiteral("%1/%2/recording_%3.mp4")
        .arg(m_recordingsDir, start.toString(QStringLiteral("yyyy/MM/dd")),
             start.toString(QStringLiteral("yyyy-MM-dd_HHmmss")));
}

QString TestRetention::addRecording(int index, const QString &state)
{
    RecordingInfo info;
    info.path = pathFor(index);
    info.start = m_base.addSecs(index * 3600);
    info.sizeBytes = kFileBytes;
    info.codec = QStringLiteral("h264");
    QDir().mkpath(QFileInfo(info.path).path());
    QFile file(info.path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray(kFileBytes, 'v')) != kFileBytes)
        qFatal("cannot write %s", qPrintable(info.path));
    if (state == QLatin1String("recording")) {
        m_catalog->recordingStarted(info);
    } else {
        info.end = info.start.addSecs(3600);
        info.durationSeconds = 3600;
        m_catalog->recordingFinished(info);
    }
    return info.path;
}

void TestRetention::deletesOldestFirstUntilMinFree_data()
{
    QTest::addColumn<qint64>("minFree");
    QTest::addColumn<int>("expectedDeleted");
    // Five files of 1000 bytes on a 6000-byte disk: 1000 bytes free.
    QTest::newRow("enough-already") << qint64(1000) << 0;
    QTest::newRow("one-short") << qint64(1001) << 1;
    QTest::newRow("two") << qint64(3000) << 2;
    QTest::newRow("all-five") << qint64(6000) << 5;
}

void TestRetention::deletesOldestFirstUntilMinFree()
{
    QFETCH(qint64, minFree);
    QFETCH(int, expectedDeleted);
    QStringList paths;
    // Written newest first: retention goes by start time, not by row order.
    for (int index = 4; index >= 0; --index)
        paths.prepend(addRecording(index));
    FakeDisk disk(m_recordingsDir, 6 * kFileBytes);
    Retention retention(*m_catalog, m_recordingsDir, minFree, 0, disk.probe());

    const Retention::Verdict verdict = retention.ensureSpace(QString());
    QVERIFY(verdict.ok);
    QVERIFY(verdict.reason.isEmpty());
    QCOMPARE(verdict.space.freeBytes, 6 * kFileBytes - disk.used());
    for (int index = 0; index < 5; ++index) {
        const bool deleted = index < expectedDeleted;
        QCOMPARE(QFileInfo::exists(paths[index]), !deleted);
        const std::optional<CatalogRecord> row = m_catalog->find(paths[index]);
        QVERIFY(row);
        QCOMPARE(row->state, deleted ? QStringLiteral("deleted") : QStringLiteral("complete"));
        if (deleted)
            QCOMPARE(row->deletedReason, QStringLiteral("retention"));
    }
    QCOMPARE(m_catalog->counter(QStringLiteral("retention_deleted")), qint64(expectedDeleted));
    QCOMPARE(livePathsSorted(*m_catalog), filesSorted(m_recordingsDir));
}

void TestRetention::keepsProtectedAndInProgress()
{
    const QString protectedOldest = addRecording(0);
    const QString stillRecording = addRecording(1, QStringLiteral("recording"));
    const QString beingWritten = addRecording(2);   // finished row, but named as the current file
    const QString deletable = addRecording(3);
    const QString newest = addRecording(4);
    QCOMPARE(m_catalog->setProtected(protectedOldest, true), QString());

    FakeDisk disk(m_recordingsDir, 5 * kFileBytes);   // full
    Retention retention(*m_catalog, m_recordingsDir, 2 * kFileBytes, 0, disk.probe());
    const Retention::Verdict verdict = retention.ensureSpace(beingWritten);
    QVERIFY(verdict.ok);
    QVERIFY(QFileInfo::exists(protectedOldest));
    QVERIFY(QFileInfo::exists(stillRecording));
    QVERIFY(QFileInfo::exists(beingWritten));
    QVERIFY(!QFileInfo::exists(deletable));
    QVERIFY(!QFileInfo::exists(newest));
    QCOMPARE(m_catalog->find(stillRecording)->state, QStringLiteral("recording"));
    QCOMPARE(livePathsSorted(*m_catalog), filesSorted(m_recordingsDir));
}

void TestRetention::refusesThenRecoversWhenSpaceReturns()
{
    const QString kept = addRecording(0);
    QCOMPARE(m_catalog->setProtected(kept, true), QString());
    const QString current = addRecording(1, QStringLiteral("recording"));
    FakeDisk disk(m_recordingsDir, 2 * kFileBytes + 500);
    Retention retention(*m_catalog, m_recordingsDir, 1000, 0, disk.probe());
    QSignalSpy changes(&retention, &Retention::verdictChanged);

    Retention::Verdict verdict = retention.ensureSpace(current);
    QVERIFY(!verdict.ok);
    QCOMPARE(verdict.reason, QStringLiteral("insufficient storage space"));
    QCOMPARE(verdict.space.freeBytes, qint64(500));
    QCOMPARE(changes.size(), 1);
    // Refusing again is no new event.
    QVERIFY(!retention.ensureSpace(current).ok);
    QCOMPARE(changes.size(), 1);
    QVERIFY(QFileInfo::exists(kept));
    QVERIFY(QFileInfo::exists(current));

    // Someone frees space (here: a bigger disk); the caller's next check passes.
    disk.setCapacity(10 * kFileBytes);
    verdict = retention.ensureSpace(current);
    QVERIFY(verdict.ok);
    QCOMPARE(changes.size(), 2);
    QVERIFY(changes.last().first().value<Retention::Verdict>().ok);
    QCOMPARE(m_catalog->counter(QStringLiteral("retention_deleted")), qint64(0));
    QCOMPARE(livePathsSorted(*m_catalog), filesSorted(m_recordingsDir));
}

void TestRetention::maxAgeDeletesOlderRecordings()
{
    // m_base is a day ago: recordings 0..2 started 24, 23 and 22 hours ago, 20 started 4 hours ago.
    const QString oldest = addRecording(0);
    const QString oldProtected = addRecording(1);
    const QString old = addRecording(2);
    const QString recent = addRecording(20);
    QCOMPARE(m_catalog->setProtected(oldProtected, true), QString());
    FakeDisk disk(m_recordingsDir, 100 * kFileBytes);
    Retention retention(*m_catalog, m_recordingsDir, 0, 12 * 3600, disk.probe());

    QCOMPARE(retention.applyMaxAge(), 2);
    QVERIFY(!QFileInfo::exists(oldest));
    QVERIFY(!QFileInfo::exists(old));
    QVERIFY(QFileInfo::exists(oldProtected));
    QVERIFY(QFileInfo::exists(recent));
    QCOMPARE(m_catalog->find(oldest)->deletedReason, QStringLiteral("max_age"));
    QCOMPARE(m_catalog->counter(QStringLiteral("retention_deleted")), qint64(2));
    QCOMPARE(retention.applyMaxAge(), 0);
    QCOMPARE(livePathsSorted(*m_catalog), filesSorted(m_recordingsDir));

    Retention off(*m_catalog, m_recordingsDir, 0, 0, disk.probe());
    QCOMPARE(off.applyMaxAge(), 0);
    QVERIFY(QFileInfo::exists(recent));
}

void TestRetention::startAppliesRulesAtOnce()
{
    const QString old = addRecording(0);
    const QString recent = addRecording(20);
    FakeDisk disk(m_recordingsDir, 100 * kFileBytes);
    Retention retention(*m_catalog, m_recordingsDir, 0, 12 * 3600, disk.probe());
    retention.start();
    QVERIFY(!QFileInfo::exists(old));
    QVERIFY(QFileInfo::exists(recent));
    QVERIFY(disk.probes() >= 1);
    QCOMPARE(livePathsSorted(*m_catalog), filesSorted(m_recordingsDir));
}

void TestRetention::removesEmptyDayFolders()
{
    // Index 0 and 30 are on different days; deleting 0 empties its day (and maybe month, year).
    const QString first = addRecording(0);
    const QString later = addRecording(30);
    const QString dayDir = QFileInfo(first).path();
    QVERIFY(dayDir != QFileInfo(later).path());
    FakeDisk disk(m_recordingsDir, 2 * kFileBytes);
    Retention retention(*m_catalog, m_recordingsDir, kFileBytes, 0, disk.probe());
    QVERIFY(retention.ensureSpace(QString()).ok);
    QVERIFY(!QFileInfo::exists(first));
    QVERIFY(!QFileInfo::exists(dayDir));
    QVERIFY(QFileInfo::exists(later));
    QVERIFY(QFileInfo(m_recordingsDir).isDir());
    QCOMPARE(livePathsSorted(*m_catalog), filesSorted(m_recordingsDir));
}

void TestRetention::fileAlreadyGoneIsMarkedVanished()
{
    const QString gone = addRecording(0);
    const QString next = addRecording(1);
    QVERIFY(QFile::remove(gone));
    FakeDisk disk(m_recordingsDir, 1 * kFileBytes);   // full with the one file left
    Retention retention(*m_catalog, m_recordingsDir, kFileBytes, 0, disk.probe());
    QVERIFY(retention.ensureSpace(QString()).ok);
    QCOMPARE(m_catalog->find(gone)->deletedReason, QStringLiteral("vanished"));
    QCOMPARE(m_catalog->find(next)->deletedReason, QStringLiteral("retention"));
    QCOMPARE(m_catalog->counter(QStringLiteral("retention_deleted")), qint64(1));
    QCOMPARE(livePathsSorted(*m_catalog), filesSorted(m_recordingsDir));
}

void TestRetention::undeletableFileIsSkippedOnce()
{
    // unlink() refuses a directory, even for root: a stand-in for a file retention cannot remove.
    const QString stuck = addRecording(0);
    QVERIFY(QFile::remove(stuck));
    QVERIFY(QDir().mkpath(stuck + QStringLiteral("/inside")));
    const QString next = addRecording(1);
    FakeDisk disk(m_recordingsDir, 2 * kFileBytes);
    Retention retention(*m_catalog, m_recordingsDir, 3 * kFileBytes, 0, disk.probe());

    const Retention::Verdict verdict = retention.ensureSpace(QString());
    QVERIFY(!verdict.ok);   // everything deletable is gone and it is still not enough: no endless loop
    QCOMPARE(m_catalog->find(stuck)->state, QStringLiteral("complete"));
    QCOMPARE(m_catalog->find(next)->state, QStringLiteral("deleted"));
    QVERIFY(!QFileInfo::exists(next));
    QCOMPARE(m_catalog->counter(QStringLiteral("retention_deleted")), qint64(1));
}

void TestRetention::statvfsProbeReadsRealFilesystem()
{
    // A directory not created yet is measured on its nearest existing parent.
    const std::optional<Retention::Space> space =
        Retention::statvfsProbe(m_recordingsDir + QStringLiteral("/not/yet/there"));
    QVERIFY(space);
    QVERIFY(space->totalBytes > 0);
    QVERIFY(space->freeBytes >= 0);
    QVERIFY(space->freeBytes <= space->totalBytes);
}

void TestRetention::unreadableFreeSpaceDoesNotStopRecording()
{
    const QString kept = addRecording(0);
    Retention retention(*m_catalog, m_recordingsDir, 1'000'000, 0,
                        [](const QString &) { return std::optional<Retention::Space>(); });
    const QRegularExpression warning(QStringLiteral("cannot read the free space"));
    // Expected once; a second one (at every check) fails the test.
    QTest::ignoreMessage(QtWarningMsg, warning);
    QTest::failOnWarning(warning);
    QVERIFY(retention.ensureSpace(QString()).ok);
    QVERIFY(retention.ensureSpace(QString()).ok);
    QVERIFY(QFileInfo::exists(kept));
}

void TestRetention::degradedCatalogDeletesFromTheTree()
{
    // A catalog whose folder is not there yet: degraded from the start, its writes wait in memory.
    const QString stateDir = m_dir->filePath(QStringLiteral("state"));
    Catalog catalog(stateDir + QStringLiteral("/catalog.db"));
    catalog.setRetryInterval(50);
    QVERIFY(!catalog.open().isEmpty());
    QVERIFY(catalog.health().degraded);

    QStringList paths;
    for (int index = 0; index < 6; ++index) {
        paths.append(pathFor(index));
        QVERIFY(QDir().mkpath(QFileInfo(paths.last()).path()));
        QFile file(paths.last());
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(QByteArray(kFileBytes, 'v')), kFileBytes);
        RecordingInfo info;
        info.path = paths.last();
        info.start = m_base.addSecs(index * 3600);
        info.end = info.start.addSecs(3600);
        info.sizeBytes = kFileBytes;
        catalog.recordingFinished(info);
    }
    // The oldest is protected (its marker is on disk at once), the second is being written by the
    // recorder, the newest is the current file.
    QCOMPARE(catalog.setProtected(paths[0], true), QString());
    const QString markerPath = ProtectMarker::pathFor(paths[0]);
    QVERIFY(QFileInfo::exists(markerPath));

    FakeDisk disk(m_recordingsDir, 6 * kFileBytes);   // full
    Retention retention(catalog, m_recordingsDir, 3 * kFileBytes, 0, disk.probe());
    retention.setInUse([inUse = paths[1]](const QString &path) { return path == inUse; });
    const Retention::Verdict verdict = retention.ensureSpace(paths[5]);
    QVERIFY(verdict.ok);
    QVERIFY(QFileInfo::exists(paths[0]));
    QVERIFY(QFileInfo::exists(markerPath));
    QVERIFY(QFileInfo::exists(paths[1]));
    QVERIFY(!QFileInfo::exists(paths[2]));
    QVERIFY(!QFileInfo::exists(paths[3]));
    QVERIFY(!QFileInfo::exists(paths[4]));
    QVERIFY(QFileInfo::exists(paths[5]));

    // Nothing more to delete: the protected, the in-use and the current file stay.
    disk.setCapacity(3 * kFileBytes + 10);
    QVERIFY(!retention.ensureSpace(paths[5]).ok);
    QVERIFY(QFileInfo::exists(paths[0]) && QFileInfo::exists(paths[1]) && QFileInfo::exists(paths[5]));

    // The catalog heals: its rows learn what retention did meanwhile, in order.
    QVERIFY(QDir().mkpath(stateDir));
    QTRY_VERIFY_WITH_TIMEOUT(!catalog.health().degraded, 10000);
    for (int index : {2, 3, 4}) {
        QCOMPARE(catalog.find(paths[index])->state, QStringLiteral("deleted"));
        QCOMPARE(catalog.find(paths[index])->deletedReason, QStringLiteral("retention"));
    }
    QCOMPARE(catalog.counter(QStringLiteral("retention_deleted")), qint64(3));
    QVERIFY(catalog.find(paths[0])->isProtected);
    QCOMPARE(livePathsSorted(catalog), filesSorted(m_recordingsDir));
}

void TestRetention::markerProtectsWhateverTheRowSays()
{
    // A marker whose row does not say protected yet (a rebuilt catalog before reconciliation).
    const QString marked = addRecording(0);
    const QString plain = addRecording(1);
    QCOMPARE(ProtectMarker::create(marked), QString());
    QVERIFY(!m_catalog->find(marked)->isProtected);

    FakeDisk disk(m_recordingsDir, 2 * kFileBytes);
    Retention retention(*m_catalog, m_recordingsDir, 10 * kFileBytes, 0, disk.probe());
    QVERIFY(!retention.ensureSpace(QString()).ok);
    QVERIFY(QFileInfo::exists(marked));
    QVERIFY(QFileInfo::exists(ProtectMarker::pathFor(marked)));
    QVERIFY(!QFileInfo::exists(plain));
}

void TestRetention::passIsBounded()
{
    constexpr int kFiles = Retention::kMaxDeletionsPerPass + 10;
    for (int index = 0; index < kFiles; ++index)
        addRecording(index);
    FakeDisk disk(m_recordingsDir, kFiles * kFileBytes);
    Retention retention(*m_catalog, m_recordingsDir, 10 * kFiles * kFileBytes, 0, disk.probe());

    // More is left to delete: the verdict stays ok and the next check goes on.
    QVERIFY(retention.ensureSpace(QString()).ok);
    QCOMPARE(filesSorted(m_recordingsDir).size(), kFiles - Retention::kMaxDeletionsPerPass);
    QVERIFY(!retention.ensureSpace(QString()).ok);
    QCOMPARE(filesSorted(m_recordingsDir).size(), 0);
}

void TestRetention::hardLinkFreesNothing_data()
{
    QTest::addColumn<bool>("degraded");
    QTest::newRow("by-the-catalog") << false;
    QTest::newRow("from-the-tree") << true;
}

void TestRetention::hardLinkFreesNothing()
{
    QFETCH(bool, degraded);
    // install.sh --migrate adopts the Python recorder's recordings as hard links: the three oldest
    // recordings are second names of files that stay in its folder, on the same card.
    const QString oldFolder = m_dir->filePath(QStringLiteral("opt"));
    QVERIFY(QDir().mkpath(oldFolder));
    QStringList paths;
    QStringList originals;
    for (int index = 0; index < 5; ++index)
        paths.append(addRecording(index));
    for (int index = 0; index < 3; ++index) {
        originals.append(QStringLiteral("%1/old_%2.mp4").arg(oldFolder).arg(index));
        QCOMPARE(::link(QFile::encodeName(paths[index]).constData(), QFile::encodeName(originals[index]).constData()),
                 0);
    }
    FakeDisk disk(m_recordingsDir, 5 * kFileBytes + 500);
    disk.alsoHolds(oldFolder);
    QCOMPARE(disk.used(), 5 * kFileBytes);

    // A catalog whose folder is missing is degraded: retention then deletes from the directory tree.
    Catalog degradedCatalog(m_dir->filePath(QStringLiteral("missing/catalog.db")));
    if (degraded) {
        QVERIFY(!degradedCatalog.open().isEmpty());
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("catalog degraded")));
    }
    Retention retention(degraded ? degradedCatalog : *m_catalog, m_recordingsDir, 1000, 0, disk.probe());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("was a hard link .*freed no space")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("was a hard link .*freed no space")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("was a hard link .*freed no space")));
    const Retention::Verdict verdict = retention.ensureSpace(QString());
    // The verdict is the disk's truth, not the links' sizes: min_free is really free.
    QCOMPARE(verdict.space.freeBytes, 5 * kFileBytes + 500 - disk.used());
    QVERIFY(verdict.ok);
    QVERIFY(verdict.space.freeBytes >= 1000);
    // The links went first (oldest, and deleting them loses nothing: the originals stay), then only
    // as many of the recorder's own recordings as the space needs.
    for (int index = 0; index < 4; ++index)
        QVERIFY2(!QFileInfo::exists(paths[index]), qPrintable(paths[index]));
    QVERIFY(QFileInfo::exists(paths[4]));
    for (const QString &original : originals)
        QVERIFY(QFileInfo::exists(original));
    if (!degraded)
        QCOMPARE(livePathsSorted(*m_catalog), filesSorted(m_recordingsDir));
}

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
