// SPDX-License-Identifier: MIT
// The synthetic microphone: a quiet sine with a loud click at each whole second of the capture clock.
#pragma once

#include "audiosource.h"

// Thread-bound (see AudioSource). Sample n sits at epoch + n / sample_rate exactly, so the clicks
// mark the same instants as video frames 0, fps, 2*fps, ...: tests and bench/ find them in the
// decoded track to measure A/V sync.
class TestToneSource : public AudioSource
{
public:
    static constexpr double kToneHz = 1000;
    static constexpr double kToneLevel = 0.1;  // -20 dBFS
    static constexpr double kClickSeconds = 0.005;
    static constexpr double kClickLevel = 0.9;

    explicit TestToneSource(const Settings &settings);

    QString name() const override { return QStringLiteral("testtone"); }
    QString open(qint64 epochUs) override;
    void close() override {}
    Read read(qint64 nowUs, Chunk &out, QString &error) override;

private:
    const Settings m_settings;
    qint64 m_epochUs = 0;
    qint64 m_next = -1; // next sample position on the capture clock; -1 until the first read
};
