// SPDX-License-Identifier: MIT
// Loads FFmpeg's libavdevice on first use and registers its inputs (V4L2, ALSA, PulseAudio).
#pragma once

#include <QString>

// Thread-safe: the first call loads the library, every call returns that outcome.
namespace AvDevices {
// libavdevice drags in libavfilter and its dependencies (several MB of resident memory): it is
// loaded only when a V4L2 camera or a microphone is actually used. Returns an empty string or why not.
QString load();
} // namespace AvDevices
