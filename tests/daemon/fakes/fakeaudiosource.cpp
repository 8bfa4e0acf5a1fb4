// SPDX-License-Identifier: MIT
// A microphone for tests: a tone with a click each second, a sample clock that may drift, unplug and replug.
#include "fakeaudiosource.h"

#include <cmath>

FakeAudioSource::FakeAudioSource(const Settings &settings, std::function<qint64()> clock)
    : m_settings(settings)
    , m_clock(std::move(clock))
{
}

void FakeAudioSource::unplug(Unplug how)
{
    m_present = false;
    m_unplug = how;
}

QString FakeAudioSource::open(qint64 epochUs)
{
    if (!m_present)
        return QStringLiteral("No such device");
    m_epochUs = epochUs;
    m_openedUs = m_clock();
    m_next = 0;
    m_open = true;
    ++opens;
    return QString();
}

float FakeAudioSource::valueAt(qint64 trueUs) const
{
    const double sinceEpoch = double(trueUs - m_epochUs) / 1e6;
    const double inSecond = sinceEpoch - std::floor(sinceEpoch);
    if (sinceEpoch >= 0 && inSecond < kClickSeconds)
        return kClickLevel;
    return float(kToneLevel * std::sin(2 * M_PI * 1000 * inSecond));
}

AudioSource::Read FakeAudioSource::read(qint64 nowUs, Chunk &out, QString &error)
{
    if (!m_open)
        return Read::NotYet;
    if (!m_present) {
        if (m_unplug == Unplug::Stall)
            return Read::NotYet;
        error = QStringLiteral("Input/output error");
        return Read::Error;
    }
    const double deviceRate = m_settings.sampleRate * clockRatio;
    const auto due = qint64(std::floor(double(nowUs - m_openedUs) * deviceRate / 1e6));
    if (due <= m_next)
        return Read::NotYet;
    const qint64 count = due - m_next;
    auto trueUs = [&](qint64 n) { return m_openedUs + qint64(std::llround(double(n) * 1e6 / deviceRate)); };
    out.startUs = trueUs(m_next) + stampStepUs;
    out.samples.resize(size_t(count * m_settings.channels));
    for (qint64 i = 0; i < count; ++i) {
        const float value = valueAt(trueUs(m_next + i));
        for (int c = 0; c < m_settings.channels; ++c)
            out.samples[size_t(i * m_settings.channels + c)] = value;
    }
    m_next = due;
    return Read::Chunk;
}
