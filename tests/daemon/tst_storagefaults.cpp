// SPDX-License-Identifier: MIT
// Tests recorderd on a slow and on a failing card, made with the fault-injection shim on its recordings folder.
#include "faultinjector.h"
#include "recorderdharness.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kWaitMs = RecorderdHarness::kWaitMs;

QString sections()
{
    return QStringLiteral("[heartbeat]\ninterval=200ms\n"
                          "[camera]\nsource=testpattern\nwidth=320\nheight=240\nfps=15\n"
                          "[encoder]\nkeyframe_interval=1s\nfragment_duration=1s\n[storage]\nmin_free=0\n"
                          "[recording]\nmode=continuous\nsegment_duration=1min\n");
}

qint64 integer(const QJsonObject &beat, const char *key)
{
    return beat.value(QLatin1String(key)).toInteger(-1);
}

// Whether the shim is mapped into `pid`: a fault test whose shim did not load proves nothing.
bool shimLoaded(qint64 pid)
{
    QFile maps(QStringLiteral("/proc/%1/maps").arg(pid));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains("librecorder-faultinject");
}

// What ffprobe counts in a file, and whether ffmpeg decodes it without a complaint.
qint64 decodedFrames(const QString &file, QString *complaint)
{
    QProcess ffmpeg;
    ffmpeg.start(QStringLiteral("ffprobe"), {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-count_frames"),
                                             QStringLiteral("-select_streams"), QStringLiteral("v"),
                                             QStringLiteral("-show_entries"), QStringLiteral("stream=nb_read_frames"),
                                             QStringLiteral("-of"), QStringLiteral("default=nw=1:nk=1"), file});
    ffmpeg.waitForFinished(60000);
    *complaint = QString::fromUtf8(ffmpeg.readAllStandardError()).trimmed();
    return QString::fromUtf8(ffmpeg.readAllStandardOutput()).trimmed().toLongLong();
}

} // namespace

