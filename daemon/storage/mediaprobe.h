// SPDX-License-Identifier: MIT
// Measures what of a video file really plays, with libavformat: codec, size, frames and duration.
#pragma once

#include <QString>

// Reentrant; probe() only reads the file (it blocks for as long as reading the packets takes).
class MediaProbe
{
public:
    struct Result {
        bool ok = false;
        QString error;              // why nothing plays, when !ok
        QString codec;              // e.g. "h264"
        int width = 0, height = 0;
        double fps = 0;
        qint64 frames = 0;          // packets of the video stream that could be read
        double durationSeconds = 0; // from the first packet's start to the last packet's end
    };

    // Reads every packet of the best video stream: the container's own duration cannot be trusted
    // for a file cut short (an empty-moov fragmented MP4 declares none).
    static Result probe(const QString &path);
};
