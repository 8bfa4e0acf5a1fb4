// SPDX-License-Identifier: MIT
// The picture settings of [camera] (rotation, flips, focus, exposure, white balance, denoise, HDR).
#pragma once

#include <QString>

// A plain value, copied into each source. Words are the configuration's own (rpicam-vid's), already
// checked against the schema; each default means "leave it to the camera".
struct CameraOptions {
    int rotation = 0; // 0 or 180
    bool hflip = false;
    bool vflip = false;
    QString autofocus = QStringLiteral("default"); // default, continuous, manual
    double lensPosition = 0;                        // dioptres, with autofocus=manual
    QString exposure = QStringLiteral("normal");    // normal, short, long, custom
    qint64 shutterUs = 0;                           // 0: the camera chooses
    double gain = 0;                                // analogue gain; 0: the camera chooses
    QString awb = QStringLiteral("auto");
    QString denoise = QStringLiteral("auto");
    QString hdr = QStringLiteral("off");

    // Whether rotation and the flips ask the sensor for anything.
    bool flips() const { return rotation != 0 || hflip || vflip; }
};
