// SPDX-License-Identifier: MIT
// Drives an AudioSource on the audio thread: keeps the sound on the capture clock, encodes it, hands it on.
#include "audioworker.h"

#include "../capture/captureworker.h"
#include "../encode/packetqueue.h"
#include "../pipelinecounters.h"

#include <QLoggingCategory>

#include <cmath>

Q_LOGGING_CATEGORY(lcAudio, "recorder.audio")

namespace {

constexpr int kTickMs = 20;
constexpr qint64 kLevelWindowUs = 1'000'000;
constexpr qint64 kFirstRetryUs = 1'000'000;
constexpr qint64 kMaxRetryUs = 30'000'000;
// An open device that delivers nothing for this long is stalled (it answers EAGAIN forever):
// it is reported missing and reopened, not padded with silence behind an "ok".
constexpr qint64 kStallUs = 1'000'000;
constexpr qint64 kAacFrameSamples = 1024;
constexpr double kSilenceDbfs = -100;

} // namespace

AudioWorker::AudioWorker(std::unique_ptr<AudioSource> source, std::unique_ptr<AacEncoder> encoder,
                         const AudioSource::Settings &settings, PacketQueue &packets, PipelineCounters &counters,
                         Clock clock)
    : m_source(std::move(source))
    , m_encoder(std::move(encoder))
    , m_settings(settings)
    , m_packets(packets)
    , m_counters(counters)
    , m_clock(clock ? std::move(clock) : Clock(&CaptureWorker::monotonicUs))
    , m_timer(this)
{
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &AudioWorker::tick);
}

AudioWorker::~AudioWorker() = default;

qint64 AudioWorker::clockPosition(qint64 us) const
{
    return (us - m_epochUs) * m_settings.sampleRate / 1'000'000;
}

void AudioWorker::start(qint64 epochUs)
{
    m_epochUs = epochUs;
    const qint64 nowUs = m_clock();
    m_position = qMax<qint64>(0, clockPosition(nowUs));
    m_levelSinceUs = nowUs;
    tryOpen(nowUs);
    m_timer.start();
}

void AudioWorker::stop()
{
    if (m_timer.isActive()) {
        // The sound up to now, and what the encoder holds, still reaches the last file.
        tick();
        const QString error = m_encoder->finish([this](AVPacket *packet) { hand(packet); });
        if (!error.isEmpty())
            qCWarning(lcAudio, "%s", qPrintable(error));
    }
    m_timer.stop();
    m_source->close();
    m_open = false;
}

void AudioWorker::tryOpen(qint64 nowUs)
{
    const QString error = m_source->open(m_epochUs);
    if (!error.isEmpty()) {
        lose(error, nowUs);
        return;
    }
    m_open = true;
    m_lastChunkUs = nowUs;
    m_counters.audio = PipelineCounters::Audio::Ok;
    // The backoff and the outage end with the first chunk (arrived()), not here: a device that
    // opens and then stalls must keep backing off and be logged once.
    if (!m_missingLogged)
        qCInfo(lcAudio, "recording sound from %s at %d Hz, %d channel(s)", qPrintable(m_source->name()),
               m_settings.sampleRate, m_settings.channels);
}

void AudioWorker::arrived(qint64 nowUs)
{
    m_lastChunkUs = nowUs;
    m_backoffUs = 0;
    if (std::exchange(m_missingLogged, false))
        qCInfo(lcAudio, "sound source %s is back", qPrintable(m_source->name()));
}

void AudioWorker::lose(const QString &reason, qint64 nowUs)
{
    m_source->close();
    m_open = false;
    m_counters.audio = PipelineCounters::Audio::Missing;
    m_backoffUs = m_backoffUs == 0 ? kFirstRetryUs : qMin(kMaxRetryUs, m_backoffUs * 2);
    m_retryAtUs = nowUs + m_backoffUs;
    // Once per outage: a retry every 30 s must not fill the log.
    if (!std::exchange(m_missingLogged, true))
        qCWarning(lcAudio, "sound source %s is missing (%s): the video goes on with a silent sound track; "
                  "retrying with backoff up to %lld s", qPrintable(m_source->name()), qPrintable(reason),
                  kMaxRetryUs / 1'000'000);
}

