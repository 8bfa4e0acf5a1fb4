// SPDX-License-Identifier: MIT
// A RecordingCatalog for tests: rows in memory, newest first.
#include "fakerecordingcatalog.h"

FakeRecordingCatalog FakeRecordingCatalog::withSampleRows()
{
    FakeRecordingCatalog c;
    const qint64 base = 1795600000000; // 2026-11-26T08:26:40Z
    for (int i = 3; i >= 1; --i) {
        QVariantMap row;
        row.insert(QStringLiteral("id"), i);
        row.insert(QStringLiteral("path"),
                   QStringLiteral("/var/lib/recorder/recordings/2026/11/26/recording_2026-11-26_0") + QString::number(i) +
                       QStringLiteral("0000.mp4"));
        row.insert(QStringLiteral("session_id"), i == 3 ? QVariant() : QVariant(QStringLiteral("session-a")));
        row.insert(QStringLiteral("start_time_ms"), base + i * 3600000LL);
        row.insert(QStringLiteral("end_time_ms"), base + i * 3600000LL + 300000);
        row.insert(QStringLiteral("duration_seconds"), 300.0);
        row.insert(QStringLiteral("size_bytes"), 150000000LL * i);
        row.insert(QStringLiteral("codec"), QStringLiteral("h264"));
        row.insert(QStringLiteral("width"), 1920);
        row.insert(QStringLiteral("height"), 1080);
        row.insert(QStringLiteral("fps"), 30.0);
        row.insert(QStringLiteral("frames"), 9000);
        row.insert(QStringLiteral("frames_dropped"), 0);
        row.insert(QStringLiteral("state"), QStringLiteral("complete"));
        row.insert(QStringLiteral("protected"), i == 2 ? 1 : 0);
        row.insert(QStringLiteral("last_error"), QString());
        c.rows.append(row);
    }
    return c;
}

QList<QVariantMap> FakeRecordingCatalog::list(int limit, int offset, QString *error)
{
    if (beforeEachCall)
        beforeEachCall();
    if (!failure.isEmpty()) {
        *error = failure;
        return {};
    }
    return rows.mid(offset, limit);
}

RecordingCatalog::Outcome FakeRecordingCatalog::setProtected(const QString &path, bool on, QString *error)
{
    if (beforeEachCall)
        beforeEachCall();
    if (!failure.isEmpty()) {
        *error = failure;
        return Outcome::Failed;
    }
    for (QVariantMap &row : rows) {
        if (row.value(QStringLiteral("path")).toString() == path) {
            row.insert(QStringLiteral("protected"), on ? 1 : 0);
            return Outcome::Ok;
        }
    }
    return Outcome::NotFound;
}
