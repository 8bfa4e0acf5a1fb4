// SPDX-License-Identifier: MIT
// Raspberry Pi CSI cameras through libcamera: YUV420 at the configured size and fps, zero-copy.
#include "libcamerasource.h"
#include "camerabuffers.h"
#include "cameracontrols.h"
#include "capturelog.h"
#include "dmabufpicture.h"
#include "framequeue.h"
#include "libcameraerrors.h"
#include "libcameramanager.h"

#include <libcamera/libcamera.h>

extern "C" {
#include <libavutil/buffer.h>
#include <libavutil/pixfmt.h>
}

#include <deque>
#include <map>
#include <mutex>
#include <fcntl.h>
#include <optional>
#include <sys/mman.h>
#include <unistd.h>

using namespace libcamera;

struct LibcameraSource::State {
    std::shared_ptr<Camera> camera;
    std::unique_ptr<CameraConfiguration> configuration;
    std::unique_ptr<FrameBufferAllocator> allocator;
    std::vector<std::unique_ptr<Request>> requests;
    std::map<const FrameBuffer *, std::vector<uint8_t *>> planes; // mapped plane addresses per buffer
    std::map<const FrameBuffer *, DmabufPicture::Buffer> dmabufs;  // its distinct fds, how it is mapped
    std::vector<std::pair<void *, size_t>> mappings;
    // Our own duplicates of the buffers' fds: frames still held after close() (which frees the
    // allocator and its fds) end their CPU access window on them, never on a reused number.
    std::vector<int> syncFds;
    Stream *stream = nullptr;
    int64_t frameDurationUs = 0;

    struct Completed {
        Request *request;
        bool afterDryPool; // the camera had no buffer to fill at some moment before this frame
    };
    std::mutex mutex;             // guards everything below
    std::deque<Completed> completed;
    bool running = false;
    int inCamera = 0;             // requests queued to the camera, not yet completed
    bool poolDry = false;         // inCamera reached 0 since the last completed request
    QString failure;

    void onRequestCompleted(Request *request)
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (!running)
            return;
        --inCamera;
        if (request->status() == Request::RequestCancelled)
            return;
        completed.push_back({request, poolDry});
        // Every buffer is now waiting in the frame queue or the encoder: the sensor's next frames
        // have nowhere to go until one comes back (the capture worker counts them as lost).
        poolDry = inCamera == 0;
    }

    // With `mutex` held.
    bool queue(Request *request)
    {
        if (camera->queueRequest(request) < 0)
            return false;
        ++inCamera;
        return true;
    }

    // Called when the encoder releases a frame, on whichever thread that happens.
    void requeue(Request *request)
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (!running)
            return;
        request->reuse(Request::ReuseBuffers);
        request->controls().set(controls::FrameDurationLimits, {frameDurationUs, frameDurationUs});
        if (!queue(request))
            failure = QStringLiteral("the camera refused a request");
    }

    ~State() { unmapAll(); }

    void unmapAll()
    {
        for (const auto &mapping : mappings)
            munmap(mapping.first, mapping.second);
        mappings.clear();
        planes.clear();
        dmabufs.clear();
        for (const int fd : syncFds)
            ::close(fd);
        syncFds.clear();
    }
};

LibcameraSource::LibcameraSource(const Settings &settings, const QString &cameraId)
    : m_settings(settings)
    , m_cameraId(cameraId)
{
}

LibcameraSource::~LibcameraSource()
{
    close();
}

QString LibcameraSource::name() const
{
    const QString id = m_openedId.isEmpty() ? m_cameraId : m_openedId;
    return id.isEmpty() ? QStringLiteral("libcamera") : QStringLiteral("libcamera:") + id;
}

DeviceStamp LibcameraSource::lastStamp() const
{
    return m_lastStamp;
}

