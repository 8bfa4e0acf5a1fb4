// SPDX-License-Identifier: MIT
// Builds heartbeat documents for tests of the heartbeat's readers: watchdog, exporter, dashboard.
#include "heartbeatfixture.h"

#include "atomicfile.h"

#include <QJsonDocument>

HeartbeatFixture HeartbeatFixture::typical()
{
    HeartbeatFixture fixture;
    Heartbeat &hb = fixture.m_heartbeat;
    hb.schemaVersion = QStringLiteral("1.0");
    hb.written = ClockReading::now();
    hb.sequence = 42;
    hb.intervalSeconds = 1;
    hb.pid = 4242;
    hb.state = QStringLiteral("recording");
    hb.uptimeSeconds = 3600;
    hb.version = QStringLiteral("0.1.0");
    hb.recordingActive = true;
    hb.framesCaptured = 108000;
    hb.framesDropped = 3;
    hb.fps = 30;
    hb.bytesWritten = 1800000000;
    hb.diskFreeBytes = 24000000000;
    hb.diskTotalBytes = 32000000000;
    hb.errorCount = 1;
    hb.restartCount = 2;
    hb.camera = QStringLiteral("testpattern");
    hb.encoder = QStringLiteral("libx264");
    return fixture;
}

HeartbeatFixture HeartbeatFixture::minimal()
{
    return HeartbeatFixture();
}

ClockReading HeartbeatFixture::agedNow(double ageSeconds)
{
    ClockReading reading = ClockReading::now();
    reading.boottimeSeconds -= ageSeconds;
    reading.wall = reading.wall.addMSecs(qint64(-ageSeconds * 1000));
    return reading;
}

HeartbeatFixture &HeartbeatFixture::state(const QString &state)
{
    m_heartbeat.state = state;
    return *this;
}

HeartbeatFixture &HeartbeatFixture::recordingActive(bool active)
{
    m_heartbeat.recordingActive = active;
    return *this;
}

HeartbeatFixture &HeartbeatFixture::writtenAt(const ClockReading &reading)
{
    m_heartbeat.written = reading;
    return *this;
}

HeartbeatFixture &HeartbeatFixture::schemaVersion(const QString &version)
{
    m_heartbeat.schemaVersion = version;
    return *this;
}

HeartbeatFixture &HeartbeatFixture::pid(qint64 pid)
{
    m_heartbeat.pid = pid;
    return *this;
}

HeartbeatFixture &HeartbeatFixture::sequence(qint64 sequence)
{
    m_heartbeat.sequence = sequence;
    return *this;
}

HeartbeatFixture &HeartbeatFixture::interval(double seconds)
{
    m_heartbeat.intervalSeconds = seconds;
    return *this;
}

HeartbeatFixture &HeartbeatFixture::framesCaptured(qint64 frames)
{
    m_heartbeat.framesCaptured = frames;
    return *this;
}

QByteArray HeartbeatFixture::document() const
{
    return QJsonDocument(json()).toJson();
}

QString HeartbeatFixture::write(const QString &path, int mode) const
{
    return AtomicFile::write(path, document(), mode);
}

HeartbeatReader::Result HeartbeatFixture::asRead() const
{
    HeartbeatReader::Result result;
    result.status = JsonFileReader::Status::Ok;
    result.heartbeat = m_heartbeat;
    return result;
}
