// SPDX-License-Identifier: MIT
// The control API's RecordingCatalog over the storage library's Catalog.
#pragma once

#include "recordingcatalog.h"

class Catalog;

// Called on RecorderService's request thread, one request at a time (never the main thread):
// Catalog's helpers block until the catalog thread answers, and Protect waits for the marker's
// fsync. Borrows the Catalog, which the Recorder creates in start(): until setCatalog() the
// adapter answers that the catalog is not open.
class CatalogAdapter : public RecordingCatalog
{
public:
    void setCatalog(Catalog *catalog) { m_catalog = catalog; }

    QList<QVariantMap> list(int limit, int offset, QString *error) override;
    Outcome setProtected(const QString &path, bool on, QString *error) override;
    Outcome pendingUploads(int limit, QList<QVariantMap> *rows, QString *error) override;
    Outcome beginUpload(const QString &path, const QString &wantedRemotePath, QString *remotePath,
                        QString *error) override;
    Outcome finishUpload(const QString &path, bool ok, qint64 bytes, const QString &uploadError,
                         QString *error) override;
    Outcome retryUploads(uint *count, QString *error) override;
    Outcome releaseUploads(uint *count, QString *error) override;
    Outcome uploadQueue(QVariantMap *summary, QString *error) override;

private:
    // Runs `operation` on the catalog, or answers Unavailable while there is none yet.
    template <typename Operation>
    Outcome upload(QString *error, Operation operation);

    Catalog *m_catalog = nullptr; // borrowed
};
