// SPDX-License-Identifier: MIT
// Tests PreviewWriter: the JPEG appears, decodes at the preview width; the handoff drops, never waits.
#include "previewwriter.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

namespace {

// A YUV420P test frame: luma ramp, fixed chroma.
struct YuvFrame {
    int width;
    int height;
    QByteArray y, u, v;
    YuvFrame(int w, int h, int shift = 0) : width(w), height(h)
    {
        y.resize(w * h);
        for (int row = 0; row < h; ++row)
            for (int col = 0; col < w; ++col)
                y[row * w + col] = static_cast<char>(16 + ((col + shift) * 219 / w) % 220);
        u = QByteArray(w * h / 4, char(128));
        v = QByteArray(w * h / 4, char(200)); // reddish
    }
    PreviewFrame preview(int targetWidth) const
    {
        return PreviewFrame::fromYuv420p(width, height, reinterpret_cast<const uchar *>(y.constData()), width,
                                         reinterpret_cast<const uchar *>(u.constData()), width / 2,
                                         reinterpret_cast<const uchar *>(v.constData()), width / 2, targetWidth);
    }
};

} // namespace

class TestPreviewWriter : public QObject
{
    Q_OBJECT

private slots:
    void jpegAppearsAndDecodes_data()
    {
        QTest::addColumn<int>("sourceWidth");
        QTest::addColumn<int>("sourceHeight");
        QTest::addColumn<int>("previewWidth");
        QTest::newRow("1080p to 640") << 1920 << 1080 << 640;
        QTest::newRow("720p to 640") << 1280 << 720 << 640;
        QTest::newRow("small source kept") << 320 << 240 << 640;
        QTest::newRow("odd ratio") << 1536 << 864 << 500;
    }

    void jpegAppearsAndDecodes()
    {
        QFETCH(int, sourceWidth);
        QFETCH(int, sourceHeight);
        QFETCH(int, previewWidth);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("preview.jpg"));
        PreviewWriter preview(path, 0.2, previewWidth);
        QSignalSpy written(&preview, &PreviewWriter::previewWritten);
        QVERIFY(preview.wantsFrame());
        const YuvFrame frame(sourceWidth, sourceHeight);
        QVERIFY(preview.offerFrame(frame.preview(preview.width())));
        QTRY_COMPARE(written.size(), 1);

