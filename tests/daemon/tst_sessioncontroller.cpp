// SPDX-License-Identifier: MIT
// Tests SessionController: both modes, warnings on time, extend and its cap, every refusal, error retry.
#include "fakerecordingengine.h"
#include "sessioncontroller.h"

#include "config.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cmath>
#include <memory>

Q_DECLARE_METATYPE(RecorderState)

namespace {

SessionController::Settings sessionSettings()
{
    SessionController::Settings s;
    s.mode = RecordingMode::Session;
    s.sessionSeconds = 3;
    s.extensionSeconds = 1;
    s.maxSeconds = 4.5;
    s.warningSeconds = {1, 2, 0.5}; // any order
    s.retryInitialSeconds = 0.1;
    s.retryMaxSeconds = 0.4;
    s.processingTimeoutSeconds = 0.5;
    return s;
}

SessionController::Settings continuousSettings()
{
    SessionController::Settings s = sessionSettings();
    s.mode = RecordingMode::Continuous;
    return s;
}

} // namespace

class TestSessionController : public QObject
{
    Q_OBJECT

    struct Rig {
        FakeRecordingEngine engine;
        SessionController controller;
        explicit Rig(const SessionController::Settings &s) : controller(s, &engine) {}
    };

    static std::unique_ptr<Rig> settled(const SessionController::Settings &s, RecorderState expected)
    {
        auto rig = std::make_unique<Rig>(s);
        rig->controller.begin();
        if (!QTest::qWaitFor([&] { return rig->controller.state() == expected; }, 5000))
            qWarning("controller did not settle in %s", qPrintable(recorderStateName(expected)));
        return rig;
    }

private slots:
    void initTestCase() { qRegisterMetaType<RecorderState>(); }

