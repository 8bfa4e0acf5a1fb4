// SPDX-License-Identifier: MIT
// Tests TestPatternSource: picture format and size, motion, the drawn clock, the test-only stall knob.
#include "capture/testpatternsource.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

QByteArray planeHash(const AVFrame *frame, int plane)
{
    const int shift = plane == 0 ? 0 : 1;
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (int y = 0; y < frame->height >> shift; ++y)
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(frame->data[plane] + y * frame->linesize[plane]),
                                    frame->width >> shift));
    return hash.result();
}

// A hash of the rows from `top` to the bottom of the luma plane, where the clock is drawn.
QByteArray bottomHash(const AVFrame *frame, int top)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (int y = top; y < frame->height; ++y)
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(frame->data[0] + y * frame->linesize[0]),
                                    frame->width));
    return hash.result();
}

Frame grab(TestPatternSource &source, qint64 elapsedUs, qint64 wallUs)
{
    Frame frame;
    frame.wallUs = wallUs;
    QString error;
    const Source::Grab result = source.grab(elapsedUs, frame, error);
    if (result != Source::Grab::Frame)
        qWarning() << "no frame:" << error;
    return frame;
}

} // namespace

class TestTestPatternSource : public QObject
{
    Q_OBJECT
private slots:
    void pictureMatchesSettings_data();
    void pictureMatchesSettings();
    void stallFileStopsFrames();
};

void TestTestPatternSource::pictureMatchesSettings_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::newRow("tiny") << 16 << 16;
    QTest::newRow("qvga") << 320 << 240;
    QTest::newRow("full hd") << 1920 << 1080;
    QTest::newRow("odd stride") << 1366 << 768;
}

void TestTestPatternSource::pictureMatchesSettings()
{
    QFETCH(int, width);
    QFETCH(int, height);
    TestPatternSource source({width, height, 30}, true);
    QCOMPARE(source.open(), QString());
    const qint64 wall = 1'790'000'000'000'000;
    const Frame first = grab(source, 0, wall);
    QVERIFY(first.picture);
    QCOMPARE(first.picture->format, int(AV_PIX_FMT_YUV420P));
    QCOMPARE(first.picture->width, width);
    QCOMPARE(first.picture->height, height);

    // The same moment draws the same picture; the box moves with time; the clock with the wall time.
    const Frame same = grab(source, 0, wall);
    for (int plane = 0; plane < 3; ++plane)
        QCOMPARE(planeHash(same.picture.get(), plane), planeHash(first.picture.get(), plane));
    const Frame later = grab(source, 1'000'000, wall);
    QVERIFY(planeHash(later.picture.get(), 0) != planeHash(first.picture.get(), 0));
    if (height >= 180) { // big enough for the clock
        const Frame otherTime = grab(source, 0, wall + 1000);
        QVERIFY(bottomHash(otherTime.picture.get(), height * 2 / 3) != bottomHash(first.picture.get(), height * 2 / 3));
    }
}

void TestTestPatternSource::stallFileStopsFrames()
{
    QTemporaryDir dir;
    const QString stall = dir.filePath(QStringLiteral("stall"));
    qputenv(TestPatternSource::kStallFileVariable, stall.toUtf8());
    TestPatternSource source({64, 48, 10}, true);
    qunsetenv(TestPatternSource::kStallFileVariable);
    QCOMPARE(source.open(), QString());
    Frame frame;
    QString error;
    QCOMPARE(source.grab(0, frame, error), Source::Grab::Frame);
    QFile file(stall);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QCOMPARE(source.grab(100'000, frame, error), Source::Grab::NotYet);
    QVERIFY(QFile::remove(stall));
    QCOMPARE(source.grab(200'000, frame, error), Source::Grab::Frame);
}

QTEST_GUILESS_MAIN(TestTestPatternSource)
#include "tst_testpatternsource.moc"
