// SPDX-License-Identifier: MIT
// Tests FrameConverter: a picture already in the encoder's format passes through uncopied, and the
// scaler is set up once per change of format or size, not once per picture (full-range webcam
// formats included, which libswscale's own cache never matched).
#include "encode/frameconverter.h"

#include <QRegularExpression>
#include <QTest>

extern "C" {
#include <libavutil/frame.h>
#include <libavutil/pixdesc.h>
#include <libavutil/pixfmt.h>
}

#include <cstring>

namespace {

AVFramePtr picture(AVPixelFormat format, int width, int height, int value)
{
    AVFramePtr frame(av_frame_alloc());
    frame->format = format;
    frame->width = width;
    frame->height = height;
    if (av_frame_get_buffer(frame.get(), 0) < 0)
        return nullptr;
    const AVPixFmtDescriptor *desc = av_pix_fmt_desc_get(format);
    for (int plane = 0; plane < 4 && frame->data[plane]; ++plane) {
        const int rows = plane == 0 ? height : AV_CEIL_RSHIFT(height, desc->log2_chroma_h);
        std::memset(frame->data[plane], value, size_t(frame->linesize[plane]) * size_t(rows));
    }
    return frame;
}

} // namespace

class TestFrameConverter : public QObject
{
    Q_OBJECT
private slots:
    void passesTheEncodersFormatThrough();
    void setsUpOncePerFormat_data();
    void setsUpOncePerFormat();
    void setsUpAgainWhenTheInputChanges();
    void aRefusedConversionIsLoggedOnceAndRecovers();
};

void TestFrameConverter::passesTheEncodersFormatThrough()
{
    FrameConverter converter;
    AVFramePtr input = picture(AV_PIX_FMT_YUV420P, 320, 240, 100);
    QCOMPARE(converter.convert(input.get(), AV_PIX_FMT_YUV420P, 320, 240), input.get());
    QCOMPARE(converter.setups(), 0);
}

void TestFrameConverter::setsUpOncePerFormat_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("yuvj422p (USB webcam MJPEG)") << int(AV_PIX_FMT_YUVJ422P);
    QTest::newRow("yuvj420p (full-range MJPEG)") << int(AV_PIX_FMT_YUVJ420P);
    QTest::newRow("yuyv422 (USB webcam raw)") << int(AV_PIX_FMT_YUYV422);
    QTest::newRow("nv12") << int(AV_PIX_FMT_NV12);
}

void TestFrameConverter::setsUpOncePerFormat()
{
    QFETCH(int, format);
    FrameConverter converter;
    for (int i = 0; i < 5; ++i) {
        AVFramePtr input = picture(AVPixelFormat(format), 640, 360, 60 + i);
        const AVFrame *output = converter.convert(input.get(), AV_PIX_FMT_YUV420P, 640, 360);
        QVERIFY(output);
        QCOMPARE(output->format, int(AV_PIX_FMT_YUV420P));
        QCOMPARE(output->width, 640);
        QCOMPARE(output->height, 360);
    }
    QCOMPARE(converter.setups(), 1);
}

void TestFrameConverter::setsUpAgainWhenTheInputChanges()
{
    FrameConverter converter;
    AVFramePtr small = picture(AV_PIX_FMT_YUVJ422P, 320, 240, 90);
    AVFramePtr large = picture(AV_PIX_FMT_YUVJ422P, 640, 480, 90);
    AVFramePtr other = picture(AV_PIX_FMT_YUYV422, 640, 480, 90);
    QVERIFY(converter.convert(small.get(), AV_PIX_FMT_YUV420P, 640, 480));
    QVERIFY(converter.convert(large.get(), AV_PIX_FMT_YUV420P, 640, 480));
    QVERIFY(converter.convert(other.get(), AV_PIX_FMT_YUV420P, 640, 480));
    const AVFrame *output = converter.convert(other.get(), AV_PIX_FMT_YUV420P, 320, 240);
    QVERIFY(output);
    QCOMPARE(output->width, 320);
    QCOMPARE(converter.setups(), 4);
    // Full-range grey 90 becomes limited-range 16 + 90 * 219 / 255 ≈ 93: the range is still converted.
    AVFramePtr grey = picture(AV_PIX_FMT_YUVJ422P, 320, 240, 90);
    output = converter.convert(grey.get(), AV_PIX_FMT_YUV420P, 320, 240);
    QVERIFY(output);
    QVERIFY2(qAbs(int(output->data[0][0]) - 93) <= 2, qPrintable(QString::number(output->data[0][0])));
}

// A size libswscale refuses: null each time, one warning (not one per frame), and the next
// conversion it accepts is set up (mutation tried: logging on every failure fails failOnWarning).
void TestFrameConverter::aRefusedConversionIsLoggedOnceAndRecovers()
{
    FrameConverter converter;
    AVFramePtr input = picture(AV_PIX_FMT_YUYV422, 320, 240, 100);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^libswscale cannot convert 320x240")));
    QTest::failOnWarning(QRegularExpression(QStringLiteral("libswscale cannot convert")));
    QVERIFY(!converter.convert(input.get(), AV_PIX_FMT_YUV420P, 0, 0));
    QVERIFY(!converter.convert(input.get(), AV_PIX_FMT_YUV420P, 0, 0));
    const AVFrame *converted = converter.convert(input.get(), AV_PIX_FMT_YUV420P, 320, 240);
    QVERIFY(converted);
    QCOMPARE(converted->width, 320);
    QCOMPARE(converter.convert(input.get(), AV_PIX_FMT_YUV420P, 320, 240), converted);
    QCOMPARE(converter.setups(), 3);
}

QTEST_GUILESS_MAIN(TestFrameConverter)
#include "tst_frameconverter.moc"
