// SPDX-License-Identifier: MIT
#include "fakeuploads.h"

#include <QDBusConnection>
#include <QDBusError>
#include <QDBusMetaType>
#include <QDateTime>

#include <utility>

QString FakeUploads::registerOn(const QString &busName)
{
    qDBusRegisterMetaType<QList<QVariantMap>>();
    QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.registerObject(QStringLiteral("/org/recorder/Recorder1"), this,
                            QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals))
        return QStringLiteral("cannot register the object: %1").arg(bus.lastError().message());
    if (!bus.registerService(busName))
        return QStringLiteral("cannot own %1: %2").arg(busName, bus.lastError().message());
    return {};
}

void FakeUploads::add(const QString &path, qint64 startTimeMs)
{
    Row row;
    row.startTimeMs = startTimeMs;
    row.queuedAtMs = QDateTime::currentMSecsSinceEpoch();
    m_rows.insert(path, row);
    m_order.append(path);
    emit UploadsChanged();
}

void FakeUploads::clear()
{
    m_rows.clear();
    m_order.clear();
    m_finishRefusals = 0;
    m_loseBeginAnswer = false;
}

void FakeUploads::resetUploading()
{
    for (Row &row : m_rows)
        if (row.state == QLatin1String("uploading"))
            row.state = QStringLiteral("pending");
}

int FakeUploads::count(const QString &state) const
{
    int n = 0;
    for (const Row &row : m_rows)
        n += row.state == state;
    return n;
}

QList<QVariantMap> FakeUploads::PendingUploads(uint limit)
{
    QList<QVariantMap> rows;
    if (limit < 1 || limit > 1000) {
        sendErrorReply(QStringLiteral("org.recorder.Recorder1.Error.InvalidArgument"), QStringLiteral("limit"));
        return rows;
    }
    for (const QString &path : m_order) {
        const Row &row = m_rows[path];
        if (row.state != QLatin1String("pending") && row.state != QLatin1String("failed"))
            continue;
        rows.append({{QStringLiteral("path"), path},
                     {QStringLiteral("start_time_ms"), row.startTimeMs},
                     {QStringLiteral("size_bytes"), qint64(0)},
                     {QStringLiteral("state"), row.state},
                     {QStringLiteral("attempts"), row.attempts},
                     {QStringLiteral("remote_path"), row.remotePath},
                     {QStringLiteral("last_error"), row.lastError},
                     {QStringLiteral("queued_at_ms"), row.queuedAtMs}});
        if (uint(rows.size()) == limit)
            break;
    }
    return rows;
}

QString FakeUploads::BeginUpload(const QString &path, const QString &remotePath)
{
    auto it = m_rows.find(path);
    if (it == m_rows.end()) {
        sendErrorReply(QStringLiteral("org.recorder.Recorder1.Error.NotFound"), path);
        return {};
    }
    if (it->state == QLatin1String("uploaded")) {
        sendErrorReply(QStringLiteral("org.recorder.Recorder1.Error.NotAllowed"), path);
        return {};
    }
    it->proposedPaths.append(remotePath);
    if (it->remotePath.isEmpty())
        it->remotePath = remotePath;
    it->state = QStringLiteral("uploading");
    ++it->attempts;
    emit UploadsChanged();
    if (std::exchange(m_loseBeginAnswer, false)) {
        sendErrorReply(QStringLiteral("org.freedesktop.DBus.Error.NoReply"), QStringLiteral("no reply in time"));
        return {};
    }
    return it->remotePath;
}

void FakeUploads::FinishUpload(const QString &path, bool ok, qint64 bytes, const QString &error)
{
    if (m_finishRefusals > 0) {
        --m_finishRefusals;
        sendErrorReply(QStringLiteral("org.recorder.Recorder1.Error.Unavailable"), QStringLiteral("the catalog is degraded"));
        return;
    }
    auto it = m_rows.find(path);
    if (it == m_rows.end()) {
        sendErrorReply(QStringLiteral("org.recorder.Recorder1.Error.NotFound"), path);
        return;
    }
    if (it->state != QLatin1String("uploading")) {
        sendErrorReply(QStringLiteral("org.recorder.Recorder1.Error.NotAllowed"), path);
        return;
    }
    it->state = ok ? QStringLiteral("uploaded") : QStringLiteral("failed");
    it->bytes = bytes;
    it->lastError = error;
    it->uploadedCount += ok;
    emit UploadsChanged();
}

QVariantMap FakeUploads::UploadQueue()
{
    return {{QStringLiteral("pending"), uint(count(QStringLiteral("pending")))},
            {QStringLiteral("uploading"), uint(count(QStringLiteral("uploading")))},
            {QStringLiteral("failed"), uint(count(QStringLiteral("failed")))},
            {QStringLiteral("uploaded"), uint(count(QStringLiteral("uploaded")))},
            {QStringLiteral("oldest_pending_ms"), qint64(0)},
            {QStringLiteral("lost"), qint64(0)}};
}

uint FakeUploads::RetryUploads()
{
    uint n = 0;
    for (Row &row : m_rows)
        if (row.state == QLatin1String("failed")) {
            row.state = QStringLiteral("pending");
            ++n;
        }
    emit UploadsChanged();
    return n;
}
