// SPDX-License-Identifier: MIT
// A RecordingCatalog for tests: rows in memory, newest first.
#pragma once

#include "recordingcatalog.h"

#include <functional>

// Used from RecorderService's request thread, one request at a time; a test reads or changes
// `rows` and `failure` only between requests (after a reply).
class FakeRecordingCatalog : public RecordingCatalog
{
public:
    // Three fixed recordings, so that golden files stay stable.
    static FakeRecordingCatalog withSampleRows();

    QList<QVariantMap> list(int limit, int offset, QString *error) override;
    Outcome setProtected(const QString &path, bool on, QString *error) override;

    QList<QVariantMap> rows;   // newest first
    QString failure;           // when set, every call fails with it
    std::function<void()> beforeEachCall; // e.g. a wait that stands for a slow card or a busy catalog
};
