// SPDX-License-Identifier: MIT
// Tests the sound path below recorderd on a fake clock and a fake microphone: a device unplugged and
// back, a device clock 0.1 % fast or slow, a stamp in the future, and the writer's dropped sound in
// the heartbeat. AudioWorker, WriterThread and SegmentWriter are the real ones.
#include "audio/aacencoder.h"
#include "audio/audioworker.h"
#include "capture/testpatternsource.h"
#include "encode/h264encoder.h"
#include "encode/packetqueue.h"
#include "encode/segmentwriter.h"
#include "encode/writerthread.h"
#include "pipelinecounters.h"
#include "recorder.h"

#include "decodedrecording.h"
#include "fakeaudiosource.h"
#include "fakerecordingengine.h"
#include "heartbeatbuilder.h"
#include "sessioncontroller.h"

#include <QMutex>
#include <QTemporaryDir>
#include <QTest>

extern "C" {
#include <libavcodec/avcodec.h>
}

#include <cmath>
#include <memory>

namespace {

constexpr int kFps = 10;
constexpr int kRate = 48000;
constexpr qint64 kTickUs = 20'000; // AudioWorker's timer interval
constexpr qint64 kEpochUs = 1'000'000'000; // the capture clock's time 0 on the fake CLOCK_MONOTONIC
constexpr qint64 kWallUs = 1'790'000'000'000'000; // wall time of video frame 0
constexpr double kSyncTargetSeconds = 0.040;

struct ParametersDeleter {
    void operator()(AVCodecParameters *parameters) const { avcodec_parameters_free(&parameters); }
};

// A small picture keeps the video's share of each run small.
H264Encoder::Settings tinyVideo()
{
    H264Encoder::Settings settings;
    settings.encoder = QStringLiteral("libx264");
    settings.width = 64;
    settings.height = 48;
    settings.fps = kFps;
    settings.keyframeInterval = 1;
    return settings;
}

// The sound track's parameters, as Recorder hands them to the writer.
std::shared_ptr<AVCodecParameters> trackOf(const AacEncoder &aac)
{
    std::shared_ptr<AVCodecParameters> track(avcodec_parameters_alloc(), ParametersDeleter());
    aac.copyParameters(track.get());
    return track;
}

// Counts log lines that contain a text, from any thread; still prints them.
class LogCounter
{
public:
    LogCounter()
    {
        s_self = this;
        m_previous = qInstallMessageHandler(&LogCounter::handle);
    }
    ~LogCounter()
    {
        qInstallMessageHandler(m_previous);
        s_self = nullptr;
    }
    int count(const QString &text) const
    {
        QMutexLocker lock(&m_mutex);
        int n = 0;
        for (const QString &line : m_lines)
            n += line.contains(text) ? 1 : 0;
        return n;
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        {
            QMutexLocker lock(&s_self->m_mutex);
            s_self->m_lines.append(message);
        }
        s_self->m_previous(type, context, message);
    }
    static inline LogCounter *s_self = nullptr;
    QtMessageHandler m_previous = nullptr;
    mutable QMutex m_mutex;
    QStringList m_lines;
};

// The pipeline from the audio worker and the video encoder to the file, on a fake clock the test
// moves in the audio worker's 20 ms ticks: the capture thread is the test's loop, the writer
// thread is the real one.
class Rig
{
public:
    qint64 nowUs = kEpochUs;
    PipelineCounters counters;
    PacketQueue queue{10, 64 * 1024 * 1024, kFps};
    FakeAudioSource *mic = nullptr; // owned by the worker
    qint64 frames = 0;              // video frames captured
    qint64 framesRefused = 0;       // the writer's queue was full

    ~Rig()
    {
        // A test that failed half-way still ends the writer thread before it is destroyed.
        queue.close();
        if (m_writer)
            m_writer->wait();
    }

