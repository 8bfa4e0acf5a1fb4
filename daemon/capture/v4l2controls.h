// SPDX-License-Identifier: MIT
// The [camera] picture settings on a V4L2 webcam: the flips where the device has them.
#pragma once

#include "cameraoptions.h"

#include <QStringList>

#include <functional>

// Reentrant; used by V4l2Source::open() on the capture thread, before streaming starts (some
// drivers refuse a flip while streaming). rotation=180 is both flips, as on a libcamera sensor.
// The other settings (focus, exposure, gain, white balance, denoise, HDR) have no common meaning
// across webcams' own controls and are reported, not applied.
class V4l2Controls
{
public:
    // Sets a V4L2 control (V4L2_CID_*) to a value; false when the device has no such control.
    using Setter = std::function<bool(quint32 id, qint32 value)>;

    // Sets V4L2_CID_HFLIP and V4L2_CID_VFLIP through `set` (to 0 as well, so a flip left by another
    // program does not stay). Returns one line per setting not applied, naming key, value and why.
    static QStringList apply(const CameraOptions &options, const Setter &set);

    // The same on the device node `device` (e.g. /dev/video0); a device that cannot be opened is
    // left alone: nothing set, nothing reported (opening it for the stream fails and says why).
    static QStringList applyTo(const QString &device, const CameraOptions &options);
};
