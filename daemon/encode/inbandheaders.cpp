// SPDX-License-Identifier: MIT
// SPS/PPS taken from a keyframe, for encoders that only put them in-band (h264_v4l2m2m).
#include "inbandheaders.h"
#include "../averror.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavcodec/bsf.h>
#include <libavutil/mem.h>
}

#include <cstring>
#include <memory>

namespace {

struct BsfDeleter {
    void operator()(AVBSFContext *context) const { av_bsf_free(&context); }
};
struct PacketDeleter {
    void operator()(AVPacket *packet) const { av_packet_free(&packet); }
};

} // namespace

bool InbandHeaders::missing(const AVCodecParameters *parameters)
{
    return parameters->codec_id == AV_CODEC_ID_H264 && parameters->extradata_size <= 0;
}

QString InbandHeaders::take(const AVPacket *keyframe, AVCodecParameters *parameters)
{
    const AVBitStreamFilter *filter = av_bsf_get_by_name("extract_extradata");
    if (!filter)
        return QStringLiteral("this FFmpeg has no extract_extradata filter");
    AVBSFContext *raw = nullptr;
    int result = av_bsf_alloc(filter, &raw);
    std::unique_ptr<AVBSFContext, BsfDeleter> context(raw);
    if (result < 0)
        return AvError::text(result);
    avcodec_parameters_copy(context->par_in, parameters);
    result = av_bsf_init(context.get());
    if (result < 0)
        return QStringLiteral("extract_extradata: ") + AvError::text(result);
    std::unique_ptr<AVPacket, PacketDeleter> packet(av_packet_clone(keyframe));
    if (!packet)
        return QStringLiteral("out of memory");
    result = av_bsf_send_packet(context.get(), packet.get());
    if (result >= 0)
        result = av_bsf_receive_packet(context.get(), packet.get());
    if (result < 0)
        return QStringLiteral("extract_extradata: ") + AvError::text(result);
    size_t size = 0;
    const uint8_t *data = av_packet_get_side_data(packet.get(), AV_PKT_DATA_NEW_EXTRADATA, &size);
    if (!data || size == 0)
        return QStringLiteral("the keyframe carries no SPS/PPS");
    auto *copy = static_cast<uint8_t *>(av_mallocz(size + AV_INPUT_BUFFER_PADDING_SIZE));
    if (!copy)
        return QStringLiteral("out of memory");
    std::memcpy(copy, data, size);
    av_freep(&parameters->extradata);
    parameters->extradata = copy;
    parameters->extradata_size = int(size);
    return QString();
}