    void settingsFromConfig()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("r.conf")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[recording]\nmode=session\nsession_duration=3s\nextension=1s\nmax_duration=4s\nwarnings=2s,500ms\n");
        f.close();
        const Config::Result loaded = Config::load(f.fileName(), true);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error));
        const auto s = SessionController::Settings::fromConfig(loaded.config);
        QCOMPARE(s.mode, RecordingMode::Session);
        QCOMPARE(s.sessionSeconds, 3.0);
        QCOMPARE(s.extensionSeconds, 1.0);
        QCOMPARE(s.maxSeconds, 4.0);
        QCOMPARE(s.warningSeconds, (QList<double>{2, 0.5}));
    }

    void continuousRecordsFromStartUp()
    {
        Rig rig(continuousSettings());
        QSignalSpy states(&rig.controller, &SessionController::stateChanged);
        QCOMPARE(rig.controller.state(), RecorderState::Booting);
        rig.controller.begin();
        QTRY_COMPARE(rig.controller.state(), RecorderState::Recording);
        QTRY_COMPARE(rig.controller.currentFile(), rig.engine.currentPath());
        QCOMPARE(rig.engine.lastSessionId, QString());
        QVERIFY(!rig.controller.inSession());
        QVERIFY(std::isnan(rig.controller.sessionRemainingSeconds()));
        QCOMPARE(states.size(), 1);
        QVERIFY(states.at(0).at(1).toString().contains(QStringLiteral("start-up")));
    }

    void continuousAcrossSegmentBoundary()
    {
        auto rig = settled(continuousSettings(), RecorderState::Recording);
        QTRY_VERIFY(!rig->controller.currentFile().isEmpty());
        const QString first = rig->controller.currentFile();
        QSignalSpy states(&rig->controller, &SessionController::stateChanged);
        QSignalSpy finished(&rig->controller, &SessionController::recordingFinished);
        rig->engine.segmentBoundary();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toString(), first);
        QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("complete"));
        QCOMPARE(rig->controller.currentFile(), rig->engine.currentPath());
        QVERIFY(rig->controller.currentFile() != first);
        QCOMPARE(rig->controller.state(), RecorderState::Recording);
        QCOMPARE(states.size(), 0); // a new segment is not a state change
    }

    void sessionAcrossSegmentBoundary()
    {
        auto rig = settled(sessionSettings(), RecorderState::Ready);
        QVERIFY(rig->controller.start().ok());
        QTRY_VERIFY(!rig->controller.currentFile().isEmpty());
        const QString id = rig->controller.sessionId();
        const double remaining = rig->controller.sessionRemainingSeconds();
        QSignalSpy states(&rig->controller, &SessionController::stateChanged);
        QSignalSpy finished(&rig->controller, &SessionController::recordingFinished);
        rig->engine.segmentBoundary();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(states.size(), 0);
        QCOMPARE(rig->controller.sessionId(), id); // the engine keeps tagging files with it
        QCOMPARE(rig->engine.starts, 1);
        QVERIFY(rig->controller.sessionRemainingSeconds() <= remaining);
        QCOMPARE(rig->controller.currentFile(), rig->engine.currentPath());
    }

    void continuousStopPausesUntilStart()
    {
        auto rig = settled(continuousSettings(), RecorderState::Recording);
        QSignalSpy finished(&rig->controller, &SessionController::recordingFinished);
        QVERIFY(rig->controller.stop().ok());
        QCOMPARE(rig->controller.state(), RecorderState::Processing);
        QTRY_COMPARE(rig->controller.state(), RecorderState::Ready);
        QCOMPARE(finished.size(), 1);
        QVERIFY(rig->controller.stateReason().contains(QStringLiteral("paused")));
        QVERIFY(rig->controller.start().ok());
        QCOMPARE(rig->controller.state(), RecorderState::Recording);
        QCOMPARE(rig->engine.starts, 2);
    }

    void sessionStartWarningsAndAutomaticEnd()
    {
        auto rig = settled(sessionSettings(), RecorderState::Ready);
        QSignalSpy warnings(&rig->controller, &SessionController::warning);
        QSignalSpy finished(&rig->controller, &SessionController::recordingFinished);
        QList<double> firedAt;
        connect(&rig->controller, &SessionController::warning, this, [&] { firedAt.append(rig->controller.sessionElapsedSeconds()); });

        QElapsedTimer clock;
        clock.start();
        QVERIFY(rig->controller.start().ok());
        QCOMPARE(rig->controller.state(), RecorderState::Recording);
        QVERIFY(rig->controller.inSession());
        QVERIFY(!rig->engine.lastSessionId.isEmpty());
        QCOMPARE(rig->controller.sessionId(), rig->engine.lastSessionId);
        QVERIFY(std::abs(rig->controller.sessionRemainingSeconds() - 3.0) < 0.5);

        double endedAfter = -1;
        QString endReason;
        connect(&rig->controller, &SessionController::stateChanged, this, [&](RecorderState s, const QString &why) {
            if (s == RecorderState::Processing) {
                endedAfter = clock.nsecsElapsed() / 1e9;
                endReason = why;
            }
        });
        QTRY_COMPARE_WITH_TIMEOUT(rig->controller.state(), RecorderState::Ready, 8000);
        QVERIFY2(std::abs(endedAfter - 3.0) < 0.5, qPrintable(QString::number(endedAfter)));
        QVERIFY(endReason.contains(QStringLiteral("session ended")));
        QCOMPARE(finished.size(), 1);
        QVERIFY(!rig->controller.inSession());
        QCOMPARE(rig->controller.currentWarning(), QString());

        // Each warning at its remaining time, largest first, ±0.5 s.
        QCOMPARE(warnings.size(), 3);
        const QList<double> expected{2, 1, 0.5};
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(warnings.at(i).at(0).toDouble(), expected.at(i));
            QVERIFY(!warnings.at(i).at(1).toString().isEmpty());
            const double remainingWhenFired = 3.0 - firedAt.at(i);
            QVERIFY2(std::abs(remainingWhenFired - expected.at(i)) < 0.5,
                     qPrintable(QStringLiteral("warning %1 fired at %2 s left").arg(expected.at(i)).arg(remainingWhenFired)));
        }
    }

    void warningShowsInState()
    {
        auto rig = settled(sessionSettings(), RecorderState::Ready);
        QVERIFY(rig->controller.start().ok());
        QCOMPARE(rig->controller.currentWarning(), QString());
        QTRY_VERIFY_WITH_TIMEOUT(!rig->controller.currentWarning().isEmpty(), 5000);
        QVERIFY(rig->controller.currentWarning().contains(QStringLiteral("2s")));
    }

    void extendAndCapAtMaximum()
    {
        auto rig = settled(sessionSettings(), RecorderState::Ready); // 3 s, +1 s, max 4.5 s
        QElapsedTimer clock;
        clock.start();
        QVERIFY(rig->controller.start().ok());

        SessionController::CommandResult r = rig->controller.extend();
        QVERIFY(r.ok());
        QVERIFY2(std::abs(r.remainingSeconds - 4.0) < 0.3, qPrintable(QString::number(r.remainingSeconds)));
        QCOMPARE(rig->controller.sessionTotalSeconds(), 4.0);

        r = rig->controller.extend(); // only 0.5 s of room left
        QVERIFY(r.ok());
        QCOMPARE(rig->controller.sessionTotalSeconds(), 4.5);

        r = rig->controller.extend();
        QCOMPARE(r.errorName, QStringLiteral("MaximumReached"));
        QVERIFY(r.message.contains(QStringLiteral("maximum")));
        QCOMPARE(rig->controller.sessionTotalSeconds(), 4.5);
        QCOMPARE(rig->controller.state(), RecorderState::Recording);

        double endedAfter = -1;
        connect(&rig->controller, &SessionController::stateChanged, this, [&](RecorderState s) {
            if (s == RecorderState::Processing)
                endedAfter = clock.nsecsElapsed() / 1e9;
        });
        QTRY_COMPARE_WITH_TIMEOUT(rig->controller.state(), RecorderState::Ready, 8000);
        QVERIFY2(std::abs(endedAfter - 4.5) < 0.5, qPrintable(QString::number(endedAfter)));
    }

    void extendRearmsWarnings()
    {
        auto rig = settled(sessionSettings(), RecorderState::Ready);
        QSignalSpy warnings(&rig->controller, &SessionController::warning);
        QVERIFY(rig->controller.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(warnings.size(), 1, 5000); // "2 s left"
        QVERIFY(rig->controller.extend().ok());             // back to ~3 s left
        QCOMPARE(rig->controller.currentWarning(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(warnings.size(), 2, 5000);
        QCOMPARE(warnings.at(1).at(0).toDouble(), 2.0);     // announced again for the new end
    }

    void sessionStop()
    {
        auto rig = settled(sessionSettings(), RecorderState::Ready);
        QSignalSpy finished(&rig->controller, &SessionController::recordingFinished);
        QVERIFY(rig->controller.start().ok());
        QTRY_VERIFY(!rig->controller.currentFile().isEmpty());
        QVERIFY(rig->controller.stop().ok());
        QCOMPARE(rig->controller.state(), RecorderState::Processing);
        QVERIFY(!rig->controller.inSession());
        QVERIFY(rig->controller.stateReason().contains(QStringLiteral("Stop command")));
        QTRY_COMPARE(rig->controller.state(), RecorderState::Ready);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(rig->controller.currentFile(), QString());
    }

    void refusals_data()
    {
        QTest::addColumn<bool>("sessionMode");
        QTest::addColumn<RecorderState>("state");
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("error");

        const auto B = RecorderState::Booting, R = RecorderState::Ready, Rec = RecorderState::Recording,
                   P = RecorderState::Processing, E = RecorderState::Error, S = RecorderState::Stopping;
        QTest::newRow("start while booting") << true << B << "start" << "NotReady";
        QTest::newRow("start while recording") << true << Rec << "start" << "AlreadyRecording";
        QTest::newRow("start while recording (continuous)") << false << Rec << "start" << "AlreadyRecording";
        QTest::newRow("start while processing") << true << P << "start" << "Busy";
        QTest::newRow("start in error") << true << E << "start" << "InError";
        QTest::newRow("start while stopping") << true << S << "start" << "ShuttingDown";
        QTest::newRow("stop while ready") << true << R << "stop" << "NotRecording";
        QTest::newRow("stop while booting") << true << B << "stop" << "NotReady";
        QTest::newRow("stop while processing") << true << P << "stop" << "Busy";
        QTest::newRow("stop in error once paused") << false << E << "stop-twice" << "InError";
        QTest::newRow("stop while stopping") << false << S << "stop" << "ShuttingDown";
        QTest::newRow("extend while ready") << true << R << "extend" << "NotInSession";
        QTest::newRow("extend in continuous mode") << false << Rec << "extend" << "NotInSession";
        QTest::newRow("extend while processing") << true << P << "extend" << "NotInSession";
    }

    void refusals()
    {
        QFETCH(bool, sessionMode);
        QFETCH(RecorderState, state);
        QFETCH(QString, command);
        QFETCH(QString, error);

        SessionController::Settings s = sessionMode ? sessionSettings() : continuousSettings();
        s.retryInitialSeconds = 60; // stay in error during the test
        s.processingTimeoutSeconds = 60;
        Rig rig(s);
        if (state == RecorderState::Booting)
            rig.engine.holdOpen = true;
        if (state == RecorderState::Error)
            rig.engine.openFailures << QStringLiteral("camera lost: no frame for 5s");
        rig.controller.begin();
        if (state != RecorderState::Booting) {
            const RecorderState settledIn = state == RecorderState::Error ? RecorderState::Error
                                            : sessionMode                 ? RecorderState::Ready
                                                                          : RecorderState::Recording;
            QTRY_COMPARE(rig.controller.state(), settledIn);
        }
        if ((state == RecorderState::Recording || state == RecorderState::Processing) && sessionMode)
            QVERIFY(rig.controller.start().ok());
        if (state == RecorderState::Processing) {
            rig.engine.holdStop = true;
            QVERIFY(rig.controller.stop().ok());
        }
        if (state == RecorderState::Stopping) {
            rig.controller.shutdown();
            QTRY_COMPARE(rig.controller.state(), RecorderState::Stopping);
        }
        QCOMPARE(rig.controller.state(), state);

        QSignalSpy states(&rig.controller, &SessionController::stateChanged);
        const int starts = rig.engine.starts, stops = rig.engine.stops, opens = rig.engine.opens;
        const double total = rig.controller.sessionTotalSeconds();
        if (command == QLatin1String("stop-twice")) {
            QVERIFY(rig.controller.stop().ok()); // the first Stop in error pauses; the second has nothing to do
            command = QStringLiteral("stop");
        }
        SessionController::CommandResult r = command == QLatin1String("start") ? rig.controller.start()
                                             : command == QLatin1String("stop") ? rig.controller.stop()
                                                                                : rig.controller.extend();
        QCOMPARE(r.errorName, error);
        QVERIFY(!r.message.isEmpty());
        // Never half-done: nothing changed.
        QCOMPARE(rig.controller.state(), state);
        QCOMPARE(states.size(), 0);
        QCOMPARE(rig.engine.starts, starts);
        QCOMPARE(rig.engine.stops, stops);
        QCOMPARE(rig.engine.opens, opens);
        if (!std::isnan(total))
            QCOMPARE(rig.controller.sessionTotalSeconds(), total);
    }

    void errorRetriesWithBackoffAndReturns()
    {
        Rig rig(continuousSettings());
        rig.engine.openFailures << QStringLiteral("camera lost") << QStringLiteral("camera still lost");
        QList<qint64> openTimes;
        QElapsedTimer clock;
        clock.start();
        connect(&rig.controller, &SessionController::stateChanged, this, [&](RecorderState s) {
            if (s == RecorderState::Error)
                openTimes.append(clock.elapsed());
        });
        rig.controller.begin();
        QTRY_COMPARE(rig.controller.state(), RecorderState::Error);
        QCOMPARE(rig.controller.errorCount(), 1);
        QCOMPARE(rig.controller.lastError(), QStringLiteral("camera lost"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.controller.state(), RecorderState::Recording, 5000);
        const qint64 recovered = clock.elapsed();
        QCOMPARE(rig.engine.opens, 3);
        QCOMPARE(rig.controller.errorCount(), 2);
        QCOMPARE(rig.controller.lastError(), QStringLiteral("camera still lost"));
        // Backoff 0.1 s then 0.2 s: recovery no sooner than 0.3 s after the first error.
        QVERIFY2(recovered - openTimes.first() >= 290, qPrintable(QString::number(recovered - openTimes.first())));
        QVERIFY(rig.controller.stateReason().contains(QStringLiteral("recovered")));
    }

    void repeatedFailuresDoNotPostponeTheRetry()
    {
        auto rig = settled(continuousSettings(), RecorderState::Recording); // retry after 0.1 s
        QTimer noisy; // an engine that reports its trouble every 50 ms
        connect(&noisy, &QTimer::timeout, this, [&] {
            if (rig->controller.state() == RecorderState::Error)
                rig->engine.fail(QStringLiteral("camera lost"));
        });
        rig->engine.fail(QStringLiteral("camera lost"));
        noisy.start(50);
        QTRY_COMPARE_WITH_TIMEOUT(rig->controller.state(), RecorderState::Recording, 3000);
        QVERIFY(rig->controller.errorCount() >= 2);
    }

    void engineRecoveryCutsTheBackoffShort()
    {
        SessionController::Settings settings = continuousSettings();
        settings.retryInitialSeconds = 30; // far beyond the wait below: only recovered() can retry in time
        auto rig = settled(settings, RecorderState::Recording);
        rig->engine.fail(QStringLiteral("camera lost"));
        QCOMPARE(rig->controller.state(), RecorderState::Error);
        const int opens = rig->engine.opens;
        emit rig->engine.recovered();
        QCOMPARE(rig->engine.opens, opens + 1);
        QTRY_COMPARE_WITH_TIMEOUT(rig->controller.state(), RecorderState::Recording, 3000);
        emit rig->engine.recovered(); // not in error: nothing happens
        QCOMPARE(rig->engine.opens, opens + 1);
    }

    void errorWhileRecordingRecovers()
    {
        auto rig = settled(continuousSettings(), RecorderState::Recording);
        rig->engine.fail(QStringLiteral("encoder failure"));
        QCOMPARE(rig->controller.state(), RecorderState::Error);
        QCOMPARE(rig->controller.currentFile(), QString());
        QTRY_COMPARE(rig->controller.state(), RecorderState::Recording);
        QCOMPARE(rig->controller.errorCount(), 1);
        QCOMPARE(rig->engine.starts, 2);
    }

    void errorDuringSessionContinuesSession()
    {
        auto rig = settled(sessionSettings(), RecorderState::Ready);
        QVERIFY(rig->controller.start().ok());
        const QString id = rig->controller.sessionId();
        rig->engine.fail(QStringLiteral("camera lost"));
        QTRY_COMPARE(rig->controller.state(), RecorderState::Recording);
        QCOMPARE(rig->engine.lastSessionId, id); // same session, new segment
        QTRY_COMPARE_WITH_TIMEOUT(rig->controller.state(), RecorderState::Ready, 8000);
    }

    void stopInErrorPreventsResuming_data()
    {
        QTest::addColumn<bool>("sessionMode");
        QTest::newRow("continuous") << false;
        QTest::newRow("session") << true;
    }

    void stopInErrorPreventsResuming()
    {
        QFETCH(bool, sessionMode);
        auto rig = settled(sessionMode ? sessionSettings() : continuousSettings(),
                           sessionMode ? RecorderState::Ready : RecorderState::Recording);
        if (sessionMode)
            QVERIFY(rig->controller.start().ok());
        rig->engine.openFailures << QStringLiteral("camera lost");
        rig->engine.fail(QStringLiteral("camera lost"));
        QCOMPARE(rig->controller.state(), RecorderState::Error);
        QVERIFY(rig->controller.stop().ok());
        QCOMPARE(rig->controller.state(), RecorderState::Error);
        QVERIFY(!rig->controller.inSession());
        const int starts = rig->engine.starts;
        QTRY_COMPARE_WITH_TIMEOUT(rig->controller.state(), RecorderState::Ready, 5000);
        QCOMPARE(rig->engine.starts, starts);
    }

    void backoffResetsOnlyAfterAHealthyStretch()
    {
        SessionController::Settings s = continuousSettings(); // 0.1 s doubling to 0.4 s
        Rig rig(s);
        QList<qint64> errorsAt;
        QElapsedTimer clock;
        clock.start();
        connect(&rig.engine, &RecordingEngine::opened, this, [&] {
            // A camera that opens, then fails at once: a flapping device.
            if (errorsAt.size() < 4)
                QTimer::singleShot(0, &rig.engine, [&] {
                    errorsAt.append(clock.elapsed());
                    rig.engine.fail(QStringLiteral("camera flapping"));
                });
        });
        rig.controller.begin();
        QTRY_COMPARE_WITH_TIMEOUT(errorsAt.size(), 4, 5000);
        // Retries after 0.1, 0.2, 0.4 s: the gaps grow instead of staying at the first delay.
        QVERIFY2(errorsAt.at(3) - errorsAt.at(2) >= 350, qPrintable(QString::number(errorsAt.at(3) - errorsAt.at(2))));
        QTRY_COMPARE(rig.controller.state(), RecorderState::Recording);
    }

    void processingTimeoutIsAnError()
    {
        auto rig = settled(sessionSettings(), RecorderState::Ready);
        QVERIFY(rig->controller.start().ok());
        rig->engine.holdStop = true;
        QVERIFY(rig->controller.stop().ok());
        QTRY_COMPARE(rig->controller.state(), RecorderState::Error);
        QVERIFY(rig->controller.lastError().contains(QStringLiteral("finalising")));
    }

    void shutdownFinalisesTheFile()
    {
        auto rig = settled(continuousSettings(), RecorderState::Recording);
        QSignalSpy done(&rig->controller, &SessionController::shutdownComplete);
        QSignalSpy finished(&rig->controller, &SessionController::recordingFinished);
        rig->controller.shutdown();
        QCOMPARE(rig->controller.state(), RecorderState::Stopping);
        QTRY_COMPARE(done.size(), 1);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(rig->engine.stops, 1);
    }

    void shutdownWhenIdleCompletes()
    {
        auto rig = settled(sessionSettings(), RecorderState::Ready);
        QSignalSpy done(&rig->controller, &SessionController::shutdownComplete);
        rig->controller.shutdown();
        QTRY_COMPARE(done.size(), 1);
        QCOMPARE(rig->engine.stops, 0);
    }
};

QTEST_GUILESS_MAIN(TestSessionController)
#include "tst_sessioncontroller.moc"
