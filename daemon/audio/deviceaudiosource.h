// SPDX-License-Identifier: MIT
// A microphone through FFmpeg's libavdevice: the `alsa` or `pulse` input (PipeWire answers as pulse).
#pragma once

#include "audiosource.h"

struct AVFormatContext;
struct AVPacket;

// Thread-bound (see AudioSource). Opened non-blocking, so read() never waits for the device;
// samples arrive as signed 16-bit PCM at the configured rate and channel count (the device
// inputs convert), timestamped by libavdevice on the wall clock and moved here to
// CLOCK_MONOTONIC.
class DeviceAudioSource : public AudioSource
{
public:
    // `format` is "alsa" or "pulse"; `device` what follows the colon in [audio] source.
    DeviceAudioSource(const Settings &settings, const QString &format, const QString &device);
    ~DeviceAudioSource() override;

    QString name() const override { return m_format + QLatin1Char(':') + m_device; }
    QString open(qint64 epochUs) override;
    void close() override;
    Read read(qint64 nowUs, Chunk &out, QString &error) override;

private:
    const Settings m_settings;
    const QString m_format;
    const QString m_device;
    AVFormatContext *m_input = nullptr;
    AVPacket *m_packet = nullptr;
};
