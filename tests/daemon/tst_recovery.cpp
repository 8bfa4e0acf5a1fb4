// SPDX-License-Identifier: MIT
// Tests Recovery: fragmented MP4s cut at chosen offsets, adoption of files without rows, vanished files.
#include "catalog.h"
#include "recovery.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

namespace {

constexpr int kSeconds = 5;          // the test file: 5 fragments of 1 s (a keyframe every 30 frames)
constexpr double kMaxLossSeconds = 1.5;

struct Box {
    QByteArray type;
    qint64 offset = 0;
    qint64 size = 0;
};

// The test's own view of the file, to choose where to cut it.
QList<Box> topLevelBoxes(const QByteArray &data)
{
    QList<Box> boxes;
    qint64 offset = 0;
    while (offset + 8 <= data.size()) {
        const qint64 size = qFromBigEndian<quint32>(data.constData() + offset);
        if (size < 8)
            break;
        boxes.append({data.mid(offset + 4, 4), offset, size});
        offset += size;
    }
    return boxes;
}

QList<Box> boxesOfType(const QList<Box> &boxes, const QByteArray &type)
{
    QList<Box> found;
    for (const Box &box : boxes)
        if (box.type == type)
            found.append(box);
    return found;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

// What `ffmpeg -v error` says while decoding the whole file: nothing when it plays cleanly.
QString decodeErrors(const QString &path)
{
    QProcess ffmpeg;
    ffmpeg.setProcessChannelMode(QProcess::MergedChannels);
    ffmpeg.start(QStringLiteral("ffmpeg"), {QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"),
                                            QStringLiteral("-i"), path, QStringLiteral("-f"), QStringLiteral("null"),
                                            QStringLiteral("-")});
    if (!ffmpeg.waitForFinished(60000))
        return QStringLiteral("ffmpeg did not finish");
    const QString output = QString::fromUtf8(ffmpeg.readAll()).trimmed();
    if (ffmpeg.exitCode() != 0 && output.isEmpty())
        return QStringLiteral("ffmpeg exited with %1").arg(ffmpeg.exitCode());
    return output;
}

QStringList livePathsSorted(Catalog &catalog)
{
    QStringList paths = catalog.livePaths();
    paths.sort();
    return paths;
}

QStringList filesSorted(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, {QStringLiteral("*.mp4")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir::cleanPath(it.next()));
    files.sort();
    return files;
}

RecordingInfo startedInfo(const QString &path)
{
    RecordingInfo info;
    info.path = path;
    info.start = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    info.codec = QStringLiteral("h264");
    info.width = 320;
    info.height = 240;
    info.fps = 30;
    return info;
}

} // namespace

class TestRecovery : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void rowLeftRecording_data();
    void rowLeftRecording();
    void adoptsFilesWithoutRows_data();
    void adoptsFilesWithoutRows();
    void revivesDeletedRowWhenFileIsBack();
    void rowsWithoutFilesVanish();
    void missingRecordingsDirVanishesNothing();
    void symlinkIsNeverCut();
    void uncleanRowPathIsTheSameFile();
    void protectMarkerSurvivesARebuild();
    void corruptCatalogIsRebuiltFromDisk();
    void rowsProtectedBeforeMarkersGetMarkers();
    void filesInUseAreNeverTouched();
    void degradedCatalogIsLeftForLater();

private:
    // A fresh recordings dir and catalog for one scenario.
    struct Scenario {
        QString recordingsDir;
        QString catalogPath;
    };
    Scenario newScenario();
    QString recordingPath(const Scenario &scenario) const;

    QTemporaryDir m_dir;
    QByteArray m_fragmented;     // 5 s, fragmented MP4 as the recorder writes it
    QList<Box> m_boxes;
    int m_scenarios = 0;
};

