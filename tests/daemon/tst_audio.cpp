// SPDX-License-Identifier: MIT
// Tests the sound track through recorderd: testtone files decode, last as long as the video and
// stay in sync with it; SIGKILL and recovery keep both tracks; a missing microphone never stops video.
#include "decodedrecording.h"
#include "recorderdharness.h"
#include "../../daemon/audio/avdevices.h"

#include <QDateTime>
#include <QJsonObject>
#include <QTest>

extern "C" {
#include <libavformat/avformat.h>
}

#include <algorithm>
#include <cmath>

namespace {

constexpr int kFps = 30;
constexpr int kRate = 48000;
constexpr int kWaitMs = RecorderdHarness::kWaitMs;

QString config(const QString &audioSource, const QString &segment)
{
    return QStringLiteral("[heartbeat]\ninterval=200ms\n"
                          "[camera]\nsource=testpattern\nwidth=320\nheight=240\nfps=%1\n"
                          "[encoder]\nkeyframe_interval=1s\nfragment_duration=1s\n"
                          "[storage]\nmin_free=0\n"
                          "[recording]\nsegment_duration=%2\n"
                          "[audio]\nsource=%3\nsample_rate=%4\n")
        .arg(kFps)
        .arg(segment, audioSource)
        .arg(kRate);
}

} // namespace

class TestAudio : public QObject
{
    Q_OBJECT

private slots:
    void testtoneFileIsInSync();
    void sigkillKeepsBothTracks();
    void missingMicrophoneNeverStopsVideo();
    void alsaDeviceRecordsSound();
};

void TestAudio::testtoneFileIsInSync()
{
    RecorderdHarness recorder(config(QStringLiteral("testtone"), QStringLiteral("3s")));
    recorder.start();
    QVERIFY(recorder.waitForHeartbeat([](const QJsonObject &beat) {
        return beat[QStringLiteral("audio")].toString() == QLatin1String("ok")
            && beat[QStringLiteral("audio_level_dbfs")].toDouble(-100) > -3; // the clicks are at 0.9 of full scale
    }));
    // Two whole segments, so that one file has a segment change at both ends.
    QTRY_VERIFY_WITH_TIMEOUT(recorder.recordingFiles().size() >= 3, kWaitMs);
    recorder.stop();
    QCOMPARE(recorder.currentHeartbeat().value(QStringLiteral("audio_frames_dropped")).toInteger(), 0);

    const QString middle = recorder.recordingFiles().at(1);
    const DecodedRecording d = DecodedRecording::read(middle);
    QVERIFY2(d.error.isEmpty(), qPrintable(middle + QStringLiteral(": ") + d.error));
    QCOMPARE(d.audioCodec, QStringLiteral("aac"));
    QVERIFY2(qAbs(d.audioSeconds - d.videoSeconds) <= 1.0 / kFps,
             qPrintable(QStringLiteral("sound %1 s, video %2 s").arg(d.audioSeconds).arg(d.videoSeconds)));
    QVERIFY(d.captureClock >= 0);

    // A click at every whole second of the capture clock inside the file, where the video clock puts
    // it. A file's sound sits up to half an AAC frame (10.7 ms at 48 kHz) off its video, so a click
    // within that of either end may have gone to the neighbouring file: such clicks are allowed, not
    // required.
    constexpr double kEdge = 0.015;
    const QList<double> onsets = d.clickOnsets();
    QStringList seen;
    for (double onset : onsets)
        seen.append(QString::number(onset, 'f', 4));
    const QString found = QStringLiteral("file starts at %1 s of the capture clock, video %2 s, sound from %3 s; clicks at [%4]")
                              .arg(d.captureClock, 0, 'f', 4).arg(d.videoSeconds, 0, 'f', 4)
                              .arg(d.audioStart, 0, 'f', 4).arg(seen.join(QLatin1String(", ")));
    const double firstSecond = std::ceil(d.captureClock + kEdge);
    const double lastSecond = std::floor(d.captureClock + d.videoSeconds - kEdge);
    QVERIFY2(lastSecond - firstSecond >= 1, qPrintable(found)); // a 3 s file holds at least two
    for (double second = firstSecond; second <= lastSecond; ++second) {
        const bool heard = std::any_of(onsets.cbegin(), onsets.cend(), [&](double onset) {
            return std::round(d.captureClock + onset) == second;
        });
        QVERIFY2(heard, qPrintable(QStringLiteral("no click for second %1: ").arg(second) + found));
    }
    for (double onset : onsets) {
        const double second = std::round(d.captureClock + onset);
        const double offsetMs = (onset - (second - d.captureClock)) * 1000;
        // Half an AAC frame (10.7 ms) at a file's start is the design's bound; 40 ms is the target.
        QVERIFY2(qAbs(offsetMs) < 15, qPrintable(QStringLiteral("click of second %1 is %2 ms off: ").arg(second).arg(offsetMs) + found));
    }
}

