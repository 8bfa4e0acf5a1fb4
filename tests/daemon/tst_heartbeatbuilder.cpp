// SPDX-License-Identifier: MIT
// Tests HeartbeatBuilder: every recorder field from controller and engine, rewritten every interval.
#include "fakerecordingengine.h"
#include "heartbeatbuilder.h"
#include "sessioncontroller.h"

#include "heartbeatreader.h"
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

private slots:
    void fieldsOutsideASession()
    {
        QTemporaryDir dir;
        FakeRecordingEngine engine;
        SessionController controller(settings(RecordingMode::Continuous), &engine);
        HeartbeatBuilder builder(&controller, &engine, dir.path(), 7);
        Heartbeat h = builder.build();
        QCOMPARE(h.state, QStringLiteral("booting"));
        QCOMPARE(h.recordingActive, false);
        QCOMPARE(h.restartCount, qint64(7));
        QVERIFY(!h.version.isEmpty());
        QCOMPARE(h.camera, QStringLiteral("testpattern"));
        QCOMPARE(h.encoder, QStringLiteral("fake"));
        QVERIFY(h.diskTotalBytes > 0);
        QVERIFY(h.diskFreeBytes > 0 && h.diskFreeBytes <= h.diskTotalBytes);

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
        HeartbeatBuilder builder(&controller, &engine, dir.path(), 1);
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

    void decorateKeepsThePipelineFields()
    {
        QTemporaryDir dir;
        FakeRecordingEngine engine;
        SessionController controller(settings(RecordingMode::Session), &engine);
        HeartbeatBuilder builder(&controller, &engine, dir.path(), 9);
        controller.begin();
        QTRY_COMPARE(controller.state(), RecorderState::Ready);
        QVERIFY(controller.start().ok());

        Heartbeat h; // as a pipeline's heartbeat publisher fills it
        h.framesCaptured = 4242;
        h.bytesWritten = 77;
        h.camera = QStringLiteral("libcamera:imx708");
        h.errorCount = 5;
        h.lastError = QStringLiteral("camera error: no frame for 5 s");
        builder.decorate(h);
        QCOMPARE(h.framesCaptured, qint64(4242));
        QCOMPARE(h.bytesWritten, qint64(77));
        QCOMPARE(h.camera, QStringLiteral("libcamera:imx708"));
        QCOMPARE(h.state, QStringLiteral("recording"));
        QCOMPARE(h.restartCount, qint64(9));
        QVERIFY(h.sessionRemainingSeconds > 1);
        QCOMPARE(h.errorCount, qint64(5));                       // the larger count
        QCOMPARE(h.lastError, QStringLiteral("camera error: no frame for 5 s")); // controller has none
    }

    // The daemon's heartbeat timer: builder -> writer every interval, counters advancing.
    void rewrittenEveryIntervalWithCountersAdvancing()
    {
        QTemporaryDir dir;
        FakeRecordingEngine engine;
        SessionController controller(settings(RecordingMode::Continuous), &engine);
        HeartbeatBuilder builder(&controller, &engine, dir.path(), 1);
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
