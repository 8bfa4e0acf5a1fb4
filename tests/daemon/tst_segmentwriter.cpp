// SPDX-License-Identifier: MIT
// Tests SegmentWriter with the real encoder: file names, keyframe-gated rollover, back-to-back files,
// a write that fails mid-file.
#include "capture/testpatternsource.h"
#include "encode/h264encoder.h"
#include "encode/segmentwriter.h"
#include "pipelinecounters.h"
#include "mediaprobe.h"

#include <QDateTime>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavcodec/packet.h>
#include <libavformat/avformat.h>
}

#include <csignal>
#include <sys/resource.h>

namespace {

// The stream a writer thread gets from the encoding thread.
void setStream(SegmentWriter &writer, const H264Encoder &encoder)
{
    AVCodecParameters *parameters = avcodec_parameters_alloc();
    avcodec_parameters_from_context(parameters, encoder.context());
    writer.setStream(parameters, encoder.name());
    avcodec_parameters_free(&parameters);
}

// libx264 at 64x48, `fps`, one keyframe a second.
H264Encoder::Settings smallEncoder(int fps)
{
    H264Encoder::Settings settings;
    settings.encoder = QStringLiteral("libx264");
    settings.width = 64;
    settings.height = 48;
    settings.fps = fps;
    return settings;
}

// Records `frames` pictures of the 64x48 test pattern through a SegmentWriter, the one at pts n
// captured at wallOf(n), drains the encoder and waits until every file is closed (the last close,
// with its sync and catalog hook, runs on the syncer's thread).
void recordTestPattern(H264Encoder &encoder, const SegmentWriter::Settings &settings, const SegmentWriter::Hooks &hooks,
                       PipelineCounters &counters, int frames, const std::function<qint64(qint64)> &wallOf)
{
    SegmentWriter writer(settings, hooks, counters);
    setStream(writer, encoder);
    auto sink = [&](AVPacket *packet) { return writer.write(packet, wallOf(packet->pts)); };
    TestPatternSource source({64, 48, settings.fps}, true);
    QCOMPARE(source.open(), QString());
    for (int i = 0; i < frames; ++i) {
        Frame frame;
        QString error;
        QCOMPARE(source.grab(i * 1'000'000 / settings.fps, frame, error), Source::Grab::Frame);
        QCOMPARE(encoder.encode(frame.picture.get(), i, sink), QString());
    }
    QCOMPARE(encoder.encode(nullptr, 0, sink), QString());
    writer.finish();
    writer.waitForClosedFiles();
}

// The wall time of frame n when the first is captured now.
std::function<qint64(qint64)> fromNow(int fps)
{
    const qint64 startUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    return [startUs, fps](qint64 pts) { return startUs + pts * 1'000'000 / fps; };
}

// Hooks that collect every finished file, each of which must be complete.
SegmentWriter::Hooks collectComplete(QList<RecordingInfo> &finished)
{
    SegmentWriter::Hooks hooks;
    hooks.fileFinished = [&finished](const RecordingInfo &info, const QString &state) {
        QCOMPARE(state, QStringLiteral("complete"));
        finished.append(info);
    };
    return hooks;
}

// What a player finds in a file: the sample description's first byte (1 for a filled avcC, -1 when
// empty) and the pictures it decodes with only that, from the first packet on.
struct Playback {
    int avcCVersion = -1;
    int packets = 0;
    int pictures = 0;
    int errors = 0;
    bool firstPacketDecodes = false;
};

Playback play(const QString &path)
{
    Playback result;
    AVFormatContext *format = nullptr;
    if (avformat_open_input(&format, QFile::encodeName(path).constData(), nullptr, nullptr) < 0)
        return result;
    const AVCodecParameters *video = format->streams[0]->codecpar;
    if (video->extradata_size > 0)
        result.avcCVersion = video->extradata[0];
    AVCodecContext *decoder = avcodec_alloc_context3(avcodec_find_decoder(video->codec_id));
    avcodec_parameters_to_context(decoder, video);
    decoder->flags2 |= AV_CODEC_FLAG2_SHOW_ALL; // no hiding of a broken first picture
    avcodec_open2(decoder, nullptr, nullptr);
    AVPacket *packet = av_packet_alloc();
    AVFrame *picture = av_frame_alloc();
    auto receive = [&] {
        while (avcodec_receive_frame(decoder, picture) >= 0) {
            if (result.pictures == 0 && picture->pts == 0 && !picture->decode_error_flags)
                result.firstPacketDecodes = true;
            ++result.pictures;
            av_frame_unref(picture);
        }
    };
    while (av_read_frame(format, packet) >= 0) {
        ++result.packets;
        if (avcodec_send_packet(decoder, packet) < 0)
            ++result.errors;
        av_packet_unref(packet);
        receive();
    }
    avcodec_send_packet(decoder, nullptr);
    receive();
    av_frame_free(&picture);
    av_packet_free(&packet);
    avcodec_free_context(&decoder);
    avformat_close_input(&format);
    return result;
}

} // namespace

