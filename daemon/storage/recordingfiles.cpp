// SPDX-License-Identifier: MIT
// The recording files under the recordings dir as the directory tree shows them, without the catalog.
#include "recordingfiles.h"

#include <QDir>
#include <QDirIterator>
#include <QRegularExpression>

#include <algorithm>

QStringList RecordingFiles::list(const QString &recordingsDir)
{
    QStringList files;
    QDirIterator it(recordingsDir, {QStringLiteral("*.mp4")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir::cleanPath(it.next()));
    return files;
}

QDateTime RecordingFiles::nameTime(const QFileInfo &file, Qt::TimeSpec spec)
{
    static const QRegularExpression pattern(QStringLiteral("(\\d{4}-\\d{2}-\\d{2}_\\d{6})"));
    const QRegularExpressionMatch match = pattern.match(file.completeBaseName());
    if (!match.hasMatch())
        return {};
    QDateTime time = QDateTime::fromString(match.captured(1), QStringLiteral("yyyy-MM-dd_HHmmss"));
    if (!time.isValid())
        return {};
    time.setTimeSpec(spec);
    return time.toUTC();
}

QList<RecordingFiles::Entry> RecordingFiles::oldestFirst(const QString &recordingsDir, Qt::TimeSpec spec)
{
    QList<Entry> entries;
    for (const QString &path : list(recordingsDir)) {
        const QFileInfo info(path);
        QDateTime time = nameTime(info, spec);
        if (!time.isValid())
            time = info.lastModified().toUTC();
        entries.append({path, time, info.size()});
    }
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        return a.time != b.time ? a.time < b.time : a.path < b.path;
    });
    return entries;
}
