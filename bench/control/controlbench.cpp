// SPDX-License-Identifier: MIT
// Figures of the control layer: what the preview costs the capture thread and the worker, and
// what a heartbeat/Status document costs the main loop.
#include "heartbeatbuilder.h"
#include "previewwriter.h"
#include "recordingengine.h"
#include "sessioncontroller.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include "atomicfile.h"

#include <cstdio>
#include <ctime>

namespace {

class IdleEngine : public RecordingEngine
{
public:
    void open() override {}
    void startRecording(const QString &) override {}
    void stopRecording() override {}
    Counters counters() const override { return {}; }
};

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

double perCallNs(qint64 totalNs, int calls)
{
    return double(totalNs) / calls;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    constexpr int kWidth = 1920, kHeight = 1080;
    QByteArray y(kWidth * kHeight, char(120)), u(kWidth * kHeight / 4, char(128)), v(kWidth * kHeight / 4, char(150));
    const auto *py = reinterpret_cast<const uchar *>(y.constData());
    const auto *pu = reinterpret_cast<const uchar *>(u.constData());
    const auto *pv = reinterpret_cast<const uchar *>(v.constData());

    PreviewWriter preview(dir.filePath(QStringLiteral("preview.jpg")), 3600, 640);

    // 1. wantsFrame() when no preview is due: what every captured frame pays.
    constexpr int kChecks = 1000000;
    QElapsedTimer t;
    // Make the first preview happen, so the next is an hour away.
    preview.offerFrame(PreviewFrame::fromYuv420p(kWidth, kHeight, py, kWidth, pu, kWidth / 2, pv, kWidth / 2, 640));
    while (!preview.latestJpeg().size())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    int wanted = 0;
    t.start();
    for (int i = 0; i < kChecks; ++i)
        wanted += preview.wantsFrame();
    const double checkNs = perCallNs(t.nsecsElapsed(), kChecks);

    // 2. The copy a due frame pays: 1080p YUV420P subsampled for a 640 px preview.
    constexpr int kCopies = 200;
    qint64 copyBytes = 0;
    t.start();
    for (int i = 0; i < kCopies; ++i) {
        const PreviewFrame f = PreviewFrame::fromYuv420p(kWidth, kHeight, py, kWidth, pu, kWidth / 2, pv, kWidth / 2, 640);
        copyBytes = f.y.size() + f.u.size() + f.v.size();
    }
    const double copyUs = perCallNs(t.nsecsElapsed(), kCopies) / 1000;

    // 3. The worker's part, measured here on one thread: YUV -> RGB, scale, JPEG; then the
    // atomic write with fsync.
    constexpr int kPreviews = 30;
    const PreviewFrame due = PreviewFrame::fromYuv420p(kWidth, kHeight, py, kWidth, pu, kWidth / 2, pv, kWidth / 2, 640);
    QByteArray jpeg;
    const double cpuBefore = threadCpuSeconds();
    t.start();
    for (int i = 0; i < kPreviews; ++i)
        jpeg = PreviewWriter::toJpeg(due, 640);
    const double encodeMs = double(t.nsecsElapsed()) / 1e6 / kPreviews;
    const double encodeCpuMs = (threadCpuSeconds() - cpuBefore) * 1000 / kPreviews;
    const qint64 jpegBytes = jpeg.size();
    t.start();
    for (int i = 0; i < kPreviews; ++i)
        AtomicFile::write(dir.filePath(QStringLiteral("preview2.jpg")), jpeg, 0644);
    const double writeMs = double(t.nsecsElapsed()) / 1e6 / kPreviews;

    // 4. One heartbeat / Status document (disk space comes cached from the storage thread).
    IdleEngine engine;
    SessionController controller(SessionController::Settings{}, &engine);
    HeartbeatBuilder builder(&controller, &engine, 1);
    constexpr int kBuilds = 20000;
    t.start();
    for (int i = 0; i < kBuilds; ++i)
        builder.build();
    const double buildUs = perCallNs(t.nsecsElapsed(), kBuilds) / 1000;

    const double fps = 30, intervalSeconds = 2;
    const double captureShare = (fps * checkNs / 1e9) + (copyUs / 1e6) / intervalSeconds;
    std::printf("preview wantsFrame() when not due:        %.1f ns per frame (%d of %d due)\n", checkNs, wanted, kChecks);
    std::printf("preview copy of a due 1080p frame:        %.0f us (%lld bytes, 640 px preview)\n", copyUs,
                static_cast<long long>(copyBytes));
    std::printf("capture thread share at 30 fps, every 2 s: %.5f of one core (%.3f%% of a frame interval)\n",
                captureShare, 100.0 * (copyUs / 1e6) / (1 / fps));
    std::printf("preview JPEG (convert, scale, encode):    %.1f ms CPU, %.1f ms wall (%lld bytes)\n", encodeCpuMs,
                encodeMs, static_cast<long long>(jpegBytes));
    std::printf("preview atomic write (fsync, rename):     %.1f ms wall\n", writeMs);
    std::printf("worker CPU share, one preview every 2 s:  %.4f of one core\n", encodeCpuMs / 1000 / intervalSeconds);
    std::printf("heartbeat/Status document build:          %.1f us\n", buildUs);
    return 0;
}
