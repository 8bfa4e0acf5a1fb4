// SPDX-License-Identifier: MIT
// Tests the control layer wired into the real recorderd (Recorder as its engine, CatalogAdapter) through recorderctl.
#include "notifyreader.h"
#include "privatebus.h"
#include "faultinjector.h"
#include "heartbeat.h"
#include "heartbeatbuilder.h"
#include "recorderdharness.h"

#include <QDBusConnection>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <algorithm>

namespace {

constexpr int kWaitMs = RecorderdHarness::kWaitMs;
constexpr qint64 kWatchdogUsec = 2000000;

QString binary(const QString &relative)
{
    return qEnvironmentVariable("RECORDER_BINARY_DIR") + QLatin1Char('/') + relative;
}

struct Outcome {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Outcome run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    process.waitForFinished(kWaitMs);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

// The recorder's D-Bus signals as the test hears them on the private bus.
class SignalLog : public QObject
{
    Q_OBJECT
public:
    QStringList states;
    QList<double> warnings;

public slots:
    void onStateChanged(const QString &state, const QString &) { states.append(state); }
    void onWarning(double remaining, const QString &) { warnings.append(remaining); }
};

// recorderd with its own directories and configuration, at 320x240@15 from the test pattern.
QString sections(const QString &recording)
{
    return QStringLiteral("[heartbeat]\ninterval=200ms\n"
                          "[camera]\nsource=testpattern\nwidth=320\nheight=240\nfps=15\n"
                          "[encoder]\nkeyframe_interval=1s\nfragment_duration=1s\n[storage]\nmin_free=0\n"
                          "[preview]\ninterval=500ms\nwidth=160\n[recording]\n%1\n")
        .arg(recording);
}

Outcome ctl(const RecorderdHarness &daemon, const QStringList &arguments)
{
    return run(binary(QStringLiteral("recorderctl/recorderctl")),
               QStringList{QStringLiteral("--config"), daemon.configFile()} + arguments);
}

QJsonObject ctlStatus(const RecorderdHarness &daemon)
{
    return QJsonDocument::fromJson(ctl(daemon, {QStringLiteral("status"), QStringLiteral("--json")}).out).object();
}

// Every row, deleted or not.
QList<RecorderdHarness::CatalogRow> allRows(const RecorderdHarness &daemon)
{
    return daemon.catalogRows(RecorderdHarness::Rows::All);
}

void verifyDecodes(const QString &file)
{
    const Outcome outcome = run(QStringLiteral("ffmpeg"), {QStringLiteral("-v"), QStringLiteral("error"),
                                                           QStringLiteral("-i"), file, QStringLiteral("-f"),
                                                           QStringLiteral("null"), QStringLiteral("-")});
    QVERIFY2(outcome.err.isEmpty(), qPrintable(file + QStringLiteral(": ") + QString::fromUtf8(outcome.err)));
    QCOMPARE(outcome.exitCode, 0);
}

double number(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toDouble(-1);
}

} // namespace

class TestPipelineEngine : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void sessionDrivenByRecorderctl();
    void continuousPausesAndResumes();
    void recordsWithoutBus();
    void sessionEndsByItself();
    void stalledCameraWithholdsWatchdog_data();
    void stalledCameraWithholdsWatchdog();
    void statusAgreesUnderFaults_data();
    void statusAgreesUnderFaults();

private:
    PrivateBus m_bus;
};

