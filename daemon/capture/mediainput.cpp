// SPDX-License-Identifier: MIT
// Demuxes and decodes the video stream of a file or a V4L2 device through libavformat/libavcodec.
#include "mediainput.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
}

namespace {

QString avError(int code)
{
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return QString::fromUtf8(text);
}

} // namespace

MediaInput::~MediaInput()
{
    close();
}

QString MediaInput::open(const QString &url, const AVInputFormat *format, AVDictionary **options, bool nonBlocking)
{
    close();
    m_format = avformat_alloc_context();
    if (!m_format)
        return QStringLiteral("out of memory");
    if (nonBlocking)
        m_format->flags |= AVFMT_FLAG_NONBLOCK;
    int result = avformat_open_input(&m_format, url.toUtf8().constData(), format, options);
    if (result < 0) {
        m_format = nullptr; // freed by avformat_open_input on failure
        return QStringLiteral("cannot open %1: %2").arg(url, avError(result));
    }
    // A device describes its stream in its header already; probing it would wait (spinning, in
    // non-blocking mode) for frames a stalled camera never sends.
    if (!nonBlocking) {
        result = avformat_find_stream_info(m_format, nullptr);
        if (result < 0) {
            close();
            return QStringLiteral("cannot read %1: %2").arg(url, avError(result));
        }
    }
    const AVCodec *codec = nullptr;
    m_stream = av_find_best_stream(m_format, AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
    if (m_stream < 0 || !codec) {
        close();
        return QStringLiteral("%1 has no decodable video stream").arg(url);
    }
    m_decoder = avcodec_alloc_context3(codec);
    m_packet = av_packet_alloc();
    if (!m_decoder || !m_packet) {
        close();
        return QStringLiteral("out of memory");
    }
    avcodec_parameters_to_context(m_decoder, m_format->streams[m_stream]->codecpar);
    m_decoder->thread_count = 1; // the camera path is one stream in real time: no frame threads needed
    result = avcodec_open2(m_decoder, codec, nullptr);
    if (result < 0) {
        close();
        return QStringLiteral("cannot decode %1 (%2): %3").arg(url, QString::fromUtf8(codec->name), avError(result));
    }
    m_draining = false;
    return QString();
}

void MediaInput::close()
{
    avcodec_free_context(&m_decoder);
    av_packet_free(&m_packet);
    if (m_format)
        avformat_close_input(&m_format);
    m_stream = -1;
}

MediaInput::Read MediaInput::read(AVFramePtr &out, QString &error)
{
    AVFramePtr frame(av_frame_alloc());
    for (;;) {
        int result = avcodec_receive_frame(m_decoder, frame.get());
        if (result == 0) {
            out = std::move(frame);
            return Read::Frame;
        }
        if (result == AVERROR_EOF)
            return Read::EndOfFile;
        if (result != AVERROR(EAGAIN)) {
            error = QStringLiteral("decoding failed: ") + avError(result);
            return Read::Error;
        }
        if (m_draining)
            return Read::EndOfFile;
        result = av_read_frame(m_format, m_packet);
        if (result == AVERROR(EAGAIN))
            return Read::NotYet;
        if (result == AVERROR_EOF) {
            m_draining = true;
            avcodec_send_packet(m_decoder, nullptr);
            continue;
        }
        if (result < 0) {
            error = QStringLiteral("reading failed: ") + avError(result);
            return Read::Error;
        }
        if (m_packet->stream_index == m_stream) {
            result = avcodec_send_packet(m_decoder, m_packet);
            // A damaged packet is skipped: a camera's next frame is usually fine.
            Q_UNUSED(result);
        }
        av_packet_unref(m_packet);
    }
}

double MediaInput::secondsOf(const AVFrame *frame) const
{
    if (frame->best_effort_timestamp == AV_NOPTS_VALUE)
        return -1;
    const AVStream *stream = m_format->streams[m_stream];
    const qint64 start = stream->start_time == AV_NOPTS_VALUE ? 0 : stream->start_time;
    return double(frame->best_effort_timestamp - start) * av_q2d(stream->time_base);
}

qint64 MediaInput::timestampUs(const AVFrame *frame) const
{
    const qint64 pts = frame->pts != AV_NOPTS_VALUE ? frame->pts : frame->best_effort_timestamp;
    if (pts == AV_NOPTS_VALUE || pts < 0)
        return -1;
    return av_rescale_q(pts, m_format->streams[m_stream]->time_base, AVRational{1, 1'000'000});
}

double MediaInput::framePeriod() const
{
    const AVRational rate = m_format->streams[m_stream]->avg_frame_rate;
    return rate.num > 0 && rate.den > 0 ? 1.0 / av_q2d(rate) : 1.0 / 25;
}

QString MediaInput::rewind()
{
    const int result = av_seek_frame(m_format, m_stream, 0, AVSEEK_FLAG_BACKWARD);
    if (result < 0)
        return QStringLiteral("cannot seek to the start: ") + avError(result);
    avcodec_flush_buffers(m_decoder);
    m_draining = false;
    return QString();
}

int MediaInput::width() const
{
    return m_decoder ? m_decoder->width : 0;
}

int MediaInput::height() const
{
    return m_decoder ? m_decoder->height : 0;
}
