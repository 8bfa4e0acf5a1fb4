// SPDX-License-Identifier: MIT
// H.264 encoding with libavcodec: the V4L2 M2M hardware encoder when it opens, else libx264.
#include "h264encoder.h"
#include "encodelog.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/error.h>
#include <libavutil/opt.h>
}

#include <cmath>

#include <pthread.h>

namespace {

// The hardware encoder needs a bit rate; the config documents this default.
constexpr qint64 kHardwareDefaultBitrate = 10'000'000;

QString avError(int code)
{
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return QString::fromUtf8(text);
}

// Threads inherit their creator's name. Naming the encoding thread "x264" (or "v4l2m2m") while the
// codec opens names the encoder's own worker threads so: `top -H` and the encode benchmark then
// tell the encoder's work from the encoding thread's. Returns the old name for restoreThreadName().
QByteArray renameThread(const char *name)
{
    char old[16] = {}; // the kernel's limit, with the terminating zero
    if (pthread_getname_np(pthread_self(), old, sizeof old) != 0)
        return QByteArray();
    pthread_setname_np(pthread_self(), name);
    return QByteArray(old);
}

void restoreThreadName(const QByteArray &old)
{
    if (!old.isEmpty())
        pthread_setname_np(pthread_self(), old.constData());
}

} // namespace

H264Encoder::~H264Encoder()
{
    close();
}

QString H264Encoder::open(const Settings &settings)
{
    close();
    if (settings.encoder != QLatin1String("auto"))
        return openCodec(settings.encoder, settings);
    const QString hardwareError = openCodec(QStringLiteral("h264_v4l2m2m"), settings);
    if (hardwareError.isEmpty())
        return QString();
    qCInfo(lcEncode, "hardware encoder h264_v4l2m2m not available (%s); using libx264", qPrintable(hardwareError));
    return openCodec(QStringLiteral("libx264"), settings);
}

QString H264Encoder::openCodec(const QString &name, const Settings &settings)
{
    const AVCodec *codec = avcodec_find_encoder_by_name(name.toLatin1().constData());
    if (!codec)
        return QStringLiteral("this FFmpeg has no %1 encoder").arg(name);
    m_context = avcodec_alloc_context3(codec);
    m_packet = av_packet_alloc();
    if (!m_context || !m_packet) {
        close();
        return QStringLiteral("out of memory");
    }
    const bool hardware = name == QLatin1String("h264_v4l2m2m");
    m_context->width = settings.width;
    m_context->height = settings.height;
    m_context->pix_fmt = AV_PIX_FMT_YUV420P;
    m_context->time_base = AVRational{1, settings.fps};
    m_context->framerate = AVRational{settings.fps, 1};
    m_context->gop_size = qMax(1, int(std::lround(settings.keyframeInterval * settings.fps)));
    // Packets leave in capture order, so a segment can start at any keyframe without reordering.
    m_context->max_b_frames = 0;
    // MP4 keeps SPS/PPS in the sample description. h264_v4l2m2m ignores this flag and leaves
    // extradata empty: SegmentWriter then takes them from the first keyframe.
    if (settings.globalHeader)
        m_context->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (hardware) {
        m_context->bit_rate = settings.bitrate > 0 ? settings.bitrate : kHardwareDefaultBitrate;
    } else {
        av_opt_set(m_context->priv_data, "preset", settings.preset.toLatin1().constData(), 0);
        if (settings.bitrate > 0)
            m_context->bit_rate = settings.bitrate;
        else
            av_opt_set_double(m_context->priv_data, "crf", settings.crf, 0);
        // A fixed GOP keeps segment and fragment boundaries predictable.
        m_context->keyint_min = m_context->gop_size;
    }
    const QByteArray threadName = renameThread(hardware ? "v4l2m2m" : "x264");
    const int result = avcodec_open2(m_context, codec, nullptr);
    restoreThreadName(threadName);
    if (result < 0) {
        close();
        return QStringLiteral("%1 failed to open: %2").arg(name, avError(result));
    }
    m_name = name;
    return QString();
}

void H264Encoder::close()
{
    avcodec_free_context(&m_context);
    av_packet_free(&m_packet);
    m_input.reset();
}

QString H264Encoder::encode(const AVFrame *frame, qint64 pts, const PacketSink &sink, const PictureFilter &filter)
{
    int result = 0;
    if (frame) {
        const AVFrame *picture = m_converter.convert(frame, m_context->pix_fmt, m_context->width, m_context->height);
        if (!picture)
            return QStringLiteral("converting a %1x%2 picture failed").arg(frame->width).arg(frame->height);
        if (filter)
            picture = filter(picture);
        if (!m_input)
            m_input.reset(av_frame_alloc());
        av_frame_unref(m_input.get());
        av_frame_ref(m_input.get(), picture);
        m_input->pts = pts;
        m_input->pict_type = AV_PICTURE_TYPE_NONE;
        result = avcodec_send_frame(m_context, m_input.get());
        av_frame_unref(m_input.get());
    } else {
        result = avcodec_send_frame(m_context, nullptr);
    }
    if (result < 0 && result != AVERROR_EOF)
        return QStringLiteral("%1 refused a frame: %2").arg(m_name, avError(result));
    for (;;) {
        result = avcodec_receive_packet(m_context, m_packet);
        if (result == AVERROR(EAGAIN) || result == AVERROR_EOF)
            return QString();
        if (result < 0)
            return QStringLiteral("%1 failed: %2").arg(m_name, avError(result));
        if (m_packet->duration <= 0)
            m_packet->duration = 1;
        const QString error = sink(m_packet);
        av_packet_unref(m_packet);
        if (!error.isEmpty())
            return error;
    }
}