class TestSegmentWriter : public QObject
{
    Q_OBJECT
private slots:
    void fileName_data();
    void fileName();
    void rollsOverAtKeyframes_data();
    void rollsOverAtKeyframes();
    void followsClockStep();
    void writeFailureCutsBackToLastFragment();
    void inbandHeadersFillAvcC();
};

void TestSegmentWriter::fileName_data()
{
    QTest::addColumn<QString>("timeZone");
    QTest::addColumn<bool>("utc");
    QTest::addColumn<QString>("expected");
    // 2026-11-26T23:30:05Z
    QTest::newRow("utc") << QStringLiteral("Europe/Berlin") << true
                         << QStringLiteral("/r/2026/11/26/recording_2026-11-26_233005.mp4");
    QTest::newRow("local east of utc, next day") << QStringLiteral("Europe/Berlin") << false
                                                 << QStringLiteral("/r/2026/11/27/recording_2026-11-27_003005.mp4");
    QTest::newRow("local west of utc") << QStringLiteral("America/New_York") << false
                                       << QStringLiteral("/r/2026/11/26/recording_2026-11-26_183005.mp4");
}

void TestSegmentWriter::fileName()
{
    QFETCH(QString, timeZone);
    QFETCH(bool, utc);
    QFETCH(QString, expected);
    const QByteArray saved = qgetenv("TZ");
    qputenv("TZ", timeZone.toLatin1());
    tzset();
    const qint64 wallUs = QDateTime(QDate(2026, 11, 26), QTime(23, 30, 5, 250), Qt::UTC).toMSecsSinceEpoch() * 1000;
    const QString name = SegmentWriter::fileNameFor(QStringLiteral("/r"), wallUs, utc);
    qputenv("TZ", saved);
    tzset();
    QCOMPARE(name, expected);
}

void TestSegmentWriter::rollsOverAtKeyframes_data()
{
    QTest::addColumn<double>("segmentSeconds");
    QTest::addColumn<double>("keyframeSeconds");
    QTest::addColumn<int>("expectedFiles");
    // 4 s of video at 10 fps.
    QTest::newRow("segment 1 s, keyframe 1 s") << 1.0 << 1.0 << 4;
    QTest::newRow("segment 1 s, keyframe 2 s: waits for the keyframe") << 1.0 << 2.0 << 2;
    QTest::newRow("segment 1.5 s, keyframe 0.5 s") << 1.5 << 0.5 << 3;
    QTest::newRow("segment longer than the run") << 60.0 << 1.0 << 1;
}