void TestRecovery::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString source = m_dir.filePath(QStringLiteral("source.mp4"));
    QProcess ffmpeg;
    ffmpeg.setProcessChannelMode(QProcess::MergedChannels);
    ffmpeg.start(QStringLiteral("ffmpeg"),
                 {QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-f"),
                  QStringLiteral("lavfi"), QStringLiteral("-i"), QStringLiteral("testsrc2=size=320x240:rate=30"),
                  QStringLiteral("-t"), QString::number(kSeconds), QStringLiteral("-c:v"), QStringLiteral("libx264"),
                  QStringLiteral("-preset"), QStringLiteral("ultrafast"), QStringLiteral("-g"), QStringLiteral("30"),
                  QStringLiteral("-movflags"), QStringLiteral("frag_keyframe+empty_moov+default_base_moof"), source});
    QVERIFY2(ffmpeg.waitForFinished(60000), "ffmpeg did not finish");
    QVERIFY2(ffmpeg.exitCode() == 0, ffmpeg.readAll().constData());
    m_fragmented = readAll(source);
    m_boxes = topLevelBoxes(m_fragmented);
    QCOMPARE(boxesOfType(m_boxes, "moof").size(), kSeconds);
    QCOMPARE(boxesOfType(m_boxes, "mdat").size(), kSeconds);
    QCOMPARE(boxesOfType(m_boxes, "moov").size(), 1);
}

TestRecovery::Scenario TestRecovery::newScenario()
{
    const QString base = m_dir.filePath(QStringLiteral("scenario-%1").arg(++m_scenarios));
    Scenario scenario{base + QStringLiteral("/recordings"), base + QStringLiteral("/catalog.db")};
    QDir().mkpath(scenario.recordingsDir);
    return scenario;
}

QString TestRecovery::recordingPath(const Scenario &scenario) const
{
    return scenario.recordingsDir + QStringLiteral("/2026/01/01/recording_2026-01-01_120000.mp4");
}

void TestRecovery::rowLeftRecording_data()
{
    QTest::addColumn<QString>("cut");                  // how the crash left the file
    QTest::addColumn<QString>("expectedState");
    QTest::addColumn<int>("expectedFragments");        // complete fragments kept
    QTest::addColumn<double>("recordedSeconds");       // time the file held when it was cut

    QTest::newRow("intact") << "intact" << "recovered" << 5 << 5.0;
    QTest::newRow("mid-moof") << "mid-moof" << "recovered" << 3 << 3.5;
    QTest::newRow("mid-mdat") << "mid-mdat" << "recovered" << 4 << 4.5;
    QTest::newRow("moof-without-mdat") << "moof-only" << "recovered" << 4 << 4.0;
    QTest::newRow("zero-filled-tail") << "zeros" << "recovered" << 5 << 5.0;
    QTest::newRow("after-moov-only") << "moov" << "corrupted" << 0 << 0.0;
    QTest::newRow("mid-moov") << "mid-moov" << "corrupted" << 0 << 0.0;
    QTest::newRow("zero-bytes") << "empty" << "corrupted" << 0 << 0.0;
    QTest::newRow("garbage") << "garbage" << "corrupted" << 0 << 0.0;
}

