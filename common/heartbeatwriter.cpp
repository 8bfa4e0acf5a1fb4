// SPDX-License-Identifier: MIT
// Writes the heartbeat file atomically, stamping time, boot id, sequence and pid.
#include "heartbeatwriter.h"

#include "atomicfile.h"

#include <QCoreApplication>
#include <QJsonDocument>

HeartbeatWriter::HeartbeatWriter(const QString &path, double intervalSeconds)
    : m_path(path)
    , m_intervalSeconds(intervalSeconds)
{
}

QString HeartbeatWriter::write(Heartbeat heartbeat)
{
    stamp(heartbeat);
    return writeStamped(heartbeat);
}

void HeartbeatWriter::stamp(Heartbeat &heartbeat)
{
    heartbeat.schemaVersion = QStringLiteral("%1.%2").arg(Heartbeat::kSchemaMajor).arg(Heartbeat::kSchemaMinor);
    heartbeat.written = ClockReading::now();
    heartbeat.sequence = ++m_sequence;
    heartbeat.intervalSeconds = m_intervalSeconds;
    heartbeat.pid = QCoreApplication::applicationPid();
}

QString HeartbeatWriter::writeStamped(const Heartbeat &heartbeat) const
{
    return AtomicFile::write(m_path, QJsonDocument(heartbeat.toJson()).toJson(QJsonDocument::Indented), 0644);
}
