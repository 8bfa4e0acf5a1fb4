// SPDX-License-Identifier: MIT
// TimeOverlay: the text for a capture time, and what it writes into a picture (and what it leaves alone).
#include "encode/timeoverlay.h"

#include <QtTest>

extern "C" {
#include <libavutil/frame.h>
#include <libavutil/pixfmt.h>
}

namespace {

constexpr qint64 kSecond = 1'000'000;
// 2026-01-15 08:30:05 UTC: winter, so Paris is one hour ahead.
constexpr qint64 kWinterUs = 1768465805LL * kSecond;

// A picture with a recognisable, non-grey content in every plane.
AVFramePtr makePicture(AVPixelFormat format, int width, int height)
{
    AVFramePtr frame(av_frame_alloc());
    frame->format = format;
    frame->width = width;
    frame->height = height;
    if (av_frame_get_buffer(frame.get(), 0) < 0)
        return nullptr;
    for (int plane = 0; plane < 4 && frame->data[plane]; ++plane) {
        const int rows = plane == 0 ? height : height / 2;
        for (int y = 0; y < rows; ++y)
            for (int x = 0; x < frame->linesize[plane]; ++x)
                frame->data[plane][y * frame->linesize[plane] + x] = uint8_t(60 + (x + 3 * y + 50 * plane) % 90);
    }
    return frame;
}

QByteArray plane(const AVFrame *frame, int index, int rows)
{
    return QByteArray(reinterpret_cast<const char *>(frame->data[index]), frame->linesize[index] * rows);
}

TimeOverlay::Settings settings(const QString &zone = QStringLiteral("UTC"))
{
    TimeOverlay::Settings s;
    s.enabled = true;
    s.timeZone = zone;
    s.size = 18;
    return s;
}

} // namespace

