// SPDX-License-Identifier: MIT
// Tests FileSource on raw Y4M clips: the right picture at the right time, loops, reused buffers, and
// Y4mReader against libavformat's own Y4M demuxer.
#include "capture/filesource.h"
#include "capture/mediainput.h"
#include "capture/y4mreader.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

extern "C" {
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
}

namespace {

// Luma of picture `index` in the clips below: each picture is one flat grey, so a pixel names it.
int lumaOf(int index)
{
    return 16 + 20 * index;
}

// Writes a Y4M clip of `pictures` flat pictures (luma lumaOf(i), chroma 128) in colour space
// `colour`; `frameParameters` adds parameters to every other FRAME header, as the format allows.
bool writeClip(const QString &path, int width, int height, const QByteArray &rate, const QByteArray &colour,
               AVPixelFormat format, int pictures, bool frameParameters = false, int truncateLast = 0)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write("YUV4MPEG2 W" + QByteArray::number(width) + " H" + QByteArray::number(height) + " F" + rate
               + " Ip A1:1 C" + colour + " XYSCSS=TEST\n");
    const int lumaBytes = width * height;
    const int total = av_image_get_buffer_size(format, width, height, 1);
    for (int index = 0; index < pictures; ++index) {
        file.write(frameParameters && index % 2 ? "FRAME Ip XTEST=1\n" : "FRAME\n");
        QByteArray picture(lumaBytes, char(lumaOf(index)));
        // Vary the chroma too, so a plane mix-up shows.
        for (int byte = lumaBytes; byte < total; ++byte)
            picture.append(char(128 + (byte - lumaBytes) % 7));
        if (index == pictures - 1)
            picture.chop(truncateLast);
        file.write(picture);
    }
    return file.error() == QFile::NoError;
}

QByteArray pictureHash(const AVFrame *frame)
{
    const AVPixFmtDescriptor *descriptor = av_pix_fmt_desc_get(AVPixelFormat(frame->format));
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (int plane = 0; plane < av_pix_fmt_count_planes(AVPixelFormat(frame->format)); ++plane) {
        const int shiftX = plane == 0 ? 0 : descriptor->log2_chroma_w;
        const int shiftY = plane == 0 ? 0 : descriptor->log2_chroma_h;
        const int rowBytes = -((-frame->width) >> shiftX);
        const int rows = -((-frame->height) >> shiftY);
        for (int y = 0; y < rows; ++y)
            hash.addData(QByteArrayView(
                reinterpret_cast<const char *>(frame->data[plane] + y * frame->linesize[plane]), rowBytes));
    }
    return hash.result();
}

} // namespace

class TestFileSource : public QObject
{
    Q_OBJECT
private slots:
    void replaysTheRightPictureAtTheRightTime_data();
    void replaysTheRightPictureAtTheRightTime();
    void truncatedLastPictureEndsThePass();
    void skipsOverTheTruncatedEnd();
    void headerOnlyFileFailsToOpen();
    void picturesReuseBuffers();
    void readsLikeLibavformat_data();
    void readsLikeLibavformat();
    void deeperY4mGoesThroughLibavformat();
    void probeRejectsGarbage();
};

void TestFileSource::replaysTheRightPictureAtTheRightTime_data()
{
    QTest::addColumn<QByteArray>("fileRate");
    QTest::addColumn<double>("filePeriod");
    QTest::addColumn<int>("fps");
    QTest::addColumn<bool>("frameParameters");
    QTest::newRow("same rate") << QByteArray("10:1") << 0.1 << 10 << false;
    QTest::newRow("camera faster: repeats") << QByteArray("10:1") << 0.1 << 30 << false;
    QTest::newRow("camera slower: skips") << QByteArray("30:1") << 1.0 / 30 << 10 << false;
    QTest::newRow("NTSC rate") << QByteArray("30000:1001") << 1001.0 / 30000 << 30 << false;
    QTest::newRow("FRAME parameters") << QByteArray("10:1") << 0.1 << 10 << true;
}