QString LibcameraSource::open()
{
    close();
    m_lastStamp = DeviceStamp();
    auto state = std::make_shared<State>();
    QString error;
    CameraManager *manager = LibcameraManager::instance().acquire(error);
    if (!manager)
        return error;
    const auto cameras = manager->cameras();
    if (cameras.empty())
        return LibcameraErrors::noCamera();
    state->camera = m_cameraId.isEmpty() ? cameras.front() : manager->get(m_cameraId.toStdString());
    if (!state->camera)
        return QStringLiteral("no libcamera camera with id %1").arg(m_cameraId);
    if (state->camera->acquire() < 0)
        return QStringLiteral("camera %1 is in use by another program")
            .arg(QString::fromStdString(state->camera->id()));
    // From here the camera is ours: the process-wide manager keeps it alive, so a failure that only
    // dropped the state would leave it acquired (every reopen then fails "in use") or, once started,
    // completing requests into freed memory. Every error below goes through close(), the one path
    // that stops, disconnects and releases it (each step is harmless if not reached).
    m_state = state;
    struct CloseUnlessOpened {
        LibcameraSource *source;
        bool opened = false;
        ~CloseUnlessOpened()
        {
            if (!opened)
                source->close();
        }
    } guard{this};

    // A vector converts to both StreamRoles (0.0.x) and Span<const StreamRole> (later versions).
    const std::vector<StreamRole> roles{StreamRole::VideoRecording};
    state->configuration = state->camera->generateConfiguration(roles);
    if (!state->configuration)
        return QStringLiteral("the camera cannot record video");
    StreamConfiguration &stream = state->configuration->at(0);
    stream.pixelFormat = formats::YUV420;
    stream.size = Size(unsigned(m_settings.width), unsigned(m_settings.height));
    // The pipeline's default (4 on a Raspberry Pi for VideoRecording) cannot back the frame queue.
    const int wantedBuffers = CameraBuffers::countFor(FrameQueue::capacityFor(m_settings.fps));
    stream.bufferCount = unsigned(wantedBuffers);
    const CameraControls pictureControls(m_settings.camera);
    pictureControls.requestTransform(*state->configuration);
    if (state->configuration->validate() == CameraConfiguration::Invalid)
        return QStringLiteral("the camera rejects YUV420 at %1x%2").arg(m_settings.width).arg(m_settings.height);
    if (stream.pixelFormat != formats::YUV420)
        return QStringLiteral("the camera cannot deliver YUV420");
    if (int(stream.size.width) != m_settings.width || int(stream.size.height) != m_settings.height) {
        qCWarning(lcCapture, "the camera delivers %ux%u instead of %dx%d; frames are scaled", stream.size.width,
                  stream.size.height, m_settings.width, m_settings.height);
    }
    if (state->camera->configure(state->configuration.get()) < 0)
        return QStringLiteral("configuring the camera failed");
    state->stream = stream.stream();
    qCInfo(lcCapture, "camera buffers: %u (asked for %d, frame queue %d)", stream.bufferCount, wantedBuffers,
           FrameQueue::capacityFor(m_settings.fps));

    state->allocator = std::make_unique<FrameBufferAllocator>(state->camera);
    if (state->allocator->allocate(state->stream) < 0)
        return QStringLiteral("allocating camera buffers failed");
    for (const std::unique_ptr<FrameBuffer> &buffer : state->allocator->buffers(state->stream)) {
        std::map<int, std::pair<uint8_t *, size_t>> mapped; // by fd: one mapping covers all planes in it
        DmabufPicture::Buffer &dmabuf = state->dmabufs[buffer.get()];
        dmabuf.writable = true;
        for (const FrameBuffer::Plane &plane : buffer->planes()) {
            const int fd = plane.fd.get();
            auto &entry = mapped[fd];
            entry.second = std::max(entry.second, size_t(plane.offset) + plane.length);
        }
        for (auto &[fd, entry] : mapped) {
            // Writable, as rpicam-apps maps them, so the time overlay draws into the camera's buffer
            // instead of copying the whole picture first; read-only if the exporter allows no more.
            void *address = mmap(nullptr, entry.second, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
            if (address == MAP_FAILED) {
                dmabuf.writable = false;
                address = mmap(nullptr, entry.second, PROT_READ, MAP_SHARED, fd, 0);
            }
            if (address == MAP_FAILED)
                return QStringLiteral("mapping a camera buffer failed");
            // Recorded at once, so that the state unmaps it whatever fails next.
            state->mappings.emplace_back(address, entry.second);
            entry.first = static_cast<uint8_t *>(address);
            const int own = fcntl(fd, F_DUPFD_CLOEXEC, 0);
            if (own < 0)
                return QStringLiteral("duplicating a camera buffer's fd failed");
            state->syncFds.push_back(own);
            dmabuf.fds.push_back(own);
        }
        std::vector<uint8_t *> addresses;
        for (const FrameBuffer::Plane &plane : buffer->planes())
            addresses.push_back(mapped[plane.fd.get()].first + plane.offset);
        state->planes[buffer.get()] = addresses;

        std::unique_ptr<Request> request = state->camera->createRequest();
        if (!request || request->addBuffer(state->stream, buffer.get()) < 0)
            return QStringLiteral("creating a camera request failed");
        state->requests.push_back(std::move(request));
    }

    state->frameDurationUs = 1'000'000 / m_settings.fps;
    // The [camera] picture settings: the camera's controls are known once it is configured. What it
    // cannot do is said once per open, and the recording goes on without it.
    ControlList controls;
    QStringList unsupported = pictureControls.apply(state->camera->controls(), controls);
    unsupported << pictureControls.transformProblem(*state->configuration);
    // A std::string in libcamera 0.0.x, a std::string_view in later versions.
    const auto modelProperty = state->camera->properties().get(properties::Model);
    const std::string model = modelProperty ? std::string(*modelProperty) : state->camera->id();
    for (const QString &line : unsupported) {
        if (!line.isEmpty())
            qCWarning(lcCapture, "camera %s cannot apply [camera] %s", model.c_str(), qPrintable(line));
    }
    controls.set(controls::FrameDurationLimits, {state->frameDurationUs, state->frameDurationUs});
    state->camera->requestCompleted.connect(state.get(), &State::onRequestCompleted);
    state->running = true;
    if (state->camera->start(&controls) < 0) {
        state->running = false;
        return QStringLiteral("starting the camera failed");
    }
    {
        // Released before the guard's close() takes it again.
        std::lock_guard<std::mutex> lock(state->mutex);
        for (const std::unique_ptr<Request> &request : state->requests) {
            if (!state->queue(request.get()))
                return QStringLiteral("the camera refused a request");
        }
    }
    m_openedId = QString::fromStdString(state->camera->id());
    guard.opened = true;
    return QString();
}

void LibcameraSource::close()
{
    if (!m_state)
        return;
    {
        std::lock_guard<std::mutex> lock(m_state->mutex);
        m_state->running = false;
        m_state->completed.clear();
    }
    if (m_state->camera) {
        m_state->camera->stop();
        m_state->camera->requestCompleted.disconnect(m_state.get());
        m_state->camera->release();
    }
    // Frames the encoder still holds keep the state, and so the mappings, alive; their
    // requests are not requeued any more (running is false).
    m_state->requests.clear();
    m_state->allocator.reset();
    m_state->camera.reset();
    m_state.reset();
}

Source::Grab LibcameraSource::grab(qint64 elapsedUs, Frame &out, QString &error)
{
    Q_UNUSED(elapsedUs);
    State::Completed completed{};
    {
        std::lock_guard<std::mutex> lock(m_state->mutex);
        if (!m_state->failure.isEmpty()) {
            error = m_state->failure;
            return Grab::Error;
        }
        if (m_state->completed.empty())
            return Grab::NotYet;
        completed = m_state->completed.front();
        m_state->completed.pop_front();
    }
    Request *request = completed.request;
    if (request->status() != Request::RequestComplete) {
        m_state->requeue(request);
        return Grab::NotYet;
    }
    const FrameBuffer *buffer = request->findBuffer(m_state->stream);
    // The sensor's start of exposure where the pipeline reports it, else the buffer's: both are
    // the V4L2 buffer timestamps of the kernel (CLOCK_MONOTONIC), although libcamera documents
    // SensorTimestamp as CLOCK_BOOTTIME; the two differ only by time spent suspended, and the
    // mapper learns such an offset again if it appears. Frames the sensor delivered while no
    // buffer was queued never reached us: the gap before this frame is their loss.
    const std::optional<int64_t> sensorNs = request->metadata().get(controls::SensorTimestamp);
    m_lastStamp.us = (sensorNs ? *sensorNs : int64_t(buffer->metadata().timestamp)) / 1000;
    m_lastStamp.clock = DeviceClock::Monotonic;
    m_lastStamp.sequence = buffer->metadata().sequence;
    m_lastStamp.gap = completed.afterDryPool ? DeviceGap::Loss : DeviceGap::NotLoss;
    const StreamConfiguration &stream = m_state->configuration->at(0);
    const std::vector<uint8_t *> &planes = m_state->planes.at(buffer);
    DmabufPicture::Layout layout;
    layout.format = AV_PIX_FMT_YUV420P;
    layout.width = int(stream.size.width);
    layout.height = int(stream.size.height);
    layout.bytes = stream.frameSize;
    const int strides[3] = {int(stream.stride), int(stream.stride / 2), int(stream.stride / 2)};
    for (int plane = 0; plane < 3; ++plane) {
        layout.strides[plane] = strides[plane];
        if (plane < int(planes.size()))
            layout.planes[plane] = planes[size_t(plane)];
    }
    if (planes.size() == 1) { // one contiguous plane: U and V follow Y
        layout.planes[1] = layout.planes[0] + strides[0] * layout.height;
        layout.planes[2] = layout.planes[1] + strides[1] * layout.height / 2;
    }
    // The state (and so the mappings) lives as long as any frame that points into it.
    QString syncError;
    AVFramePtr frame = DmabufPicture::wrap(layout, m_state->dmabufs.at(buffer),
                                           [state = m_state, request] { state->requeue(request); }, &syncError);
    if (!syncError.isEmpty() && !m_warnedSync) {
        m_warnedSync = true;
        qCWarning(lcCapture, "camera buffers: CPU access cannot be synchronised (%s); pictures may show stale cache lines",
                  qPrintable(syncError));
    }
    if (!frame) {
        m_state->requeue(request);
        error = QStringLiteral("out of memory for a camera frame");
        return Grab::Error;
    }
    out.picture = std::move(frame);
    return Grab::Frame;
}
