// SPDX-License-Identifier: MIT
// Drives an AudioSource on the audio thread: keeps the sound on the capture clock, encodes it, hands it on.
#pragma once

#include "aacencoder.h"
#include "audiosource.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

class PacketQueue;
struct PipelineCounters;

// Lives on the audio thread (moved there by Recorder); call its slots with queued invocations
// only. It never blocks: the source is polled by a timer. It owns the sound's time line: sample n
// is the capture clock's epoch + n / sample_rate, the same clock as video frame n / fps. A chunk
// that arrives more than kToleranceSeconds off that line is corrected (silence padded in, or
// samples dropped), so a device clock that drifts never accumulates an offset. A missing or
// unplugged microphone, or one that opens and then delivers nothing for a second, is logged
// once, reported missing, retried with backoff and replaced by silence: the
// track and the video go on. Packets go to the writer through the PacketQueue; a full queue
// costs counted audio frames, never a wait.
class AudioWorker : public QObject
{
    Q_OBJECT
public:
    static constexpr double kToleranceSeconds = 0.02;
    // A device this late is taken as silent for that moment: the track must not fall behind video.
    static constexpr double kMaxLatencySeconds = 0.25;

    // CLOCK_MONOTONIC in microseconds; the capture clock's source.
    using Clock = std::function<qint64()>;

    // `clock` defaults to CaptureWorker::monotonicUs; tests give a fake one, so that a minute of
    // sound, a drifting device or a clock step runs in a fraction of the time.
    AudioWorker(std::unique_ptr<AudioSource> source, std::unique_ptr<AacEncoder> encoder,
                const AudioSource::Settings &settings, PacketQueue &packets, PipelineCounters &counters,
                Clock clock = Clock());
    ~AudioWorker() override;

    // One poll of the source at the clock's now. The timer calls it every kTickMs; a test with a
    // fake clock calls it itself after moving the clock (and spins no event loop).
    void tick();

public slots:
    // `epochUs`: the capture clock's time 0 (CaptureWorker::clockStarted).
    void start(qint64 epochUs);
    void stop();

private:
    void tryOpen(qint64 nowUs);
    void lose(const QString &reason, qint64 nowUs);
    void arrived(qint64 nowUs);
    void place(const AudioSource::Chunk &chunk, qint64 nowUs);
    void pad(qint64 count, bool lost);
    void emitSamples(const float *samples, qint64 count);
    void hand(AVPacket *packet);
    void publishLevel(qint64 nowUs);
    qint64 clockPosition(qint64 us) const;

    std::unique_ptr<AudioSource> m_source;
    std::unique_ptr<AacEncoder> m_encoder;
    const AudioSource::Settings m_settings;
    PacketQueue &m_packets;
    PipelineCounters &m_counters;
    const Clock m_clock;
    QTimer m_timer;

    qint64 m_epochUs = 0;
    qint64 m_position = 0;      // the next sample's position on the capture clock
    bool m_open = false;
    bool m_missingLogged = false;
    bool m_futureLogged = false;
    qint64 m_lastChunkUs = 0;   // when the open device last delivered a chunk
    qint64 m_retryAtUs = 0;
    qint64 m_backoffUs = 0;
    float m_peak = 0;
    qint64 m_levelSinceUs = 0;
    qint64 m_lostSamples = 0;   // padded over or dropped while the device was there
    qint64 m_refusedPackets = 0; // the writer's queue was full
};