void TestFileSource::replaysTheRightPictureAtTheRightTime()
{
    QFETCH(QByteArray, fileRate);
    QFETCH(double, filePeriod);
    QFETCH(int, fps);
    QFETCH(bool, frameParameters);
    constexpr int kPictures = 5;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("clip.y4m"));
    QVERIFY(writeClip(path, 64, 48, fileRate, "420jpeg", AV_PIX_FMT_YUV420P, kPictures, frameParameters));
    QCOMPARE(FileSource::probe(path), QString());

    FileSource source({64, 48, fps}, path);
    QCOMPARE(source.open(), QString());
    // Three passes of the clip: the picture shown at time t is the last one due by then, and each
    // pass starts one file period after the previous pass's last picture.
    const double passSeconds = kPictures * filePeriod;
    for (qint64 tick = 0; tick < qint64(3 * passSeconds * fps); ++tick) {
        const qint64 elapsedUs = tick * 1'000'000 / fps;
        const double inPass = std::fmod(double(elapsedUs) / 1e6, passSeconds);
        const int expected = int(std::floor(inPass / filePeriod + 1e-9)) % kPictures;
        Frame frame;
        QString error;
        QCOMPARE(source.grab(elapsedUs, frame, error), Source::Grab::Frame);
        QCOMPARE(error, QString());
        QCOMPARE(frame.picture->format, int(AV_PIX_FMT_YUV420P));
        QCOMPARE(frame.picture->width, 64);
        QCOMPARE(frame.picture->height, 48);
        QCOMPARE(int(frame.picture->data[0][0]), lumaOf(expected));
        QCOMPARE(int(frame.picture->data[0][64 * 48 - 1]), lumaOf(expected));
        QCOMPARE(int(frame.picture->data[1][0]), 128);
        QCOMPARE(int(frame.picture->data[2][0]), 128 + (32 * 24) % 7);
    }
}

