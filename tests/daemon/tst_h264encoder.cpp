// SPDX-License-Identifier: MIT
// Tests H264Encoder: keyframe interval, crf or bit rate, preset, conversion, and open failures.
#include "capture/testpatternsource.h"
#include "encode/h264encoder.h"

#include <QDir>
#include <QFile>
#include <QTest>
#include <QThread>

#include <pthread.h>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/opt.h>
}

class TestH264Encoder : public QObject
{
    Q_OBJECT
private slots:
    void settingsHonoured_data();
    void settingsHonoured();
    void convertsOtherSizes();
    void unknownEncoderFails();
    void encoderThreadsAreNamed();
};

void TestH264Encoder::settingsHonoured_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<int>("crf");
    QTest::addColumn<qint64>("bitrate");
    QTest::addColumn<double>("keyframeInterval");
    QTest::addColumn<int>("expectedGop"); // at 10 fps
    QTest::newRow("crf, keyframe every second") << QStringLiteral("ultrafast") << 23 << qint64(0) << 1.0 << 10;
    QTest::newRow("crf 30, keyframe every half second") << QStringLiteral("veryfast") << 30 << qint64(0) << 0.5 << 5;
    QTest::newRow("bit rate, keyframe every 2 s") << QStringLiteral("ultrafast") << 23 << qint64(300'000) << 2.0 << 20;
}

void TestH264Encoder::settingsHonoured()
{
    QFETCH(QString, preset);
    QFETCH(int, crf);
    QFETCH(qint64, bitrate);
    QFETCH(double, keyframeInterval);
    QFETCH(int, expectedGop);
    H264Encoder::Settings settings;
    settings.encoder = QStringLiteral("libx264");
    settings.preset = preset;
    settings.crf = crf;
    settings.bitrate = bitrate;
    settings.keyframeInterval = keyframeInterval;
    settings.width = 64;
    settings.height = 48;
    settings.fps = 10;
    H264Encoder encoder;
    QCOMPARE(encoder.open(settings), QString());
    QCOMPARE(encoder.name(), QStringLiteral("libx264"));
    const AVCodecContext *context = encoder.context();
    QCOMPARE(context->gop_size, expectedGop);
    QCOMPARE(context->max_b_frames, 0);
    QCOMPARE(context->bit_rate, bitrate);
    uint8_t *text = nullptr;
    QVERIFY(av_opt_get(context->priv_data, "preset", 0, &text) >= 0);
    QCOMPARE(QString::fromUtf8(reinterpret_cast<char *>(text)), preset);
    av_free(text);
    double crfValue = -1;
    QVERIFY(av_opt_get_double(context->priv_data, "crf", 0, &crfValue) >= 0);
    if (bitrate == 0)
        QCOMPARE(crfValue, double(crf));
    else
        QVERIFY(crfValue < 0); // unset: the bit rate rules

    // Keyframes exactly every expectedGop frames; packets in capture order.
    TestPatternSource source({64, 48, 10}, true);
    QCOMPARE(source.open(), QString());
    QList<qint64> keyframes;
    qint64 lastPts = -1;
    bool ordered = true;
    auto sink = [&](AVPacket *packet) {
        if (packet->flags & AV_PKT_FLAG_KEY)
            keyframes.append(packet->pts);
        ordered = ordered && packet->pts > lastPts && packet->dts == packet->pts;
        lastPts = packet->pts;
        return QString();
    };
    for (int i = 0; i < 4 * expectedGop; ++i) {
        Frame frame;
        QString error;
        QCOMPARE(source.grab(i * 100'000, frame, error), Source::Grab::Frame);
        QCOMPARE(encoder.encode(frame.picture.get(), i, sink), QString());
    }
    QCOMPARE(encoder.encode(nullptr, 0, sink), QString());
    QCOMPARE(keyframes, QList<qint64>({0, expectedGop, 2 * expectedGop, 3 * expectedGop}));
    QVERIFY(ordered);
    QCOMPARE(lastPts, qint64(4 * expectedGop - 1));
}

void TestH264Encoder::convertsOtherSizes()
{
    H264Encoder::Settings settings;
    settings.encoder = QStringLiteral("libx264");
    settings.width = 64;
    settings.height = 48;
    settings.fps = 10;
    H264Encoder encoder;
    QCOMPARE(encoder.open(settings), QString());
    // A source picture at another size (a webcam's choice, a file) is scaled, not refused.
    TestPatternSource source({160, 120, 10}, true);
    QCOMPARE(source.open(), QString());
    int packets = 0;
    for (int i = 0; i < 5; ++i) {
        Frame frame;
        QString error;
        QCOMPARE(source.grab(i * 100'000, frame, error), Source::Grab::Frame);
        QCOMPARE(encoder.encode(frame.picture.get(), i, [&](AVPacket *) { ++packets; return QString(); }), QString());
    }
    QCOMPARE(encoder.encode(nullptr, 0, [&](AVPacket *) { ++packets; return QString(); }), QString());
    QCOMPARE(packets, 5);
}

void TestH264Encoder::unknownEncoderFails()
{
    H264Encoder::Settings settings;
    settings.encoder = QStringLiteral("h264_nonexistent");
    settings.width = 64;
    settings.height = 48;
    settings.fps = 10;
    H264Encoder encoder;
    QCOMPARE(encoder.open(settings), QStringLiteral("this FFmpeg has no h264_nonexistent encoder"));
    QVERIFY(!encoder.isOpen());
}

void TestH264Encoder::encoderThreadsAreNamed()
{
    // x264's workers are named after it, so per-thread CPU tells them from the encoding thread;
    // the opening thread keeps its name.
    pthread_setname_np(pthread_self(), "encoding");
    H264Encoder::Settings settings;
    settings.encoder = QStringLiteral("libx264");
    settings.width = 640;
    settings.height = 480;
    settings.fps = 30;
    H264Encoder encoder;
    QCOMPARE(encoder.open(settings), QString());
    char name[16] = {};
    QCOMPARE(pthread_getname_np(pthread_self(), name, sizeof name), 0);
    QCOMPARE(QByteArray(name), QByteArray("encoding"));
    int named = 0;
    for (const QString &task : QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(task));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == "x264")
            ++named;
    }
    // x264 runs threads unless it has a single CPU to run on.
    if (QThread::idealThreadCount() > 1)
        QVERIFY(named > 0);
}

QTEST_GUILESS_MAIN(TestH264Encoder)
#include "tst_h264encoder.moc"
