// SPDX-License-Identifier: MIT
// Creates the AudioSource named by [audio] source, and checks the [audio] settings at start-up.
#include "audiofactory.h"
#include "deviceaudiosource.h"
#include "testtonesource.h"

#include "config.h"

#include <algorithm>
#include <iterator>

namespace {

// The sampling rates AAC (and libavcodec's native encoder) can carry.
constexpr int kAacRates[] = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000};

QString sourceText(const Config &config)
{
    return config.string(QStringLiteral("audio/source"));
}

} // namespace

bool AudioFactory::enabled(const Config &config)
{
    return sourceText(config) != QLatin1String("none");
}

AudioSource::Settings AudioFactory::settings(const Config &config)
{
    AudioSource::Settings settings;
    settings.sampleRate = config.integer(QStringLiteral("audio/sample_rate"));
    settings.channels = config.integer(QStringLiteral("audio/channels"));
    return settings;
}

AacEncoder::Settings AudioFactory::encoderSettings(const Config &config)
{
    const AudioSource::Settings s = settings(config);
    AacEncoder::Settings encoder;
    encoder.sampleRate = s.sampleRate;
    encoder.channels = s.channels;
    encoder.bitrate = config.bitsPerSecond(QStringLiteral("audio/bitrate"));
    return encoder;
}

QString AudioFactory::validate(const Config &config)
{
    const int rate = settings(config).sampleRate;
    if (std::find(std::begin(kAacRates), std::end(kAacRates), rate) != std::end(kAacRates))
        return QString();
    QStringList allowed;
    for (int r : kAacRates)
        allowed.prepend(QString::number(r));
    return QStringLiteral("%1: [audio] sample_rate=%2: AAC allows %3")
        .arg(config.file().isEmpty() ? QStringLiteral("configuration") : config.file(),
             config.text(QStringLiteral("audio/sample_rate")), allowed.join(QStringLiteral(", ")));
}

std::unique_ptr<AudioSource> AudioFactory::create(const Config &config)
{
    const QString text = sourceText(config);
    if (text == QLatin1String("testtone"))
        return std::make_unique<TestToneSource>(settings(config));
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    return std::make_unique<DeviceAudioSource>(settings(config), text.left(colon), text.mid(colon + 1));
}