void TestSegmentWriter::rollsOverAtKeyframes()
{
    QFETCH(double, segmentSeconds);
    QFETCH(double, keyframeSeconds);
    QFETCH(int, expectedFiles);
    constexpr int kFps = 10;
    constexpr int kFrames = 40;
    QTemporaryDir dir;
    PipelineCounters counters;

    H264Encoder::Settings encoderSettings = smallEncoder(kFps);
    encoderSettings.keyframeInterval = keyframeSeconds;
    H264Encoder encoder;
    QCOMPARE(encoder.open(encoderSettings), QString());

    QList<RecordingInfo> started, finished;
    SegmentWriter::Hooks hooks;
    hooks.fileStarted = [&](const RecordingInfo &info) { started.append(info); };
    hooks.fileFinished = [&](const RecordingInfo &info, const QString &state) {
        QCOMPARE(state, QStringLiteral("complete"));
        finished.append(info);
    };
    SegmentWriter::Settings settings;
    settings.recordingsDir = dir.path();
    settings.segmentSeconds = segmentSeconds;
    settings.fps = kFps;
    recordTestPattern(encoder, settings, hooks, counters, kFrames, fromNow(kFps));
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(started.size(), expectedFiles);
    QCOMPARE(finished.size(), expectedFiles);
    qint64 frames = 0;
    double seconds = 0;
    for (int i = 0; i < finished.size(); ++i) {
        const RecordingInfo &info = finished.at(i);
        QVERIFY(QFileInfo(info.path).size() == info.sizeBytes);
        QVERIFY(info.lastError.isEmpty());
        frames += info.frames;
        seconds += info.durationSeconds;
        // Files are back to back, and two starting in the same second get distinct names.
        if (i > 0) {
            QCOMPARE(info.start, finished.at(i - 1).end);
            QVERIFY(info.path != finished.at(i - 1).path);
        }
        // A file (but the last) lasts at least a segment: rollover waits for a keyframe.
        if (i + 1 < finished.size())
            QVERIFY(info.durationSeconds >= segmentSeconds - 1e-9);
    }
    QCOMPARE(frames, qint64(kFrames));
    QCOMPARE(counters.framesEncoded.load(), qint64(kFrames));
    QCOMPARE(seconds, double(kFrames) / kFps);
    QCOMPARE(counters.framesDropped(), 0);
}

// The wall clock steps (NTP on a Pi without RTC) an hour ahead in the middle of the second file:
// that file keeps its time line, the third starts on the new clock.
void TestSegmentWriter::followsClockStep()
{
    constexpr int kFps = 10;
    constexpr qint64 kStepUs = 3600LL * 1'000'000;
    QTemporaryDir dir;
    PipelineCounters counters;
    H264Encoder encoder;
    QCOMPARE(encoder.open(smallEncoder(kFps)), QString());
    QList<RecordingInfo> finished;
    const SegmentWriter::Hooks hooks = collectComplete(finished);
    SegmentWriter::Settings settings;
    settings.recordingsDir = dir.path();
    settings.segmentSeconds = 1;
    settings.fps = kFps;
    const qint64 startUs = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() * 1000;
    auto wallOf = [&](qint64 index) { return startUs + index * 1'000'000 / kFps + (index >= 15 ? kStepUs : 0); };
    recordTestPattern(encoder, settings, hooks, counters, 30, wallOf);
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(finished.size(), 3);
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(startUs / 1000, Qt::UTC);
    QCOMPARE(finished[0].start, start);
    QCOMPARE(finished[1].start, start.addSecs(1));
    QCOMPARE(finished[2].start, start.addSecs(2 + 3600));
    QVERIFY(finished[2].path.endsWith(QStringLiteral("recording_2026-01-01_010002.mp4")));
}