void AudioWorker::tick()
{
    const qint64 nowUs = m_clock();
    if (!m_open && nowUs >= m_retryAtUs)
        tryOpen(nowUs);
    // A device that always has samples (alsa-lib's null PCM runs faster than real time) must
    // not keep this thread in the loop: a second of sound per tick is more than any device
    // buffers, and the rest waits for the next tick.
    qint64 budget = m_settings.sampleRate;
    while (m_open && budget > 0) {
        AudioSource::Chunk chunk;
        QString error;
        const AudioSource::Read read = m_source->read(nowUs, chunk, error);
        if (read == AudioSource::Read::NotYet)
            break;
        if (read == AudioSource::Read::Error) {
            lose(error, nowUs);
            break;
        }
        budget -= qint64(chunk.samples.size()) / m_settings.channels;
        arrived(nowUs);
        place(chunk, nowUs);
    }
    if (m_open && nowUs - m_lastChunkUs > kStallUs)
        lose(QStringLiteral("no sound for more than %1 s").arg(kStallUs / 1'000'000), nowUs);
    // Whatever the device does, the track keeps up with the clock: a late or missing device
    // leaves silence, so video and sound stay the same length. Only an open device is waited for
    // (its latency); with none there is nothing to wait for, and silence that lagged would miss
    // the file that a segment change closes meanwhile (its sound would end early).
    const qint64 latency = m_open ? qint64(kMaxLatencySeconds * m_settings.sampleRate) : 0;
    const qint64 floor = clockPosition(nowUs) - latency;
    if (m_position < floor)
        pad(floor - m_position, m_open);
    publishLevel(nowUs);
}

void AudioWorker::place(const AudioSource::Chunk &chunk, qint64 nowUs)
{
    const qint64 channels = m_settings.channels;
    qint64 count = qint64(chunk.samples.size()) / channels;
    const float *samples = chunk.samples.data();
    const qint64 start = clockPosition(chunk.startUs);
    const qint64 tolerance = qint64(kToleranceSeconds * m_settings.sampleRate);
    const qint64 offset = start - m_position;
    if (offset > tolerance) {
        // The device lost samples (or its clock runs fast): silence fills the gap, but never past
        // the capture clock's now. A wall-clock step or a bad device stamp would otherwise pad
        // hours of silence here, synchronously, and put the time line in the future.
        const qint64 room = qMax<qint64>(0, clockPosition(nowUs) - m_position);
        if (offset > room && !std::exchange(m_futureLogged, true))
            qCWarning(lcAudio, "sound source %s stamps its sound %.1f s ahead of the capture clock; "
                      "padding only up to now (logged once)", qPrintable(m_source->name()),
                      double(offset - room) / m_settings.sampleRate);
        pad(qMin(offset, room), true);
    } else if (offset < -tolerance) {
        // Behind the time line (a slow device clock, or samples already padded over): drop.
        const qint64 drop = qMin(count, -offset);
        samples += drop * channels;
        count -= drop;
        m_lostSamples += drop;
    }
    emitSamples(samples, count);
}

void AudioWorker::pad(qint64 count, bool lost)
{
    if (lost)
        m_lostSamples += count;
    const std::vector<float> silence(size_t(qMin<qint64>(count, m_settings.sampleRate) * m_settings.channels), 0.0f);
    while (count > 0) {
        const qint64 part = qMin<qint64>(count, qint64(silence.size()) / m_settings.channels);
        emitSamples(silence.data(), part);
        count -= part;
    }
}

void AudioWorker::emitSamples(const float *samples, qint64 count)
{
    if (count <= 0)
        return;
    for (qint64 i = 0; i < count * m_settings.channels; ++i)
        m_peak = qMax(m_peak, std::fabs(samples[i]));
    const QString error = m_encoder->encode(samples, count, m_position, [this](AVPacket *packet) { hand(packet); });
    if (!error.isEmpty())
        qCWarning(lcAudio, "%s", qPrintable(error));
    m_position += count;
}

void AudioWorker::hand(AVPacket *packet)
{
    AVPacketPtr copy(av_packet_alloc());
    if (copy)
        av_packet_move_ref(copy.get(), packet);
    if (!copy || !m_packets.pushAudio(std::move(copy)))
        ++m_refusedPackets;
}

void AudioWorker::publishLevel(qint64 nowUs)
{
    m_counters.audioFramesDropped = m_lostSamples / kAacFrameSamples + m_refusedPackets;
    if (nowUs - m_levelSinceUs < kLevelWindowUs)
        return;
    m_counters.audioLevelDbfs = m_peak > 0 ? qMax(kSilenceDbfs, 20 * std::log10(double(m_peak))) : kSilenceDbfs;
    m_peak = 0;
    m_levelSinceUs = nowUs;
}
