// SPDX-License-Identifier: MIT
// Converts a picture to the encoder's pixel format and size with libswscale, only when it differs.
#include "frameconverter.h"
#include "encodelog.h"

extern "C" {
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

FrameConverter::~FrameConverter()
{
    sws_freeContext(m_scaler);
}

const AVFrame *FrameConverter::convert(const AVFrame *input, int format, int width, int height)
{
    if (input->format == format && input->width == width && input->height == height)
        return input;
    // Our own key, not sws_getCachedContext(): libswscale rewrites a full-range source format
    // (yuvj422p, what USB webcams' MJPEG decodes to) to its limited-range twin inside the context,
    // so the cached context never matched and was rebuilt for every picture (measured with
    // bench/framecopies: 59 allocations and 0.5 MB per 1080p frame).
    const Key key{input->format, input->width, input->height, format, width, height};
    if (!m_scaler || !(key == m_key)) {
        sws_freeContext(m_scaler);
        m_scaler = sws_getContext(input->width, input->height, AVPixelFormat(input->format), width, height,
                                  AVPixelFormat(format), SWS_BILINEAR, nullptr, nullptr, nullptr);
        ++m_setups;
        if (!m_scaler) {
            // The key stays that of a working scaler (none now), so the next picture tries again;
            // said once per conversion, not once per frame.
            if (!(key == m_failedKey)) {
                m_failedKey = key;
                qCWarning(lcEncode, "libswscale cannot convert %dx%d %s to %dx%d %s", input->width, input->height,
                          av_get_pix_fmt_name(AVPixelFormat(input->format)), width, height,
                          av_get_pix_fmt_name(AVPixelFormat(format)));
            }
            return nullptr;
        }
        m_key = key;
    }
    if (!m_output || m_output->format != format || m_output->width != width || m_output->height != height) {
        m_output.reset(av_frame_alloc());
        m_output->format = format;
        m_output->width = width;
        m_output->height = height;
        if (av_frame_get_buffer(m_output.get(), 0) < 0)
            return nullptr;
    }
    // The encoder may still reference the previous output: write into a fresh buffer if so.
    if (av_frame_make_writable(m_output.get()) < 0)
        return nullptr;
    sws_scale(m_scaler, input->data, input->linesize, 0, input->height, m_output->data, m_output->linesize);
    return m_output.get();
}
