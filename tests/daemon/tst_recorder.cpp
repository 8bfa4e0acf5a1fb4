// SPDX-License-Identifier: MIT
// Tests the Recorder end to end through recorderd: files, segments, SIGTERM/SIGKILL, bad config, stalls.
#include "catalogschema.h"
#include "encode/h264encoder.h"
#include "recorder.h"
#include "recorderdharness.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>

namespace {

constexpr int kWidth = 320;
constexpr int kHeight = 240;
constexpr int kFps = 25;
constexpr int kWaitMs = RecorderdHarness::kWaitMs;

QString recorderd()
{
    return RecorderdHarness::program();
}

// Runs a tool (ffprobe/ffmpeg) and returns its stdout + stderr.
QByteArray run(const QString &program, const QStringList &arguments, int *exitCode = nullptr)
{
    QProcess process;
    process.start(program, arguments);
    process.waitForFinished(60000);
    if (exitCode)
        *exitCode = process.exitCode();
    return process.readAllStandardOutput() + process.readAllStandardError();
}

QString probe(const QString &file, const QString &entries)
{
    return QString::fromUtf8(run(QStringLiteral("ffprobe"),
                                 {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-select_streams"),
                                  QStringLiteral("v"), QStringLiteral("-show_entries"), entries, QStringLiteral("-of"),
                                  QStringLiteral("default=nw=1:nk=1"), file}))
        .trimmed();
}

using Row = RecorderdHarness::CatalogRow;

// recorderd at 320x240@25 from `source`, heartbeat every 200 ms, 1 s keyframes and fragments, no
// free-space floor unless `extra` sets one; `extra` sections come last and override. The stall
// file, when it exists, holds the source's frames back.
class Stack : public RecorderdHarness
{
public:
    explicit Stack(const QString &extra = QString(), const QString &source = QStringLiteral("testpattern"))
        : RecorderdHarness(QStringLiteral("[heartbeat]\ninterval=200ms\n"
                                          "[camera]\nsource=%1\nwidth=%2\nheight=%3\nfps=%4\nframe_timeout=1s\n"
                                          "[encoder]\nkeyframe_interval=1s\nfragment_duration=1s\n"
                                          "%5\n%6\n")
                               .arg(source)
                               .arg(kWidth)
                               .arg(kHeight)
                               .arg(kFps)
                               .arg(extra.contains(QLatin1String("min_free")) ? QString()
                                                                              : QStringLiteral("[storage]\nmin_free=0"),
                                    extra))
    {
    }

    QString stallFile() const { return filePath(QStringLiteral("stall")); }

    // `extra` adds test-only variables (docs/recorder.md) to recorderd's environment.
    void start(const QStringList &extra = {})
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("RECORDER_TEST_STALL_FILE"), stallFile());
        for (const QString &variable : extra)
            environment.insert(variable, QStringLiteral("1"));
        RecorderdHarness::start(environment);
    }

    // No row without its file, no file without its row.
    void verifyCatalogMatchesDisk()
    {
        QSet<QString> catalogued;
        for (const Row &row : catalogRows())
            catalogued.insert(row.path);
        const QStringList onDisk = recordingFiles();
        QCOMPARE(catalogued, QSet<QString>(onDisk.begin(), onDisk.end()));
    }
};

void verifyDecodes(const QString &file)
{
    int exitCode = -1;
    const QByteArray errors = run(QStringLiteral("ffmpeg"),
                                  {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), file,
                                   QStringLiteral("-f"), QStringLiteral("null"), QStringLiteral("-")},
                                  &exitCode);
    QVERIFY2(errors.isEmpty(), qPrintable(file + QStringLiteral(": ") + QString::fromUtf8(errors)));
    QCOMPARE(exitCode, 0);
}

// The first byte of the video track's sample description (1 for a filled avcC), or -1 when it is
// empty: a player cannot decode H.264 in MP4 without the SPS/PPS it holds.
int avcCVersion(const QString &file)
{
    const QString dump = QString::fromUtf8(run(QStringLiteral("ffprobe"),
                                               {QStringLiteral("-v"), QStringLiteral("error"),
                                                QStringLiteral("-select_streams"), QStringLiteral("v"),
                                                QStringLiteral("-show_entries"), QStringLiteral("stream=extradata"),
                                                QStringLiteral("-show_data"), QStringLiteral("-of"),
                                                QStringLiteral("default=nw=1"), file}));
    // "extradata=\n00000000: 0164 001f ...": the first hex pair after the offset.
    const int offset = dump.indexOf(QLatin1String("00000000: "));
    if (offset < 0)
        return -1;
    bool ok = false;
    const int version = dump.mid(offset + 10, 2).toInt(&ok, 16);
    return ok ? version : -1;
}

