// SPDX-License-Identifier: MIT
// Tests DmabufPicture: a camera buffer becomes a picture without a copy, the time overlay draws
// into it in place when it is mapped writable, and the buffer goes back to the camera only after
// the last reference is gone and the CPU access window has ended.
#include "capture/dmabufpicture.h"
#include "encode/timeoverlay.h"

#include <QStringList>
#include <QTest>

extern "C" {
#include <libavutil/frame.h>
#include <libavutil/pixfmt.h>
}

#include <cerrno>
#include <cstring>

#include <linux/dma-buf.h>
#include <sys/mman.h>
#include <unistd.h>

namespace {

constexpr int kWidth = 640;
constexpr int kHeight = 360;
constexpr int kStride = 640;
constexpr size_t kBytes = size_t(kStride) * kHeight * 3 / 2;

QStringList g_events;
bool g_failSync = false;

int fakeIoctl(int fd, unsigned long request, void *argument)
{
    if (request != DMA_BUF_IOCTL_SYNC)
        return -1;
    if (g_failSync) {
        errno = ENOTTY;
        return -1;
    }
    const quint64 flags = static_cast<dma_buf_sync *>(argument)->flags;
    g_events << QStringLiteral("%1 %2 %3")
                    .arg(flags & DMA_BUF_SYNC_END ? QLatin1String("end") : QLatin1String("start"))
                    .arg((flags & DMA_BUF_SYNC_RW) == DMA_BUF_SYNC_RW ? QLatin1String("rw") : QLatin1String("r"))
                    .arg(fd);
    return 0;
}

// A camera buffer stand-in: one memfd mapping holding Y, U and V, as the Raspberry Pi delivers them.
struct CameraBuffer {
    int fd = -1;
    uint8_t *memory = nullptr;

    CameraBuffer()
    {
        fd = memfd_create("camera-buffer", MFD_CLOEXEC);
        if (fd < 0 || ftruncate(fd, off_t(kBytes)) != 0)
            return;
        void *address = mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (address != MAP_FAILED) {
            memory = static_cast<uint8_t *>(address);
            std::memset(memory, 77, kBytes);
        }
    }
    ~CameraBuffer()
    {
        if (memory)
            munmap(memory, kBytes);
        if (fd >= 0)
            ::close(fd);
    }
    DmabufPicture::Layout layout() const
    {
        DmabufPicture::Layout layout;
        layout.format = AV_PIX_FMT_YUV420P;
        layout.width = kWidth;
        layout.height = kHeight;
        layout.planes[0] = memory;
        layout.planes[1] = memory + kStride * kHeight;
        layout.planes[2] = layout.planes[1] + kStride / 2 * kHeight / 2;
        layout.strides[0] = kStride;
        layout.strides[1] = layout.strides[2] = kStride / 2;
        layout.bytes = kBytes;
        return layout;
    }
    int changedBytes() const
    {
        int changed = 0;
        for (size_t i = 0; i < kBytes; ++i)
            changed += memory[i] != 77;
        return changed;
    }
};

TimeOverlay::Settings overlaySettings()
{
    TimeOverlay::Settings settings;
    settings.enabled = true;
    settings.size = 18;
    settings.timeZone = QStringLiteral("UTC");
    return settings;
}

} // namespace

class TestDmabufPicture : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void wrapsWithoutCopy_data();
    void wrapsWithoutCopy();
    void overlayDrawsInPlaceOnlyWhenWritable_data();
    void overlayDrawsInPlaceOnlyWhenWritable();
    void givesBackAfterLastReferenceAndWindowEnd();
    void reportsSyncFailureButKeepsThePicture();
};

void TestDmabufPicture::init()
{
    g_events.clear();
    g_failSync = false;
}

void TestDmabufPicture::wrapsWithoutCopy_data()
{
    QTest::addColumn<bool>("writable");
    QTest::newRow("mapped read-write") << true;
    QTest::newRow("mapped read-only") << false;
}

