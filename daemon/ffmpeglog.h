// SPDX-License-Identifier: MIT
// Routes FFmpeg's and libcamera's own log output into the recorder's log (category recorder.ffmpeg).
#pragma once

// Call once in main(), before any thread starts.
class FfmpegLog
{
public:
    // Without `verbose`, only FFmpeg warnings and errors reach the log, as one line each;
    // libcamera is told to report errors only unless LIBCAMERA_LOG_LEVELS says otherwise.
    static void install(bool verbose);
};