double fileDuration(const QString &file)
{
    return QString::fromUtf8(run(QStringLiteral("ffprobe"),
                                 {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_entries"),
                                  QStringLiteral("format=duration"), QStringLiteral("-of"),
                                  QStringLiteral("default=nw=1:nk=1"), file}))
        .trimmed()
        .toDouble();
}

} // namespace

class TestRecorder : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void tenSecondRun();
    void sigkillIsRecovered_data();
    void sigkillIsRecovered();
    void badConfiguration_data();
    void badConfiguration();
    void stalledSourceRecovers();
    void missingCamera_data();
    void missingCamera();
    void fileSourceIsScaled();
    void noStorageSpace();
    void encoderUnavailable();
    void stopsCleanly_data();
    void stopsCleanly();
    void sessionModeWaits();
    void recordingTurnsOnAndOff();
};

void TestRecorder::initTestCase()
{
    QVERIFY2(QFile::exists(recorderd()), qPrintable(recorderd()));
    if (QStandardPaths::findExecutable(QStringLiteral("ffprobe")).isEmpty())
        QFAIL("ffprobe is missing (scripts/setup-deps installs ffmpeg)");
}

void TestRecorder::tenSecondRun()
{
    Stack stack(QStringLiteral("[recording]\nsegment_duration=3s\n"));
    stack.start();
    QTRY_VERIFY_WITH_TIMEOUT(!stack.recordingFiles().isEmpty(), kWaitMs);
    QElapsedTimer wall;
    wall.start();
    QTRY_COMPARE_WITH_TIMEOUT(stack.state(), QStringLiteral("recording"),
                              kWaitMs);
    QTest::qWait(10000); // the scenario: ten seconds of recording
    const double wallSeconds = double(wall.elapsed()) / 1000;
    const QJsonObject running = stack.heartbeat();
    QCOMPARE(running.value(QStringLiteral("state")).toString(), QStringLiteral("recording"));
    QCOMPARE(running.value(QStringLiteral("recording_active")).toBool(), true);
    QVERIFY(running.value(QStringLiteral("current_file")).toString().startsWith(stack.recordingsDir()));
    QCOMPARE(running.value(QStringLiteral("encoder")).toString(), QStringLiteral("libx264"));
    QVERIFY(qAbs(running.value(QStringLiteral("fps")).toDouble() - kFps) < 3);
    QVERIFY(running.value(QStringLiteral("frames_captured")).toInteger() >= 9 * kFps);
    QVERIFY(running.value(QStringLiteral("disk_total_bytes")).toInteger() > 0);
    QVERIFY(running.value(QStringLiteral("uptime_seconds")).toDouble() >= 9); // the heartbeat may be 200 ms old
    QCOMPARE(running.value(QStringLiteral("error_count")).toInteger(), 0);
    stack.stop();

    const QStringList files = stack.recordingFiles();
    QVERIFY2(files.size() >= 3, qPrintable(files.join(QLatin1Char(' '))));
    double total = 0;
    for (const QString &file : files) {
        QCOMPARE(probe(file, QStringLiteral("stream=codec_name")), QStringLiteral("h264"));
        QCOMPARE(probe(file, QStringLiteral("stream=width")).toInt(), kWidth);
        QCOMPARE(probe(file, QStringLiteral("stream=height")).toInt(), kHeight);
        QCOMPARE(probe(file, QStringLiteral("stream=r_frame_rate")), QStringLiteral("%1/1").arg(kFps));
        // Every file starts with a keyframe: segments roll at keyframes.
        const QString firstFlags = QString::fromUtf8(run(QStringLiteral("ffprobe"),
            {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-select_streams"), QStringLiteral("v"),
             QStringLiteral("-show_entries"), QStringLiteral("packet=flags"), QStringLiteral("-read_intervals"),
             QStringLiteral("%+#1"), QStringLiteral("-of"), QStringLiteral("default=nw=1:nk=1"), file})).trimmed();
        QVERIFY2(firstFlags.startsWith(QLatin1Char('K')), qPrintable(file + QStringLiteral(": ") + firstFlags));
        verifyDecodes(file);
        total += fileDuration(file);
    }
    QVERIFY2(qAbs(total - wallSeconds) <= 0.5,
             qPrintable(QStringLiteral("files hold %1 s, wall time %2 s").arg(total).arg(wallSeconds)));

    const QList<Row> rows = stack.catalogRows();
    QCOMPARE(rows.size(), files.size());
    for (int i = 0; i < rows.size(); ++i) {
        QCOMPARE(rows[i].state, QStringLiteral("complete"));
        QVERIFY(qAbs(rows[i].durationSeconds - fileDuration(rows[i].path)) < 0.05);
        // Back to back: each file ends where the next starts, so no frame is lost between them.
        if (i + 1 < rows.size())
            QVERIFY2(qAbs(rows[i].endMs - rows[i + 1].startMs) <= 1,
                     qPrintable(QStringLiteral("gap of %1 ms").arg(rows[i + 1].startMs - rows[i].endMs)));
    }
    const QJsonObject heartbeat = stack.heartbeat();
    QCOMPARE(heartbeat.value(QStringLiteral("frames_dropped")).toInteger(), 0);
    QCOMPARE(heartbeat.value(QStringLiteral("camera")).toString(), QStringLiteral("testpattern"));
    QVERIFY(heartbeat.value(QStringLiteral("bytes_written")).toInteger() > 0);
    stack.verifyCatalogMatchesDisk();
}

