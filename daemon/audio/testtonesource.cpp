// SPDX-License-Identifier: MIT
// The synthetic microphone: a quiet sine with a loud click at each whole second of the capture clock.
#include "testtonesource.h"

#include <cmath>

TestToneSource::TestToneSource(const Settings &settings)
    : m_settings(settings)
{
}

QString TestToneSource::open(qint64 epochUs)
{
    m_epochUs = epochUs;
    m_next = -1;
    return QString();
}

AudioSource::Read TestToneSource::read(qint64 nowUs, Chunk &out, QString &error)
{
    Q_UNUSED(error);
    const qint64 rate = m_settings.sampleRate;
    const qint64 due = (nowUs - m_epochUs) * rate / 1'000'000;
    if (m_next < 0)
        m_next = qMax<qint64>(0, due);
    if (due <= m_next)
        return Read::NotYet;
    const qint64 count = due - m_next;
    const qint64 clickSamples = qMax<qint64>(1, qint64(kClickSeconds * rate));
    out.samples.resize(size_t(count * m_settings.channels));
    out.startUs = m_epochUs + m_next * 1'000'000 / rate;
    for (qint64 i = 0; i < count; ++i) {
        const qint64 n = m_next + i;
        const qint64 inSecond = n % rate;
        // The phase restarts each second, so the tone is the same at every click (no drift in
        // what a test looks for).
        float value = float(kToneLevel * std::sin(2 * M_PI * kToneHz * double(inSecond) / double(rate)));
        // The click is a loud square burst, not a step: AAC keeps its onset sharp, and a player
        // hears it.
        if (inSecond < clickSamples)
            value = float(std::sin(2 * M_PI * 2 * kToneHz * double(inSecond) / double(rate)) >= 0 ? kClickLevel
                                                                                                  : -kClickLevel);
        for (int c = 0; c < m_settings.channels; ++c)
            out.samples[size_t(i * m_settings.channels + c)] = value;
    }
    m_next = due;
    return Read::Chunk;
}
