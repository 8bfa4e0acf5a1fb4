// SPDX-License-Identifier: MIT
// A microphone through FFmpeg's libavdevice: the `alsa` or `pulse` input (PipeWire answers as pulse).
#include "deviceaudiosource.h"
#include "../averror.h"
#include "avdevices.h"
#include "../capture/captureworker.h"

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/dict.h>
#include <libavutil/time.h>
}

#include <QtEndian>

namespace {

#if Q_BYTE_ORDER == Q_LITTLE_ENDIAN
constexpr AVCodecID kNativeS16 = AV_CODEC_ID_PCM_S16LE;
#else
constexpr AVCodecID kNativeS16 = AV_CODEC_ID_PCM_S16BE;
#endif

} // namespace

DeviceAudioSource::DeviceAudioSource(const Settings &settings, const QString &format, const QString &device)
    : m_settings(settings)
    , m_format(format)
    , m_device(device)
{
}

DeviceAudioSource::~DeviceAudioSource()
{
    close();
}

QString DeviceAudioSource::open(qint64 epochUs)
{
    Q_UNUSED(epochUs); // the device stamps its own samples
    close();
    const QString loadError = AvDevices::load();
    if (!loadError.isEmpty())
        return loadError;
    const AVInputFormat *format = av_find_input_format(m_format.toLatin1().constData());
    if (!format)
        return QStringLiteral("this FFmpeg has no %1 input").arg(m_format);
    m_input = avformat_alloc_context();
    m_packet = av_packet_alloc();
    if (!m_input || !m_packet) {
        close();
        return QStringLiteral("out of memory");
    }
    m_input->flags |= AVFMT_FLAG_NONBLOCK;
    AVDictionary *options = nullptr;
    av_dict_set_int(&options, "sample_rate", m_settings.sampleRate, 0);
    av_dict_set_int(&options, "channels", m_settings.channels, 0);
    const int result = avformat_open_input(&m_input, m_device.toUtf8().constData(), format, &options);
    av_dict_free(&options);
    if (result < 0) {
        m_input = nullptr; // freed by avformat_open_input on failure
        close();
        return QStringLiteral("cannot open %1: %2").arg(name(), AvError::text(result));
    }
    // libavdevice's alsa and pulse inputs name their samples by codec id only (codecpar->format
    // stays unset), and read() takes them as native-endian 16-bit integers.
    const AVCodecParameters *stream = m_input->nb_streams > 0 ? m_input->streams[0]->codecpar : nullptr;
    if (!stream || stream->codec_id != kNativeS16 || stream->sample_rate != m_settings.sampleRate
        || stream->ch_layout.nb_channels != m_settings.channels) {
        close();
        return QStringLiteral("%1 does not deliver 16-bit PCM at %2 Hz with %3 channel(s)")
            .arg(name())
            .arg(m_settings.sampleRate)
            .arg(m_settings.channels);
    }
    return QString();
}

void DeviceAudioSource::close()
{
    av_packet_free(&m_packet);
    if (m_input)
        avformat_close_input(&m_input);
}

AudioSource::Read DeviceAudioSource::read(qint64 nowUs, Chunk &out, QString &error)
{
    Q_UNUSED(nowUs);
    if (!m_input) {
        error = QStringLiteral("not open");
        return Read::Error;
    }
    const int result = av_read_frame(m_input, m_packet);
    if (result == AVERROR(EAGAIN))
        return Read::NotYet;
    if (result < 0) {
        error = QStringLiteral("reading %1 failed: %2").arg(name(), AvError::text(result));
        return Read::Error;
    }
    const qint64 count = m_packet->size / qint64(sizeof(qint16));
    out.samples.resize(size_t(count));
    const auto *pcm = reinterpret_cast<const qint16 *>(m_packet->data);
    for (qint64 i = 0; i < count; ++i)
        out.samples[size_t(i)] = float(pcm[i]) / 32768.0f;
    // libavdevice stamps a packet in µs of the wall clock (av_gettime), already corrected for
    // the device's buffer delay; the capture clock is CLOCK_MONOTONIC.
    const AVRational timeBase = m_input->streams[0]->time_base;
    const qint64 wallUs = m_packet->pts == AV_NOPTS_VALUE ? av_gettime()
                                                           : av_rescale_q(m_packet->pts, timeBase, AVRational{1, 1'000'000});
    out.startUs = wallUs - (CaptureWorker::wallUs() - CaptureWorker::monotonicUs());
    av_packet_unref(m_packet);
    return Read::Chunk;
}
