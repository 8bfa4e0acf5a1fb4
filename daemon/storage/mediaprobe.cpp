// SPDX-License-Identifier: MIT
// Measures what of a video file really plays, with libavformat: codec, size, frames and duration.
#include "mediaprobe.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
}

#include <memory>

namespace {

QString avError(int code)
{
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return QString::fromUtf8(text);
}

struct InputCloser {
    void operator()(AVFormatContext *context) const { avformat_close_input(&context); }
};
struct PacketFreer {
    void operator()(AVPacket *packet) const { av_packet_free(&packet); }
};

} // namespace

MediaProbe::Result MediaProbe::probe(const QString &path)
{
    Result result;
    AVFormatContext *raw = nullptr;
    const QByteArray fileName = path.toUtf8();
    int status = avformat_open_input(&raw, fileName.constData(), nullptr, nullptr);
    if (status < 0) {
        result.error = QStringLiteral("cannot open: ") + avError(status);
        return result;
    }
    std::unique_ptr<AVFormatContext, InputCloser> input(raw);
    status = avformat_find_stream_info(input.get(), nullptr);
    if (status < 0) {
        result.error = QStringLiteral("no stream information: ") + avError(status);
        return result;
    }
    const int streamIndex = av_find_best_stream(input.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (streamIndex < 0) {
        result.error = QStringLiteral("no video stream");
        return result;
    }
    const AVStream *stream = input->streams[streamIndex];
    result.codec = QString::fromLatin1(avcodec_get_name(stream->codecpar->codec_id));
    result.width = stream->codecpar->width;
    result.height = stream->codecpar->height;
    const AVRational rate = stream->avg_frame_rate.num > 0 ? stream->avg_frame_rate : stream->r_frame_rate;
    result.fps = rate.den > 0 ? av_q2d(rate) : 0;

    std::unique_ptr<AVPacket, PacketFreer> packet(av_packet_alloc());
    qint64 first = AV_NOPTS_VALUE, last = AV_NOPTS_VALUE;
    while ((status = av_read_frame(input.get(), packet.get())) >= 0) {
        if (packet->stream_index == streamIndex) {
            ++result.frames;
            const int64_t start = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
            if (start != AV_NOPTS_VALUE) {
                if (first == AV_NOPTS_VALUE || start < first)
                    first = start;
                const int64_t end = start + qMax<int64_t>(packet->duration, 0);
                if (last == AV_NOPTS_VALUE || end > last)
                    last = end;
            }
        }
        av_packet_unref(packet.get());
    }
    if (result.frames == 0 || first == AV_NOPTS_VALUE) {
        result.error = QStringLiteral("no video frame plays");
        return result;
    }
    result.durationSeconds = double(last - first) * av_q2d(stream->time_base);
    result.ok = true;
    return result;
}