// The disk fills in the middle of a file (here: the file size limit, which fails write() the same
// way): the file is cut back to its last whole fragment, says `recovered` with the frames and
// duration it really holds, plays cleanly, and no new file starts until retry().
void TestSegmentWriter::writeFailureCutsBackToLastFragment()
{
    constexpr int kFps = 10;
    QTemporaryDir dir;
    PipelineCounters counters;
    H264Encoder::Settings encoderSettings;
    encoderSettings.encoder = QStringLiteral("libx264");
    encoderSettings.width = 320;
    encoderSettings.height = 240;
    encoderSettings.fps = kFps;
    encoderSettings.keyframeInterval = 1;
    H264Encoder encoder;
    QCOMPARE(encoder.open(encoderSettings), QString());
    QList<QPair<RecordingInfo, QString>> finished;
    SegmentWriter::Hooks hooks;
    hooks.fileFinished = [&](const RecordingInfo &info, const QString &state) { finished.append({info, state}); };
    SegmentWriter::Settings settings;
    settings.recordingsDir = dir.path();
    settings.segmentSeconds = 60;
    settings.fragmentSeconds = 1;
    settings.fps = kFps;
    SegmentWriter writer(settings, hooks, counters);
    setStream(writer, encoder);
    TestPatternSource source({320, 240, kFps}, true);
    QCOMPARE(source.open(), QString());

    // Room for the header and a few fragments, then EFBIG (SIGXFSZ ignored) like ENOSPC.
    struct rlimit old {};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
    std::signal(SIGXFSZ, SIG_IGN);
    const qint64 startUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    QStringList errors;
    auto sink = [&](AVPacket *packet) {
        const QString error = writer.write(packet, startUs + packet->pts * 1'000'000 / kFps);
        if (!error.isEmpty())
            errors.append(error);
        return QString();
    };
    for (int i = 0; i < 80; ++i) {
        if (i == 35) {
            struct rlimit limited = old;
            limited.rlim_cur = rlim_t(counters.bytesWritten + 2000);
            QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
        }
        Frame frame;
        QString error;
        QCOMPARE(source.grab(i * 1'000'000 / kFps, frame, error), Source::Grab::Frame);
        QCOMPARE(encoder.encode(frame.picture.get(), i, sink), QString());
    }
    QCOMPARE(encoder.encode(nullptr, 0, sink), QString());
    writer.finish();
    writer.waitForClosedFiles();
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &old), 0);

    QCOMPARE(errors.size(), 1); // one error, then no new file until retry()
    QCOMPARE(finished.size(), 1);
    const RecordingInfo &info = finished.first().first;
    QCOMPARE(finished.first().second, QStringLiteral("recovered"));
    QVERIFY2(info.lastError.contains(QStringLiteral("File too large")), qPrintable(info.lastError));
    QCOMPARE(QFileInfo(info.path).size(), info.sizeBytes);
    // Whole fragments only: every frame the row counts is in the file and decodes.
    const MediaProbe::Result probe = MediaProbe::probe(info.path);
    QVERIFY2(probe.ok, qPrintable(probe.error));
    QCOMPARE(probe.frames, info.frames);
    QVERIFY(info.frames >= 30 && info.frames < 40);
    QCOMPARE(info.durationSeconds, double(info.frames) / kFps);
    QCOMPARE(counters.framesEncoded.load(), info.frames);
    QVERIFY(counters.framesDropped() > 0);
    const QByteArray decode = [&] {
        QProcess ffmpeg;
        ffmpeg.start(QStringLiteral("ffmpeg"), {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"),
                                                info.path, QStringLiteral("-f"), QStringLiteral("null"), QStringLiteral("-")});
        ffmpeg.waitForFinished(30000);
        return ffmpeg.readAllStandardError();
    }();
    QVERIFY2(decode.isEmpty(), decode.constData());
}

// An encoder that leaves extradata empty and puts SPS/PPS in-band only (h264_v4l2m2m; here libx264
// without the global-header flag): every file still gets a filled avcC and plays from its first
// frame, including files after the first.
void TestSegmentWriter::inbandHeadersFillAvcC()
{
    constexpr int kFps = 10;
    constexpr int kFrames = 25;
    QTemporaryDir dir;
    PipelineCounters counters;
    H264Encoder::Settings encoderSettings = smallEncoder(kFps);
    encoderSettings.globalHeader = false;
    H264Encoder encoder;
    QCOMPARE(encoder.open(encoderSettings), QString());
    QCOMPARE(encoder.context()->extradata_size, 0); // as h264_v4l2m2m leaves it
    QList<RecordingInfo> finished;
    const SegmentWriter::Hooks hooks = collectComplete(finished);
    SegmentWriter::Settings settings;
    settings.recordingsDir = dir.path();
    settings.segmentSeconds = 1;
    settings.fps = kFps;
    recordTestPattern(encoder, settings, hooks, counters, kFrames, fromNow(kFps));
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(finished.size(), 3);
    for (const RecordingInfo &info : finished) {
        const Playback playback = play(info.path);
        QCOMPARE(playback.avcCVersion, 1);
        QCOMPARE(playback.packets, int(info.frames));
        QCOMPARE(playback.errors, 0);
        QCOMPARE(playback.pictures, int(info.frames));
        QVERIFY(playback.firstPacketDecodes);
    }
    QCOMPARE(counters.framesEncoded.load(), qint64(kFrames));
    QCOMPARE(counters.framesDropped(), 0);
}

QTEST_GUILESS_MAIN(TestSegmentWriter)
#include "tst_segmentwriter.moc"
