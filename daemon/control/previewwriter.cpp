// SPDX-License-Identifier: MIT
// Writes a downscaled JPEG of the latest frame for the dashboard, at idle priority, never blocking capture.
#include "previewwriter.h"

#include "atomicfile.h"
#include "controllog.h"

#include <QBuffer>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QMutexLocker>

#include <cmath>

namespace {
constexpr int kJpegQuality = 80;
}

PreviewWriter::PreviewWriter(const QString &path, double intervalSeconds, int width, QObject *parent)
    : QObject(parent), m_path(path), m_intervalMs(std::llround(intervalSeconds * 1000)), m_width(width),
      m_worker(new QObject)
{
    m_thread.setObjectName(QStringLiteral("preview"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start(QThread::IdlePriority);
}

PreviewWriter::~PreviewWriter()
{
    m_thread.quit();
    m_thread.wait();
}

qint64 PreviewWriter::nowMs()
{
    // Monotonic: the wall clock of a Pi steps at NTP sync.
    return QDeadlineTimer::current().deadline();
}

bool PreviewWriter::wantsFrame() const
{
    if (m_busy.load(std::memory_order_relaxed))
        return false;
    if (m_snapshotWanted.load(std::memory_order_relaxed))
        return true;
    return m_intervalMs > 0 && nowMs() >= m_nextDueMs.load(std::memory_order_relaxed);
}

bool PreviewWriter::offerFrame(PreviewFrame frame)
{
    if (!frame.isValid() || m_busy.exchange(true)) {
        m_dropped.fetch_add(1);
        return false;
    }
    const bool forSnapshot = m_snapshotWanted.exchange(false);
    QMetaObject::invokeMethod(
        m_worker, [this, frame = std::move(frame), forSnapshot] { encode(frame, forSnapshot); }, Qt::QueuedConnection);
    return true;
}

void PreviewWriter::requestSnapshot()
{
    m_snapshotWanted.store(true);
}

QByteArray PreviewWriter::latestJpeg() const
{
    QMutexLocker lock(&m_jpegMutex);
    return m_latestJpeg;
}

QByteArray PreviewWriter::toJpeg(const PreviewFrame &frame, int width)
{
    QImage image = frame.toImage();
    if (image.width() > width)
        image = image.scaledToWidth(width, Qt::SmoothTransformation);
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "JPG", kJpegQuality))
        return {};
    return jpeg;
}

void PreviewWriter::encode(const PreviewFrame &frame, bool forSnapshot)
{
    const QByteArray jpeg = toJpeg(frame, m_width);
    QString error;
    if (jpeg.isEmpty())
        error = QStringLiteral("cannot encode the preview JPEG (Qt's jpeg image plugin missing?)");
    else if (m_intervalMs > 0)
        error = AtomicFile::write(m_path, jpeg, 0644);

    if (!jpeg.isEmpty()) {
        QMutexLocker lock(&m_jpegMutex);
        m_latestJpeg = jpeg;
    }
    if (m_intervalMs > 0)
        m_nextDueMs.store(nowMs() + m_intervalMs);
    m_busy.store(false);

    // Signals from the worker reach main-thread receivers queued.
    if (!error.isEmpty()) {
        // Once per distinct problem: a full disk would otherwise log every interval.
        if (error != m_lastError)
            qCWarning(lcControl, "preview: %s", qPrintable(error));
        m_lastError = error;
        emit previewFailed(error);
    } else if (m_intervalMs > 0) {
        if (!m_lastError.isEmpty())
            qCInfo(lcControl, "preview written again to %s", qPrintable(m_path));
        m_lastError.clear();
        emit previewWritten(m_path);
    }
    if (forSnapshot && !jpeg.isEmpty())
        emit snapshotReady(jpeg);
}
