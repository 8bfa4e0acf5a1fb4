// SPDX-License-Identifier: MIT
// What the control API needs from the catalog: the default answers of a catalog without an upload queue.
#include "recordingcatalog.h"

namespace {

RecordingCatalog::Outcome noQueue(QString *error)
{
    *error = QStringLiteral("this catalog has no upload queue");
    return RecordingCatalog::Outcome::Unavailable;
}

} // namespace

RecordingCatalog::Outcome RecordingCatalog::pendingUploads(int, QList<QVariantMap> *, QString *error)
{
    return noQueue(error);
}

RecordingCatalog::Outcome RecordingCatalog::beginUpload(const QString &, const QString &, QString *, QString *error)
{
    return noQueue(error);
}

RecordingCatalog::Outcome RecordingCatalog::finishUpload(const QString &, bool, qint64, const QString &, QString *error)
{
    return noQueue(error);
}

RecordingCatalog::Outcome RecordingCatalog::retryUploads(uint *, QString *error)
{
    return noQueue(error);
}

RecordingCatalog::Outcome RecordingCatalog::releaseUploads(uint *, QString *error)
{
    return noQueue(error);
}

RecordingCatalog::Outcome RecordingCatalog::uploadQueue(QVariantMap *, QString *error)
{
    return noQueue(error);
}