    QString start(double segmentSeconds = 600)
    {
        AudioSource::Settings audio;
        audio.sampleRate = kRate;
        auto aac = std::make_unique<AacEncoder>();
        const QString aacError = aac->open({kRate, 1, 64000});
        if (!aacError.isEmpty())
            return aacError;
        const std::shared_ptr<AVCodecParameters> track = trackOf(*aac);
        const QString videoError = m_video.open(tinyVideo());
        if (!videoError.isEmpty())
            return videoError;
        m_pattern = std::make_unique<TestPatternSource>(TestPatternSource::Settings{64, 48, kFps}, true);
        const QString patternError = m_pattern->open();
        if (!patternError.isEmpty())
            return patternError;

        WriterItem stream;
        stream.kind = WriterItem::Kind::Stream;
        stream.parameters.reset(avcodec_parameters_alloc());
        avcodec_parameters_from_context(stream.parameters.get(), m_video.context());
        stream.text = m_video.name();
        queue.pushControl(std::move(stream));
        SegmentWriter::Settings settings;
        settings.recordingsDir = m_dir.path();
        settings.segmentSeconds = segmentSeconds;
        settings.fps = kFps;
        settings.audio = track;
        SegmentWriter::Hooks hooks;
        hooks.fileFinished = [this](const RecordingInfo &info, const QString &state) {
            m_files.append(state == QLatin1String("complete") ? info.path : QString());
        };
        m_writer = std::make_unique<WriterThread>(settings, hooks, queue, counters);
        m_writer->start();

        auto source = std::make_unique<FakeAudioSource>(audio, [this] { return nowUs; });
        mic = source.get();
        m_worker = std::make_unique<AudioWorker>(std::move(source), std::move(aac), audio, queue, counters,
                                                 [this] { return nowUs; });
        m_worker->start(kEpochUs);
        return QString();
    }

    // Moves the capture clock to `seconds` after its epoch, tick by tick, with a video frame
    // every 1/fps.
    void runUntil(double seconds)
    {
        const qint64 endUs = kEpochUs + qint64(std::llround(seconds * 1e6));
        while (nowUs < endUs) {
            nowUs += kTickUs;
            m_worker->tick();
            while (kEpochUs + frames * 1'000'000 / kFps <= nowUs)
                captureFrame();
        }
    }

    // Stops sound and video as Recorder does; returns the files written (an empty name for a file
    // that did not finish `complete`).
    QStringList finishAll()
    {
        m_worker->stop();
        m_video.encode(nullptr, 0, sink());
        queue.close();
        m_writer->wait();
        return m_files;
    }
    // The same for a run that fits in one file: its name, or why there is none.
    QString finish()
    {
        const QStringList files = finishAll();
        if (files.size() != 1 || files.constFirst().isEmpty())
            return QStringLiteral("expected one complete file, got [%1]").arg(files.join(QLatin1String(", ")));
        return files.constFirst();
    }

    QString audioState() const { return Recorder::pipelineSnapshot(counters).audio; }

private:
    H264Encoder::PacketSink sink()
    {
        return [this](AVPacket *packet) {
            AVPacketPtr copy(av_packet_alloc());
            av_packet_move_ref(copy.get(), packet);
            const qint64 wallUs = kWallUs + copy->pts * 1'000'000 / kFps;
            if (!queue.pushPacket(std::move(copy), wallUs))
                ++framesRefused;
            return QString();
        };
    }

    void captureFrame()
    {
        Frame frame;
        QString error;
        if (m_pattern->grab(frames * 1'000'000 / kFps, frame, error) == Source::Grab::Frame)
            m_video.encode(frame.picture.get(), frames, sink());
        ++frames;
    }