void TestRecorder::sigkillIsRecovered_data()
{
    QTest::addColumn<QStringList>("environment");
    QTest::newRow("SPS/PPS in extradata (libx264)") << QStringList();
    // What h264_v4l2m2m does on a Pi 4: the writer must take them from the first keyframe.
    QTest::newRow("SPS/PPS in-band only (as h264_v4l2m2m)")
        << QStringList{QString::fromLatin1(H264Encoder::kInbandHeadersVariable)};
}

void TestRecorder::sigkillIsRecovered()
{
    QFETCH(QStringList, environment);
    Stack stack(QStringLiteral("[recording]\nsegment_duration=1min\n"));
    stack.start(environment);
    QTRY_VERIFY_WITH_TIMEOUT(!stack.recordingFiles().isEmpty(), kWaitMs);
    QTest::qWait(4500); // four and a half seconds into the file: the last fragment is incomplete
    const qint64 killedAtMs = QDateTime::currentMSecsSinceEpoch();
    stack.kill();
    const QString cut = stack.recordingFiles().constFirst();

    stack.start(environment);
    QTRY_COMPARE_WITH_TIMEOUT(stack.state(), QStringLiteral("recording"),
                              kWaitMs);
    stack.stop();

    const QList<Row> rows = stack.catalogRows();
    QVERIFY(!rows.isEmpty());
    QCOMPARE(rows.first().path, cut);
    QCOMPARE(rows.first().state, QStringLiteral("recovered"));
    verifyDecodes(cut);
    // Recorded: from the file's first frame (its catalog start) to the kill.
    const double recordedSeconds = double(killedAtMs - rows.first().startMs) / 1000;
    QVERIFY(recordedSeconds > 4);
    const double kept = fileDuration(cut);
    QVERIFY2(kept >= recordedSeconds - 1.5,
             qPrintable(QStringLiteral("kept %1 s of %2 s").arg(kept).arg(recordedSeconds)));
    QVERIFY(qAbs(rows.first().durationSeconds - kept) < 0.05);
    for (const QString &file : stack.recordingFiles()) {
        verifyDecodes(file);
        QCOMPARE(avcCVersion(file), 1);
    }
    stack.verifyCatalogMatchesDisk();
}

void TestRecorder::badConfiguration_data()
{
    QTest::addColumn<QString>("camera");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown source") << QStringLiteral("source=webcam") << QStringLiteral("source");
    QTest::newRow("odd width") << QStringLiteral("source=testpattern\nwidth=321") << QStringLiteral("even width");
    QTest::newRow("odd height") << QStringLiteral("source=testpattern\nheight=241") << QStringLiteral("even height");
    QTest::newRow("impossible fps") << QStringLiteral("source=testpattern\nwidth=4096\nheight=2160\nfps=240")
                                    << QStringLiteral("cannot draw");
    QTest::newRow("missing file") << QStringLiteral("source=file:/nonexistent/video.mp4")
                                  << QStringLiteral("no such file: /nonexistent/video.mp4");
    QTest::newRow("directory as file") << QStringLiteral("source=file:/") << QStringLiteral("not a regular file: /");
    QTest::newRow("not a video") << QStringLiteral("source=file:{dir}/notes.txt") << QStringLiteral("notes.txt");
    QTest::newRow("relative file") << QStringLiteral("source=file:video.mp4") << QStringLiteral("absolute path");
    QTest::newRow("unknown sound source") << QStringLiteral("source=testpattern\n[audio]\nsource=usb")
                                          << QStringLiteral("alsa:DEVICE");
    QTest::newRow("sound rate AAC cannot carry") << QStringLiteral("source=testpattern\n[audio]\nsource=testtone\nsample_rate=44000")
                                                 << QStringLiteral("[audio] sample_rate=44000: AAC allows 8000, 11025");
    QTest::newRow("three sound channels") << QStringLiteral("source=testpattern\n[audio]\nsource=testtone\nchannels=3")
                                          << QStringLiteral("channels");
}