void TestRecovery::rowLeftRecording()
{
    QFETCH(QString, cut);
    QFETCH(QString, expectedState);
    QFETCH(int, expectedFragments);
    QFETCH(double, recordedSeconds);

    const QList<Box> moofs = boxesOfType(m_boxes, "moof");
    const QList<Box> mdats = boxesOfType(m_boxes, "mdat");
    const Box moov = boxesOfType(m_boxes, "moov").first();
    QByteArray data;
    if (cut == QLatin1String("intact"))
        data = m_fragmented;
    else if (cut == QLatin1String("mid-moof"))
        data = m_fragmented.left(moofs[3].offset + moofs[3].size / 2);
    else if (cut == QLatin1String("mid-mdat"))
        data = m_fragmented.left(mdats[4].offset + mdats[4].size / 2);
    else if (cut == QLatin1String("moof-only"))
        data = m_fragmented.left(moofs[4].offset + moofs[4].size);
    else if (cut == QLatin1String("zeros"))
        data = m_fragmented + QByteArray(4096, '\0');
    else if (cut == QLatin1String("moov"))
        data = m_fragmented.left(moov.offset + moov.size);
    else if (cut == QLatin1String("mid-moov"))
        data = m_fragmented.left(moov.offset + moov.size / 2);
    else if (cut == QLatin1String("garbage")) {
        data.resize(64 * 1024);
        QRandomGenerator generator(42);
        generator.fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);
    }

    const Scenario scenario = newScenario();
    const QString path = recordingPath(scenario);
    QVERIFY(writeAll(path, data));
    Catalog catalog(scenario.catalogPath);
    QCOMPARE(catalog.open(), QString());
    catalog.recordingStarted(startedInfo(path));

    const Recovery::Summary summary = Recovery(catalog, scenario.recordingsDir).run();
    const std::optional<CatalogRecord> row = catalog.find(path);
    QVERIFY(row);
    QCOMPARE(row->state, expectedState);
    QCOMPARE(summary.recovered, expectedState == QLatin1String("recovered") ? 1 : 0);
    QCOMPARE(summary.corrupted, expectedState == QLatin1String("corrupted") ? 1 : 0);
    QCOMPARE(summary.adopted, 0);
    QCOMPARE(summary.vanished, 0);
    QCOMPARE(livePathsSorted(catalog), filesSorted(scenario.recordingsDir));

    const qint64 sizeOnDisk = QFileInfo(path).size();
    QCOMPARE(row->info.sizeBytes, sizeOnDisk);
    if (expectedState == QLatin1String("corrupted")) {
        // Nothing was cut: the bytes stay for anyone with better tools.
        QCOMPARE(sizeOnDisk, qint64(data.size()));
        QVERIFY(!row->info.lastError.isEmpty());
        return;
    }
    // Cut files end with the last complete mdat; intact ones keep what follows it (ffmpeg's mfra).
    const Box &lastKept = expectedFragments == kSeconds ? m_boxes.last() : mdats[expectedFragments - 1];
    const qint64 expectedEnd = lastKept.offset + lastKept.size;
    QCOMPARE(sizeOnDisk, expectedEnd);
    QCOMPARE(decodeErrors(path), QString());
    QVERIFY2(qAbs(row->info.durationSeconds - expectedFragments) < 0.05,
             qPrintable(QString::number(row->info.durationSeconds)));
    QVERIFY(recordedSeconds - row->info.durationSeconds <= kMaxLossSeconds);
    QCOMPARE(row->info.frames, qint64(expectedFragments * 30));
    QCOMPARE(row->info.start, startedInfo(path).start);
    QCOMPARE(row->info.end, row->info.start.addMSecs(qint64(row->info.durationSeconds * 1000)));
    QCOMPARE(row->info.codec, QStringLiteral("h264"));
    QCOMPARE(row->info.width, 320);
    // The dashboard shows why a recording is shorter than the time it covered.
    QVERIFY(row->info.lastError.contains(QStringLiteral("unclean stop")));
}

void TestRecovery::adoptsFilesWithoutRows_data()
{
    QTest::addColumn<QString>("cut");
    QTest::addColumn<QString>("expectedState");
    QTest::addColumn<double>("expectedSeconds");
    QTest::newRow("intact") << "intact" << "complete" << 5.0;
    QTest::newRow("mid-mdat") << "mid-mdat" << "recovered" << 2.0;
    // Whole fragments but no index (mfra) at the end: nobody closed it, so it is not `complete`.
    QTest::newRow("never closed") << "never-closed" << "recovered" << 3.0;
    QTest::newRow("garbage") << "garbage" << "corrupted" << 0.0;
}