    QTemporaryDir m_dir;
    H264Encoder m_video;
    std::unique_ptr<TestPatternSource> m_pattern;
    std::unique_ptr<WriterThread> m_writer;
    std::unique_ptr<AudioWorker> m_worker;
    QStringList m_files; // written by the syncer's thread; read after the writer thread ended
};

// The loudest sound between two capture-clock times, in whichever files hold them.
float peakBetween(const QList<DecodedRecording> &files, double from, double to)
{
    float loudest = 0;
    for (const DecodedRecording &d : files)
        loudest = qMax(loudest, d.peak(from - d.captureClock, to - d.captureClock));
    return loudest;
}

// How far the click of capture-clock second `second` sits from where the video puts it (seconds;
// positive: the sound is late), or NaN if there is no click within half a second.
double clickOffset(const DecodedRecording &d, const QList<double> &onsets, int second)
{
    const double videoTime = second - d.captureClock; // file time of the frame at that second
    double best = std::nan("");
    for (double onset : onsets) {
        if (std::fabs(onset - videoTime) < 0.5 && !(std::fabs(onset - videoTime) >= std::fabs(best)))
            best = onset - videoTime;
    }
    return best;
}

} // namespace

class TestAudioWorker : public QObject
{
    Q_OBJECT

private slots:
    void unpluggedMicrophone_data();
    void unpluggedMicrophone();
    void driftIsCorrected_data();
    void driftIsCorrected();
    void futureStampPadsOnlyToNow();
    void writerDropsReachHeartbeat();
};

void TestAudioWorker::unpluggedMicrophone_data()
{
    QTest::addColumn<int>("how");
    QTest::newRow("stalls") << int(FakeAudioSource::Unplug::Stall);
    QTest::newRow("fails") << int(FakeAudioSource::Unplug::Error);
}

// The microphone delivers for 2 s, is unplugged (its reads stall or fail, its opens fail), and comes
// back at 9 s: `missing` in between and logged once, `ok` again after; the video never loses a
// frame. 5 s files, so that one lies wholly in the outage: each file's sound track is one unbroken
// run of packets as long as its video, silent (decoded peak under 1e-3) while the device was away
// and the microphone's own sound, in sync, after.
void TestAudioWorker::unpluggedMicrophone()
{
    QFETCH(int, how);
    LogCounter log;
    Rig rig;
    QCOMPARE(rig.start(5), QString());
    rig.runUntil(2.0);
    QCOMPARE(rig.audioState(), QStringLiteral("ok"));
    rig.mic->unplug(FakeAudioSource::Unplug(how));
    rig.runUntil(3.5); // a stall is declared after a second without sound
    QCOMPARE(rig.audioState(), QStringLiteral("missing"));
    rig.runUntil(9.0); // retried with backoff, still missing
    QCOMPARE(rig.audioState(), QStringLiteral("missing"));
    rig.mic->plugIn();
    // Stopped between two frames: the last frame lasts 1/fps past its capture, sound only up to now.
    rig.runUntil(14.05);
    QCOMPARE(rig.audioState(), QStringLiteral("ok"));
    QCOMPARE(rig.mic->opens, 2);
    const QStringList files = rig.finishAll();

    QCOMPARE(log.count(QStringLiteral("sound source fake is missing")), 1);
    QCOMPARE(log.count(QStringLiteral("sound source fake is back")), 1);
    QCOMPARE(rig.framesRefused, 0);
    QCOMPARE(rig.counters.framesDropped(), 0);
    QCOMPARE(rig.counters.framesEncoded.load(), rig.frames);

    QCOMPARE(files.size(), 3);
    QList<DecodedRecording> decoded;
    for (const QString &file : files) {
        QVERIFY2(!file.isEmpty(), "a file did not finish complete");
        const DecodedRecording d = DecodedRecording::read(file);
        QVERIFY2(d.error.isEmpty(), qPrintable(file + QStringLiteral(": ") + d.error));
        QCOMPARE(d.audioGaps, 0);
        QVERIFY2(std::fabs(d.audioSeconds - d.videoSeconds) <= 1.0 / kFps,
                 qPrintable(QStringLiteral("%1: sound %2 s, video %3 s").arg(file).arg(d.audioSeconds).arg(d.videoSeconds)));
        decoded.append(d);
    }
    QVERIFY2(peakBetween(decoded, 0.3, 1.9) > FakeAudioSource::kToneLevel / 2, "no sound before the outage");
    const float outage = peakBetween(decoded, 2.3, 8.9);
    QVERIFY2(outage < 1e-3f, qPrintable(QStringLiteral("the outage is not silent: peak %1").arg(outage)));
    QVERIFY2(peakBetween(decoded, 10.5, 13.5) > FakeAudioSource::kToneLevel / 2, "no sound after the microphone came back");
    const DecodedRecording &last = decoded.constLast();
    const QList<double> onsets = last.clickOnsets();
    for (int second : {11, 12, 13}) {
        const double offset = clickOffset(last, onsets, second);
        QVERIFY2(std::fabs(offset) < kSyncTargetSeconds,
                 qPrintable(QStringLiteral("click of second %1 is %2 ms off").arg(second).arg(offset * 1000)));
    }
}

