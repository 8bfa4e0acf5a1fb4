// SPDX-License-Identifier: MIT
// Builds heartbeat documents for tests of the heartbeat's readers: watchdog, exporter, dashboard.
#pragma once

#include "heartbeat.h"
#include "heartbeatreader.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// Reentrant value type. Start from typical() (a healthy recorder's heartbeat, written now on this
// boot) or minimal() (default fields, nothing stamped), change what the test is about, then take
// the Heartbeat, its JSON, a file, or what HeartbeatReader would return for it.
//
//   QCOMPARE(HeartbeatFixture::typical().state("error").age(120).write(path), QString());
//   policy.evaluate(HeartbeatFixture::minimal().writtenAt(clock.now).pid(812).asRead(), unit());
class HeartbeatFixture
{
public:
    // schema 1.0, written now on this boot, sequence 42, every 1 s, pid 4242, recording from the
    // test pattern with libx264 at 30 fps for an hour: 108000 frames, 3 dropped, 1.8 GB written,
    // 24 of 32 GB free, 1 error, 2 restarts, version 0.1.0.
    static HeartbeatFixture typical();
    // Heartbeat's defaults: no schema version, no time, pid 0, state booting.
    static HeartbeatFixture minimal();

    // `ageSeconds` before now on this boot (CLOCK_BOOTTIME and the wall clock both moved back).
    static ClockReading agedNow(double ageSeconds);

    HeartbeatFixture &state(const QString &state);
    HeartbeatFixture &recordingActive(bool active);
    HeartbeatFixture &age(double seconds) { return writtenAt(agedNow(seconds)); }
    HeartbeatFixture &writtenAt(const ClockReading &reading);
    HeartbeatFixture &schemaVersion(const QString &version);
    HeartbeatFixture &pid(qint64 pid);
    HeartbeatFixture &sequence(qint64 sequence);
    HeartbeatFixture &interval(double seconds);
    HeartbeatFixture &framesCaptured(qint64 frames);
    // Any other field.
    Heartbeat &fields() { return m_heartbeat; }

    const Heartbeat &heartbeat() const { return m_heartbeat; }
    QJsonObject json() const { return m_heartbeat.toJson(); }
    QByteArray document() const;
    // Writes the document atomically with permission bits `mode`. Returns an empty string or the reason.
    QString write(const QString &path, int mode = 0644) const;
    // What HeartbeatReader::read() returns for a trusted file holding this heartbeat.
    HeartbeatReader::Result asRead() const;

private:
    Heartbeat m_heartbeat;
};
