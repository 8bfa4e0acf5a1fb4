// SPDX-License-Identifier: MIT
// AAC encoding with libavcodec's native `aac` encoder, fed with samples on the capture clock.
#include "aacencoder.h"
#include "../averror.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/channel_layout.h>
#include <libavutil/frame.h>
}

#include <algorithm>

AacEncoder::~AacEncoder()
{
    avcodec_free_context(&m_context);
    av_frame_free(&m_frame);
    av_packet_free(&m_packet);
}

QString AacEncoder::open(const Settings &settings)
{
    const AVCodec *codec = avcodec_find_encoder_by_name("aac");
    if (!codec)
        return QStringLiteral("this FFmpeg has no aac encoder");
    m_context = avcodec_alloc_context3(codec);
    m_frame = av_frame_alloc();
    m_packet = av_packet_alloc();
    if (!m_context || !m_frame || !m_packet)
        return QStringLiteral("out of memory");
    m_context->sample_rate = settings.sampleRate;
    m_context->sample_fmt = AV_SAMPLE_FMT_FLTP; // the native encoder's only format
    av_channel_layout_default(&m_context->ch_layout, settings.channels);
    m_context->bit_rate = settings.bitrate;
    m_context->time_base = AVRational{1, settings.sampleRate};
    m_context->flags |= AV_CODEC_FLAG_GLOBAL_HEADER; // MP4 keeps the AudioSpecificConfig in the sample description
    const int result = avcodec_open2(m_context, codec, nullptr);
    if (result < 0)
        return QStringLiteral("aac failed to open: %1").arg(AvError::text(result));
    m_frame->format = AV_SAMPLE_FMT_FLTP;
    m_frame->nb_samples = m_context->frame_size;
    m_frame->sample_rate = settings.sampleRate;
    av_channel_layout_copy(&m_frame->ch_layout, &m_context->ch_layout);
    if (av_frame_get_buffer(m_frame, 0) < 0)
        return QStringLiteral("out of memory");
    return QString();
}

void AacEncoder::copyParameters(AVCodecParameters *parameters) const
{
    avcodec_parameters_from_context(parameters, m_context);
}

QString AacEncoder::encode(const float *samples, qint64 count, qint64 position, const PacketSink &sink)
{
    const int channels = m_context->ch_layout.nb_channels;
    for (qint64 i = 0; i < count; ++i) {
        if (m_filled == 0) {
            // The encoder may still hold the previous frame's buffer for its look-ahead.
            if (av_frame_make_writable(m_frame) < 0)
                return QStringLiteral("out of memory");
            m_framePosition = position + i;
        }
        for (int c = 0; c < channels; ++c)
            reinterpret_cast<float *>(m_frame->extended_data[c])[m_filled] = samples[i * channels + c];
        if (++m_filled == m_context->frame_size) {
            const QString error = flushFrame(sink);
            if (!error.isEmpty())
                return error;
        }
    }
    return QString();
}

QString AacEncoder::flushFrame(const PacketSink &sink)
{
    m_filled = 0;
    m_frame->pts = m_framePosition;
    int result = avcodec_send_frame(m_context, m_frame);
    if (result < 0)
        return QStringLiteral("aac refused a frame: %1").arg(AvError::text(result));
    return receive(sink);
}

QString AacEncoder::receive(const PacketSink &sink)
{
    int result = 0;
    while ((result = avcodec_receive_packet(m_context, m_packet)) == 0) {
        sink(m_packet);
        av_packet_unref(m_packet);
    }
    return result == AVERROR(EAGAIN) || result == AVERROR_EOF ? QString()
                                                               : QStringLiteral("aac failed: %1").arg(AvError::text(result));
}

QString AacEncoder::finish(const PacketSink &sink)
{
    if (m_filled > 0) {
        const int channels = m_context->ch_layout.nb_channels;
        for (int c = 0; c < channels; ++c)
            std::fill_n(reinterpret_cast<float *>(m_frame->extended_data[c]) + m_filled, m_context->frame_size - m_filled,
                        0.0f);
        const QString error = flushFrame(sink);
        if (!error.isEmpty())
            return error;
    }
    const int result = avcodec_send_frame(m_context, nullptr);
    if (result < 0 && result != AVERROR_EOF)
        return QStringLiteral("aac refused to drain: %1").arg(AvError::text(result));
    return receive(sink);
}
