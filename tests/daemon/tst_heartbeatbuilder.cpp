// SPDX-License-Identifier: MIT
// Tests HeartbeatBuilder and StatusPublisher: one document from controller, engine and storage facts,
// the same in the heartbeat file, Status() and STATUS=.
#include "fakerecordingengine.h"
#include "heartbeatbuilder.h"
#include "sessioncontroller.h"
#include "statuspublisher.h"

#include "heartbeatreader.h"
#include "jsonfilereader.h"
#include "heartbeatwriter.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cmath>

class TestHeartbeatBuilder : public QObject
{
    Q_OBJECT

    static SessionController::Settings settings(RecordingMode mode)
    {
        SessionController::Settings s;
        s.mode = mode;
        s.sessionSeconds = 2;
        s.extensionSeconds = 1;
        s.maxSeconds = 3;
        s.warningSeconds = {1.5};
        s.retryInitialSeconds = 30;
        return s;
    }

    static HeartbeatBuilder::StorageProbe fixedStorage(qint64 freeBytes, qint64 totalBytes, bool degraded = false)
    {
        return [=] {
            HeartbeatBuilder::StorageFacts facts;
            facts.freeBytes = freeBytes;
            facts.totalBytes = totalBytes;
            facts.catalogDegraded = degraded;
            if (degraded)
                facts.catalogError = QStringLiteral("database disk image is malformed");
            return facts;
        };
    }

private slots:
    void fieldsOutsideASession()
    {
        QTemporaryDir dir;
        FakeRecordingEngine engine;
        SessionController controller(settings(RecordingMode::Continuous), &engine);
        HeartbeatBuilder builder(&controller, &engine, 7);
        builder.setStorageProbe(fixedStorage(1000, 5000));
        Heartbeat h = builder.build();
        QCOMPARE(h.state, QStringLiteral("booting"));
        QCOMPARE(h.recordingActive, false);
        QCOMPARE(h.restartCount, qint64(7));
        QVERIFY(!h.version.isEmpty());
        QCOMPARE(h.camera, QStringLiteral("testpattern"));
        QCOMPARE(h.encoder, QStringLiteral("fake"));
        QCOMPARE(h.diskTotalBytes, qint64(5000));
        QCOMPARE(h.diskFreeBytes, qint64(1000));
        QCOMPARE(h.catalog, QStringLiteral("ok"));

        controller.begin();
        QTRY_VERIFY(!controller.currentFile().isEmpty());
        h = builder.build();
        QCOMPARE(h.state, QStringLiteral("recording"));
        QCOMPARE(h.recordingActive, true);
        QCOMPARE(h.currentFile, engine.currentPath());
        QVERIFY(std::isnan(h.sessionElapsedSeconds));
        QVERIFY(std::isnan(h.sessionRemainingSeconds));
        QVERIFY(h.uptimeSeconds > 0);

        engine.fail(QStringLiteral("no space left on /recordings"));
        h = builder.build();
        QCOMPARE(h.state, QStringLiteral("error"));
        QCOMPARE(h.errorCount, qint64(1));
        QCOMPARE(h.lastError, QStringLiteral("no space left on /recordings"));
        QCOMPARE(h.recordingActive, false);
    }

