// SPDX-License-Identifier: MIT
// Tests RecorderService on a private bus: error names, Status fields, relayed signals, snapshots.
#include "fakerecordingcatalog.h"
#include "fakerecordingengine.h"
#include "heartbeatbuilder.h"
#include "previewwriter.h"
#include "recorder1interface.h"
#include "recorderservice.h"
#include "sessioncontroller.h"
#include "statuspublisher.h"

#include "heartbeat.h"
#include "jsonfilereader.h"
#include "privatebus.h"

#include <QDBusConnection>
#include <QSemaphore>
#include <QDBusMetaType>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

namespace {

constexpr const char *kErr = "org.recorder.Recorder1.Error.";

// The recorder side: the real control layer over fakes, exported on the private system bus.
struct Recorder {
    QTemporaryDir dir;
    FakeRecordingEngine engine;
    SessionController controller;
    HeartbeatBuilder heartbeat;
    StatusPublisher status;
    FakeRecordingCatalog catalog = FakeRecordingCatalog::withSampleRows();
    std::unique_ptr<PreviewWriter> preview;
    std::unique_ptr<RecorderService> service;

    Recorder(RecordingMode mode, bool withCatalog, bool withPreview)
        : controller(settings(mode), &engine), heartbeat(&controller, &engine, 3),
          status(&heartbeat, dir.filePath(QStringLiteral("heartbeat.json")), 1.0)
    {
        QObject::connect(&controller, &SessionController::stateChanged, &status, &StatusPublisher::publish);
        QObject::connect(&controller, &SessionController::warning, &status, &StatusPublisher::publish);
        status.start();
        if (withPreview)
            preview = std::make_unique<PreviewWriter>(dir.filePath(QStringLiteral("preview.jpg")), 0, 64);
        service = std::make_unique<RecorderService>(&controller, &status, withCatalog ? &catalog : nullptr,
                                                    preview.get());
    }
    static SessionController::Settings settings(RecordingMode mode)
    {
        SessionController::Settings s;
        s.mode = mode;
        s.sessionSeconds = 2;
        s.extensionSeconds = 1;
        s.maxSeconds = 3;
        s.warningSeconds = {1};
        return s;
    }
};

template <typename Reply>
bool finished(Reply &reply)
{
    return QTest::qWaitFor([&] { return reply.isFinished(); }, 10000);
}

} // namespace

class TestRecorderService : public QObject
{
    Q_OBJECT

    PrivateBus m_bus;
    std::unique_ptr<QDBusConnection> m_client;
    std::unique_ptr<Recorder> m_recorder;

    std::unique_ptr<OrgRecorderRecorder1Interface> proxy()
    {
        return std::make_unique<OrgRecorderRecorder1Interface>(QLatin1String(RecorderService::kServiceName),
                                                               QLatin1String(RecorderService::kObjectPath), *m_client);
    }

