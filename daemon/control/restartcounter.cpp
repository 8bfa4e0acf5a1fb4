// SPDX-License-Identifier: MIT
// The number of times the recorder has started, kept in the state dir across restarts and reboots.
#include "restartcounter.h"

#include "atomicfile.h"
#include "jsonfilereader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

RestartCounter::RestartCounter(const QString &stateDir)
    : m_path(stateDir + QStringLiteral("/restart_count.json"))
{
}

qint64 RestartCounter::increment(QString *warning)
{
    QString problems;
    next(&problems);
    const QString error = store(m_path, m_count);
    if (!error.isEmpty())
        problems += (problems.isEmpty() ? QString() : QStringLiteral("; ")) + error;
    if (warning)
        *warning = problems;
    return m_count;
}

QString RestartCounter::store(const QString &path, qint64 count)
{
    QJsonObject object;
    object.insert(QStringLiteral("restart_count"), count);
    const QString error = AtomicFile::write(path, QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n', 0644);
    return error.isEmpty() ? QString() : QStringLiteral("cannot store the restart count: %1").arg(error);
}

qint64 RestartCounter::next(QString *warning)
{
    QStringList problems;
    qint64 stored = 0;
    const JsonFileReader::Result read = JsonFileReader::read(m_path);
    if (read.ok()) {
        const QJsonValue value = read.object.value(QStringLiteral("restart_count"));
        const double number = value.toDouble(-1);
        if (!value.isDouble() || number < 0 || number != static_cast<double>(static_cast<qint64>(number)))
            problems << QStringLiteral("%1: field \"restart_count\" is not a whole number ≥ 0; counting from 0")
                            .arg(m_path);
        else
            stored = static_cast<qint64>(number);
    } else if (read.status != JsonFileReader::Status::Missing) {
        problems << QStringLiteral("%1 (%2); counting from 0").arg(read.reason, JsonFileReader::statusName(read.status));
    }

    m_count = stored + 1;
    if (warning)
        *warning = problems.join(QStringLiteral("; "));
    return m_count;
}
