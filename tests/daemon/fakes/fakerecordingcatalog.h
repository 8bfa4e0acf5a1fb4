// SPDX-License-Identifier: MIT
// A RecordingCatalog for tests: rows in memory, newest first.
#pragma once

#include "recordingcatalog.h"

// Thread-bound to the main thread.
class FakeRecordingCatalog : public RecordingCatalog
{
public:
    // Three fixed recordings, so that golden files stay stable.
    static FakeRecordingCatalog withSampleRows();

    QList<QVariantMap> list(int limit, int offset, QString *error) override;
    Outcome setProtected(const QString &path, bool on, QString *error) override;

    QList<QVariantMap> rows;   // newest first
    QString failure;           // when set, every call fails with it
};