class TstTimeOverlay : public QObject
{
    Q_OBJECT
private slots:
    void text_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<qint64>("wallUs");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("default format, UTC") << QStringLiteral("%Y-%m-%d %H:%M:%S") << QStringLiteral("UTC")
                                             << QString() << kWinterUs << QByteArray("2026-01-15 08:30:05");
        QTest::newRow("the second, not rounded up") << QStringLiteral("%H:%M:%S") << QStringLiteral("UTC") << QString()
                                                    << kWinterUs + 999'999 << QByteArray("08:30:05");
        QTest::newRow("Paris in winter, zone directives")
            << QStringLiteral("%H:%M %Z %z") << QStringLiteral("Europe/Paris") << QString() << kWinterUs
            << QByteArray("09:30 CET +0100");
        QTest::newRow("Paris in summer") << QStringLiteral("%H:%M %z") << QStringLiteral("Europe/Paris") << QString()
                                         << kWinterUs + 180LL * 86400 * kSecond << QByteArray("10:30 +0200");
        QTest::newRow("New York, a literal percent") << QStringLiteral("%H%%") << QStringLiteral("America/New_York")
                                                     << QString() << kWinterUs << QByteArray("03%");
        QTest::newRow("camera name first") << QStringLiteral("%H:%M:%S") << QStringLiteral("UTC")
                                           << QStringLiteral("GATE 2") << kWinterUs << QByteArray("GATE 2  08:30:05");
        QTest::newRow("name only") << QString() << QStringLiteral("UTC") << QStringLiteral("GATE 2") << kWinterUs
                                   << QByteArray("GATE 2");
    }
    void text()
    {
        QFETCH(QString, format);
        QFETCH(QString, zone);
        QFETCH(QString, prefix);
        QFETCH(qint64, wallUs);
        QFETCH(QByteArray, expected);
        TimeOverlay::Settings s = settings(zone);
        s.format = format;
        s.text = prefix;
        const TimeOverlay overlay(s);
        QCOMPARE(overlay.textAt(wallUs), expected);
    }

    void drawsOnlyTheBox_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("position");
        QTest::newRow("yuv420p top-left") << int(AV_PIX_FMT_YUV420P) << int(TimeOverlay::Position::TopLeft);
        QTest::newRow("yuv420p bottom-right") << int(AV_PIX_FMT_YUV420P) << int(TimeOverlay::Position::BottomRight);
        QTest::newRow("nv12 top-right") << int(AV_PIX_FMT_NV12) << int(TimeOverlay::Position::TopRight);
        QTest::newRow("nv12 bottom-left") << int(AV_PIX_FMT_NV12) << int(TimeOverlay::Position::BottomLeft);
    }
    void drawsOnlyTheBox()
    {
        QFETCH(int, format);
        QFETCH(int, position);
        constexpr int width = 320;
        constexpr int height = 180;
        TimeOverlay::Settings s = settings();
        s.position = TimeOverlay::Position(position);
        TimeOverlay overlay(s);
        AVFramePtr picture = makePicture(AVPixelFormat(format), width, height);
        QVERIFY(picture);
        const AVFramePtr before(av_frame_clone(picture.get()));
        QVERIFY(av_frame_make_writable(before.get()) >= 0); // a private copy of the pixels
        QVERIFY(av_frame_copy(before.get(), picture.get()) >= 0);

        QCOMPARE(overlay.draw(picture.get(), kWinterUs), picture.get()); // writable: drawn in place
        const QRect box = overlay.box(width, height);
        QVERIFY2(QRect(0, 0, width, height).contains(box), "the box lies inside the picture");
        const bool right = s.position == TimeOverlay::Position::TopRight || s.position == TimeOverlay::Position::BottomRight;
        const bool bottom = s.position == TimeOverlay::Position::BottomLeft || s.position == TimeOverlay::Position::BottomRight;
        QCOMPARE(box.center().x() > width / 2, right);
        QCOMPARE(box.center().y() > height / 2, bottom);

        int width2 = 0;
        const QByteArray expected = overlay.render(overlay.textAt(kWinterUs), &width2);
        QCOMPARE(width2, box.width());
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x) {
                const uint8_t got = picture->data[0][y * picture->linesize[0] + x];
                const uint8_t was = before->data[0][y * before->linesize[0] + x];
                const uint8_t want = box.contains(x, y)
                    ? uint8_t(expected[(y - box.y()) * box.width() + x - box.x()]) : was;
                if (got != want)
                    QFAIL(qPrintable(QStringLiteral("luma at %1,%2: %3, expected %4").arg(x).arg(y).arg(got).arg(want)));
            }
        }
        // Chroma: neutral inside the box (half resolution), untouched outside.
        const QRect chromaBox(box.x() / 2, box.y() / 2, box.width() / 2, box.height() / 2);
        const int planes = format == AV_PIX_FMT_NV12 ? 1 : 2;
        const int bytesPerSample = format == AV_PIX_FMT_NV12 ? 2 : 1;
        for (int p = 1; p <= planes; ++p) {
            for (int y = 0; y < height / 2; ++y) {
                for (int x = 0; x < width / 2 * bytesPerSample; ++x) {
                    const uint8_t got = picture->data[p][y * picture->linesize[p] + x];
                    const uint8_t was = before->data[p][y * before->linesize[p] + x];
                    const uint8_t want = chromaBox.contains(x / bytesPerSample, y) ? 128 : was;
                    if (got != want)
                        QFAIL(qPrintable(QStringLiteral("chroma plane %1 at %2,%3: %4, expected %5")
                                             .arg(p).arg(x).arg(y).arg(got).arg(want)));
                }
            }
        }
    }

    void changesWithTheSecond()
    {
        TimeOverlay overlay(settings());
        AVFramePtr picture = makePicture(AVPixelFormat::AV_PIX_FMT_YUV420P, 320, 180);
        overlay.draw(picture.get(), kWinterUs);
        const QByteArray first = overlay.luma();
        overlay.draw(picture.get(), kWinterUs + 500'000);
        QCOMPARE(overlay.luma(), first); // the same second: the same line, not composed again
        overlay.draw(picture.get(), kWinterUs + kSecond);
        QVERIFY(overlay.luma() != first);
        int width = 0;
        QCOMPARE(overlay.luma(), overlay.render("2026-01-15 08:30:06", &width));
    }

    // A camera's buffer is read-only (mapped PROT_READ): the overlay draws into a copy.
    void readOnlyPictureIsCopied()
    {
        TimeOverlay overlay(settings());
        AVFramePtr picture = makePicture(AV_PIX_FMT_YUV420P, 320, 180);
        const AVFramePtr shared(av_frame_clone(picture.get())); // a second reference: not writable
        const QByteArray luma = plane(picture.get(), 0, 180);
        const AVFrame *drawn = overlay.draw(picture.get(), kWinterUs);
        QVERIFY(drawn != picture.get());
        QCOMPARE(plane(picture.get(), 0, 180), luma);
        const QRect box = overlay.box(320, 180);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(drawn->data[0]) + box.y() * drawn->linesize[0] + box.x(),
                            box.width()),
                 overlay.luma().left(box.width()));
    }

    void otherFormatsAreLeftAlone()
    {
        TimeOverlay overlay(settings());
        AVFramePtr picture = makePicture(AV_PIX_FMT_RGB24, 64, 64);
        const QByteArray pixels = plane(picture.get(), 0, 64);
        QCOMPARE(overlay.draw(picture.get(), kWinterUs), picture.get());
        QCOMPARE(plane(picture.get(), 0, 64), pixels);
    }

    void clippedToASmallPicture()
    {
        TimeOverlay::Settings s = settings();
        s.size = 90;
        s.position = TimeOverlay::Position::BottomRight;
        TimeOverlay overlay(s);
        AVFramePtr picture = makePicture(AV_PIX_FMT_YUV420P, 64, 32);
        QCOMPARE(overlay.draw(picture.get(), kWinterUs), picture.get()); // no crash, no write outside
    }
};

QTEST_GUILESS_MAIN(TstTimeOverlay)
#include "tst_timeoverlay.moc"