void TestAudioWorker::driftIsCorrected_data()
{
    QTest::addColumn<double>("clockRatio");
    QTest::newRow("0.1 % fast") << 1.001;
    QTest::newRow("0.1 % slow") << 0.999;
}

// A device clock 0.1 % off drifts 60 ms in a minute of sound, past the 40 ms target, unless the
// worker corrects it: every click of that minute stays within the target of its video frame.
void TestAudioWorker::driftIsCorrected()
{
    QFETCH(double, clockRatio);
    constexpr int kSeconds = 60;
    Rig rig;
    QCOMPARE(rig.start(), QString());
    rig.mic->clockRatio = clockRatio;
    rig.runUntil(kSeconds + 0.5);
    const QString file = rig.finish();
    QVERIFY2(file.endsWith(QLatin1String(".mp4")), qPrintable(file));

    const DecodedRecording d = DecodedRecording::read(file);
    QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
    QCOMPARE(d.audioGaps, 0);
    const QList<double> onsets = d.clickOnsets();
    double worst = 0;
    for (int second = 1; second <= kSeconds; ++second) {
        const double offset = clickOffset(d, onsets, second);
        QVERIFY2(!std::isnan(offset), qPrintable(QStringLiteral("no click for second %1").arg(second)));
        worst = std::fabs(offset) > std::fabs(worst) ? offset : worst;
    }
    const double first = clickOffset(d, onsets, 1), last = clickOffset(d, onsets, kSeconds);
    qInfo("A/V offset: %.1f ms at 1 s, %.1f ms at %d s, worst %.1f ms", first * 1000, last * 1000, kSeconds,
          worst * 1000);
    QVERIFY2(std::fabs(worst) < kSyncTargetSeconds, qPrintable(QStringLiteral("worst offset %1 ms").arg(worst * 1000)));
}

// The device's stamps jump ten minutes ahead (its clock stepped): the gap is padded only up to the
// capture clock's now, once logged, so the file's sound stays as long as its video.
void TestAudioWorker::futureStampPadsOnlyToNow()
{
    LogCounter log;
    Rig rig;
    QCOMPARE(rig.start(), QString());
    rig.runUntil(2.0);
    rig.mic->stampStepUs = 600'000'000;
    rig.runUntil(5.0);
    QCOMPARE(rig.audioState(), QStringLiteral("ok"));
    const QString file = rig.finish();
    QVERIFY2(file.endsWith(QLatin1String(".mp4")), qPrintable(file));
    QCOMPARE(log.count(QStringLiteral("ahead of the capture clock")), 1);

    const DecodedRecording d = DecodedRecording::read(file);
    QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
    QCOMPARE(d.audioGaps, 0);
    QVERIFY2(std::fabs(d.audioSeconds - d.videoSeconds) <= 1.0 / kFps,
             qPrintable(QStringLiteral("sound %1 s, video %2 s").arg(d.audioSeconds).arg(d.videoSeconds)));
    QCOMPARE(rig.counters.framesDropped(), 0);
}