    void serve(RecordingMode mode, bool withCatalog = true, bool withPreview = true)
    {
        m_recorder.reset(); // releases the name first
        m_recorder = std::make_unique<Recorder>(mode, withCatalog, withPreview);
        const QString error = m_recorder->service->registerOn(QDBusConnection::systemBus());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_recorder->controller.begin();
        const RecorderState expected = mode == RecordingMode::Session ? RecorderState::Ready : RecorderState::Recording;
        QTRY_COMPARE(m_recorder->controller.state(), expected);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_bus.start().isEmpty(), "dbus-daemon must start");
        qDBusRegisterMetaType<QList<QVariantMap>>();
        m_client = std::make_unique<QDBusConnection>(QDBusConnection::connectToBus(m_bus.address(), QStringLiteral("client")));
        QVERIFY(m_client->isConnected());
    }

    void cleanup()
    {
        if (m_recorder)
            QDBusConnection::systemBus().unregisterService(QLatin1String(RecorderService::kServiceName));
        QDBusConnection::systemBus().unregisterObject(QLatin1String(RecorderService::kObjectPath));
        m_recorder.reset();
    }

    void secondRecorderIsRefused()
    {
        serve(RecordingMode::Continuous);
        FakeRecordingEngine engine;
        SessionController controller(Recorder::settings(RecordingMode::Continuous), &engine);
        HeartbeatBuilder heartbeat(&controller, &engine, 0);
        QTemporaryDir dir;
        StatusPublisher status(&heartbeat, dir.filePath(QStringLiteral("heartbeat.json")), 1);
        RecorderService second(&controller, &status, nullptr, nullptr);
        QDBusConnection other = QDBusConnection::connectToBus(m_bus.address(), QStringLiteral("second"));
        const QString error = second.registerOn(other);
        QVERIFY2(error.contains(QStringLiteral("another recorder is running")), qPrintable(error));
        QDBusConnection::disconnectFromBus(QStringLiteral("second"));
    }

    // A catalog request that takes long (a slow card, a busy catalog) runs off the main loop:
    // Status() and commands answer meanwhile, and the request is answered when it is done.
    void slowCatalogDoesNotHoldUpTheMainLoop()
    {
        serve(RecordingMode::Continuous);
        QSemaphore gate;
        m_recorder->catalog.beforeEachCall = [&gate] { gate.acquire(); };
        auto p = proxy();
        QDBusPendingReply<QList<QVariantMap>> list = p->ListRecordings(10, 0);
        QDBusPendingReply<> protect =
            p->Protect(m_recorder->catalog.rows.first().value(QStringLiteral("path")).toString(), true);
        for (int i = 0; i < 5; ++i) {
            QDBusPendingReply<QVariantMap> status = p->Status();
            QVERIFY(finished(status));
            QVERIFY2(!status.isError(), qPrintable(status.error().message()));
        }
        QVERIFY(!list.isFinished());
        QVERIFY(!protect.isFinished());
        gate.release(2);
        QVERIFY(finished(list));
        QVERIFY2(!list.isError(), qPrintable(list.error().message()));
        QCOMPARE(list.value().size(), 3);
        QVERIFY(finished(protect));
        QVERIFY2(!protect.isError(), qPrintable(protect.error().message()));
        QCOMPARE(m_recorder->catalog.rows.first().value(QStringLiteral("protected")).toInt(), 1);
        m_recorder->catalog.beforeEachCall = nullptr;
    }

    void statusHasTheHeartbeatFields_data()
    {
        QTest::addColumn<bool>("inSession");
        QTest::newRow("continuous") << false;
        QTest::newRow("session") << true;
    }

    void statusHasTheHeartbeatFields()
    {
        QFETCH(bool, inSession);
        serve(inSession ? RecordingMode::Session : RecordingMode::Continuous);
        if (inSession)
            QVERIFY(m_recorder->controller.start().ok());
        auto p = proxy();
        QDBusPendingReply<QVariantMap> reply = p->Status();
        QVERIFY(finished(reply));
        QVERIFY2(!reply.isError(), qPrintable(reply.error().message()));
        const QVariantMap status = reply.value();

        // The same names as the heartbeat file, so scripts can use either.
        Heartbeat h;
        h.schemaVersion = QStringLiteral("1.2");
        QStringList expected = h.toJson().keys();
        // D-Bus has no null: a recorder without sound leaves its level out.
        expected.removeOne(QStringLiteral("audio_level_dbfs"));
        if (!inSession) {
            expected.removeOne(QStringLiteral("session_elapsed_seconds"));
            expected.removeOne(QStringLiteral("session_remaining_seconds"));
        }
        QStringList actual = status.keys();
        actual.sort();
        expected.sort();
        QCOMPARE(actual, expected);
        QCOMPARE(status.value(QStringLiteral("state")).toString(), QStringLiteral("recording"));
        QCOMPARE(status.value(QStringLiteral("restart_count")).toLongLong(), 3);
        QCOMPARE(status.value(QStringLiteral("pid")).toLongLong(), QCoreApplication::applicationPid());
        Heartbeat parsed;
        QVERIFY(Heartbeat::fromJson(QJsonObject::fromVariantMap(status), &parsed).isEmpty());
        // Not a second builder: the very document in the heartbeat file, the same write.
        const JsonFileReader::Result file =
            JsonFileReader::read(m_recorder->dir.filePath(QStringLiteral("heartbeat.json")));
        QVERIFY2(file.ok(), qPrintable(file.reason));
        QJsonObject fromFile = file.object;
        for (const QString &key : {QStringLiteral("session_elapsed_seconds"), QStringLiteral("session_remaining_seconds"),
                                   QStringLiteral("audio_level_dbfs")})
            if (fromFile.value(key).isNull())
                fromFile.remove(key);
        QCOMPARE(QJsonObject::fromVariantMap(status), fromFile);
    }

    void refusalsAreNamedErrors_data()
    {
        QTest::addColumn<bool>("sessionMode");
        QTest::addColumn<QString>("call");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("words");
        QTest::newRow("start while recording") << false << "Start" << "AlreadyRecording" << "already recording";
        QTest::newRow("stop while ready") << true << "Stop" << "NotRecording" << "not recording";
        QTest::newRow("extend while ready") << true << "Extend" << "NotInSession" << "no session";
        QTest::newRow("extend in continuous mode") << false << "Extend" << "NotInSession" << "continuous";
        QTest::newRow("list limit 0") << false << "ListRecordings0" << "InvalidArgument" << "limit 0";
        QTest::newRow("list limit too big") << false << "ListRecordings5000" << "InvalidArgument" << "1 to 1000";
        QTest::newRow("protect unknown") << false << "Protect" << "NotFound" << "/nowhere.mp4";
    }

    void refusalsAreNamedErrors()
    {
        QFETCH(bool, sessionMode);
        QFETCH(QString, call);
        QFETCH(QString, error);
        QFETCH(QString, words);
        serve(sessionMode ? RecordingMode::Session : RecordingMode::Continuous);
        const RecorderState before = m_recorder->controller.state();
        auto p = proxy();
        QDBusPendingCall reply = call == QLatin1String("Start")              ? QDBusPendingCall(p->Start())
                                 : call == QLatin1String("Stop")             ? QDBusPendingCall(p->Stop())
                                 : call == QLatin1String("Extend")           ? QDBusPendingCall(p->Extend())
                                 : call == QLatin1String("ListRecordings0")  ? QDBusPendingCall(p->ListRecordings(0, 0))
                                 : call == QLatin1String("ListRecordings5000") ? QDBusPendingCall(p->ListRecordings(5000, 0))
                                                                               : QDBusPendingCall(p->Protect(QStringLiteral("/nowhere.mp4"), true));
        QVERIFY(finished(reply));
        QVERIFY(reply.isError());
        QCOMPARE(reply.error().name(), QLatin1String(kErr) + error);
        QVERIFY2(reply.error().message().contains(words), qPrintable(reply.error().message()));
        QCOMPARE(m_recorder->controller.state(), before);
    }

    void catalogProblems()
    {
        serve(RecordingMode::Continuous, false);
        auto p = proxy();
        QDBusPendingReply<QList<QVariantMap>> list = p->ListRecordings(10, 0);
        QVERIFY(finished(list));
        QCOMPARE(list.error().name(), QLatin1String(kErr) + QStringLiteral("Unavailable"));

        serve(RecordingMode::Continuous, true);
        m_recorder->catalog.failure = QStringLiteral("database disk image is malformed");
        list = p->ListRecordings(10, 0);
        QVERIFY(finished(list));
        QCOMPARE(list.error().name(), QLatin1String(kErr) + QStringLiteral("Failed"));
        QVERIFY(list.error().message().contains(QStringLiteral("malformed")));
    }

    void listAndProtect()
    {
        serve(RecordingMode::Continuous);
        auto p = proxy();
        QDBusPendingReply<QList<QVariantMap>> list = p->ListRecordings(2, 0);
        QVERIFY(finished(list));
        QCOMPARE(list.value().size(), 2);
        QCOMPARE(list.value().at(0).value(QStringLiteral("id")).toInt(), 3);
        QVERIFY(!list.value().at(0).contains(QStringLiteral("session_id"))); // NULL leaves the key out
        const QString path = list.value().at(0).value(QStringLiteral("path")).toString();
        QDBusPendingReply<> protect = p->Protect(path, true);
        QVERIFY(finished(protect));
        QVERIFY(!protect.isError());
        QCOMPARE(m_recorder->catalog.rows.at(0).value(QStringLiteral("protected")).toInt(), 1);
    }

    void signalsReachClients()
    {
        serve(RecordingMode::Session);
        auto p = proxy();
        QSignalSpy states(p.get(), &OrgRecorderRecorder1Interface::StateChanged);
        QSignalSpy warnings(p.get(), &OrgRecorderRecorder1Interface::Warning);
        QSignalSpy finishedFiles(p.get(), &OrgRecorderRecorder1Interface::RecordingFinished);
        QDBusPendingReply<QVariantMap> sync = p->Status(); // the match rules are in place once this returns
        QVERIFY(finished(sync));

        QDBusPendingReply<> start = p->Start();
        QVERIFY(finished(start));
        QVERIFY(!start.isError());
        QTRY_COMPARE(states.size(), 1);
        QCOMPARE(states.at(0).at(0).toString(), QStringLiteral("recording"));
        QVERIFY(states.at(0).at(1).toString().contains(QStringLiteral("Start command")));

        QTRY_COMPARE_WITH_TIMEOUT(warnings.size(), 1, 5000);
        QCOMPARE(warnings.at(0).at(0).toDouble(), 1.0);
        QVERIFY(!warnings.at(0).at(1).toString().isEmpty());

        QTRY_COMPARE_WITH_TIMEOUT(finishedFiles.size(), 1, 5000); // the session's automatic end
        QCOMPARE(finishedFiles.at(0).at(1).toString(), QStringLiteral("complete"));
        QTRY_VERIFY(states.size() >= 3);
        QCOMPARE(states.at(1).at(0).toString(), QStringLiteral("processing"));
        QCOMPARE(states.at(2).at(0).toString(), QStringLiteral("ready"));
    }

    void extendAnswersTheRemainingTime()
    {
        serve(RecordingMode::Session);
        QVERIFY(m_recorder->controller.start().ok());
        auto p = proxy();
        QDBusPendingReply<double> extend = p->Extend();
        QVERIFY(finished(extend));
        QVERIFY(!extend.isError());
        QVERIFY(extend.value() > 2.0 && extend.value() <= 3.0);
    }

    void snapshotReturnsAFreshJpeg()
    {
        serve(RecordingMode::Continuous);
        QTimer capture; // the pipeline's capture thread, in short
        QImage frame(320, 240, QImage::Format_RGB32);
        frame.fill(Qt::blue);
        connect(&capture, &QTimer::timeout, this, [&] {
            if (m_recorder->preview->wantsFrame())
                m_recorder->preview->offerFrame(PreviewFrame::fromImage(frame));
        });
        capture.start(20);
        auto p = proxy();
        QDBusPendingReply<QByteArray> snap = p->Snapshot();
        QVERIFY(finished(snap));
        QVERIFY2(!snap.isError(), qPrintable(snap.error().message()));
        QImage image;
        QVERIFY(image.loadFromData(snap.value(), "JPG"));
        QCOMPARE(image.width(), 64);
    }

    void snapshotWithoutFrames()
    {
        serve(RecordingMode::Continuous);
        auto p = proxy();
        QDBusPendingReply<QByteArray> snap = p->Snapshot();
        QVERIFY(finished(snap));
        QCOMPARE(snap.error().name(), QLatin1String(kErr) + QStringLiteral("NoFrame"));

        serve(RecordingMode::Continuous, true, false);
        snap = p->Snapshot();
        QVERIFY(finished(snap));
        QCOMPARE(snap.error().name(), QLatin1String(kErr) + QStringLiteral("Unavailable"));
    }
};

QTEST_GUILESS_MAIN(TestRecorderService)
#include "tst_recorderservice.moc"
