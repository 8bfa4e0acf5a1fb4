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

private:
    Catalog *m_catalog = nullptr; // borrowed
};
