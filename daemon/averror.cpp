// SPDX-License-Identifier: MIT
// FFmpeg's error codes in words, for log lines and error strings.
#include "averror.h"

extern "C" {
#include <libavutil/error.h>
}

QString AvError::text(int code)
{
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return QString::fromUtf8(text);
}