class TestStorageFaults : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(RecorderdHarness::program()), qPrintable(RecorderdHarness::program()));
        const QString unavailable = FaultInjector::unavailableReason();
        QVERIFY2(unavailable.isEmpty(), qPrintable(unavailable));
    }

    // Syncs of 300 ms on the recordings folder: recording goes on and the file is finished on SIGTERM.
    void slowSyncsStillRecord()
    {
        RecorderdHarness recorder(sections());
        FaultInjector faults(m_dir.filePath(QStringLiteral("slow")));
        faults.setPathPrefix(recorder.recordingsDir());
        faults.setSyncDelayMs(300);
        QCOMPARE(faults.apply(), QString());
        recorder.start(faults.environment());
        QVERIFY(recorder.waitForHeartbeat([](const QJsonObject &beat) { return integer(beat, "bytes_written") > 0; }));
        QVERIFY(shimLoaded(recorder.process().processId()));
        // Two more fragments (1 s each) through the slow card.
        const qint64 written = integer(recorder.currentHeartbeat(), "bytes_written");
        QVERIFY(recorder.waitForHeartbeat([&](const QJsonObject &beat) {
            return integer(beat, "frames_captured") > 30 && integer(beat, "bytes_written") > written;
        }));
        QCOMPARE(recorder.state(), QStringLiteral("recording"));
        recorder.stop();
        const QList<RecorderdHarness::CatalogRow> rows = recorder.catalogRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().state, QStringLiteral("complete"));
    }

    // The card fills in the middle of a file: the file is cut back to its last whole fragment and
    // says `recovered` with the frames it holds; the error is counted and named; the process lives
    // on; when space returns, recording resumes by itself; everything recorded decodes.
    void fullCardMidFileIsCutAndRecordingResumes()
    {
        RecorderdHarness recorder(sections());
        FaultInjector faults(m_dir.filePath(QStringLiteral("full")));
        faults.setPathPrefix(recorder.recordingsDir());
        QCOMPARE(faults.apply(), QString());
        recorder.start(faults.environment());
        QVERIFY(recorder.waitForHeartbeat([](const QJsonObject &beat) { return integer(beat, "bytes_written") > 20000; }));
        QVERIFY(shimLoaded(recorder.process().processId()));
        QCOMPARE(integer(recorder.currentHeartbeat(), "error_count"), 0);
        const QString first = recorder.currentHeartbeat().value(QStringLiteral("current_file")).toString();

        faults.setWriteError(FaultInjector::WriteError::NoSpace);
        QCOMPARE(faults.apply(), QString());
        QVERIFY2(recorder.waitForHeartbeat([](const QJsonObject &beat) {
                     return beat.value(QStringLiteral("state")).toString() == QLatin1String("error");
                 }),
                 qPrintable(recorder.heartbeat().value(QStringLiteral("last_error")).toString()));
        const QJsonObject failed = recorder.currentHeartbeat();
        QVERIFY(integer(failed, "error_count") > 0);
        QVERIFY2(failed.value(QStringLiteral("last_error")).toString().contains(QLatin1String("No space left on device")),
                 qPrintable(failed.value(QStringLiteral("last_error")).toString()));
        QCOMPARE(failed.value(QStringLiteral("recording_active")).toBool(true), false);
        // The row follows the file: recovered, with what the file holds.
        QTRY_VERIFY_WITH_TIMEOUT(!recorder.catalogRows().isEmpty()
                                     && recorder.catalogRows().first().state == QLatin1String("recovered"),
                                 kWaitMs);
        const RecorderdHarness::CatalogRow cut = recorder.catalogRows().first();
        QCOMPARE(cut.path, first);
        QString complaint;
        QCOMPARE(decodedFrames(cut.path, &complaint), cut.frames);
        QVERIFY2(complaint.isEmpty(), qPrintable(complaint));
        QVERIFY(cut.frames > 0);

        // Space returns: the controller's retry starts a new file, nothing else needed.
        faults.clearFaults();
        faults.setPathPrefix(recorder.recordingsDir());
        QCOMPARE(faults.apply(), QString());
        QVERIFY2(recorder.waitForHeartbeat([&](const QJsonObject &beat) {
                     return beat.value(QStringLiteral("recording_active")).toBool()
                         && beat.value(QStringLiteral("current_file")).toString() != first;
                 }, 90000),
                 qPrintable(recorder.heartbeat().value(QStringLiteral("state_reason")).toString()));
        recorder.stop();
        const QList<RecorderdHarness::CatalogRow> rows = recorder.catalogRows();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(1).state, QStringLiteral("complete"));
        for (const RecorderdHarness::CatalogRow &row : rows) {
            QCOMPARE(decodedFrames(row.path, &complaint), row.frames);
            QVERIFY2(complaint.isEmpty(), qPrintable(row.path + QStringLiteral(": ") + complaint));
        }
    }

    // A catalog.db that is not a database: recording goes on from the start, the file is kept
    // aside, the new catalog is rebuilt from the files on disk, and the heartbeat says what happened.
    void corruptCatalogIsMovedAsideAndRebuilt()
    {
        RecorderdHarness recorder(sections());
        // A recording from an earlier run, and a catalog that is garbage.
        recorder.start();
        QVERIFY(recorder.waitForHeartbeat([](const QJsonObject &beat) { return integer(beat, "bytes_written") > 0; }));
        recorder.stop();
        const QStringList before = recorder.recordingFiles();
        QCOMPARE(before.size(), 1);
        const QString catalog = recorder.catalogFile();
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(catalog + suffix);
        QFile garbage(catalog);
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(8192, 'x'));
        garbage.close();

        recorder.start();
        QVERIFY(recorder.waitForHeartbeat([](const QJsonObject &beat) {
            return beat.value(QStringLiteral("recording_active")).toBool() && integer(beat, "error_count") > 0;
        }));
        const QJsonObject beat = recorder.currentHeartbeat();
        QVERIFY2(beat.value(QStringLiteral("last_error")).toString().contains(QLatin1String("catalog")),
                 qPrintable(beat.value(QStringLiteral("last_error")).toString()));
        const QStringList aside = QDir(recorder.filePath(QStringLiteral("state"))).entryList({QStringLiteral("catalog.db.corrupt-*")});
        QCOMPARE(aside.size(), 1);
        QCOMPARE(QFileInfo(recorder.filePath(QStringLiteral("state")) + QLatin1Char('/') + aside.first()).size(), 8192);
        // The earlier recording is back in the catalog, probed.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const RecorderdHarness::CatalogRow &row : recorder.catalogRows())
                    if (row.path == before.first() && row.frames > 0)
                        return true;
                return false;
            }(),
            kWaitMs);
        recorder.stop();
        QCOMPARE(recorder.catalogRows().size(), 2);
    }

    // The catalog's filesystem is full from the start: recording goes on, the heartbeat says the
    // catalog is degraded, and when space returns the rows arrive and it says ok again.
    void catalogOnFullFilesystemHeals()
    {
        RecorderdHarness recorder(sections());
        FaultInjector faults(m_dir.filePath(QStringLiteral("catalog-full")));
        faults.setPathPrefix(recorder.filePath(QStringLiteral("state")));
        faults.setWriteError(FaultInjector::WriteError::NoSpace);
        QCOMPARE(faults.apply(), QString());
        recorder.start(faults.environment());
        QVERIFY2(recorder.waitForHeartbeat([](const QJsonObject &beat) {
                     return beat.value(QStringLiteral("recording_active")).toBool()
                         && beat.value(QStringLiteral("catalog")).toString() == QLatin1String("degraded");
                 }),
                 qPrintable(QJsonDocument(recorder.heartbeat()).toJson()));
        QVERIFY(!recorder.currentHeartbeat().value(QStringLiteral("catalog_error")).toString().isEmpty());
        QVERIFY(integer(recorder.currentHeartbeat(), "error_count") > 0);
        QVERIFY(recorder.waitForHeartbeat([](const QJsonObject &beat) { return integer(beat, "bytes_written") > 20000; }));

        faults.clearFaults();
        QCOMPARE(faults.apply(), QString());
        QVERIFY2(recorder.waitForHeartbeat([](const QJsonObject &beat) {
                     return beat.value(QStringLiteral("catalog")).toString() == QLatin1String("ok");
                 }, 60000),
                 qPrintable(recorder.heartbeat().value(QStringLiteral("catalog_error")).toString()));
        QCOMPARE(recorder.state(), QStringLiteral("recording"));
        recorder.stop();
        const QList<RecorderdHarness::CatalogRow> rows = recorder.catalogRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().state, QStringLiteral("complete"));
    }
};

QTEST_GUILESS_MAIN(TestStorageFaults)
#include "tst_storagefaults.moc"