        QImage image;
        QVERIFY(image.load(path, "JPG"));
        QCOMPARE(image.width(), std::min(previewWidth, sourceWidth));
        const double ratio = double(sourceHeight) / sourceWidth;
        QVERIFY(std::abs(image.height() - image.width() * ratio) <= 2);
        // The colour survived the conversion: V=200 means red dominates blue.
        const QColor centre = image.pixelColor(image.width() / 2, image.height() / 2);
        QVERIFY2(centre.red() > centre.blue() + 40, qPrintable(centre.name()));
        QCOMPARE(QFileInfo(path).permissions() & (QFile::WriteGroup | QFile::WriteOther), QFileDevice::Permissions());
        QCOMPARE(preview.latestJpeg().left(2), QByteArray("\xFF\xD8"));
    }

    // Left half red (high V), right half blue (high U): the chroma must stay under its luma.
    void chromaStaysAligned_data()
    {
        QTest::addColumn<int>("sourceWidth");
        QTest::addColumn<int>("previewWidth");
        QTest::newRow("step 1") << 640 << 640;
        QTest::newRow("step 2") << 1280 << 640;
        QTest::newRow("step 3") << 1920 << 640;
    }

    void chromaStaysAligned()
    {
        QFETCH(int, sourceWidth);
        QFETCH(int, previewWidth);
        const int w = sourceWidth, h = sourceWidth * 9 / 16;
        QByteArray y(w * h, char(110)), u(w * h / 4, char(128)), v(w * h / 4, char(128));
        for (int row = 0; row < h / 2; ++row) {
            for (int col = 0; col < w / 2; ++col) {
                const bool left = col < w / 4;
                u[row * (w / 2) + col] = char(left ? 90 : 240);
                v[row * (w / 2) + col] = char(left ? 240 : 90);
            }
        }
        const PreviewFrame f = PreviewFrame::fromYuv420p(
            w, h, reinterpret_cast<const uchar *>(y.constData()), w, reinterpret_cast<const uchar *>(u.constData()), w / 2,
            reinterpret_cast<const uchar *>(v.constData()), w / 2, previewWidth);
        QVERIFY(f.width >= previewWidth && f.width < 2 * previewWidth);
        const QImage image = f.toImage();
        const QColor leftColour = image.pixelColor(image.width() / 4, image.height() / 2);
        const QColor rightColour = image.pixelColor(3 * image.width() / 4, image.height() / 2);
        QVERIFY2(leftColour.red() > leftColour.blue() + 80, qPrintable(leftColour.name()));
        QVERIFY2(rightColour.blue() > rightColour.red() + 80, qPrintable(rightColour.name()));
    }

    void imageFramesToo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("preview.jpg"));
        PreviewWriter preview(path, 0.2, 100);
        QSignalSpy written(&preview, &PreviewWriter::previewWritten);
        QImage source(400, 300, QImage::Format_RGB32);
        source.fill(Qt::green);
        QVERIFY(preview.offerFrame(PreviewFrame::fromImage(source)));
        QTRY_COMPARE(written.size(), 1);
        QImage image(path);
        QCOMPARE(image.size(), QSize(100, 75));
    }

    void onceEveryIntervalAndDropIfBusy()
    {
        QTemporaryDir dir;
        PreviewWriter preview(dir.filePath(QStringLiteral("preview.jpg")), 0.5, 640);
        QSignalSpy written(&preview, &PreviewWriter::previewWritten);
        const YuvFrame frame(1920, 1080);
        QElapsedTimer sinceOffer;
        sinceOffer.start();
        QVERIFY(preview.offerFrame(frame.preview(640)));
        QVERIFY(!preview.wantsFrame());                      // busy
        QVERIFY(!preview.offerFrame(frame.preview(640)));    // dropped, not queued
        QCOMPARE(preview.framesDropped(), qint64(1));
        QTRY_COMPARE(written.size(), 1);
        // Not due before the interval; on a machine loaded enough to take longer than the
        // interval to write one JPEG, that part cannot be observed.
        if (sinceOffer.elapsed() < 400)
            QVERIFY(!preview.wantsFrame());
        QTRY_VERIFY_WITH_TIMEOUT(preview.wantsFrame(), 3000);
    }

    void offIntervalWritesNothingButSnapshots()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("preview.jpg"));
        PreviewWriter preview(path, 0, 640);
        QVERIFY(!preview.wantsFrame());
        preview.requestSnapshot();
        QVERIFY(preview.wantsFrame());
        QSignalSpy snapshots(&preview, &PreviewWriter::snapshotReady);
        QVERIFY(preview.offerFrame(YuvFrame(640, 480).preview(640)));
        QTRY_COMPARE(snapshots.size(), 1);
        QImage image;
        QVERIFY(image.loadFromData(snapshots.at(0).at(0).toByteArray(), "JPG"));
        QCOMPARE(image.width(), 640);
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!preview.wantsFrame());
    }

    // A capture loop at 50 fps with the preview on: the handoff never holds it up.
    void captureThreadIsNeverHeldUp()
    {
        QTemporaryDir dir;
        PreviewWriter preview(dir.filePath(QStringLiteral("preview.jpg")), 0.1, 640);
        QSignalSpy written(&preview, &PreviewWriter::previewWritten);
        const YuvFrame frame(1920, 1080);
        std::atomic<qint64> worstHandoffUs{0};
        std::atomic<int> offered{0};
        QThread *capture = QThread::create([&] {
            QElapsedTimer total;
            total.start();
            while (total.elapsed() < 1500) {
                QElapsedTimer t;
                t.start();
                if (preview.wantsFrame() && preview.offerFrame(frame.preview(preview.width())))
                    ++offered;
                worstHandoffUs = std::max<qint64>(worstHandoffUs, t.nsecsElapsed() / 1000);
                QThread::msleep(20); // the camera's frame interval
            }
        });
        capture->start();
        QTRY_VERIFY_WITH_TIMEOUT(capture->isFinished(), 10000);
        delete capture;
        QTRY_COMPARE(written.size(), offered.load());
        QVERIFY2(offered >= 3, qPrintable(QString::number(offered)));
        // A loose sanity bound (the handoff only copies a subsampled frame; bench/control measures
        // about 0.3 ms): loose enough that a loaded CI machine's scheduling cannot fail it.
        QVERIFY2(worstHandoffUs < 100000, qPrintable(QStringLiteral("%1 us").arg(worstHandoffUs.load())));
        qInfo("worst capture-side handoff: %lld us over 1.5 s at 50 fps", static_cast<long long>(worstHandoffUs.load()));
    }
};

QTEST_GUILESS_MAIN(TestPreviewWriter)
#include "tst_previewwriter.moc"