void TestDmabufPicture::wrapsWithoutCopy()
{
    QFETCH(bool, writable);
    CameraBuffer camera;
    QVERIFY(camera.memory);
    QString syncError;
    AVFramePtr picture = DmabufPicture::wrap(camera.layout(), {{camera.fd}, writable}, [] {}, &syncError, fakeIoctl);
    QVERIFY(picture);
    QVERIFY(syncError.isEmpty());
    const DmabufPicture::Layout layout = camera.layout();
    for (int plane = 0; plane < 3; ++plane) {
        QCOMPARE(picture->data[plane], layout.planes[plane]);
        QCOMPARE(picture->linesize[plane], layout.strides[plane]);
    }
    QCOMPARE(picture->width, kWidth);
    QCOMPARE(picture->height, kHeight);
    QCOMPARE(bool(av_frame_is_writable(picture.get())), writable);
    QCOMPARE(g_events, QStringList{QStringLiteral("start %1 %2").arg(writable ? "rw" : "r").arg(camera.fd)});
}

void TestDmabufPicture::overlayDrawsInPlaceOnlyWhenWritable_data()
{
    QTest::addColumn<bool>("writable");
    QTest::newRow("writable: drawn into the camera's buffer") << true;
    QTest::newRow("read-only: drawn into a copy") << false;
}

void TestDmabufPicture::overlayDrawsInPlaceOnlyWhenWritable()
{
    QFETCH(bool, writable);
    CameraBuffer camera;
    QVERIFY(camera.memory);
    TimeOverlay overlay(overlaySettings());
    AVFramePtr picture = DmabufPicture::wrap(camera.layout(), {{camera.fd}, writable}, [] {}, nullptr, fakeIoctl);
    QVERIFY(picture);
    const AVFrame *drawn = overlay.draw(picture.get(), 1'768'465'805LL * 1'000'000);
    QVERIFY(drawn);
    if (writable) {
        // No copy of the picture: the encoder reads the very buffer the camera filled.
        QCOMPARE(drawn, picture.get());
        QVERIFY(camera.changedBytes() > 0);
        const QRect box = overlay.box(kWidth, kHeight);
        QCOMPARE(int(camera.memory[box.y() * kStride + box.x()]), int(TimeOverlay::kPaper));
    } else {
        QVERIFY(drawn != picture.get());
        QVERIFY(drawn->data[0] != camera.memory);
        QCOMPARE(camera.changedBytes(), 0);
    }
}

void TestDmabufPicture::givesBackAfterLastReferenceAndWindowEnd()
{
    CameraBuffer camera;
    QVERIFY(camera.memory);
    int released = 0;
    AVFramePtr picture = DmabufPicture::wrap(camera.layout(), {{camera.fd, camera.fd + 1000}, true}, [&] {
        ++released;
        g_events << QStringLiteral("release");
    }, nullptr, fakeIoctl);
    QVERIFY(picture);
    AVFramePtr other(av_frame_clone(picture.get())); // e.g. the encoder's own reference
    picture.reset();
    QCOMPARE(released, 0);
    QCOMPARE(g_events.size(), 2); // both dmabufs started, nothing ended yet
    other.reset();
    QCOMPARE(released, 1);
    const QStringList expected = {QStringLiteral("start rw %1").arg(camera.fd),
                                  QStringLiteral("start rw %1").arg(camera.fd + 1000),
                                  QStringLiteral("end rw %1").arg(camera.fd),
                                  QStringLiteral("end rw %1").arg(camera.fd + 1000), QStringLiteral("release")};
    QCOMPARE(g_events, expected);
}

void TestDmabufPicture::reportsSyncFailureButKeepsThePicture()
{
    CameraBuffer camera;
    QVERIFY(camera.memory);
    g_failSync = true;
    int released = 0;
    QString syncError;
    AVFramePtr picture = DmabufPicture::wrap(camera.layout(), {{camera.fd}, true}, [&] { ++released; }, &syncError,
                                             fakeIoctl);
    QVERIFY(picture);
    QVERIFY2(syncError.contains(QLatin1String("not a dmabuf")), qPrintable(syncError));
    picture.reset();
    QCOMPARE(released, 1);
}

QTEST_GUILESS_MAIN(TestDmabufPicture)
#include "tst_dmabufpicture.moc"
