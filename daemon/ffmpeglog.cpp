// SPDX-License-Identifier: MIT
// Routes FFmpeg's and libcamera's own log output into the recorder's log (category recorder.ffmpeg).
#include "ffmpeglog.h"

#include <QLoggingCategory>
#include <QString>
#include <QtGlobal>

extern "C" {
#include <libavutil/log.h>
}

#include <cstdarg>
#include <cstdio>

Q_LOGGING_CATEGORY(lcFfmpeg, "recorder.ffmpeg")

namespace {

void forward(void *object, int level, const char *format, va_list arguments)
{
    if (level > av_log_get_level())
        return;
    char line[1024];
    int prefix = 1;
    av_log_format_line2(object, level, format, arguments, line, sizeof line, &prefix);
    QString text = QString::fromUtf8(line).trimmed();
    if (text.isEmpty())
        return;
    if (level <= AV_LOG_ERROR)
        qCWarning(lcFfmpeg, "%s", qPrintable(text)); // the recorder reports the consequence itself
    else if (level <= AV_LOG_WARNING)
        qCInfo(lcFfmpeg, "%s", qPrintable(text));
    else
        qCDebug(lcFfmpeg, "%s", qPrintable(text));
}

} // namespace

void FfmpegLog::install(bool verbose)
{
    av_log_set_level(verbose ? AV_LOG_INFO : AV_LOG_WARNING);
    av_log_set_callback(forward);
    if (!qEnvironmentVariableIsSet("LIBCAMERA_LOG_LEVELS"))
        qputenv("LIBCAMERA_LOG_LEVELS", verbose ? "*:WARN" : "*:ERROR");
}