void TestRecorder::badConfiguration()
{
    QFETCH(QString, camera);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    camera.replace(QStringLiteral("{dir}"), dir.path());
    QFile notes(dir.filePath(QStringLiteral("notes.txt")));
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("not a video\n");
    notes.close();
    QFile config(dir.filePath(QStringLiteral("recorder.conf")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("[paths]\nruntime_dir=%1/run\nstate_dir=%1/state\nlog_dir=%1/log\n[camera]\n%2\n")
                     .arg(dir.path(), camera)
                     .toUtf8());
    config.close();
    QProcess process;
    process.start(recorderd(), {QStringLiteral("--config"), config.fileName()});
    QVERIFY(process.waitForFinished(kWaitMs));
    const QString output = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitCode(), 78);
    QCOMPARE(output.count(QLatin1Char('\n')), 1);
    QVERIFY2(output.contains(expected), qPrintable(output));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("state/catalog.db"))));
}

void TestRecorder::stalledSourceRecovers()
{
    Stack stack(QStringLiteral("[recording]\nsegment_duration=1min\n"));
    stack.start();
    QTRY_COMPARE_WITH_TIMEOUT(stack.state(), QStringLiteral("recording"),
                              kWaitMs);
    // `recording` is the controller's decision; the first file opens with the next frame.
    QTRY_VERIFY_WITH_TIMEOUT(stack.heartbeat().value(QStringLiteral("recording_active")).toBool(), kWaitMs);
    QFile stall(stack.stallFile());
    QVERIFY(stall.open(QIODevice::WriteOnly));
    stall.close();

    QTRY_COMPARE_WITH_TIMEOUT(stack.state(), QStringLiteral("error"),
                              kWaitMs);
    QVERIFY(stack.heartbeat().value(QStringLiteral("last_error")).toString().contains(QStringLiteral("no frame")));
    QTRY_COMPARE_WITH_TIMEOUT(stack.heartbeat().value(QStringLiteral("recording_active")).toBool(), false, kWaitMs);
    // It keeps retrying (reopen, timeout again) without exiting.
    QTRY_VERIFY_WITH_TIMEOUT(stack.heartbeat().value(QStringLiteral("error_count")).toInteger() >= 2, kWaitMs);
    QCOMPARE(stack.process().state(), QProcess::Running);

    QVERIFY(QFile::remove(stack.stallFile()));
    QTRY_COMPARE_WITH_TIMEOUT(stack.state(), QStringLiteral("recording"),
                              kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(stack.recordingFiles().size(), 2, kWaitMs);
    stack.stop();

    for (const QString &file : stack.recordingFiles())
        verifyDecodes(file);
    const QList<Row> rows = stack.catalogRows();
    QCOMPARE(rows.size(), 2);
    for (const Row &row : rows)
        QCOMPARE(row.state, QStringLiteral("complete"));
    stack.verifyCatalogMatchesDisk();
}

void TestRecorder::missingCamera_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    // recorderd's own words, whatever libcamera says: 0.0.3 starts and lists no camera, 0.5 and
    // later fail to start ("Failed to start camera manager: No such device"); tst_camerabuffers
    // checks that the second maps to the same words.
    QTest::newRow("libcamera") << QStringLiteral("libcamera")
                               << QStringLiteral("camera error: libcamera: no libcamera camera found");
    QTest::newRow("v4l2") << QStringLiteral("v4l2:/dev/video-recorder-test")
                          << QStringLiteral("camera error: v4l2:/dev/video-recorder-test: no such device "
                                            "/dev/video-recorder-test (camera unplugged?)");
}

