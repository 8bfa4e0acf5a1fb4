// SPDX-License-Identifier: MIT
// A microphone for tests: a tone with a click each second, a sample clock that may drift, unplug and replug.
#pragma once

#include "audio/audiosource.h"

#include <functional>

// Thread-bound, like every AudioSource. The test scripts it through a borrowed pointer while the
// AudioWorker owns it. Samples are made on a device clock that runs `clockRatio` times as fast as
// the capture clock, and each chunk is stamped with the capture-clock time of its first sample,
// as a device with driver timestamps does. The clicks sit on whole seconds of the capture clock
// (the true time of the sound), so where they land in a file shows the A/V offset.
class FakeAudioSource : public AudioSource
{
public:
    static constexpr float kToneLevel = 0.1f;
    static constexpr float kClickLevel = 0.9f;
    // Longer than the 20 ms a drift correction drops at once, so that no click is lost whole.
    static constexpr double kClickSeconds = 0.030;

    // What an unplugged device that was open does on read().
    enum class Unplug { Stall, Error };

    // `clock` is the capture clock the worker uses (CLOCK_MONOTONIC, µs).
    FakeAudioSource(const Settings &settings, std::function<qint64()> clock);

    QString name() const override { return QStringLiteral("fake"); }
    QString open(qint64 epochUs) override;
    void close() override { m_open = false; }
    Read read(qint64 nowUs, Chunk &out, QString &error) override;

    // Script.
    double clockRatio = 1.0;  // device samples per capture-clock sample: 1.001 runs 0.1 % fast
    qint64 stampStepUs = 0;   // added to every stamp: the device's clock stepped
    void unplug(Unplug how);  // reads stall or fail; opens fail until plugIn()
    void plugIn() { m_present = true; }

    // Observations.
    int opens = 0;            // successful opens

private:
    float valueAt(qint64 trueUs) const;

    const Settings m_settings;
    const std::function<qint64()> m_clock;
    bool m_present = true;
    bool m_open = false;
    Unplug m_unplug = Unplug::Stall;
    qint64 m_epochUs = 0;
    qint64 m_openedUs = 0;  // capture-clock time of the device's sample 0
    qint64 m_next = 0;      // the next device sample
};
