// SPDX-License-Identifier: MIT
// FFmpeg's error codes in words, for log lines and error strings.
#pragma once

#include <QString>

// Reentrant.
namespace AvError {
// av_strerror() of `code` (an AVERROR), e.g. "No such file or directory".
QString text(int code);
} // namespace AvError
