// SPDX-License-Identifier: MIT
// Converts a picture to the encoder's pixel format and size with libswscale, only when it differs.
#pragma once

#include "../capture/frame.h"

struct SwsContext;

// Thread-bound: used by the encoding thread.
class FrameConverter
{
public:
    FrameConverter() = default;
    ~FrameConverter();
    FrameConverter(const FrameConverter &) = delete;
    FrameConverter &operator=(const FrameConverter &) = delete;

    // Returns `input` itself when it already has `format` and the size; otherwise a converted
    // picture owned by the converter (valid until the next call). Null on failure.
    const AVFrame *convert(const AVFrame *input, int format, int width, int height);

private:
    SwsContext *m_scaler = nullptr;
    AVFramePtr m_output;
};
