// SPDX-License-Identifier: MIT
// Tests DmabufSync: START on construction, END with the same access on destruction, once, on the
// right fd; failures reported; and the real ioctl against a real dmabuf where one can be made.
#include "capture/dmabufsync.h"

#include <QTest>

#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <linux/dma-buf.h>
#include <linux/udmabuf.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace {

struct Call {
    int fd;
    unsigned long request;
    quint64 flags;
};
std::vector<Call> g_calls;
int g_failures = 0;   // the next calls that fail
int g_failErrno = 0;

int fakeIoctl(int fd, unsigned long request, void *argument)
{
    g_calls.push_back({fd, request, static_cast<dma_buf_sync *>(argument)->flags});
    if (g_failures > 0) {
        --g_failures;
        errno = g_failErrno;
        return -1;
    }
    return 0;
}

} // namespace

class TestDmabufSync : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void bracketsAccess_data();
    void bracketsAccess();
    void endsOnceWhenMoved();
    void retriesInterruptedCalls();
    void failedStartEndsNothing();
    void realIoctlRefusesNonDmabuf();
    void realDmabufRoundTrip();
};

void TestDmabufSync::init()
{
    g_calls.clear();
    g_failures = 0;
    g_failErrno = 0;
}

void TestDmabufSync::bracketsAccess_data()
{
    QTest::addColumn<int>("access");
    QTest::addColumn<quint64>("flags");
    QTest::newRow("read (the encoder reads)") << int(DmabufSync::Access::Read) << quint64(DMA_BUF_SYNC_READ);
    QTest::newRow("read-write (the overlay draws)") << int(DmabufSync::Access::ReadWrite) << quint64(DMA_BUF_SYNC_RW);
}

void TestDmabufSync::bracketsAccess()
{
    QFETCH(int, access);
    QFETCH(quint64, flags);
    {
        DmabufSync sync(42, DmabufSync::Access(access), fakeIoctl);
        QVERIFY(sync.isActive());
        QVERIFY(sync.error().isEmpty());
        QCOMPARE(g_calls.size(), size_t(1));
        QCOMPARE(g_calls[0].fd, 42);
        QCOMPARE(g_calls[0].request, (unsigned long)DMA_BUF_IOCTL_SYNC);
        QCOMPARE(g_calls[0].flags, quint64(DMA_BUF_SYNC_START) | flags);
    }
    QCOMPARE(g_calls.size(), size_t(2));
    QCOMPARE(g_calls[1].fd, 42);
    QCOMPARE(g_calls[1].flags, quint64(DMA_BUF_SYNC_END) | flags);
}

void TestDmabufSync::endsOnceWhenMoved()
{
    {
        std::vector<DmabufSync> windows;
        windows.emplace_back(7, DmabufSync::Access::Read, fakeIoctl);
        windows.emplace_back(8, DmabufSync::Access::Read, fakeIoctl); // may move the first
        DmabufSync moved(std::move(windows[0]));
        QVERIFY(moved.isActive());
        QVERIFY(!windows[0].isActive());
        QVERIFY(moved.end());
        QVERIFY(!moved.isActive());
        QVERIFY(moved.end()); // idempotent
    }
    // START 7, START 8, END 7 (explicit), END 8: never twice, never on a moved-from object.
    QCOMPARE(g_calls.size(), size_t(4));
    int ends7 = 0;
    int ends8 = 0;
    for (const Call &call : g_calls) {
        if (call.flags & DMA_BUF_SYNC_END)
            (call.fd == 7 ? ends7 : ends8) += 1;
    }
    QCOMPARE(ends7, 1);
    QCOMPARE(ends8, 1);
}

void TestDmabufSync::retriesInterruptedCalls()
{
    g_failures = 2;
    g_failErrno = EINTR;
    DmabufSync sync(3, DmabufSync::Access::Read, fakeIoctl);
    QVERIFY(sync.isActive());
    QCOMPARE(g_calls.size(), size_t(3));
}

void TestDmabufSync::failedStartEndsNothing()
{
    g_failures = 1;
    g_failErrno = ENOTTY;
    {
        DmabufSync sync(5, DmabufSync::Access::ReadWrite, fakeIoctl);
        QVERIFY(!sync.isActive());
        QVERIFY2(sync.error().contains(QLatin1String("not a dmabuf")), qPrintable(sync.error()));
    }
    QCOMPARE(g_calls.size(), size_t(1)); // no END for a window never started
}

void TestDmabufSync::realIoctlRefusesNonDmabuf()
{
    // The kernel's own answer for an fd that is not a dmabuf (a memfd): the window is not started
    // and the reason says so, which LibcameraSource logs once.
    const int fd = memfd_create("not-a-dmabuf", MFD_CLOEXEC);
    QVERIFY(fd >= 0);
    DmabufSync sync(fd, DmabufSync::Access::Read);
    QVERIFY(!sync.isActive());
    QVERIFY2(sync.error().contains(QLatin1String("ENOTTY")), qPrintable(sync.error()));
    ::close(fd);
}

void TestDmabufSync::realDmabufRoundTrip()
{
    // udmabuf turns a sealed memfd into a real dmabuf: the same ioctl path as a camera's buffer.
    const int device = ::open("/dev/udmabuf", O_RDWR | O_CLOEXEC);
    if (device < 0)
        QSKIP(qPrintable(QStringLiteral("no real dmabuf here: /dev/udmabuf cannot be opened (%1; kernel without "
                                        "CONFIG_UDMABUF or no access) and there is no DMA heap; the ioctl "
                                        "sequence is tested through the fake above")
                             .arg(QString::fromLocal8Bit(std::strerror(errno)))));
    const size_t size = size_t(sysconf(_SC_PAGESIZE)) * 4;
    const int memfd = memfd_create("frame", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    QVERIFY(memfd >= 0);
    QCOMPARE(ftruncate(memfd, off_t(size)), 0);
    QCOMPARE(fcntl(memfd, F_ADD_SEALS, F_SEAL_SHRINK), 0);
    udmabuf_create create = {};
    create.memfd = quint32(memfd);
    create.size = size;
    const int dmabuf = ::ioctl(device, UDMABUF_CREATE, &create);
    ::close(device);
    if (dmabuf < 0) {
        ::close(memfd);
        QSKIP(qPrintable(QStringLiteral("UDMABUF_CREATE failed: %1").arg(QString::fromLocal8Bit(std::strerror(errno)))));
    }
    auto *mapped = static_cast<unsigned char *>(mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, dmabuf, 0));
    QVERIFY(mapped != MAP_FAILED);
    {
        DmabufSync sync(dmabuf, DmabufSync::Access::ReadWrite);
        QVERIFY2(sync.isActive(), qPrintable(sync.error()));
        std::memset(mapped, 0x5a, size);
        QVERIFY(sync.end());
    }
    auto *plain = static_cast<unsigned char *>(mmap(nullptr, size, PROT_READ, MAP_SHARED, memfd, 0));
    QVERIFY(plain != MAP_FAILED);
    QCOMPARE(int(plain[size - 1]), 0x5a);
    munmap(plain, size);
    munmap(mapped, size);
    ::close(dmabuf);
    ::close(memfd);
}

QTEST_GUILESS_MAIN(TestDmabufSync)
#include "tst_dmabufsync.moc"
