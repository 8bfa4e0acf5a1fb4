// SPDX-License-Identifier: MIT
// Copies and heap allocations per frame from each kind of source to the encoder (docs/performance.md):
// run through bench/framecopies/frame-copies.sh, which preloads the counting shim (copycount.c).
#include "capture/dmabufpicture.h"
#include "capture/filesource.h"
#include "capture/mediainput.h"
#include "capture/testpatternsource.h"
#include "encode/frameconverter.h"
#include "encode/h264encoder.h"
#include "encode/timeoverlay.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QVector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/frame.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>
#include <libavutil/pixdesc.h>
}

#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>

#include <dlfcn.h>
#include <sys/mman.h>
#include <unistd.h>

namespace {

constexpr int kWidth = 1920;
constexpr int kHeight = 1080;
constexpr int kFps = 30;

struct Counts {
    quint64 allocations = 0;
    quint64 allocatedBytes = 0;
    quint64 copyCalls = 0;
    quint64 copiedBytes = 0;
    quint64 readBytes = 0;
    quint64 convertedBytes = 0; // bytes of pictures written by libswscale (not seen by the shim)
    quint64 cpuNs = 0;          // the calling thread's CPU time (x264's own threads not included)

    Counts operator-(const Counts &o) const
    {
        return {allocations - o.allocations, allocatedBytes - o.allocatedBytes, copyCalls - o.copyCalls,
                copiedBytes - o.copiedBytes, readBytes - o.readBytes, convertedBytes - o.convertedBytes,
                cpuNs - o.cpuNs};
    }
    Counts &operator+=(const Counts &o)
    {
        allocations += o.allocations;
        allocatedBytes += o.allocatedBytes;
        copyCalls += o.copyCalls;
        copiedBytes += o.copiedBytes;
        readBytes += o.readBytes;
        convertedBytes += o.convertedBytes;
        cpuNs += o.cpuNs;
        return *this;
    }
};

// copycount.c's struct copycount, field for field.
struct ShimCounts {
    quint64 allocations;
    quint64 allocatedBytes;
    quint64 copyCalls;
    quint64 copiedBytes;
    quint64 readBytes;
};
using ReadCounters = void (*)(ShimCounts *);
ReadCounters g_read = nullptr;

Counts now()
{
    ShimCounts shim = {};
    g_read(&shim);
    Counts counts;
    counts.allocations = shim.allocations;
    counts.allocatedBytes = shim.allocatedBytes;
    counts.copyCalls = shim.copyCalls;
    counts.copiedBytes = shim.copiedBytes;
    counts.readBytes = shim.readBytes;
    timespec cpu = {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
    counts.cpuNs = quint64(cpu.tv_sec) * 1'000'000'000ULL + quint64(cpu.tv_nsec);
    return counts;
}

// A camera buffer stand-in: a memfd mapping (no dmabuf can be made here), wrapped exactly as
// LibcameraSource wraps a libcamera buffer; CPU access brackets go to a no-op ioctl.
int noSync(int, unsigned long, void *)
{
    return 0;
}

class CameraModel
{
public:
    explicit CameraModel(bool writable)
        : m_writable(writable)
    {
        m_fd = memfd_create("camera", MFD_CLOEXEC);
        if (m_fd < 0 || ftruncate(m_fd, off_t(bytes())) != 0)
            return;
        void *address = mmap(nullptr, bytes(), PROT_READ | PROT_WRITE, MAP_SHARED, m_fd, 0);
        if (address == MAP_FAILED)
            return;
        m_memory = static_cast<uint8_t *>(address);
        // A picture the "ISP" wrote: grey with a gradient, so x264 has something to encode.
        for (int y = 0; y < kHeight; ++y)
            std::memset(m_memory + size_t(y) * kWidth, 16 + y * 200 / kHeight, kWidth);
        std::memset(m_memory + size_t(kWidth) * kHeight, 128, bytes() - size_t(kWidth) * kHeight);
    }
    ~CameraModel()
    {
        if (m_memory)
            munmap(m_memory, bytes());
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool isOpen() const { return m_memory != nullptr; }
    AVFramePtr grab()
    {
        DmabufPicture::Layout layout;
        layout.format = AV_PIX_FMT_YUV420P;
        layout.width = kWidth;
        layout.height = kHeight;
        layout.planes[0] = m_memory;
        layout.planes[1] = m_memory + size_t(kWidth) * kHeight;
        layout.planes[2] = layout.planes[1] + size_t(kWidth / 2) * (kHeight / 2);
        layout.strides[0] = kWidth;
        layout.strides[1] = layout.strides[2] = kWidth / 2;
        layout.bytes = bytes();
        // The release captures what LibcameraSource's does (the shared state and the request), so
        // the std::function allocates as it does there.
        return DmabufPicture::wrap(layout, {{m_fd}, m_writable}, [state = m_state, request = this] {
            Q_UNUSED(state);
            Q_UNUSED(request);
        }, nullptr, noSync);
    }

private:
    static size_t bytes() { return size_t(kWidth) * kHeight * 3 / 2; }
    const bool m_writable;
    int m_fd = -1;
    uint8_t *m_memory = nullptr;
    std::shared_ptr<int> m_state = std::make_shared<int>(0);
};

struct Case {
    QString name;
    QString kind; // testpattern, file, media, camera, camera-readonly
    QString path;
};

struct Stages {
    Counts source, convert, overlay, encode, release;
    int frames = 0;
    int pictureCopiesBeforeEncoder = 0; // pictures whose encoder input is not the source's memory
    int scalerSetups = 0;
};

QString runCase(const Case &c, bool withOverlay, int warmup, int frames, Stages &out)
{
    Source::Settings settings;
    settings.width = kWidth;
    settings.height = kHeight;
    settings.fps = kFps;
    std::unique_ptr<Source> source;
    MediaInput media;
    std::unique_ptr<CameraModel> camera;
    if (c.kind == QLatin1String("testpattern"))
        source = std::make_unique<TestPatternSource>(settings, true);
    else if (c.kind == QLatin1String("file"))
        source = std::make_unique<FileSource>(settings, c.path);
    if (source) {
        const QString error = source->open();
        if (!error.isEmpty())
            return error;
    } else if (c.kind == QLatin1String("media")) {
        const QString error = media.open(c.path, nullptr, nullptr, false);
        if (!error.isEmpty())
            return error;
    } else {
        camera = std::make_unique<CameraModel>(c.kind == QLatin1String("camera"));
        if (!camera->isOpen())
            return QStringLiteral("cannot make a memfd camera buffer");
    }

    H264Encoder::Settings encoderSettings;
    encoderSettings.encoder = QStringLiteral("libx264");
    encoderSettings.width = kWidth;
    encoderSettings.height = kHeight;
    encoderSettings.fps = kFps;
    H264Encoder encoder;
    QString error = encoder.open(encoderSettings);
    if (!error.isEmpty())
        return error;
    FrameConverter converter;
    TimeOverlay::Settings overlaySettings;
    overlaySettings.enabled = true;
    overlaySettings.timeZone = QStringLiteral("UTC");
    TimeOverlay overlay(overlaySettings);
    const auto sink = [](AVPacket *) { return QString(); };

    out = Stages();
    const qint64 startWallUs = 1'768'465'805LL * 1'000'000;
    for (int i = 0; i < warmup + frames; ++i) {
        const bool measured = i >= warmup;
        const qint64 elapsedUs = qint64(i) * 1'000'000 / kFps;
        Frame frame;
        frame.index = i;
        frame.wallUs = startWallUs + elapsedUs;

        Counts before = now();
        if (source) {
            if (source->grab(elapsedUs, frame, error) != Source::Grab::Frame)
                return error.isEmpty() ? QStringLiteral("the source gave no frame") : error;
        } else if (camera) {
            frame.picture = camera->grab();
        } else {
            // V4l2Source::grab() is MediaInput::read() on the device; here on a file, looped.
            MediaInput::Read read = media.read(frame.picture, error);
            if (read == MediaInput::Read::EndOfFile) {
                error = media.rewind();
                if (!error.isEmpty())
                    return error;
                read = media.read(frame.picture, error);
            }
            if (read != MediaInput::Read::Frame)
                return error.isEmpty() ? QStringLiteral("no picture from %1").arg(c.path) : error;
        }
        if (!frame.picture)
            return QStringLiteral("out of memory");
        Counts after = now();
        if (measured)
            out.source += after - before;

        before = after;
        const AVFrame *picture = converter.convert(frame.picture.get(), AV_PIX_FMT_YUV420P, kWidth, kHeight);
        if (!picture)
            return QStringLiteral("conversion failed");
        after = now();
        if (picture != frame.picture.get())
            after.convertedBytes = quint64(av_image_get_buffer_size(AVPixelFormat(picture->format), picture->width,
                                                                    picture->height, 1));
        if (measured)
            out.convert += after - before;

        before = now();
        if (withOverlay)
            picture = overlay.draw(picture, frame.wallUs);
        after = now();
        if (measured)
            out.overlay += after - before;
        if (measured && picture->data[0] != frame.picture->data[0])
            ++out.pictureCopiesBeforeEncoder;

        before = now();
        error = encoder.encode(picture, frame.index, sink);
        if (!error.isEmpty())
            return error;
        after = now();
        if (measured)
            out.encode += after - before;

        before = now();
        frame.picture.reset();
        after = now();
        if (measured)
            out.release += after - before;
    }
    out.frames = frames;
    out.scalerSetups = converter.setups();
    if (source)
        source->close();
    return QString();
}

void printRow(const char *stage, const Counts &counts, int frames, double frameBytes)
{
    const double copied = double(counts.copiedBytes + counts.readBytes + counts.convertedBytes) / frames;
    std::printf("| | %s | %.1f | %.0f | %.0f | %.0f | %.0f | %.3f | %.3f |\n", stage, double(counts.allocations) / frames,
                double(counts.allocatedBytes) / frames, double(counts.copiedBytes) / frames,
                double(counts.readBytes) / frames, double(counts.convertedBytes) / frames, copied / frameBytes,
                double(counts.cpuNs) / 1e6 / frames);
}

void printEncoderFormats(const char *name)
{
    const AVCodec *codec = avcodec_find_encoder_by_name(name);
    if (!codec) {
        std::printf("%s: not in this FFmpeg\n", name);
        return;
    }
    QByteArray formats;
    for (const AVPixelFormat *format = codec->pix_fmts; format && *format != AV_PIX_FMT_NONE; ++format)
        formats += QByteArray(formats.isEmpty() ? "" : ", ") + av_get_pix_fmt_name(*format);
    std::printf("%s (%s) declares input pixel formats: %s\n", name, LIBAVCODEC_IDENT,
                formats.isEmpty() ? "none (AVCodec.pix_fmts is null: decided when the device is opened)"
                                  : formats.constData());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Copies and allocations per 1080p frame, source to encoder"));
    parser.addHelpOption();
    const QCommandLineOption framesOption(QStringLiteral("frames"), QStringLiteral("Frames measured per case."),
                                          QStringLiteral("n"), QStringLiteral("150"));
    const QCommandLineOption warmupOption(QStringLiteral("warmup"), QStringLiteral("Frames before measuring."),
                                          QStringLiteral("n"), QStringLiteral("30"));
    const QCommandLineOption y4mOption(QStringLiteral("y4m"), QStringLiteral("A raw 1080p YUV4MPEG2 clip (file source)."),
                                       QStringLiteral("path"));
    const QCommandLineOption mjpegOption(QStringLiteral("mjpeg"), QStringLiteral("An MJPEG clip (USB webcam stand-in)."),
                                         QStringLiteral("path"));
    const QCommandLineOption yuyvOption(QStringLiteral("yuyv"), QStringLiteral("A raw YUYV clip (USB webcam stand-in)."),
                                        QStringLiteral("path"));
    parser.addOptions({framesOption, warmupOption, y4mOption, mjpegOption, yuyvOption});
    parser.process(app);
    bool ok = false;
    const int frames = parser.value(framesOption).toInt(&ok);
    bool warmupOk = false;
    const int warmup = parser.value(warmupOption).toInt(&warmupOk);
    if (!ok || frames < 1 || !warmupOk || warmup < 0) {
        std::fprintf(stderr, "frame-copies-bench: --frames must be a whole number from 1 and --warmup from 0\n");
        return 64;
    }
    g_read = reinterpret_cast<ReadCounters>(dlsym(RTLD_DEFAULT, "copycount_read"));
    if (!g_read) {
        std::fprintf(stderr, "frame-copies-bench: the counting shim is not loaded; run bench/framecopies/frame-copies.sh "
                             "(LD_PRELOAD=libframe-copies-shim.so)\n");
        return 1;
    }
    av_log_set_level(AV_LOG_ERROR);

    printEncoderFormats("h264_v4l2m2m");
    printEncoderFormats("libx264");

    QVector<Case> cases = {{QStringLiteral("testpattern"), QStringLiteral("testpattern"), {}}};
    if (parser.isSet(y4mOption))
        cases << Case{QStringLiteral("file: raw Y4M"), QStringLiteral("file"), parser.value(y4mOption)};
    if (parser.isSet(mjpegOption))
        cases << Case{QStringLiteral("MJPEG 4:2:2 decode (V4L2 webcam path, from a file)"), QStringLiteral("media"),
                      parser.value(mjpegOption)};
    if (parser.isSet(yuyvOption))
        cases << Case{QStringLiteral("YUYV (V4L2 webcam path, from a file)"), QStringLiteral("media"),
                      parser.value(yuyvOption)};
    cases << Case{QStringLiteral("libcamera model, buffer mapped writable (now)"), QStringLiteral("camera"), {}}
          << Case{QStringLiteral("libcamera model, buffer mapped read-only (before)"), QStringLiteral("camera-readonly"), {}};

    const double frameBytes = double(kWidth) * kHeight * 3 / 2;
    std::printf("\n%dx%d YUV420P, frame = %.0f bytes; %d frames measured after %d; encoder libx264 ultrafast.\n"
                "Per frame: heap allocations (count, bytes), bytes copied by memcpy-family calls, bytes read() "
                "from the kernel, bytes written by libswscale; ratio = (memcpy + read + swscale) / frame; CPU ms of the "
                "calling thread (x264's worker threads not included).\n"
                "Not seen by the shim: x264 copies each picture into its own frame (x264_frame_copy_picture, SIMD): "
                "+1.000 frame in the encoder for every case.\n\n",
                kWidth, kHeight, frameBytes, frames, warmup);
    std::printf("| case, overlay | stage | allocations | allocated bytes | memcpy bytes | read bytes | swscale bytes | "
                "copied / frame | CPU ms |\n|---|---|---|---|---|---|---|---|---|\n");
    int failures = 0;
    for (const Case &c : cases) {
        for (const bool withOverlay : {false, true}) {
            Stages stages;
            const QString error = runCase(c, withOverlay, warmup, frames, stages);
            if (!error.isEmpty()) {
                std::printf("| %s, overlay %s | failed: %s | | | | | | | |\n", qPrintable(c.name), withOverlay ? "on" : "off",
                            qPrintable(error));
                ++failures;
                continue;
            }
            Counts total;
            total += stages.source;
            total += stages.convert;
            total += stages.overlay;
            total += stages.encode;
            total += stages.release;
            std::printf("| **%s, overlay %s** | pictures copied before the encoder: %.2f per frame; scaler set-ups: %d | | | | | | | |\n",
                        qPrintable(c.name), withOverlay ? "on" : "off",
                        double(stages.pictureCopiesBeforeEncoder) / stages.frames, stages.scalerSetups);
            printRow("source", stages.source, stages.frames, frameBytes);
            printRow("conversion", stages.convert, stages.frames, frameBytes);
            printRow("overlay", stages.overlay, stages.frames, frameBytes);
            printRow("encoder (libavcodec + x264)", stages.encode, stages.frames, frameBytes);
            printRow("release", stages.release, stages.frames, frameBytes);
            printRow("**total**", total, stages.frames, frameBytes);
            std::fflush(stdout);
        }
    }
    return failures == 0 ? 0 : 1;
}
