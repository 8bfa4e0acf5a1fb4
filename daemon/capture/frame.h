// SPDX-License-Identifier: MIT
// One captured picture with its capture times, as it travels from a Source to the encoder.
#pragma once

#include <QString>
#include <QtGlobal>

extern "C" {
#include <libavutil/frame.h>
}

#include <memory>

struct AVFrameDeleter {
    void operator()(AVFrame *frame) const { av_frame_free(&frame); }
};
using AVFramePtr = std::unique_ptr<AVFrame, AVFrameDeleter>;

// Reentrant value type; moved, never copied, from the capture thread to the encoding thread.
struct Frame {
    AVFramePtr picture;      // refcounted picture; null for an end-of-segment marker
    qint64 index = 0;        // position on the 1/fps time line of the capture clock (the pts)
    qint64 monotonicUs = 0;  // CLOCK_MONOTONIC at capture
    qint64 wallUs = 0;       // CLOCK_REALTIME at capture, µs since the epoch
    // Markers (no picture) travel in order with the frames and steer the encoding thread.
    enum class Marker {
        None,
        Pause,        // recording off: finish the file, frames are not written until Resume
        Resume,       // recording on, in session `sessionId` (empty in continuous mode)
        Reopen,       // the control layer retries after an error: the next frame may open an encoder again
    };
    Marker marker = Marker::None;
    QString sessionId;
};