// Sound that waited for video beyond the writer's limit (video stopped, sound went on) is counted
// by the writer thread, and the heartbeat's audio_frames_dropped adds it to the audio thread's own
// count; it never goes down, whatever either thread does next.
void TestAudioWorker::writerDropsReachHeartbeat()
{
    QTemporaryDir dir;
    PipelineCounters counters;
    AacEncoder aac;
    QCOMPARE(aac.open({kRate, 1, 64000}), QString());
    H264Encoder video;
    QCOMPARE(video.open(tinyVideo()), QString());
    TestPatternSource pattern({64, 48, kFps}, true);
    QCOMPARE(pattern.open(), QString());
    SegmentWriter::Settings settings;
    settings.recordingsDir = dir.path();
    settings.fps = kFps;
    settings.audio = trackOf(aac);
    SegmentWriter writer(settings, {}, counters);
    {
        AVCodecParametersPtr parameters(avcodec_parameters_alloc());
        avcodec_parameters_from_context(parameters.get(), video.context());
        writer.setStream(parameters.get(), video.name());
    }
    qint64 frame = 0;
    auto videoFor = [&](int count) {
        auto sink = [&](AVPacket *packet) { return writer.write(packet, kWallUs + packet->pts * 1'000'000 / kFps); };
        for (int i = 0; i < count; ++i, ++frame) {
            Frame picture;
            QString error;
            QCOMPARE(pattern.grab(frame * 1'000'000 / kFps, picture, error), Source::Grab::Frame);
            QCOMPARE(video.encode(picture.picture.get(), frame, sink), QString());
        }
    };
    qint64 samples = 0;
    auto soundFor = [&](int packets) {
        for (int i = 0; i < packets; ++i, samples += 1024) {
            AVPacketPtr packet(av_packet_alloc());
            QCOMPARE(av_new_packet(packet.get(), 8), 0);
            packet->pts = packet->dts = samples;
            packet->duration = 1024;
            writer.addAudio(std::move(packet));
        }
    };

    FakeRecordingEngine engine;
    SessionController controller(SessionController::Settings(), &engine);
    HeartbeatBuilder builder(&controller, &engine, 0);
    qint64 reported = 0;
    auto heartbeat = [&] {
        engine.setCounters(Recorder::pipelineSnapshot(counters));
        const qint64 now = builder.build().toJson().value(QStringLiteral("audio_frames_dropped")).toInteger(-1);
        if (now < reported)
            qWarning("audio_frames_dropped went down from %lld to %lld", reported, now);
        const bool monotonic = now >= reported;
        reported = now;
        return monotonic ? now : -1;
    };

    videoFor(10); // a file is open
    QVERIFY(writer.isOpen());
    counters.audioFramesDropped = 3; // the audio thread's own count, stored as it does
    QCOMPARE(heartbeat(), 3);
    // The video stops; 2000 AAC frames of sound arrive, half beyond what may wait.
    soundFor(2000);
    const qint64 waitLimit = 1000; // SegmentWriter's kMaxWaitingAudio
    QCOMPARE(counters.audioFramesDroppedWriter.load(), 2000 - waitLimit);
    QCOMPARE(heartbeat(), 3 + 2000 - waitLimit);
    counters.audioFramesDropped = 5; // the audio thread stores a new absolute count
    QCOMPARE(heartbeat(), 5 + 2000 - waitLimit);
    // The video comes back and takes what waited; the file is finished; sound with no file to go
    // into is not sound lost from a recording.
    videoFor(10);
    QCOMPARE(heartbeat(), 5 + 2000 - waitLimit);
    writer.finish();
    soundFor(1500);
    QCOMPARE(heartbeat(), 5 + 2000 - waitLimit);
    writer.waitForClosedFiles();
}

QTEST_GUILESS_MAIN(TestAudioWorker)
#include "tst_audioworker.moc"
