// SPDX-License-Identifier: MIT
// One catalog row as the query helpers return it: the recording plus what the catalog adds.
#pragma once

#include "recordinginfo.h"

#include <QString>

// Plain value type: copy it freely between threads.
struct CatalogRecord {
    qint64 id = 0;
    RecordingInfo info;
    QString state;             // one of CatalogSchema::states()
    bool isProtected = false;
    QString deletedReason;     // retention, max_age, uploaded, vanished; empty unless state is deleted
    QString uploadState;       // its uploads row's state (pending, uploading, uploaded, failed); empty when none
};