// Without a camera (CI, a Pi with none attached), the hardware sources get as far as "not found":
// an error state with the reason, in the same words on every libcamera, retried, never an exit.
void TestRecorder::missingCamera()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    Stack stack(QString(), source);
    stack.start();
    QTRY_COMPARE_WITH_TIMEOUT(stack.state(), QStringLiteral("error"), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(stack.heartbeat().value(QStringLiteral("error_count")).toInteger() >= 2, kWaitMs);
    QCOMPARE(stack.heartbeat().value(QStringLiteral("last_error")).toString(), expected);
    QCOMPARE(stack.process().state(), QProcess::Running);
    stack.stop();
    QVERIFY(stack.recordingFiles().isEmpty());
    stack.verifyCatalogMatchesDisk();
}

void TestRecorder::fileSourceIsScaled()
{
    QTemporaryDir input;
    const QString clip = input.filePath(QStringLiteral("clip.mp4"));
    int exitCode = -1;
    run(QStringLiteral("ffmpeg"),
        {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-f"), QStringLiteral("lavfi"),
         QStringLiteral("-i"), QStringLiteral("testsrc2=size=160x120:rate=10:duration=1"), QStringLiteral("-c:v"),
         QStringLiteral("libx264"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"), clip},
        &exitCode);
    QCOMPARE(exitCode, 0);
    // The one-second clip loops for the three seconds recorded.
    Stack stack(QString(), QStringLiteral("file:") + clip);
    stack.start();
    QTRY_COMPARE_WITH_TIMEOUT(stack.state(), QStringLiteral("recording"),
                              kWaitMs);
    QTest::qWait(3000);
    stack.stop();
    const QStringList files = stack.recordingFiles();
    QCOMPARE(files.size(), 1);
    QCOMPARE(probe(files.first(), QStringLiteral("stream=width")).toInt(), kWidth);
    QCOMPARE(probe(files.first(), QStringLiteral("stream=height")).toInt(), kHeight);
    QVERIFY(fileDuration(files.first()) > 2.5);
    verifyDecodes(files.first());
    QCOMPARE(stack.heartbeat().value(QStringLiteral("camera")).toString(), QStringLiteral("file:") + clip);
    stack.verifyCatalogMatchesDisk();
}

// Retention cannot free 1000 TB: no file is started, the state says why, the recorder keeps running
// (tst_retention covers freeing space and the resume with an injected free-space probe).
void TestRecorder::noStorageSpace()
{
    Stack stack(QStringLiteral("[storage]\nmin_free=1000TB\n"));
    stack.start();
    QTRY_COMPARE_WITH_TIMEOUT(stack.state(), QStringLiteral("error"), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(stack.heartbeat().value(QStringLiteral("last_error")).toString().contains(
                                 QStringLiteral("insufficient storage space")),
                             kWaitMs);
    QCOMPARE(stack.heartbeat().value(QStringLiteral("recording_active")).toBool(), false);
    QVERIFY(stack.heartbeat().value(QStringLiteral("frames_dropped")).toInteger() > 0);
    stack.stop();
    QVERIFY(stack.recordingFiles().isEmpty());
    stack.verifyCatalogMatchesDisk();
}

// Forcing the hardware encoder where there is none: an error with the reason, retried, no file,
// no crash.
void TestRecorder::encoderUnavailable()
{
    Stack stack(QStringLiteral("[encoder]\nencoder=h264_v4l2m2m\n"));
    stack.start();
    QTRY_COMPARE_WITH_TIMEOUT(stack.state(), QStringLiteral("error"), kWaitMs);
    QVERIFY2(stack.heartbeat().value(QStringLiteral("last_error")).toString().startsWith(
                 QStringLiteral("encoder error: h264_v4l2m2m failed to open")),
             qPrintable(stack.heartbeat().value(QStringLiteral("last_error")).toString()));
    QCOMPARE(stack.process().state(), QProcess::Running);
    stack.stop();
    QVERIFY(stack.recordingFiles().isEmpty());
    stack.verifyCatalogMatchesDisk();
}

void TestRecorder::stopsCleanly_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

// The current file is finished (complete row, plays to its end) and recorderd exits 0 within 5 s.
void TestRecorder::stopsCleanly()
{
    QFETCH(int, signalNumber);
    Stack stack;
    stack.start();
    QTRY_COMPARE_WITH_TIMEOUT(stack.state(), QStringLiteral("recording"), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(stack.heartbeat().value(QStringLiteral("frames_captured")).toInteger() > 2 * kFps,
                             kWaitMs);
    stack.stop(signalNumber);
    QCOMPARE(stack.heartbeat().value(QStringLiteral("state")).toString(), QStringLiteral("stopping"));
    const QList<Row> rows = stack.catalogRows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().state, QStringLiteral("complete"));
    QVERIFY(rows.first().endMs > rows.first().startMs);
    verifyDecodes(rows.first().path);
    QVERIFY(qAbs(fileDuration(rows.first().path) - rows.first().durationSeconds) < 0.05);
    stack.verifyCatalogMatchesDisk();
}

// Session mode without a session: capturing (frames counted), state ready, nothing written.
void TestRecorder::sessionModeWaits()
{
    Stack stack(QStringLiteral("[recording]\nmode=session\n"));
    stack.start();
    QTRY_COMPARE_WITH_TIMEOUT(stack.state(), QStringLiteral("ready"), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(stack.heartbeat().value(QStringLiteral("frames_captured")).toInteger() > 2 * kFps,
                             kWaitMs);
    QCOMPARE(stack.heartbeat().value(QStringLiteral("recording_active")).toBool(), false);
    QCOMPARE(stack.heartbeat().value(QStringLiteral("frames_dropped")).toInteger(), 0);
    stack.stop();
    QVERIFY(stack.recordingFiles().isEmpty());
    stack.verifyCatalogMatchesDisk();
}

// The control layer's use of Recorder, in process: recording on (session a), off, on (session b).
void TestRecorder::recordingTurnsOnAndOff()
{
    Stack stack(QStringLiteral("[recording]\nmode=session\n"));
    const Config::Result loaded = Config::load(stack.configFile(), true);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    std::unique_ptr<Recorder> recorder = std::make_unique<Recorder>(loaded.config);
    // The preview's view: every captured picture, at the configured size, on the capture thread.
    std::atomic<int> hooked{0};
    std::atomic<bool> hookSizeOk{true};
    recorder->setFrameHook([&](const AVFrame *picture) {
        hookSizeOk = hookSizeOk && picture->width == kWidth && picture->height == kHeight;
        ++hooked;
    });
    QSignalSpy opened(recorder.get(), &RecordingEngine::opened);
    QSignalSpy fileOpened(recorder.get(), &RecordingEngine::fileOpened);
    QSignalSpy fileClosed(recorder.get(), &RecordingEngine::fileClosed);
    QSignalSpy recordingStopped(recorder.get(), &RecordingEngine::recordingStopped);
    QSignalSpy failed(recorder.get(), &RecordingEngine::failed);
    QSignalSpy stopped(recorder.get(), &Recorder::stopped);
    QCOMPARE(recorder->start(), QString());
    // The engine reports; it opens the camera when asked and writes nothing until told to.
    recorder->open();
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(recorder->counters().framesCaptured > kFps, kWaitMs);
    QCOMPARE(fileOpened.count(), 0);

    recorder->startRecording(QStringLiteral("a"));
    QTRY_COMPARE_WITH_TIMEOUT(fileOpened.count(), 1, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(recorder->counters().framesWritten > kFps, kWaitMs);
    recorder->stopRecording();
    QTRY_COMPARE_WITH_TIMEOUT(recordingStopped.count(), 1, kWaitMs);
    // The file is closed on disk, with its real state, before recordingStopped().
    QCOMPARE(fileClosed.count(), 1);
    QCOMPARE(fileClosed.first().at(1).toString(), QStringLiteral("complete"));
    recorder->startRecording(QStringLiteral("b"));
    QTRY_COMPARE_WITH_TIMEOUT(fileOpened.count(), 2, kWaitMs);
    recorder->stop();
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, kWaitMs);
    QCOMPARE(fileClosed.count(), 2);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(qint64(hooked), recorder->pipelineCounters().framesCaptured.load());
    QVERIFY(hookSizeOk);
    recorder.reset();

    const QList<Row> rows = stack.catalogRows();
    QCOMPARE(rows.size(), 2);
    QSqlDatabase db;
    QCOMPARE(CatalogSchema::open(stack.path() + QStringLiteral("/state/catalog.db"), QStringLiteral("sessions"), true,
                                 &db),
             QString());
    {
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT session_id, state FROM recordings ORDER BY start_time_ms")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("a"));
        QCOMPARE(query.value(1).toString(), QStringLiteral("complete"));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("b"));
        QCOMPARE(query.value(1).toString(), QStringLiteral("complete"));
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("sessions"));
    for (const QString &file : stack.recordingFiles())
        verifyDecodes(file);
    stack.verifyCatalogMatchesDisk();
}

QTEST_GUILESS_MAIN(TestRecorder)
#include "tst_recorder.moc"
