// SPDX-License-Identifier: MIT
// The control API's RecordingCatalog over the storage library's Catalog.
#include "catalogadapter.h"

#include "catalog.h"
#include "storagelog.h"

#include <QDir>
#include <QFileInfo>

namespace {

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

// Keys and units as the columns of docs/catalog.md; NULL columns stay null (invalid QVariant).
QVariantMap toRow(const CatalogRecord &record)
{
    const RecordingInfo &info = record.info;
    QVariantMap row;
    row.insert(QStringLiteral("id"), record.id);
    row.insert(QStringLiteral("path"), info.path);
    row.insert(QStringLiteral("session_id"), nullIfEmpty(info.sessionId));
    row.insert(QStringLiteral("start_time_ms"), info.start.isValid() ? QVariant(info.start.toMSecsSinceEpoch()) : QVariant());
    row.insert(QStringLiteral("end_time_ms"), info.end.isValid() ? QVariant(info.end.toMSecsSinceEpoch()) : QVariant());
    row.insert(QStringLiteral("duration_seconds"), info.durationSeconds);
    row.insert(QStringLiteral("size_bytes"), info.sizeBytes);
    row.insert(QStringLiteral("codec"), info.codec);
    row.insert(QStringLiteral("width"), info.width);
    row.insert(QStringLiteral("height"), info.height);
    row.insert(QStringLiteral("fps"), info.fps);
    row.insert(QStringLiteral("frames"), info.frames);
    row.insert(QStringLiteral("frames_dropped"), info.framesDropped);
    row.insert(QStringLiteral("state"), record.state);
    row.insert(QStringLiteral("protected"), record.isProtected ? 1 : 0);
    row.insert(QStringLiteral("last_error"), info.lastError);
    if (!record.deletedReason.isEmpty())
        row.insert(QStringLiteral("deleted_reason"), record.deletedReason);
    return row;
}

RecordingCatalog::Outcome fromCatalog(Catalog::UploadOutcome outcome)
{
    switch (outcome) {
    case Catalog::UploadOutcome::Ok:
        return RecordingCatalog::Outcome::Ok;
    case Catalog::UploadOutcome::NotFound:
        return RecordingCatalog::Outcome::NotFound;
    case Catalog::UploadOutcome::NotAllowed:
        return RecordingCatalog::Outcome::NotAllowed;
    case Catalog::UploadOutcome::InvalidArgument:
        return RecordingCatalog::Outcome::InvalidArgument;
    case Catalog::UploadOutcome::Unavailable:
        return RecordingCatalog::Outcome::Unavailable;
    case Catalog::UploadOutcome::Failed:
        break;
    }
    return RecordingCatalog::Outcome::Failed;
}

} // namespace

QList<QVariantMap> CatalogAdapter::list(int limit, int offset, QString *error)
{
    if (!m_catalog) {
        *error = QStringLiteral("the catalog is not open yet");
        return {};
    }
    QList<QVariantMap> rows;
    const QList<CatalogRecord> records = m_catalog->list(limit, offset);
    rows.reserve(records.size());
    for (const CatalogRecord &record : records)
        rows.append(toRow(record));
    return rows;
}

RecordingCatalog::Outcome CatalogAdapter::setProtected(const QString &path, bool on, QString *error)
{
    if (!m_catalog) {
        *error = QStringLiteral("the catalog is not open yet");
        return Outcome::Failed;
    }
    // A degraded catalog cannot say which rows it has; the marker beside the file is the truth
    // then, and Catalog::setProtected() checks the file itself.
    if (!m_catalog->health().degraded && !m_catalog->find(path)) {
        *error = QStringLiteral("%1 is not in the catalog").arg(path);
        return Outcome::NotFound;
    }
    const QString failure = m_catalog->setProtected(path, on);
    if (!failure.isEmpty()) {
        *error = failure;
        return Outcome::Failed;
    }
    return Outcome::Ok;
}

template <typename Operation>
RecordingCatalog::Outcome CatalogAdapter::upload(QString *error, Operation operation)
{
    if (!m_catalog) {
        *error = QStringLiteral("the catalog is not open yet");
        return Outcome::Unavailable;
    }
    return fromCatalog(operation(*m_catalog));
}

RecordingCatalog::Outcome CatalogAdapter::pendingUploads(int limit, QList<QVariantMap> *rows, QString *error)
{
    return upload(error, [&](Catalog &c) { return c.pendingUploads(limit, rows, error); });
}

RecordingCatalog::Outcome CatalogAdapter::beginUpload(const QString &path, const QString &wantedRemotePath,
                                                      QString *remotePath, QString *error)
{
    return upload(error, [&](Catalog &c) { return c.beginUpload(path, wantedRemotePath, remotePath, error); });
}

RecordingCatalog::Outcome CatalogAdapter::finishUpload(const QString &path, bool ok, qint64 bytes,
                                                       const QString &uploadError, QString *error)
{
    const Outcome outcome =
        upload(error, [&](Catalog &c) { return c.finishUpload(path, ok, bytes, uploadError, error); });
    // A file that is gone can never be uploaded: rather than a row that fails forever, the recording
    // is deleted as vanished and counted lost to the offload (as Recovery would at the next start).
    // Not when its folder is gone too: an unmounted disk must not turn recordings into losses.
    if (outcome == Outcome::Ok && !ok && !QFileInfo(path).isFile() && QFileInfo(path).dir().exists()) {
        const QString failure = m_catalog->markDeleted(path, QStringLiteral("vanished"), false);
        if (failure.isEmpty())
            qCWarning(lcStorage, "retention: deleted %s before it was uploaded: the file vanished", qPrintable(path));
        else
            qCWarning(lcStorage, "cannot mark %s vanished: %s", qPrintable(path), qPrintable(failure));
    }
    return outcome;
}

RecordingCatalog::Outcome CatalogAdapter::retryUploads(uint *count, QString *error)
{
    return upload(error, [&](Catalog &c) { return c.retryUploads(count, error); });
}

RecordingCatalog::Outcome CatalogAdapter::releaseUploads(uint *count, QString *error)
{
    return upload(error, [&](Catalog &c) { return c.releaseUploads(count, error); });
}

RecordingCatalog::Outcome CatalogAdapter::uploadQueue(QVariantMap *summary, QString *error)
{
    return upload(error, [&](Catalog &c) { return c.uploadQueue(summary, error); });
}
