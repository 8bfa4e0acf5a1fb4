// SPDX-License-Identifier: MIT
// SPS/PPS taken from a keyframe, for encoders that only put them in-band (h264_v4l2m2m).
#pragma once

#include <QString>

struct AVCodecParameters;
struct AVPacket;

// Reentrant. MP4 keeps SPS/PPS in the sample description (avcC), written with the header before
// the first frame; an encoder that leaves extradata empty would give files that no player can
// decode. libavcodec's extract_extradata bitstream filter finds them in a keyframe's NAL units.
class InbandHeaders
{
public:
    // Whether `parameters` lacks the SPS/PPS an H.264 MP4 track needs.
    static bool missing(const AVCodecParameters *parameters);
    // Copies the SPS/PPS (Annex B, as libx264's extradata is) that `keyframe` carries into
    // `parameters`' extradata. Returns an empty string, or why none could be taken (the packet
    // has none, or the filter failed).
    static QString take(const AVPacket *keyframe, AVCodecParameters *parameters);
};