void TestRecovery::adoptsFilesWithoutRows()
{
    QFETCH(QString, cut);
    QFETCH(QString, expectedState);
    QFETCH(double, expectedSeconds);

    const QList<Box> mdats = boxesOfType(m_boxes, "mdat");
    QByteArray data = m_fragmented;
    if (cut == QLatin1String("mid-mdat"))
        data = m_fragmented.left(mdats[2].offset + 100);
    else if (cut == QLatin1String("never-closed"))
        data = m_fragmented.left(mdats[2].offset + mdats[2].size);
    else if (cut == QLatin1String("garbage"))
        data = QByteArray(5000, 'x');

    const Scenario scenario = newScenario();
    const QString path = recordingPath(scenario);
    QVERIFY(writeAll(path, data));
    Catalog catalog(scenario.catalogPath);
    QCOMPARE(catalog.open(), QString());

    const Recovery::Summary summary = Recovery(catalog, scenario.recordingsDir).run();
    QCOMPARE(summary.adopted, 1);
    QCOMPARE(summary.recovered + summary.corrupted + summary.vanished, 0);
    const std::optional<CatalogRecord> row = catalog.find(path);
    QVERIFY(row);
    QCOMPARE(row->state, expectedState);
    QCOMPARE(row->info.start, QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC));
    QCOMPARE(row->info.sizeBytes, QFileInfo(path).size());
    QVERIFY2(qAbs(row->info.durationSeconds - expectedSeconds) < 0.05,
             qPrintable(QString::number(row->info.durationSeconds)));
    if (expectedState != QLatin1String("corrupted"))
        QCOMPARE(decodeErrors(path), QString());
    QCOMPARE(livePathsSorted(catalog), filesSorted(scenario.recordingsDir));

    // A second pass finds nothing left to do.
    const Recovery::Summary again = Recovery(catalog, scenario.recordingsDir).run();
    QCOMPARE(again.adopted + again.recovered + again.corrupted + again.vanished, 0);
}

void TestRecovery::revivesDeletedRowWhenFileIsBack()
{
    const Scenario scenario = newScenario();
    const QString path = recordingPath(scenario);
    Catalog catalog(scenario.catalogPath);
    QCOMPARE(catalog.open(), QString());
    catalog.recordingStarted(startedInfo(path));
    QCOMPARE(catalog.markDeleted(path, QStringLiteral("vanished"), false), QString());
    QVERIFY(writeAll(path, m_fragmented));

    const Recovery::Summary summary = Recovery(catalog, scenario.recordingsDir).run();
    QCOMPARE(summary.adopted, 1);
    const std::optional<CatalogRecord> row = catalog.find(path);
    QVERIFY(row);
    QCOMPARE(row->state, QStringLiteral("complete"));
    QCOMPARE(row->deletedReason, QString());
    QCOMPARE(livePathsSorted(catalog), filesSorted(scenario.recordingsDir));
}

void TestRecovery::rowsWithoutFilesVanish()
{
    const Scenario scenario = newScenario();
    Catalog catalog(scenario.catalogPath);
    QCOMPARE(catalog.open(), QString());
    const QString kept = recordingPath(scenario);
    QVERIFY(writeAll(kept, m_fragmented));
    RecordingInfo keptInfo = startedInfo(kept);
    keptInfo.end = keptInfo.start.addSecs(kSeconds);
    keptInfo.durationSeconds = kSeconds;
    keptInfo.sizeBytes = m_fragmented.size();
    catalog.recordingFinished(keptInfo);

    const QString goneComplete = scenario.recordingsDir + QStringLiteral("/2025/12/31/recording_2025-12-31_230000.mp4");
    const QString goneRecording =
        scenario.recordingsDir + QStringLiteral("/2026/01/01/recording_2026-01-01_130000.mp4");
    RecordingInfo complete = startedInfo(goneComplete);
    complete.end = complete.start.addSecs(60);
    catalog.recordingFinished(complete);
    catalog.recordingStarted(startedInfo(goneRecording));

    const Recovery::Summary summary = Recovery(catalog, scenario.recordingsDir).run();
    QCOMPARE(summary.vanished, 2);
    QCOMPARE(summary.adopted + summary.recovered + summary.corrupted, 0);
    for (const QString &path : {goneComplete, goneRecording}) {
        const std::optional<CatalogRecord> row = catalog.find(path);
        QVERIFY(row);
        QCOMPARE(row->state, QStringLiteral("deleted"));
        QCOMPARE(row->deletedReason, QStringLiteral("vanished"));
    }
    QCOMPARE(catalog.find(kept)->state, QStringLiteral("complete"));
    QCOMPARE(catalog.counter(QStringLiteral("retention_deleted")), qint64(0));
    QCOMPARE(livePathsSorted(catalog), filesSorted(scenario.recordingsDir));
}