    void sessionFieldsAndWarning()
    {
        QTemporaryDir dir;
        FakeRecordingEngine engine;
        SessionController controller(settings(RecordingMode::Session), &engine);
        HeartbeatBuilder builder(&controller, &engine, 1);
        controller.begin();
        QTRY_COMPARE(controller.state(), RecorderState::Ready);
        QVERIFY(controller.start().ok());
        Heartbeat h = builder.build();
        QVERIFY(h.sessionElapsedSeconds >= 0 && h.sessionElapsedSeconds < 0.5);
        QVERIFY(std::abs(h.sessionRemainingSeconds - 2) < 0.5);
        QCOMPARE(h.warning, QString());
        QTRY_VERIFY_WITH_TIMEOUT(!builder.build().warning.isEmpty(), 3000);
        h = builder.build();
        QVERIFY(std::abs(h.sessionElapsedSeconds + h.sessionRemainingSeconds - 2) < 0.01);
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), RecorderState::Ready, 5000);
        h = builder.build();
        QCOMPARE(h.warning, QString());
        QVERIFY(std::isnan(h.sessionRemainingSeconds));
    }

    // Faults that change no state (the catalog) and storage facts land in the one document.
    void faultsAndStorageInTheDocument()
    {
        FakeRecordingEngine engine;
        SessionController controller(settings(RecordingMode::Continuous), &engine);
        HeartbeatBuilder builder(&controller, &engine, 9);
        builder.setStorageProbe(fixedStorage(10, 20, true));
        controller.begin();
        QTRY_COMPARE(controller.state(), RecorderState::Recording);
        controller.noteFault(QStringLiteral("catalog: database disk image is malformed"));
        const Heartbeat h = builder.build();
        QCOMPARE(h.state, QStringLiteral("recording"));
        QCOMPARE(h.errorCount, qint64(1));
        QCOMPARE(h.lastError, QStringLiteral("catalog: database disk image is malformed"));
        QCOMPARE(h.catalog, QStringLiteral("degraded"));
        QCOMPARE(h.catalogError, QStringLiteral("database disk image is malformed"));
        QCOMPARE(h.restartCount, qint64(9));
        QVERIFY(!h.stateReason.isEmpty());
        QVERIFY(HeartbeatBuilder::statusLine(h).startsWith(QStringLiteral("recording: ")));
        QVERIFY(HeartbeatBuilder::statusLine(h).endsWith(QStringLiteral("(catalog degraded)")));
    }

    // What the heartbeat file says and what Status() answers is one snapshot, field for field.
    void publishedSnapshotIsTheFile()
    {
        QTemporaryDir dir;
        FakeRecordingEngine engine;
        SessionController controller(settings(RecordingMode::Continuous), &engine);
        HeartbeatBuilder builder(&controller, &engine, 3);
        builder.setStorageProbe(fixedStorage(10, 20));
        StatusPublisher publisher(&builder, dir.filePath(QStringLiteral("heartbeat.json")), 0.2);
        connect(&controller, &SessionController::stateChanged, &publisher, &StatusPublisher::publish);
        publisher.start();
        controller.begin();
        QTRY_COMPARE(publisher.snapshot().state, QStringLiteral("recording"));
        engine.fail(QStringLiteral("camera error: no frame for 5 s"));
        // Published at the state change, not at the next tick.
        QCOMPARE(publisher.snapshot().state, QStringLiteral("error"));
        const JsonFileReader::Result file = JsonFileReader::read(dir.filePath(QStringLiteral("heartbeat.json")));
        QVERIFY2(file.ok(), qPrintable(file.reason));
        QCOMPARE(file.object, publisher.snapshot().toJson());
    }

    // The daemon's heartbeat timer: builder -> writer every interval, counters advancing.
    void rewrittenEveryIntervalWithCountersAdvancing()
    {
        QTemporaryDir dir;
        FakeRecordingEngine engine;
        SessionController controller(settings(RecordingMode::Continuous), &engine);
        HeartbeatBuilder builder(&controller, &engine, 1);
        HeartbeatWriter writer(dir.filePath(QStringLiteral("heartbeat.json")), 0.2);
        controller.begin();
        QTimer timer;
        timer.setInterval(200);
        connect(&timer, &QTimer::timeout, this, [&] { QVERIFY(writer.write(builder.build()).isEmpty()); });
        timer.start();

        QList<Heartbeat> seen;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const HeartbeatReader::Result r = HeartbeatReader::read(writer.path());
                if (r.ok() && (seen.isEmpty() || r.heartbeat.sequence != seen.last().sequence))
                    seen.append(r.heartbeat);
                return seen.size() >= 4;
            }(),
            10000);
        for (int i = 1; i < seen.size(); ++i) {
            QVERIFY(seen.at(i).sequence > seen.at(i - 1).sequence);
            QVERIFY(seen.at(i).framesCaptured > seen.at(i - 1).framesCaptured);
            QVERIFY(seen.at(i).bytesWritten >= seen.at(i - 1).bytesWritten);
        }
        QCOMPARE(seen.last().state, QStringLiteral("recording"));
    }
};

QTEST_GUILESS_MAIN(TestHeartbeatBuilder)
#include "tst_heartbeatbuilder.moc"
