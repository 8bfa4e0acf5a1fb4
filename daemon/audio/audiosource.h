// SPDX-License-Identifier: MIT
// The sound input every audio source implements (testtone, ALSA or PulseAudio through libavdevice).
#pragma once

#include <QString>
#include <QtGlobal>

#include <vector>

// Thread-bound: created on the main thread, then used only on the audio thread (AudioWorker).
// open() and close() may be called again after an error (a microphone unplugged and back).
class AudioSource
{
public:
    struct Settings {
        int sampleRate = 48000;
        int channels = 1;
    };
    // Interleaved samples in [-1, 1] and the CLOCK_MONOTONIC time of the first one, so that the
    // worker can place them on the capture clock (and correct a device clock that drifts).
    struct Chunk {
        std::vector<float> samples;
        qint64 startUs = 0;
    };
    enum class Read { Chunk, NotYet, Error };

    virtual ~AudioSource() = default;

    // The source in use, for logs, e.g. "testtone", "alsa:hw:1,0".
    virtual QString name() const = 0;
    // `epochUs` is the capture clock's time 0 (CLOCK_MONOTONIC), the video's frame 0. Returns an
    // empty string or the reason the device cannot be opened.
    virtual QString open(qint64 epochUs) = 0;
    virtual void close() = 0;
    // Never blocks: the next chunk captured up to `nowUs`, NotYet, or Error with `error` set.
    virtual Read read(qint64 nowUs, Chunk &out, QString &error) = 0;
};
