// SPDX-License-Identifier: MIT
// Tests recorderd's side of the offload (issue 15): the catalog's upload queue (schema 2), its
// start-up rules, retention around queued files, and org.recorder.Uploads1 on a private bus.
#include "catalog.h"
#include "catalogadapter.h"
#include "catalogschema.h"
#include "fakerecordingengine.h"
#include "heartbeatbuilder.h"
#include "recorderservice.h"
#include "recovery.h"
#include "retention.h"
#include "sessioncontroller.h"
#include "statuspublisher.h"

#include "privatebus.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusPendingCall>
#include <QDBusPendingReply>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

constexpr qint64 kFileBytes = 1000;
constexpr const char *kErr = "org.recorder.Recorder1.Error.";
constexpr const char *kUploads = "org.recorder.Uploads1";

// One value from the catalog file, read by a connection of the test's own.
QVariant sqlValue(const QString &databasePath, const QString &sql)
{
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
        db.setDatabaseName(databasePath);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    return value;
}

void sqlExec(const QString &databasePath, const QStringList &statements)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
        db.setDatabaseName(databasePath);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const QString &sql : statements)
            QVERIFY2(q.exec(sql), qPrintable(sql + QStringLiteral(": ") + q.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
}

// Free space of a disk of `capacity` bytes that holds only the *.mp4 files under `dir`.
Retention::FreeSpaceProbe diskOf(const QString &dir, const qint64 *capacity)
{
    return [dir, capacity](const QString &) {
        qint64 used = 0;
        QDirIterator it(dir, {QStringLiteral("*.mp4")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            used += QFileInfo(it.next()).size();
        return std::optional<Retention::Space>(Retention::Space{*capacity - used, *capacity});
    };
}

// recorderd's D-Bus layer over a catalog, as daemon/control/controllayer.cpp puts it together.
struct RecorderOnBus {
    RecorderOnBus(Catalog *catalog, const QString &heartbeatPath)
        : controller(sessionSettings(), &engine), heartbeat(&controller, &engine, 0),
          status(&heartbeat, heartbeatPath, 1.0), service(&controller, &status, &adapter, nullptr)
    {
        adapter.setCatalog(catalog);
        QObject::connect(catalog, &Catalog::uploadsChanged, &service, &RecorderService::UploadsChanged);
    }

    static SessionController::Settings sessionSettings()
    {
        SessionController::Settings settings;
        settings.mode = RecordingMode::Session;
        return settings;
    }

    FakeRecordingEngine engine;
    SessionController controller;
    HeartbeatBuilder heartbeat;
    StatusPublisher status;
    CatalogAdapter adapter;
    RecorderService service;
};

} // namespace

class TestUploads : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_recordingsDir;
    QString m_databasePath;
    QDateTime m_base;

    // As recorderd opens it: open(), then (after reconciliation) prepareUploads() unless `prepare` is false.
    std::unique_ptr<Catalog> openCatalog(bool offload, bool prepare = true)
    {
        auto catalog = std::make_unique<Catalog>(m_databasePath);
        catalog->setOffloadEnabled(offload);
        QString error = catalog->open();
        if (error.isEmpty() && prepare)
            error = catalog->prepareUploads();
        if (!error.isEmpty())
            qWarning("catalog: %s", qPrintable(error));
        return catalog;
    }

    // A finished recording `index` hours after the base time: file and row.
    QString addRecording(Catalog &catalog, int index, const QString &state = QStringLiteral("complete"))
    {
        RecordingInfo info;
        info.start = m_base.addSecs(index * 3600);
        info.end = info.start.addSecs(60);
        info.path = QStringLiteral("%1/%2/recording_%3.mp4")
                        .arg(m_recordingsDir, info.start.toString(QStringLiteral("yyyy/MM/dd")),
                             info.start.toString(QStringLiteral("yyyy-MM-dd_HHmmss")));
        info.sizeBytes = kFileBytes;
        info.durationSeconds = 60;
        QDir().mkpath(QFileInfo(info.path).path());
        QFile file(info.path);
        if (file.open(QIODevice::WriteOnly))
            file.write(QByteArray(kFileBytes, 'x'));
        catalog.recordingStarted(info);
        catalog.recordingFinished(info, state);
        catalog.flush();
        return info.path;
    }

    // `count` finished recordings, an hour apart, oldest first.
    QStringList addRecordings(Catalog &catalog, int count)
    {
        QStringList paths;
        for (int i = 0; i < count; ++i)
            paths.append(addRecording(catalog, i));
        return paths;
    }

    QVariantMap queue(Catalog &catalog)
    {
        QVariantMap summary;
        QString error;
        if (catalog.uploadQueue(&summary, &error) != Catalog::UploadOutcome::Ok)
            qWarning("UploadQueue: %s", qPrintable(error));
        return summary;
    }

    QString uploadState(Catalog &catalog, const QString &path)
    {
        const std::optional<CatalogRecord> row = catalog.find(path);
        return row ? row->uploadState : QStringLiteral("<no row>");
    }

    void markUploaded(Catalog &catalog, const QString &path)
    {
        QString remote, error;
        QCOMPARE(catalog.beginUpload(path, QStringLiteral("nas:r/") + QFileInfo(path).fileName(), &remote, &error),
                 Catalog::UploadOutcome::Ok);
        QCOMPARE(catalog.finishUpload(path, true, kFileBytes, {}, &error), Catalog::UploadOutcome::Ok);
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_recordingsDir = m_dir->filePath(QStringLiteral("recordings"));
        m_databasePath = m_dir->filePath(QStringLiteral("catalog.db"));
        m_base = QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC);
    }

    // A catalog of version 1 (with rows of every kind) becomes version 2 with every row kept.
    void migrationFromVersion1KeepsEveryRow()
    {
        QStringList paths;
        {
            auto catalog = openCatalog(false);
            for (int i = 0; i < 4; ++i)
                paths.append(addRecording(*catalog, i, i == 3 ? QStringLiteral("corrupted") : QStringLiteral("complete")));
            QVERIFY(catalog->markDeleted(paths[0], QStringLiteral("retention"), true).isEmpty());
            QVERIFY(catalog->setProtectedFlag(paths[1], true).isEmpty());
        }
        // Take it back to exactly what version 1 wrote.
        sqlExec(m_databasePath, {QStringLiteral("DROP TABLE uploads"),
                                 QStringLiteral("DELETE FROM counters WHERE name = 'offload_lost'"),
                                 QStringLiteral("PRAGMA user_version = 1")});
        QCOMPARE(sqlValue(m_databasePath, QStringLiteral("PRAGMA user_version")).toInt(), 1);

        auto catalog = openCatalog(true, false);
        QCOMPARE(CatalogSchema::kVersion, 2);
        QCOMPARE(sqlValue(m_databasePath, QStringLiteral("PRAGMA user_version")).toInt(), 2);
        QCOMPARE(sqlValue(m_databasePath, QStringLiteral("SELECT count(*) FROM recordings")).toInt(), 4);
        QCOMPARE(catalog->find(paths[0])->state, QStringLiteral("deleted"));
        QCOMPARE(catalog->find(paths[0])->deletedReason, QStringLiteral("retention"));
        QVERIFY(catalog->find(paths[1])->isProtected);
        QCOMPARE(catalog->find(paths[2])->state, QStringLiteral("complete"));
        QCOMPARE(catalog->find(paths[3])->state, QStringLiteral("corrupted"));
        QCOMPARE(catalog->counter(QStringLiteral("retention_deleted")), 1);
        QCOMPARE(catalog->counter(QStringLiteral("offload_lost")), 0);
        QCOMPARE(sqlValue(m_databasePath, QStringLiteral("SELECT count FROM recording_totals WHERE state = 'complete'"))
                     .toInt(),
                 2);
        // The migration queues nothing by itself: the start-up pass does (below).
        QCOMPARE(queue(*catalog).value(QStringLiteral("pending")).toUInt(), 0u);
    }

    void finishedFileQueuedOnlyWhenEnabled_data()
    {
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("expected");
        QTest::newRow("enabled, complete") << true << "complete" << "pending";
        QTest::newRow("enabled, recovered") << true << "recovered" << "pending";
        QTest::newRow("enabled, corrupted") << true << "corrupted" << "";
        QTest::newRow("disabled, complete") << false << "complete" << "";
    }

    void finishedFileQueuedOnlyWhenEnabled()
    {
        QFETCH(bool, enabled);
        QFETCH(QString, state);
        QFETCH(QString, expected);
        auto catalog = openCatalog(enabled);
        QSignalSpy changed(catalog.get(), &Catalog::uploadsChanged);
        const QString path = addRecording(*catalog, 0, state);
        QCOMPARE(uploadState(*catalog, path), expected);
        QCOMPARE(changed.isEmpty(), expected.isEmpty());
        const QVariantMap summary = queue(*catalog);
        QCOMPARE(summary.value(QStringLiteral("pending")).toUInt(), expected.isEmpty() ? 0u : 1u);
        QCOMPARE(summary.value(QStringLiteral("oldest_pending_ms")).toLongLong() > 0, !expected.isEmpty());
    }

    // The uploader died mid-copy: its row is pending again; recordings from before offload was
    // turned on are queued, oldest first; rows already there stay when it is turned off.
    void startUpRequeues()
    {
        QStringList paths;
        {
            auto catalog = openCatalog(false);
            for (int i = 2; i >= 0; --i)   // finished newest first: the queue must still be by age
                paths.prepend(addRecording(*catalog, i));
        }
        {
            auto catalog = openCatalog(true, false);
            QString remote, error;
            QCOMPARE(catalog->beginUpload(paths[0], QStringLiteral("nas:a"), &remote, &error),
                     Catalog::UploadOutcome::Unavailable);   // not before the start-up's preparation
            QVERIFY(catalog->prepareUploads().isEmpty());
            QList<QVariantMap> rows;
            QCOMPARE(catalog->pendingUploads(10, &rows, &error), Catalog::UploadOutcome::Ok);
            QCOMPARE(rows.size(), 3);
            for (int i = 0; i < 3; ++i)
                QCOMPARE(rows[i].value(QStringLiteral("path")).toString(), paths[i]);
            QCOMPARE(catalog->beginUpload(paths[0], QStringLiteral("nas:a"), &remote, &error),
                     Catalog::UploadOutcome::Ok);
            QCOMPARE(uploadState(*catalog, paths[0]), QStringLiteral("uploading"));
        }
        auto catalog = openCatalog(false);
        QCOMPARE(uploadState(*catalog, paths[0]), QStringLiteral("pending"));
        QList<QVariantMap> rows;
        QString error;
        QCOMPARE(catalog->pendingUploads(1, &rows, &error), Catalog::UploadOutcome::Ok);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].value(QStringLiteral("attempts")).toUInt(), 1u);
        QCOMPARE(rows[0].value(QStringLiteral("remote_path")).toString(), QStringLiteral("nas:a"));
        // Offload off: a new recording is not queued, the old rows stay.
        const QString later = addRecording(*catalog, 5);
        QVERIFY(catalog->prepareUploads().isEmpty());
        QCOMPARE(uploadState(*catalog, later), QString());
        QCOMPARE(queue(*catalog).value(QStringLiteral("pending")).toUInt(), 3u);
    }

    // The queue is oldest recording first, not in the order rows were queued: reconciliation adopts
    // files at start-up in the order its disk walk finds them (a hash order), each queued then.
    void queueIsOldestRecordingFirst()
    {
        auto catalog = openCatalog(true);
        QStringList paths;
        for (int i = 2; i >= 0; --i) {
            paths.prepend(addRecording(*catalog, i));
            QTest::qWait(5); // queued_at_ms differs from row to row, newest recording queued first
        }
        QVERIFY(sqlValue(m_databasePath, QStringLiteral("SELECT count(DISTINCT queued_at_ms) FROM uploads")).toInt() == 3);
        QList<QVariantMap> rows;
        QString error;
        QCOMPARE(catalog->pendingUploads(10, &rows, &error), Catalog::UploadOutcome::Ok);
        QCOMPARE(rows.size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(rows[i].value(QStringLiteral("path")).toString(), paths[i]);
    }

    // Free space: what waits for its upload is kept while anything else can go; when nothing else
    // is left it goes oldest first, counted in offload_lost.
    void retentionKeepsQueuedFilesWhileOthersExist()
    {
        auto catalog = openCatalog(true);
        const QStringList paths = addRecordings(*catalog, 4);
        const QString &queuedOld = paths[0], &uploaded = paths[1], &failed = paths[2], &queuedNew = paths[3];
        markUploaded(*catalog, uploaded);
        QString remote, error;
        QCOMPARE(catalog->beginUpload(failed, QStringLiteral("nas:f"), &remote, &error), Catalog::UploadOutcome::Ok);
        QCOMPARE(catalog->finishUpload(failed, false, 0, QStringLiteral("timeout"), &error), Catalog::UploadOutcome::Ok);

        qint64 capacity = 4 * kFileBytes + 500;   // min_free 1000: one file must go
        Retention retention(*catalog, m_recordingsDir, kFileBytes, 0, diskOf(m_recordingsDir, &capacity));
        QVERIFY(retention.ensureSpace({}).ok);
        QVERIFY(!QFileInfo::exists(uploaded));
        QVERIFY(QFileInfo::exists(queuedOld));
        QVERIFY(QFileInfo::exists(failed));
        QCOMPARE(catalog->counter(QStringLiteral("offload_lost")), 0);

        capacity -= 2 * kFileBytes;   // now two more must go, and only queued files are left
        QVERIFY(retention.ensureSpace({}).ok);
        QVERIFY(!QFileInfo::exists(queuedOld));
        QVERIFY(!QFileInfo::exists(failed));
        QVERIFY(QFileInfo::exists(queuedNew));
        QCOMPARE(catalog->counter(QStringLiteral("offload_lost")), 2);
        QCOMPARE(catalog->find(queuedOld)->state, QStringLiteral("deleted"));
        QCOMPARE(uploadState(*catalog, queuedOld), QString());   // its uploads row went with it
        const QVariantMap summary = queue(*catalog);
        QCOMPARE(summary.value(QStringLiteral("lost")).toLongLong(), 2);
        QCOMPARE(summary.value(QStringLiteral("pending")).toUInt(), 1u);
        QCOMPARE(summary.value(QStringLiteral("failed")).toUInt(), 0u);
        QCOMPARE(summary.value(QStringLiteral("uploaded")).toUInt(), 1u);
    }

    void maxAgeKeepsQueuedFiles()
    {
        auto catalog = openCatalog(true);
        const QString queued = addRecording(*catalog, 0);
        const QString uploaded = addRecording(*catalog, 1);
        markUploaded(*catalog, uploaded);
        qint64 capacity = 1'000'000;
        Retention retention(*catalog, m_recordingsDir, 0, 3600, diskOf(m_recordingsDir, &capacity));
        QCOMPARE(retention.applyMaxAge(), 1);
        QVERIFY(QFileInfo::exists(queued));
        QVERIFY(!QFileInfo::exists(uploaded));
    }

    void vanishedWhileQueuedCountsAsLost()
    {
        auto catalog = openCatalog(true);
        const QString path = addRecording(*catalog, 0);
        QVERIFY(QFile::remove(path));
        Recovery(*catalog, m_recordingsDir).run();
        QCOMPARE(catalog->find(path)->deletedReason, QStringLiteral("vanished"));
        QCOMPARE(catalog->counter(QStringLiteral("offload_lost")), 1);
        QCOMPARE(catalog->counter(QStringLiteral("retention_deleted")), 0);
    }

    // The uploader found the file gone (the user deleted it): FinishUpload(false) deletes the row as
    // vanished and counts it lost, so it does not fail in the queue forever.
    void uploadOfAVanishedFileCountsAsLost()
    {
        auto catalog = openCatalog(true);
        const QString gone = addRecording(*catalog, 0);
        const QString there = addRecording(*catalog, 1);
        CatalogAdapter adapter;
        adapter.setCatalog(catalog.get());
        QString remote, error;
        for (const QString &path : {gone, there})
            QCOMPARE(adapter.beginUpload(path, QStringLiteral("nas:") + QFileInfo(path).fileName(), &remote, &error),
                     RecordingCatalog::Outcome::Ok);
        QVERIFY(QFile::remove(gone));
        QTest::ignoreMessage(QtWarningMsg, qPrintable(QStringLiteral("retention: deleted %1 before it was uploaded: "
                                                                     "the file vanished").arg(gone)));
        QCOMPARE(adapter.finishUpload(gone, false, 0, QStringLiteral("not a file any more"), &error),
                 RecordingCatalog::Outcome::Ok);
        QCOMPARE(catalog->find(gone)->state, QStringLiteral("deleted"));
        QCOMPARE(catalog->find(gone)->deletedReason, QStringLiteral("vanished"));
        QCOMPARE(catalog->counter(QStringLiteral("offload_lost")), 1);
        // A file that is still there just failed: it stays queued.
        QCOMPARE(adapter.finishUpload(there, false, 0, QStringLiteral("timeout"), &error), RecordingCatalog::Outcome::Ok);
        QCOMPARE(uploadState(*catalog, there), QStringLiteral("failed"));
        QCOMPARE(catalog->counter(QStringLiteral("offload_lost")), 1);
    }

    // Offload turned off: rows left in the queue protect nothing; the plain rules apply.
    void leftoverRowsDoNotBlockRetentionWhenDisabled()
    {
        QStringList paths;
        {
            auto catalog = openCatalog(true);
            paths = addRecordings(*catalog, 2);   // both queued, never uploaded
        }
        auto catalog = openCatalog(false);
        paths.append(addRecording(*catalog, 2));  // not queued
        QCOMPARE(uploadState(*catalog, paths[0]), QStringLiteral("pending"));
        qint64 capacity = 3 * kFileBytes + 500;   // min_free 1000: one file must go, the oldest
        Retention retention(*catalog, m_recordingsDir, kFileBytes, 0, diskOf(m_recordingsDir, &capacity));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("deleted %1 before it was uploaded: free space")
                                                                  .arg(QRegularExpression::escape(paths[0]))));
        QVERIFY(retention.ensureSpace({}).ok);
        QVERIFY(!QFileInfo::exists(paths[0]));
        QVERIFY(QFileInfo::exists(paths[1]));
        QVERIFY(QFileInfo::exists(paths[2]));
        // The age rule too.
        Retention byAge(*catalog, m_recordingsDir, 0, 3600, diskOf(m_recordingsDir, &capacity));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("deleted .* before it was uploaded")));
        QCOMPARE(byAge.applyMaxAge(), 2);
        QVERIFY(!QFileInfo::exists(paths[1]));
    }

    // Degraded catalog: the directory tree cannot say what waits for its upload, so with offload on
    // the age rule waits; free space still deletes.
    void maxAgeWaitsForTheCatalogWhileDegraded_data()
    {
        QTest::addColumn<bool>("offload");
        QTest::newRow("offload enabled: kept") << true;
        QTest::newRow("offload disabled: deleted") << false;
    }
    void maxAgeWaitsForTheCatalogWhileDegraded()
    {
        QFETCH(bool, offload);
        QStringList paths;
        {
            auto catalog = openCatalog(true);
            paths = addRecordings(*catalog, 2);   // started in March: far past max_age
        }
        Catalog degraded(m_dir->filePath(QStringLiteral("missing/catalog.db")));
        degraded.setOffloadEnabled(offload);
        QVERIFY(!degraded.open().isEmpty());
        QVERIFY(degraded.health().degraded);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("catalog degraded")));
        if (offload)
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("max_age paused")));
        qint64 capacity = 1'000'000;
        Retention retention(degraded, m_recordingsDir, kFileBytes, 3600, diskOf(m_recordingsDir, &capacity));
        QCOMPARE(retention.applyMaxAge(), offload ? 0 : 2);
        QCOMPARE(QFileInfo::exists(paths[0]), offload);
        if (offload) {
            capacity = 2 * kFileBytes + 500;   // free space still wins
            QVERIFY(retention.ensureSpace({}).ok);
            QVERIFY(!QFileInfo::exists(paths[0]));
            QVERIFY(QFileInfo::exists(paths[1]));
        }
    }

    void afterUploadDeleteDeletesOnlyUploadedUnprotected_data()
    {
        QTest::addColumn<bool>("deleteUploaded");
        QTest::newRow("after_upload = delete") << true;
        QTest::newRow("after_upload = keep") << false;
    }

    void afterUploadDeleteDeletesOnlyUploadedUnprotected()
    {
        QFETCH(bool, deleteUploaded);
        auto catalog = openCatalog(true);
        const QStringList paths = addRecordings(*catalog, 4);
        const QString &pending = paths[0], &uploaded = paths[1], &uploadedProtected = paths[2], &plain = paths[3];
        markUploaded(*catalog, uploaded);
        markUploaded(*catalog, uploadedProtected);
        QVERIFY(catalog->setProtected(uploadedProtected, true).isEmpty());
        qint64 capacity = 1'000'000;   // plenty of space: only after_upload may delete
        Retention retention(*catalog, m_recordingsDir, kFileBytes, 0, diskOf(m_recordingsDir, &capacity));
        retention.setDeleteUploaded(deleteUploaded);
        QCOMPARE(retention.applyAfterUpload(), deleteUploaded ? 1 : 0);
        QCOMPARE(QFileInfo::exists(uploaded), !deleteUploaded);
        QVERIFY(QFileInfo::exists(uploadedProtected));
        QVERIFY(QFileInfo::exists(pending));
        QVERIFY(QFileInfo::exists(plain));
        if (deleteUploaded) {
            QCOMPARE(catalog->find(uploaded)->deletedReason, QStringLiteral("uploaded"));
            QCOMPARE(uploadState(*catalog, uploaded), QStringLiteral("uploaded"));
        }
        QCOMPARE(catalog->counter(QStringLiteral("offload_lost")), 0);
    }

    // org.recorder.Uploads1 as recorder-offload uses it, on a private bus, over the real catalog.
    void uploadsInterfaceOnTheBus()
    {
        PrivateBus bus;
        QVERIFY2(bus.start().isEmpty(), "dbus-daemon must start");
        qDBusRegisterMetaType<QList<QVariantMap>>();
        auto catalog = openCatalog(true);
        const QString path = addRecording(*catalog, 0);
        const QString other = addRecording(*catalog, 1);

        RecorderOnBus recorder(catalog.get(), m_dir->filePath(QStringLiteral("heartbeat.json")));
        QDBusConnection server = QDBusConnection::connectToBus(bus.address(), QStringLiteral("server"));
        const QString registered = recorder.service.registerOn(server);
        QVERIFY2(registered.isEmpty(), qPrintable(registered));
        QDBusConnection client = QDBusConnection::connectToBus(bus.address(), QStringLiteral("client"));
        QVERIFY(client.isConnected());

        QVERIFY(client.connect(QLatin1String(RecorderService::kServiceName), QLatin1String(RecorderService::kObjectPath),
                               QLatin1String(kUploads), QStringLiteral("UploadsChanged"), this,
                               SLOT(countSignal())));
        m_signals = 0;

        auto call = [&](const QString &member, const QVariantList &arguments) {
            QDBusMessage message = QDBusMessage::createMethodCall(QLatin1String(RecorderService::kServiceName),
                                                                  QLatin1String(RecorderService::kObjectPath),
                                                                  QLatin1String(kUploads), member);
            message.setArguments(arguments);
            QDBusPendingCall pending = client.asyncCall(message, 10000);
            if (!QTest::qWaitFor([&] { return pending.isFinished(); }, 10000))
                qWarning("%s: no answer within 10 s", qPrintable(member));
            return pending.reply();
        };
        auto errorOf = [](const QDBusMessage &reply) {
            return reply.type() == QDBusMessage::ErrorMessage ? reply.errorName().mid(int(qstrlen(kErr)))
                                                              : QStringLiteral("<no error>");
        };

        // PendingUploads: both, oldest first; limit checked.
        QDBusMessage reply = call(QStringLiteral("PendingUploads"), {10u});
        QCOMPARE(reply.type(), QDBusMessage::ReplyMessage);
        const auto rows = qdbus_cast<QList<QVariantMap>>(reply.arguments().at(0));
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].value(QStringLiteral("path")).toString(), path);
        QCOMPARE(rows[0].value(QStringLiteral("state")).toString(), QStringLiteral("pending"));
        QCOMPARE(rows[0].value(QStringLiteral("size_bytes")).toLongLong(), kFileBytes);
        QCOMPARE(rows[0].value(QStringLiteral("start_time_ms")).toLongLong(), m_base.toMSecsSinceEpoch());
        QCOMPARE(errorOf(call(QStringLiteral("PendingUploads"), {0u})), QStringLiteral("InvalidArgument"));
        QCOMPARE(errorOf(call(QStringLiteral("PendingUploads"), {1001u})), QStringLiteral("InvalidArgument"));

        // Begin: the remote path is fixed at the first claim.
        reply = call(QStringLiteral("BeginUpload"), {path, QStringLiteral("nas:r/day1/a.mp4")});
        QCOMPARE(reply.type(), QDBusMessage::ReplyMessage);
        QCOMPARE(reply.arguments().at(0).toString(), QStringLiteral("nas:r/day1/a.mp4"));
        QTRY_VERIFY(m_signals > 0);
        QCOMPARE(errorOf(call(QStringLiteral("BeginUpload"), {m_dir->filePath(QStringLiteral("nothing.mp4")),
                                                               QStringLiteral("nas:x")})),
                 QStringLiteral("NotFound"));
        QCOMPARE(errorOf(call(QStringLiteral("FinishUpload"), {other, true, qlonglong(1), QString()})),
                 QStringLiteral("NotAllowed"));   // pending, not uploading
        QCOMPARE(errorOf(call(QStringLiteral("FinishUpload"), {m_dir->filePath(QStringLiteral("nothing.mp4")), true,
                                                                qlonglong(1), QString()})),
                 QStringLiteral("NotFound"));
        QCOMPARE(errorOf(call(QStringLiteral("FinishUpload"), {path, true, qlonglong(-1), QString()})),
                 QStringLiteral("InvalidArgument"));

        // Failure: failed with the error on one line; it stays in PendingUploads.
        reply = call(QStringLiteral("FinishUpload"), {path, false, qlonglong(0), QStringLiteral("timeout\nafter 30 s")});
        QCOMPARE(reply.type(), QDBusMessage::ReplyMessage);
        QCOMPARE(errorOf(call(QStringLiteral("FinishUpload"), {path, true, qlonglong(1), QString()})),
                 QStringLiteral("NotAllowed"));   // failed, not uploading
        QVariantMap failedRow = qdbus_cast<QList<QVariantMap>>(call(QStringLiteral("PendingUploads"), {1u}).arguments().at(0)).value(0);
        QCOMPARE(failedRow.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QCOMPARE(failedRow.value(QStringLiteral("last_error")).toString(), QStringLiteral("timeout after 30 s"));
        QCOMPARE(failedRow.value(QStringLiteral("attempts")).toUInt(), 1u);

        // Retry: failed rows pending again, attempts kept.
        reply = call(QStringLiteral("RetryUploads"), {});
        QCOMPARE(reply.arguments().value(0).toUInt(), 1u);
        QCOMPARE(call(QStringLiteral("RetryUploads"), {}).arguments().value(0).toUInt(), 0u);
        QCOMPARE(uploadState(*catalog, path), QStringLiteral("pending"));

        // Second claim with another path: the first one is kept and returned.
        reply = call(QStringLiteral("BeginUpload"), {path, QStringLiteral("nas:r/day2/a.mp4")});
        QCOMPARE(reply.arguments().value(0).toString(), QStringLiteral("nas:r/day1/a.mp4"));
        QCOMPARE(call(QStringLiteral("FinishUpload"), {path, true, qlonglong(kFileBytes), QString()}).type(),
                 QDBusMessage::ReplyMessage);
        QCOMPARE(errorOf(call(QStringLiteral("BeginUpload"), {path, QStringLiteral("nas:y")})),
                 QStringLiteral("NotAllowed"));   // uploaded

        const QVariantMap summary = qdbus_cast<QVariantMap>(call(QStringLiteral("UploadQueue"), {}).arguments().value(0));
        QCOMPARE(summary.value(QStringLiteral("uploaded")).toUInt(), 1u);
        QCOMPARE(summary.value(QStringLiteral("pending")).toUInt(), 1u);
        QCOMPARE(summary.value(QStringLiteral("uploading")).toUInt(), 0u);
        QCOMPARE(summary.value(QStringLiteral("failed")).toUInt(), 0u);
        QCOMPARE(summary.value(QStringLiteral("lost")).toLongLong(), 0);
        QVERIFY(summary.value(QStringLiteral("oldest_pending_ms")).toLongLong() > 0);
        QCOMPARE(sqlValue(m_databasePath, QStringLiteral("SELECT bytes FROM uploads WHERE uploaded_at_ms IS NOT NULL"))
                     .toLongLong(),
                 kFileBytes);

        QDBusConnection::disconnectFromBus(QStringLiteral("client"));
        server.unregisterObject(QLatin1String(RecorderService::kObjectPath));
        QDBusConnection::disconnectFromBus(QStringLiteral("server"));
    }

    // recorder-offload killed mid-copy while recorderd runs: once its bus name has no owner, its
    // claimed row is 'pending' again (attempts and remote path kept); other rows are untouched.
    void uploaderLeavingTheBusReleasesItsClaims()
    {
        PrivateBus bus;
        QVERIFY2(bus.start().isEmpty(), "dbus-daemon must start");
        auto catalog = openCatalog(true);
        const QString claimed = addRecording(*catalog, 0);
        const QString failedOne = addRecording(*catalog, 1);
        const QString waiting = addRecording(*catalog, 2);
        QString remote, error;
        QCOMPARE(catalog->beginUpload(failedOne, QStringLiteral("nas:r/b.mp4"), &remote, &error),
                 Catalog::UploadOutcome::Ok);
        QCOMPARE(catalog->finishUpload(failedOne, false, 0, QStringLiteral("timeout"), &error),
                 Catalog::UploadOutcome::Ok);

        RecorderOnBus recorder(catalog.get(), m_dir->filePath(QStringLiteral("heartbeat.json")));
        QDBusConnection server = QDBusConnection::connectToBus(bus.address(), QStringLiteral("server"));
        const QString registered = recorder.service.registerOn(server);
        QVERIFY2(registered.isEmpty(), qPrintable(registered));

        // The uploader: owns its name, then claims a row (as recorder-offload does).
        // (No QDBusConnection kept: the connection only closes when its last reference goes.)
        QVERIFY(QDBusConnection::connectToBus(bus.address(), QStringLiteral("uploader"))
                    .registerService(QLatin1String(RecorderService::kUploaderServiceName)));
        QCOMPARE(catalog->beginUpload(claimed, QStringLiteral("nas:r/a.mp4"), &remote, &error),
                 Catalog::UploadOutcome::Ok);
        QCOMPARE(uploadState(*catalog, claimed), QStringLiteral("uploading"));

        QSignalSpy changed(catalog.get(), &Catalog::uploadsChanged);
        QDBusConnection::disconnectFromBus(QStringLiteral("uploader")); // as SIGKILL: the bus drops the name
        QTRY_COMPARE_WITH_TIMEOUT(uploadState(*catalog, claimed), QStringLiteral("pending"), 10000);
        QVERIFY(!changed.isEmpty()); // the next uploader wakes on UploadsChanged
        QCOMPARE(uploadState(*catalog, failedOne), QStringLiteral("failed"));
        QCOMPARE(uploadState(*catalog, waiting), QStringLiteral("pending"));
        QCOMPARE(sqlValue(m_databasePath, QStringLiteral("SELECT attempts || ' ' || remote_path FROM uploads "
                                                         "WHERE recording_id = (SELECT id FROM recordings "
                                                         "WHERE path = '%1')").arg(claimed))
                     .toString(),
                 QStringLiteral("1 nas:r/a.mp4"));
        // The next claim copies it again, to the same remote path.
        QCOMPARE(catalog->beginUpload(claimed, QStringLiteral("nas:r/other.mp4"), &remote, &error),
                 Catalog::UploadOutcome::Ok);
        QCOMPARE(remote, QStringLiteral("nas:r/a.mp4"));

        server.unregisterObject(QLatin1String(RecorderService::kObjectPath));
        QDBusConnection::disconnectFromBus(QStringLiteral("server"));
    }

public slots:
    void countSignal() { ++m_signals; }

private:
    int m_signals = 0;
};

QTEST_GUILESS_MAIN(TestUploads)
#include "tst_uploads.moc"