void TestRecovery::missingRecordingsDirVanishesNothing()
{
    const Scenario scenario = newScenario();
    Catalog catalog(scenario.catalogPath);
    QCOMPARE(catalog.open(), QString());
    RecordingInfo info = startedInfo(recordingPath(scenario));
    info.end = info.start.addSecs(60);
    catalog.recordingFinished(info);
    const QString open = scenario.recordingsDir + QStringLiteral("/2026/01/01/recording_2026-01-01_130000.mp4");
    catalog.recordingStarted(startedInfo(open));
    QVERIFY(QDir(scenario.recordingsDir).removeRecursively());

    const Recovery::Summary summary = Recovery(catalog, scenario.recordingsDir).run();
    QCOMPARE(summary.vanished, 0);
    QCOMPARE(catalog.find(info.path)->state, QStringLiteral("complete"));
    QCOMPARE(catalog.find(open)->state, QStringLiteral("recording"));
}

void TestRecovery::symlinkIsNeverCut()
{
    const Scenario scenario = newScenario();
    // Some other file, cut like a crashed recording: recovery would shorten it if it followed the link.
    const QString victim = m_dir.filePath(QStringLiteral("victim-%1.mp4").arg(m_scenarios));
    const QByteArray data = m_fragmented.left(boxesOfType(m_boxes, "mdat")[3].offset + 100);
    QVERIFY(writeAll(victim, data));
    const QString link = recordingPath(scenario);
    QVERIFY(QDir().mkpath(QFileInfo(link).path()));
    QVERIFY(QFile::link(victim, link));
    Catalog catalog(scenario.catalogPath);
    QCOMPARE(catalog.open(), QString());
    catalog.recordingStarted(startedInfo(link));

    const Recovery::Summary summary = Recovery(catalog, scenario.recordingsDir).run();
    QCOMPARE(summary.corrupted, 1);
    QCOMPARE(QFileInfo(victim).size(), qint64(data.size()));
    QCOMPARE(catalog.find(link)->state, QStringLiteral("corrupted"));
}

void TestRecovery::uncleanRowPathIsTheSameFile()
{
    // A recordings_dir configured with a trailing slash gives rows like ".../recordings//2026/...".
    const Scenario scenario = newScenario();
    const QString file = recordingPath(scenario);
    QVERIFY(writeAll(file, m_fragmented));
    const QString uncleanPath = scenario.recordingsDir + QStringLiteral("//2026/01/01/recording_2026-01-01_120000.mp4");
    Catalog catalog(scenario.catalogPath);
    QCOMPARE(catalog.open(), QString());
    RecordingInfo info = startedInfo(uncleanPath);
    info.end = info.start.addSecs(kSeconds);
    catalog.recordingFinished(info);

    const Recovery::Summary summary = Recovery(catalog, scenario.recordingsDir + QLatin1Char('/')).run();
    QCOMPARE(summary.adopted + summary.vanished + summary.recovered + summary.corrupted, 0);
    QCOMPARE(catalog.livePaths(), QStringList{uncleanPath});
}

void TestRecovery::protectMarkerSurvivesARebuild()
{
    const Scenario scenario = newScenario();
    const QString path = recordingPath(scenario);
    const QString other = scenario.recordingsDir + QStringLiteral("/2026/01/01/recording_2026-01-01_130000.mp4");
    QVERIFY(writeAll(path, m_fragmented));
    QVERIFY(writeAll(other, m_fragmented));
    {
        Catalog catalog(scenario.catalogPath);
        QCOMPARE(catalog.open(), QString());
        Recovery(catalog, scenario.recordingsDir).run();
        QCOMPARE(catalog.setProtected(path, true), QString());
    }
    // The catalog is lost.
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(scenario.catalogPath + suffix);

    Catalog catalog(scenario.catalogPath);
    QCOMPARE(catalog.open(), QString());
    const Recovery::Summary summary = Recovery(catalog, scenario.recordingsDir).run();
    QCOMPARE(summary.adopted, 2);
    QCOMPARE(summary.protectFlagsSet, 1);
    QVERIFY(catalog.find(path)->isProtected);
    QVERIFY(!catalog.find(other)->isProtected);
    // Durations by probing, not by guessing.
    QVERIFY(qAbs(catalog.find(path)->info.durationSeconds - kSeconds) < 0.05);
    // Markers are not recordings.
    QCOMPARE(livePathsSorted(catalog), filesSorted(scenario.recordingsDir));
}

