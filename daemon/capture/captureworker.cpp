// SPDX-License-Identifier: MIT
// Drives a Source on the capture thread: the capture clock, frame timestamps, the hand-over queue.
#include "captureworker.h"
#include "capturelog.h"
#include "framequeue.h"
#include "../pipelinecounters.h"

#include <cmath>
#include <ctime>

Q_LOGGING_CATEGORY(lcCapture, "recorder.capture")

namespace {
// How many late frames the capture clock still delivers, like a camera's buffer queue.
constexpr qint64 kCatchUpFrames = 4;

qint64 clockUs(clockid_t clock)
{
    timespec now = {};
    clock_gettime(clock, &now);
    return qint64(now.tv_sec) * 1'000'000 + now.tv_nsec / 1000;
}
} // namespace

CaptureWorker::CaptureWorker(std::unique_ptr<Source> source, int fps, FrameQueue &queue, PipelineCounters &counters,
                             FrameHook hook)
    : m_source(std::move(source))
    , m_fps(fps)
    , m_queue(queue)
    , m_counters(counters)
    , m_hook(std::move(hook))
    , m_timer(this)
    , m_mapper(fps > 0 ? 1'000'000 / fps : 1)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &CaptureWorker::tick);
}

CaptureWorker::~CaptureWorker()
{
    if (m_source)
        m_source->close();
}

qint64 CaptureWorker::monotonicUs()
{
    return clockUs(CLOCK_MONOTONIC);
}

qint64 CaptureWorker::wallUs()
{
    return clockUs(CLOCK_REALTIME);
}

void CaptureWorker::start()
{
    m_epochUs = monotonicUs();
    m_nextIndex = 0;
    emit clockStarted(m_epochUs);
    reopen();
}

void CaptureWorker::reopen()
{
    m_timer.stop();
    m_source->close();
    m_open = false;
    const QString error = m_source->open();
    if (!error.isEmpty()) {
        emit failed(error);
        return;
    }
    m_open = true;
    m_openedAtUs = monotonicUs();
    m_mapper.reset(); // a reopened device may restart its clock and numbering
    // The time the source was closed is not a run of dropped frames: the clock resumes here.
    m_nextIndex = qMax(m_nextIndex, (m_openedAtUs - m_epochUs) * m_fps / 1'000'000);
    emit opened(m_source->name());
    scheduleNextTick(m_openedAtUs);
}

void CaptureWorker::stop()
{
    m_timer.stop();
    m_source->close();
    m_open = false;
    emit stopped();
}

void CaptureWorker::scheduleNextTick(qint64 nowUs)
{
    qint64 waitUs = 0;
    if (m_source->pacing() == Source::Pacing::Clock) {
        const qint64 dueUs = m_epochUs + m_nextIndex * 1'000'000 / m_fps;
        waitUs = qMax<qint64>(0, dueUs - nowUs);
    } else {
        // A device has its own clock: poll at twice the frame rate.
        waitUs = 500'000 / m_fps;
    }
    m_timer.start(int((waitUs + 999) / 1000));
}

void CaptureWorker::tick()
{
    if (!m_open)
        return;
    if (m_source->pacing() == Source::Pacing::Clock)
        tickClock();
    else
        pollDevice();
}

void CaptureWorker::tickClock()
{
    const qint64 nowUs = monotonicUs();
    const qint64 nowWallUs = wallUs();
    const qint64 due = (nowUs - m_epochUs) * m_fps / 1'000'000;
    // A camera buffers a few frames when its reader is late; so does the capture clock. Only
    // what falls out of that window is lost, and counted.
    const qint64 first = qMax(m_nextIndex, due - kCatchUpFrames + 1);
    for (qint64 index = first; index <= due; ++index) {
        const qint64 frameUs = m_epochUs + index * 1'000'000 / m_fps;
        Frame frame;
        frame.index = index;
        frame.monotonicUs = frameUs;
        frame.wallUs = nowWallUs - (nowUs - frameUs);
        QString error;
        const Source::Grab grab = m_source->grab(frameUs - m_openedAtUs, frame, error);
        if (grab == Source::Grab::Error) {
            fail(error);
            return;
        }
        if (grab != Source::Grab::Frame)
            break; // a stalled source: no catching up on the frames it did not deliver
        deliver(std::move(frame), nowUs, index == first ? first - m_nextIndex : 0);
    }
    m_nextIndex = qMax(m_nextIndex, due + 1);
    scheduleNextTick(monotonicUs());
}

void CaptureWorker::pollDevice()
{
    const qint64 nowUs = monotonicUs();
    const qint64 nowWallUs = wallUs();
    Frame frame;
    QString error;
    const Source::Grab grab = m_source->grab(nowUs - m_openedAtUs, frame, error);
    if (grab == Source::Grab::Error) {
        fail(error);
        return;
    }
    if (grab == Source::Grab::Frame) {
        const TimestampMapper::Mapped mapped = m_mapper.map(m_source->lastStamp(), nowUs);
        if (!mapped.warning.isEmpty())
            qCWarning(lcCapture, "%s: %s", qPrintable(m_source->name()), qPrintable(mapped.warning));
        frame.monotonicUs = mapped.us;
        frame.wallUs = nowWallUs - (nowUs - mapped.us);
        const qint64 index = std::llround(double(mapped.us - m_epochUs) * m_fps / 1e6);
        frame.index = qMax(index, m_nextIndex);
        m_nextIndex = frame.index + 1;
        deliver(std::move(frame), nowUs, mapped.lostBefore);
        m_timer.start(0); // more may be waiting
        return;
    }
    scheduleNextTick(nowUs);
}

void CaptureWorker::fail(const QString &reason)
{
    m_source->close();
    m_open = false;
    emit failed(reason);
}

void CaptureWorker::deliver(Frame frame, qint64 nowUs, qint64 lostBefore)
{
    m_counters.framesDroppedSource += lostBefore;
    ++m_counters.framesCaptured;
    m_counters.lastFrameMonotonicUs = nowUs;
    if (m_hook)
        m_hook(frame.picture.get());
    if (!m_queue.push(std::move(frame)))
        ++m_counters.framesDroppedQueue;
}