void TestAudio::sigkillKeepsBothTracks()
{
    RecorderdHarness recorder(config(QStringLiteral("testtone"), QStringLiteral("1min")));
    recorder.start();
    QTRY_VERIFY_WITH_TIMEOUT(!recorder.recordingFiles().isEmpty(), kWaitMs);
    QTest::qWait(3500); // three and a half seconds into the file: the last fragment is incomplete
    recorder.kill();
    const QString cut = recorder.recordingFiles().constFirst();

    recorder.start(); // recovery at start-up cuts the file back to its last whole fragment
    QTRY_COMPARE_WITH_TIMEOUT(recorder.state(), QStringLiteral("recording"), kWaitMs);
    recorder.stop();

    const QList<RecorderdHarness::CatalogRow> rows = recorder.catalogRows();
    QVERIFY(!rows.isEmpty());
    QCOMPARE(rows.first().path, cut);
    QCOMPARE(rows.first().state, QStringLiteral("recovered"));
    const DecodedRecording d = DecodedRecording::read(cut);
    QVERIFY2(d.error.isEmpty(), qPrintable(cut + QStringLiteral(": ") + d.error));
    QVERIFY2(d.videoSeconds >= 2, qPrintable(QStringLiteral("video %1 s").arg(d.videoSeconds)));
    // Each fragment carries both tracks up to the same instant, so the cut ends them together.
    QVERIFY2(qAbs(d.audioSeconds - d.videoSeconds) <= 1.0 / kFps,
             qPrintable(QStringLiteral("sound %1 s, video %2 s").arg(d.audioSeconds).arg(d.videoSeconds)));
}

void TestAudio::missingMicrophoneNeverStopsVideo()
{
    RecorderdHarness recorder(config(QStringLiteral("alsa:nonexistent"), QStringLiteral("2s")));
    recorder.start();
    QVERIFY(recorder.waitForHeartbeat([](const QJsonObject &beat) {
        return beat[QStringLiteral("audio")].toString() == QLatin1String("missing")
            && beat[QStringLiteral("recording_active")].toBool();
    }));
    // Past a segment change and a retry or two: video goes on, sound stays missing.
    QTRY_VERIFY_WITH_TIMEOUT(recorder.recordingFiles().size() >= 2, kWaitMs);
    const QJsonObject beat = recorder.currentHeartbeat();
    QCOMPARE(beat.value(QStringLiteral("audio")).toString(), QStringLiteral("missing"));
    QCOMPARE(beat.value(QStringLiteral("state")).toString(), QStringLiteral("recording"));
    QCOMPARE(beat.value(QStringLiteral("frames_dropped")).toInteger(), 0);
    recorder.stop();

    // The file keeps a sound track, silent and as long as its video (padded up to the capture
    // clock's now, not a device latency behind it): players and editors see the same layout either way.
    const DecodedRecording d = DecodedRecording::read(recorder.recordingFiles().constFirst());
    QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
    QVERIFY2(qAbs(d.audioSeconds - d.videoSeconds) <= 1.0 / kFps,
             qPrintable(QStringLiteral("sound %1 s, video %2 s").arg(d.audioSeconds).arg(d.videoSeconds)));
    QCOMPARE(d.audioGaps, 0);
    QVERIFY(!d.pcm.empty());
    QVERIFY(std::all_of(d.pcm.begin(), d.pcm.end(), [](float sample) { return std::fabs(sample) < 1e-3f; }));
}

// A real ALSA capture device through libavdevice: alsa-lib's null PCM opens without hardware.
// It delivers samples faster than real time; the worker's drift correction drops the excess.
void TestAudio::alsaDeviceRecordsSound()
{
    if (!AvDevices::load().isEmpty() || !av_find_input_format("alsa"))
        QSKIP("this FFmpeg has no libavdevice alsa input");
    AVFormatContext *probe = nullptr;
    if (avformat_open_input(&probe, "null", av_find_input_format("alsa"), nullptr) < 0)
        QSKIP("alsa-lib's null PCM cannot be opened here");
    avformat_close_input(&probe);

    RecorderdHarness recorder(config(QStringLiteral("alsa:null"), QStringLiteral("2s")));
    recorder.start();
    QVERIFY(recorder.waitForHeartbeat([](const QJsonObject &beat) {
        return beat[QStringLiteral("audio")].toString() == QLatin1String("ok")
            && beat[QStringLiteral("recording_active")].toBool();
    }));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.recordingFiles().size() >= 2, kWaitMs);
    QCOMPARE(recorder.currentHeartbeat().value(QStringLiteral("audio")).toString(), QStringLiteral("ok"));
    recorder.stop();

    const QString first = recorder.recordingFiles().constFirst();
    const DecodedRecording d = DecodedRecording::read(first);
    QVERIFY2(d.error.isEmpty(), qPrintable(first + QStringLiteral(": ") + d.error));
    QCOMPARE(d.audioCodec, QStringLiteral("aac"));
    QVERIFY2(qAbs(d.audioSeconds - d.videoSeconds) <= 1.0 / kFps,
             qPrintable(QStringLiteral("sound %1 s, video %2 s").arg(d.audioSeconds).arg(d.videoSeconds)));
}

QTEST_GUILESS_MAIN(TestAudio)
#include "tst_audio.moc"
