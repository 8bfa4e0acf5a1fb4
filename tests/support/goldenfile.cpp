// SPDX-License-Identifier: MIT
// Golden-file comparison for outputs people parse; RECORDER_UPDATE_GOLDEN=1 rewrites the file instead.
#include "goldenfile.h"

#include <QFile>
#include <QList>

GoldenFile::Result GoldenFile::check(const QByteArray &actual, const QString &path)
{
    QFile file(path);
    if (qEnvironmentVariableIntValue("RECORDER_UPDATE_GOLDEN")) {
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(actual) != actual.size())
            return {Outcome::Differs, QStringLiteral("cannot rewrite %1: %2").arg(path, file.errorString())};
        return {Outcome::Rewritten, QStringLiteral("%1 rewritten; review the diff").arg(path)};
    }
    if (!file.open(QIODevice::ReadOnly))
        return {Outcome::Differs, QStringLiteral("%1 is missing; run with RECORDER_UPDATE_GOLDEN=1").arg(path)};
    const QByteArray expected = file.readAll();
    if (actual == expected)
        return {Outcome::Matches, {}};
    // Line by line, so the failure names the first difference.
    const QList<QByteArray> got = actual.split('\n');
    const QList<QByteArray> want = expected.split('\n');
    for (int i = 0; i < qMin(got.size(), want.size()); ++i) {
        if (got.at(i) != want.at(i)) {
            return {Outcome::Differs, QStringLiteral("%1 line %2: got \"%3\", expected \"%4\"")
                                          .arg(path).arg(i + 1)
                                          .arg(QString::fromUtf8(got.at(i)), QString::fromUtf8(want.at(i)))};
        }
    }
    return {Outcome::Differs, QStringLiteral("%1: got %2 lines, expected %3").arg(path).arg(got.size()).arg(want.size())};
}
