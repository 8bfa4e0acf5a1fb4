// SPDX-License-Identifier: MIT
// The control API's RecordingCatalog over the storage library's Catalog.
#pragma once

#include "recordingcatalog.h"

class Catalog;

// Called on the main thread (D-Bus requests). Borrows the Catalog, which the Recorder opens in
// start(): until setCatalog() the adapter answers that the catalog is not open. Catalog's query
// helpers are blocking but indexed and limit-bounded, so a request stays short.
class CatalogAdapter : public RecordingCatalog
{
public:
    void setCatalog(Catalog *catalog) { m_catalog = catalog; }

    QList<QVariantMap> list(int limit, int offset, QString *error) override;
    Outcome setProtected(const QString &path, bool on, QString *error) override;

private:
    Catalog *m_catalog = nullptr; // borrowed
};