void TestPipelineEngine::initTestCase()
{
    QVERIFY2(QFile::exists(binary(QStringLiteral("daemon/recorderd"))), "recorderd not built");
    QVERIFY2(QFile::exists(binary(QStringLiteral("recorderctl/recorderctl"))), "recorderctl not built");
    const QString error = m_bus.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

// A person's session: Start, a warning, Extend, Stop; refusals; heartbeat, status, catalog, files,
// preview and systemd notify along the way.
void TestPipelineEngine::sessionDrivenByRecorderctl()
{
    RecorderdHarness daemon(sections(QStringLiteral("mode=session\nsession_duration=6s\nextension=2s\nmax_duration=8s\n"
                                 "warnings=4s\nsegment_duration=2s")));
    NotifyReader notify(daemon.filePath(QStringLiteral("notify")));
    QVERIFY2(notify.error().isEmpty(), qPrintable(notify.error()));
    SignalLog signalLog;
    QDBusConnection bus = QDBusConnection::systemBus();
    QVERIFY(bus.connect(QString(), QStringLiteral("/org/recorder/Recorder1"), QStringLiteral("org.recorder.Recorder1"),
                        QStringLiteral("StateChanged"), &signalLog, SLOT(onStateChanged(QString, QString))));
    QVERIFY(bus.connect(QString(), QStringLiteral("/org/recorder/Recorder1"), QStringLiteral("org.recorder.Recorder1"),
                        QStringLiteral("Warning"), &signalLog, SLOT(onWarning(double, QString))));

    daemon.start(notify.environment(QProcessEnvironment::systemEnvironment(), kWatchdogUsec));

    // Session mode waits for Start; READY=1 comes before any WATCHDOG=1.
    QTRY_COMPARE_WITH_TIMEOUT(daemon.state(), QStringLiteral("ready"), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(notify.count("READY=1") == 1, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(notify.count("WATCHDOG=1") > 0, kWaitMs);
    QVERIFY(notify.indexOf("READY=1") < notify.indexOf("WATCHDOG=1"));
    QJsonObject beat = daemon.currentHeartbeat();
    QCOMPARE(beat.value(QStringLiteral("recording_active")).toBool(true), false);
    QVERIFY(beat.value(QStringLiteral("session_remaining_seconds")).isNull());

    // Refusals while ready: a clear message and a non-zero exit.
    Outcome outcome = ctl(daemon, {QStringLiteral("extend")});
    QVERIFY(outcome.exitCode != 0);
    QVERIFY2(!outcome.err.isEmpty(), outcome.out.constData());
    QVERIFY(ctl(daemon, {QStringLiteral("stop")}).exitCode != 0);

    outcome = ctl(daemon, {QStringLiteral("start")});
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    const qint64 startedAt = notify.now();
    QElapsedTimer sessionClock;
    sessionClock.start();
    QTRY_VERIFY_WITH_TIMEOUT(daemon.currentHeartbeat().value(QStringLiteral("recording_active")).toBool(), kWaitMs);
    beat = daemon.currentHeartbeat();
    QCOMPARE(beat.value(QStringLiteral("state")).toString(), QStringLiteral("recording"));
    QVERIFY(!beat.value(QStringLiteral("current_file")).toString().isEmpty());
    const double remaining = number(beat, "session_remaining_seconds");
    QVERIFY2(remaining > 0 && remaining <= 6, qPrintable(QString::number(remaining)));
    QTRY_VERIFY_WITH_TIMEOUT(number(daemon.currentHeartbeat(), "session_remaining_seconds") < remaining - 0.3, kWaitMs);
    QVERIFY(ctl(daemon, {QStringLiteral("start")}).exitCode != 0); // already recording

    // The 4 s warning, 2 s into the session: in the heartbeat, with the remaining time it names.
    QTRY_VERIFY_WITH_TIMEOUT(!daemon.currentHeartbeat().value(QStringLiteral("warning")).toString().isEmpty(), kWaitMs);
    beat = daemon.currentHeartbeat();
    const double atWarning = number(beat, "session_remaining_seconds");
    QVERIFY2(atWarning > 3.0 && atWarning <= 4.0, qPrintable(QString::number(atWarning)));
    QVERIFY2(beat.value(QStringLiteral("warning")).toString().contains(QLatin1String("4s")),
             qPrintable(beat.value(QStringLiteral("warning")).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(signalLog.warnings, QList<double>{4.0}, kWaitMs);

    // Extend once (to the 8 s maximum), then it is refused.
    outcome = ctl(daemon, {QStringLiteral("extend")});
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(number(daemon.currentHeartbeat(), "session_remaining_seconds") > atWarning, kWaitMs);
    outcome = ctl(daemon, {QStringLiteral("extend")});
    QVERIFY(outcome.exitCode != 0);

    // A snapshot of the running camera, as JPEG.
    const QString snapshot = daemon.filePath(QStringLiteral("snapshot.jpg"));
    outcome = ctl(daemon, {QStringLiteral("snapshot"), snapshot});
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    QVERIFY(!QImage(snapshot).isNull());

    // status --json shows the pipeline's counters and the controller's state.
    const QJsonObject status = ctlStatus(daemon);
    QCOMPARE(status.value(QStringLiteral("state")).toString(), QStringLiteral("recording"));
    QVERIFY(status.value(QStringLiteral("frames_captured")).toInteger() > 0);
    QVERIFY(status.value(QStringLiteral("bytes_written")).toInteger() > 0);
    QCOMPARE(status.value(QStringLiteral("camera")).toString(), QStringLiteral("testpattern"));
    QVERIFY(!status.value(QStringLiteral("encoder")).toString().isEmpty());
    QVERIFY(status.value(QStringLiteral("restart_count")).toInteger() >= 1);

    // Stop: processing, then ready; every file complete, one session across its segments.
    outcome = ctl(daemon, {QStringLiteral("stop")});
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    const qint64 stoppedAt = notify.now();
    QVERIFY2(sessionClock.elapsed() < 8000, "the session ended by itself before Stop: the machine is too slow");
    QTRY_COMPARE_WITH_TIMEOUT(daemon.state(), QStringLiteral("ready"), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(signalLog.states.size() >= 2 && signalLog.states.last() == QLatin1String("ready"), kWaitMs);
    QCOMPARE(signalLog.states.at(signalLog.states.size() - 2), QStringLiteral("processing"));
    beat = daemon.currentHeartbeat();
    QCOMPARE(beat.value(QStringLiteral("recording_active")).toBool(true), false);
    QVERIFY(beat.value(QStringLiteral("current_file")).toString().isEmpty());
    QCOMPARE(beat.value(QStringLiteral("frames_dropped")).toInteger(-1), 0); // with the preview on

    const QList<RecorderdHarness::CatalogRow> rows = allRows(daemon);
    QVERIFY2(rows.size() >= 2, qPrintable(QString::number(rows.size())));
    for (const RecorderdHarness::CatalogRow &row : rows) {
        QCOMPARE(row.state, QStringLiteral("complete"));
        QCOMPARE(row.sessionId, rows.first().sessionId);
        QVERIFY(row.frames > 0);
        verifyDecodes(row.path);
    }
    QVERIFY(!rows.first().sessionId.isEmpty());

    // recorderctl list reads the same catalog, newest first; protect and unprotect change it.
    const QJsonArray listed = QJsonDocument::fromJson(ctl(daemon, {QStringLiteral("list"), QStringLiteral("--json")}).out).array();
    QCOMPARE(listed.size(), rows.size());
    QCOMPARE(listed.first().toObject().value(QStringLiteral("path")).toString(), rows.last().path);
    QCOMPARE(listed.first().toObject().value(QStringLiteral("session_id")).toString(), rows.last().sessionId);
    outcome = ctl(daemon, {QStringLiteral("protect"), rows.first().path});
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    QVERIFY(allRows(daemon).first().isProtected);
    outcome = ctl(daemon, {QStringLiteral("unprotect"), rows.first().path});
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    QVERIFY(!allRows(daemon).first().isProtected);
    outcome = ctl(daemon, {QStringLiteral("protect"), daemon.filePath(QStringLiteral("rec/nothing.mp4"))});
    QVERIFY(outcome.exitCode != 0);
    QVERIFY2(outcome.err.contains("no recording"), outcome.err.constData());

    // The preview: a JPEG of the latest frame, downscaled to [preview] width.
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(daemon.filePath(QStringLiteral("run/preview.jpg"))), kWaitMs);
    const QImage preview(daemon.filePath(QStringLiteral("run/preview.jpg")));
    QCOMPARE(preview.width(), 160);
    QCOMPARE(preview.height(), 120);

    // Frames flowed while recording: WATCHDOG=1 came at least every half WATCHDOG_USEC.
    const qint64 gap = notify.longestGap("WATCHDOG=1", startedAt, stoppedAt);
    QVERIFY2(gap <= kWatchdogUsec / 2000, qPrintable(QString::number(gap)));
    daemon.stop();
    QTRY_COMPARE_WITH_TIMEOUT(notify.count("STOPPING=1"), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(signalLog.states.last(), QStringLiteral("stopping"), kWaitMs);
}

// Continuous mode records from start-up; Stop pauses (nothing more written, file finalised),
// Start resumes into a new file; SIGTERM leaves every file complete.
void TestPipelineEngine::continuousPausesAndResumes()
{
    RecorderdHarness daemon(sections(QStringLiteral("mode=continuous\nsegment_duration=1min")));
    daemon.start();
    QTRY_VERIFY_WITH_TIMEOUT(daemon.currentHeartbeat().value(QStringLiteral("recording_active")).toBool(), kWaitMs);
    QCOMPARE(daemon.state(), QStringLiteral("recording"));
    QTRY_VERIFY_WITH_TIMEOUT(daemon.currentHeartbeat().value(QStringLiteral("bytes_written")).toInteger() > 0, kWaitMs);

    Outcome outcome = ctl(daemon, {QStringLiteral("stop")});
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    QTRY_COMPARE_WITH_TIMEOUT(daemon.state(), QStringLiteral("ready"), kWaitMs);
    QList<RecorderdHarness::CatalogRow> rows = allRows(daemon);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().state, QStringLiteral("complete"));
    QVERIFY(rows.first().sessionId.isEmpty());
    verifyDecodes(rows.first().path);

    // Paused: frames are still captured (preview, frame timeout), none written.
    const QJsonObject paused = daemon.currentHeartbeat();
    QVERIFY(paused.value(QStringLiteral("current_file")).toString().isEmpty());
    const qint64 captured = paused.value(QStringLiteral("frames_captured")).toInteger();
    QTRY_VERIFY_WITH_TIMEOUT(daemon.currentHeartbeat().value(QStringLiteral("frames_captured")).toInteger() > captured + 10,
                             kWaitMs);
    QCOMPARE(daemon.currentHeartbeat().value(QStringLiteral("bytes_written")).toInteger(),
             paused.value(QStringLiteral("bytes_written")).toInteger());
    QCOMPARE(allRows(daemon).size(), 1);

    outcome = ctl(daemon, {QStringLiteral("start")});
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(daemon.currentHeartbeat().value(QStringLiteral("bytes_written")).toInteger()
                                 > paused.value(QStringLiteral("bytes_written")).toInteger(),
                             kWaitMs);
    QCOMPARE(daemon.state(), QStringLiteral("recording"));
    QVERIFY(ctl(daemon, {QStringLiteral("extend")}).exitCode != 0); // no session in continuous mode

    daemon.stop();
    rows = allRows(daemon);
    QCOMPARE(rows.size(), 2);
    for (const RecorderdHarness::CatalogRow &row : rows) {
        QCOMPARE(row.state, QStringLiteral("complete"));
        verifyDecodes(row.path);
    }
}

// Without a system bus the recorder records anyway and says so in one line; restarts are counted.
void TestPipelineEngine::recordsWithoutBus()
{
    RecorderdHarness daemon(sections(QStringLiteral("mode=continuous")));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS"),
                       QStringLiteral("unix:path=") + daemon.filePath(QStringLiteral("no-bus")));
    environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    daemon.start(environment, QProcess::MergedChannels);
    QTRY_VERIFY_WITH_TIMEOUT(daemon.currentHeartbeat().value(QStringLiteral("recording_active")).toBool(), kWaitMs);
    daemon.stop();
    const QByteArray log = daemon.process().readAll();
    QCOMPARE(log.count("recording goes on without remote control"), 1);
    const QList<RecorderdHarness::CatalogRow> rows = allRows(daemon);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().state, QStringLiteral("complete"));

    // The restart count lives in the state dir and grows with each start.
    daemon.start(environment, QProcess::MergedChannels);
    QTRY_COMPARE_WITH_TIMEOUT(daemon.currentHeartbeat().value(QStringLiteral("restart_count")).toInteger(), 2, kWaitMs);
    daemon.stop();
}

// A session nobody stops ends at session_duration: processing, then ready, its file complete.
void TestPipelineEngine::sessionEndsByItself()
{
    RecorderdHarness daemon(sections(QStringLiteral("mode=session\nsession_duration=2s\nwarnings=1s\nsegment_duration=1min")));
    daemon.start();
    QTRY_COMPARE_WITH_TIMEOUT(daemon.state(), QStringLiteral("ready"), kWaitMs);
    const Outcome outcome = ctl(daemon, {QStringLiteral("start")});
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(daemon.currentHeartbeat().value(QStringLiteral("recording_active")).toBool(), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(daemon.state(), QStringLiteral("ready"), kWaitMs);
    const QJsonObject beat = daemon.currentHeartbeat();
    QVERIFY(beat.value(QStringLiteral("session_remaining_seconds")).isNull());
    QVERIFY(beat.value(QStringLiteral("warning")).toString().isEmpty());
    const QList<RecorderdHarness::CatalogRow> rows = allRows(daemon);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().state, QStringLiteral("complete"));
    verifyDecodes(rows.first().path);
    daemon.stop();
}

void TestPipelineEngine::stalledCameraWithholdsWatchdog_data()
{
    QTest::addColumn<bool>("stopDuringError");
    QTest::newRow("recording resumes") << false;
    QTest::newRow("stop during the error") << true;
}

// A capture that stops delivering while recording: WATCHDOG=1 is withheld until the Recorder
// declares the camera lost (state error, reason in the heartbeat and status); recording resumes
// by itself once frames come back, unless Stop came during the error.
void TestPipelineEngine::stalledCameraWithholdsWatchdog()
{
    QFETCH(bool, stopDuringError);
    RecorderdHarness daemon(sections(QStringLiteral("mode=continuous\nsegment_duration=1min\n[camera]\nframe_timeout=3s")));
    NotifyReader notify(daemon.filePath(QStringLiteral("notify")));
    QVERIFY2(notify.error().isEmpty(), qPrintable(notify.error()));
    QProcessEnvironment environment
        = notify.environment(QProcessEnvironment::systemEnvironment(), 1000000); // a ping every 500 ms
    environment.insert(QStringLiteral("RECORDER_TEST_STALL_FILE"), daemon.filePath(QStringLiteral("stall")));
    daemon.start(environment);
    QTRY_VERIFY_WITH_TIMEOUT(daemon.currentHeartbeat().value(QStringLiteral("recording_active")).toBool(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(notify.count("WATCHDOG=1") >= 3, kWaitMs);

    QFile stall(daemon.filePath(QStringLiteral("stall")));
    QVERIFY(stall.open(QIODevice::WriteOnly));
    stall.close();
    const qint64 stalledAt = notify.now();
    QTRY_COMPARE_WITH_TIMEOUT(daemon.state(), QStringLiteral("error"), kWaitMs);
    const qint64 errorAt = notify.now();
    // Frames stopped reaching the file for frame_timeout (3 s): well over one watchdog period
    // (1 s) went without a ping, so systemd would have acted.
    const qint64 gap = notify.longestGap("WATCHDOG=1", stalledAt, errorAt);
    QVERIFY2(gap >= 1500, qPrintable(QString::number(gap)));
    const QJsonObject status = ctlStatus(daemon);
    QCOMPARE(status.value(QStringLiteral("state")).toString(), QStringLiteral("error"));
    QVERIFY(status.value(QStringLiteral("error_count")).toInteger() >= 1);
    QVERIFY2(status.value(QStringLiteral("last_error")).toString().contains(QLatin1String("no frame")),
             qPrintable(status.value(QStringLiteral("last_error")).toString()));
    QVERIFY(ctl(daemon, {QStringLiteral("start")}).exitCode != 0); // refused in error
    if (stopDuringError) {
        const Outcome outcome = ctl(daemon, {QStringLiteral("stop")});
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    }

    QVERIFY(QFile::remove(daemon.filePath(QStringLiteral("stall"))));
    if (stopDuringError) {
        // Recovered into `ready`: frames flow again, none is written.
        // Recovered into `ready`: frames flow again, none is written (a file the pipeline may
        // have begun in the moment of recovery is finished at once).
        QTRY_COMPARE_WITH_TIMEOUT(daemon.state(), QStringLiteral("ready"), kWaitMs);
        const auto capturedSince = [&](const QJsonObject &beat) {
            return daemon.currentHeartbeat().value(QStringLiteral("frames_captured")).toInteger()
                - beat.value(QStringLiteral("frames_captured")).toInteger();
        };
        const QJsonObject ready = daemon.currentHeartbeat();
        QTRY_VERIFY_WITH_TIMEOUT(capturedSince(ready) > 10, kWaitMs);
        const QJsonObject settled = daemon.currentHeartbeat();
        QTRY_VERIFY_WITH_TIMEOUT(capturedSince(settled) > 10, kWaitMs);
        QCOMPARE(daemon.currentHeartbeat().value(QStringLiteral("bytes_written")).toInteger(),
                 settled.value(QStringLiteral("bytes_written")).toInteger());
        QCOMPARE(daemon.currentHeartbeat().value(QStringLiteral("recording_active")).toBool(true), false);
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(daemon.state(), QStringLiteral("recording"), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(daemon.currentHeartbeat().value(QStringLiteral("recording_active")).toBool(), kWaitMs);
    }
    daemon.stop();
    const QList<RecorderdHarness::CatalogRow> rows = allRows(daemon);
    if (stopDuringError)
        QVERIFY2(rows.size() <= 2, qPrintable(QString::number(rows.size())));
    else
        QCOMPARE(rows.size(), 2);
    for (const RecorderdHarness::CatalogRow &row : rows)
        QCOMPARE(row.state, QStringLiteral("complete"));
}


void TestPipelineEngine::statusAgreesUnderFaults_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QString>("words");
    QTest::newRow("camera outage") << "camera" << "no frame";
    QTest::newRow("storage error") << "storage" << "No space left on device";
}

// The heartbeat file, D-Bus Status() and systemd's STATUS= come from one snapshot: under a camera
// outage and under a storage error they say the same, field for field.
void TestPipelineEngine::statusAgreesUnderFaults()
{
    QFETCH(QString, fault);
    QFETCH(QString, words);
    RecorderdHarness daemon(sections(QStringLiteral("mode=continuous\nsegment_duration=1min\n[camera]\nframe_timeout=2s")));
    NotifyReader notify(daemon.filePath(QStringLiteral("notify")));
    QVERIFY2(notify.error().isEmpty(), qPrintable(notify.error()));
    FaultInjector faults(daemon.filePath(QStringLiteral("faults")));
    faults.setPathPrefix(daemon.recordingsDir());
    QCOMPARE(faults.apply(), QString());
    QProcessEnvironment environment = faults.environment(notify.environment(QProcessEnvironment::systemEnvironment(), 0));
    environment.insert(QStringLiteral("RECORDER_TEST_STALL_FILE"), daemon.filePath(QStringLiteral("stall")));
    daemon.start(environment);
    QTRY_VERIFY_WITH_TIMEOUT(daemon.heartbeat().value(QStringLiteral("recording_active")).toBool(), kWaitMs);

    if (fault == QLatin1String("camera")) {
        QFile stall(daemon.filePath(QStringLiteral("stall")));
        QVERIFY(stall.open(QIODevice::WriteOnly));
    } else {
        faults.setWriteError(FaultInjector::WriteError::NoSpace);
        QCOMPARE(faults.apply(), QString());
    }
    QTRY_COMPARE_WITH_TIMEOUT(daemon.heartbeat().value(QStringLiteral("state")).toString(), QStringLiteral("error"),
                              kWaitMs);

    // Status() answers with the snapshot last written to the file: catch a moment between two
    // writes (every 200 ms) and compare the whole documents.
    bool same = false;
    QJsonObject status, beat;
    for (int attempt = 0; attempt < 50 && !same; ++attempt) {
        status = ctlStatus(daemon);
        beat = daemon.heartbeat();
        same = status.value(QStringLiteral("sequence")) == beat.value(QStringLiteral("sequence"));
    }
    QVERIFY2(same, "no Status() answer matched a heartbeat write");
    for (const QString &key : {QStringLiteral("session_elapsed_seconds"), QStringLiteral("session_remaining_seconds"),
                               QStringLiteral("audio_level_dbfs")})
        if (beat.value(key).isNull())
            beat.remove(key); // D-Bus has no null: Status() leaves them out
    QCOMPARE(status, beat);
    QVERIFY(beat.value(QStringLiteral("error_count")).toInteger() >= 1);
    QVERIFY2(beat.value(QStringLiteral("last_error")).toString().contains(words),
             qPrintable(beat.value(QStringLiteral("last_error")).toString()));
    QVERIFY2(beat.value(QStringLiteral("state_reason")).toString().contains(words),
             qPrintable(beat.value(QStringLiteral("state_reason")).toString()));

    // STATUS= is the line the snapshot gives.
    Heartbeat parsed;
    QCOMPARE(Heartbeat::fromJson(beat, &parsed), QString());
    const QByteArray expected = "STATUS=" + HeartbeatBuilder::statusLine(parsed).toUtf8();
    QTRY_VERIFY_WITH_TIMEOUT(notify.contains(expected), kWaitMs);
    daemon.stop();
}

QTEST_GUILESS_MAIN(TestPipelineEngine)
#include "tst_pipelineengine.moc"