void TestFileSource::truncatedLastPictureEndsThePass()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cut.y4m"));
    // Three whole pictures and a fourth cut short, as a copy interrupted mid-write leaves it.
    QVERIFY(writeClip(path, 64, 48, "10:1", "420jpeg", AV_PIX_FMT_YUV420P, 4, false, 100));
    FileSource source({64, 48, 10}, path);
    QCOMPARE(source.open(), QString());
    const int expected[] = {0, 1, 2, 0, 1, 2, 0};
    for (int tick = 0; tick < int(std::size(expected)); ++tick) {
        Frame frame;
        QString error;
        QCOMPARE(source.grab(tick * 100'000, frame, error), Source::Grab::Frame);
        QCOMPARE(int(frame.picture->data[0][0]), lumaOf(expected[tick]));
    }
}

void TestFileSource::skipsOverTheTruncatedEnd()
{
    // A 30 fps clip seen by a 10 fps camera: two pictures in three are skipped unread, including
    // the cut-short last one, which must end the pass as it does when read.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cut.y4m"));
    QVERIFY(writeClip(path, 64, 48, "30:1", "420jpeg", AV_PIX_FMT_YUV420P, 5, false, 1));
    FileSource source({64, 48, 10}, path);
    QCOMPARE(source.open(), QString());
    // Four whole pictures: a pass lasts 4/30 s.
    const int expected[] = {0, 3, 2, 1, 0, 3, 2, 1, 0};
    for (int tick = 0; tick < int(std::size(expected)); ++tick) {
        Frame frame;
        QString error;
        QCOMPARE(source.grab(tick * 100'000, frame, error), Source::Grab::Frame);
        QCOMPARE(int(frame.picture->data[0][0]), lumaOf(expected[tick]));
    }

    Y4mReader reader;
    QCOMPARE(reader.open(path), QString());
    QString error;
    AVFramePtr picture;
    QCOMPARE(reader.skip(error), Y4mReader::Read::Frame);
    QCOMPARE(reader.skip(error), Y4mReader::Read::Frame);
    QCOMPARE(reader.nextIndex(), 2);
    QCOMPARE(reader.read(picture, error), Y4mReader::Read::Frame);
    QCOMPARE(int(picture->data[0][0]), lumaOf(2));
    QCOMPARE(picture->pts, 2);
    QCOMPARE(reader.skip(error), Y4mReader::Read::Frame);
    QCOMPARE(reader.skip(error), Y4mReader::Read::EndOfFile);
    QCOMPARE(error, QString());
}

void TestFileSource::headerOnlyFileFailsToOpen()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("empty.y4m"));
    QVERIFY(writeClip(path, 64, 48, "30:1", "420jpeg", AV_PIX_FMT_YUV420P, 0));
    FileSource source({64, 48, 10}, path);
    QVERIFY(source.open().contains(QLatin1String("holds no picture")));
}

void TestFileSource::picturesReuseBuffers()
{
    // Replaying must not allocate a picture's memory per picture: buffers come back and are reused.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("clip.y4m"));
    QVERIFY(writeClip(path, 320, 240, "10:1", "420jpeg", AV_PIX_FMT_YUV420P, 3));
    Y4mReader reader;
    QCOMPARE(reader.open(path), QString());
    QString error;
    AVFramePtr picture;
    QCOMPARE(reader.read(picture, error), Y4mReader::Read::Frame);
    const uint8_t *first = picture->data[0];
    picture.reset(); // the encoder is done with it
    for (int index = 1; index < 10; ++index) {
        if (index % 3 == 0)
            QCOMPARE(reader.rewind(), QString());
        QCOMPARE(reader.read(picture, error), Y4mReader::Read::Frame);
        QCOMPARE(picture->data[0], first);
        QCOMPARE(int(picture->data[0][0]), lumaOf(index % 3));
        QCOMPARE(reader.secondsOf(picture.get()), (index % 3) * 0.1);
        picture.reset();
    }
    // Buffers still held when the reader closes stay valid.
    QCOMPARE(reader.read(picture, error), Y4mReader::Read::Frame);
    reader.close();
    QCOMPARE(int(picture->data[0][320 * 240 - 1]), lumaOf(1));
}

void TestFileSource::readsLikeLibavformat_data()
{
    QTest::addColumn<QByteArray>("colour");
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::newRow("420jpeg") << QByteArray("420jpeg") << int(AV_PIX_FMT_YUV420P) << 64 << 48;
    QTest::newRow("420 odd size") << QByteArray("420") << int(AV_PIX_FMT_YUV420P) << 33 << 17;
    QTest::newRow("420mpeg2") << QByteArray("420mpeg2") << int(AV_PIX_FMT_YUV420P) << 64 << 48;
    QTest::newRow("422") << QByteArray("422") << int(AV_PIX_FMT_YUV422P) << 34 << 20;
    QTest::newRow("444") << QByteArray("444") << int(AV_PIX_FMT_YUV444P) << 30 << 20;
    QTest::newRow("mono") << QByteArray("mono") << int(AV_PIX_FMT_GRAY8) << 30 << 20;
}

void TestFileSource::readsLikeLibavformat()
{
    QFETCH(QByteArray, colour);
    QFETCH(int, format);
    QFETCH(int, width);
    QFETCH(int, height);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("clip.y4m"));
    QVERIFY(writeClip(path, width, height, "25:1", colour, AVPixelFormat(format), 3, true));
    Y4mReader reader;
    QCOMPARE(reader.open(path), QString());
    MediaInput input;
    QCOMPARE(input.open(path, nullptr, nullptr, false), QString());
    QString error;
    for (int index = 0; index < 3; ++index) {
        AVFramePtr ours;
        AVFramePtr theirs;
        QCOMPARE(reader.read(ours, error), Y4mReader::Read::Frame);
        QCOMPARE(input.read(theirs, error), MediaInput::Read::Frame);
        QCOMPARE(ours->format, theirs->format);
        QCOMPARE(ours->width, theirs->width);
        QCOMPARE(ours->height, theirs->height);
        QCOMPARE(pictureHash(ours.get()), pictureHash(theirs.get()));
        QCOMPARE(reader.secondsOf(ours.get()), input.secondsOf(theirs.get()));
    }
    AVFramePtr end;
    QCOMPARE(reader.read(end, error), Y4mReader::Read::EndOfFile);
    QCOMPARE(reader.framePeriod(), input.framePeriod());
}

void TestFileSource::deeperY4mGoesThroughLibavformat()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("deep.y4m"));
    QVERIFY(writeClip(path, 32, 16, "10:1", "420p10", AV_PIX_FMT_YUV420P10LE, 2));
    Y4mReader reader;
    QVERIFY(reader.open(path).contains(QLatin1String("420p10")));
    // The source still plays it; the encoder converts the pixel format.
    QCOMPARE(FileSource::probe(path), QString());
    FileSource source({32, 16, 10}, path);
    QCOMPARE(source.open(), QString());
    Frame frame;
    QString error;
    QCOMPARE(source.grab(0, frame, error), Source::Grab::Frame);
    QCOMPARE(frame.picture->format, int(AV_PIX_FMT_YUV420P10LE));
}

void TestFileSource::probeRejectsGarbage()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.y4m"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("YUV4MPEG2 W0 H0\nFRAME\n");
    file.close();
    QVERIFY(Y4mReader::isY4m(path));
    QVERIFY(!FileSource::probe(path).isEmpty());
    QVERIFY(!FileSource::probe(dir.filePath(QStringLiteral("missing.y4m"))).isEmpty());
}

QTEST_GUILESS_MAIN(TestFileSource)
#include "tst_filesource.moc"