void TestRecovery::corruptCatalogIsRebuiltFromDisk()
{
    const Scenario scenario = newScenario();
    const QString path = recordingPath(scenario);
    QVERIFY(writeAll(path, m_fragmented));
    QVERIFY(writeAll(scenario.catalogPath, QByteArray(8192, 'x')));

    Catalog catalog(scenario.catalogPath);
    QCOMPARE(catalog.open(), QString());
    QVERIFY(catalog.health().rebuildNeeded);
    QVERIFY(QFileInfo::exists(catalog.health().movedAside));
    const Recovery::Summary summary = Recovery(catalog, scenario.recordingsDir).run();
    QCOMPARE(summary.adopted, 1);
    QVERIFY(!catalog.health().rebuildNeeded);
    QCOMPARE(catalog.find(path)->state, QStringLiteral("complete"));
}

void TestRecovery::rowsProtectedBeforeMarkersGetMarkers()
{
    // A catalog from before markers: the row is protected, no marker is on disk.
    const Scenario scenario = newScenario();
    const QString path = recordingPath(scenario);
    QVERIFY(writeAll(path, m_fragmented));
    Catalog catalog(scenario.catalogPath);
    QCOMPARE(catalog.open(), QString());
    RecordingInfo info = startedInfo(path);
    info.end = info.start.addSecs(kSeconds);
    catalog.recordingFinished(info);
    QCOMPARE(catalog.setProtectedFlag(path, true), QString());
    QVERIFY(!catalog.protectMarkersWritten());

    Recovery(catalog, scenario.recordingsDir).run();
    QVERIFY(QFileInfo::exists(path + QStringLiteral(".protected")));
    QVERIFY(catalog.find(path)->isProtected);
    QVERIFY(catalog.protectMarkersWritten());

    // From then on the marker is the truth: a row that says protected without one is corrected.
    QVERIFY(QFile::remove(path + QStringLiteral(".protected")));
    const Recovery::Summary summary = Recovery(catalog, scenario.recordingsDir).run();
    QCOMPARE(summary.protectFlagsSet, 1);
    QVERIFY(!catalog.find(path)->isProtected);
}

void TestRecovery::filesInUseAreNeverTouched()
{
    const Scenario scenario = newScenario();
    // Being written: its row says 'recording' and its last fragment is not complete yet.
    const QString writing = recordingPath(scenario);
    const QByteArray partial = m_fragmented.left(boxesOfType(m_boxes, "mdat")[3].offset + 100);
    QVERIFY(writeAll(writing, partial));
    // Just created: no row yet (its recordingStarted() is still queued somewhere).
    const QString created = scenario.recordingsDir + QStringLiteral("/2026/01/01/recording_2026-01-01_130000.mp4");
    QVERIFY(writeAll(created, m_fragmented.left(boxesOfType(m_boxes, "moov").first().size + 64)));
    Catalog catalog(scenario.catalogPath);
    QCOMPARE(catalog.open(), QString());
    catalog.recordingStarted(startedInfo(writing));

    const QSet<QString> inUse{writing, created};
    const Recovery::Summary summary =
        Recovery(catalog, scenario.recordingsDir, Qt::UTC, [&inUse](const QString &path) { return inUse.contains(path); })
            .run();
    QCOMPARE(summary.recovered + summary.corrupted + summary.adopted + summary.vanished, 0);
    QCOMPARE(QFileInfo(writing).size(), qint64(partial.size()));
    QCOMPARE(catalog.find(writing)->state, QStringLiteral("recording"));
    QVERIFY(!catalog.find(created));
}

void TestRecovery::degradedCatalogIsLeftForLater()
{
    const Scenario scenario = newScenario();
    QVERIFY(writeAll(recordingPath(scenario), m_fragmented));
    Catalog catalog(scenario.recordingsDir + QStringLiteral("/no/such/folder/catalog.db"));
    QVERIFY(!catalog.open().isEmpty());
    const Recovery::Summary summary = Recovery(catalog, scenario.recordingsDir).run();
    QVERIFY(summary.skipped);
    QCOMPARE(QFileInfo(recordingPath(scenario)).size(), qint64(m_fragmented.size()));
}

QTEST_GUILESS_MAIN(TestRecovery)
#include "tst_recovery.moc"
