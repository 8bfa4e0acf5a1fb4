// SPDX-License-Identifier: MIT
// Turns the [camera] picture settings into libcamera controls and a transform the camera can give.
#pragma once

#include "cameraoptions.h"

#include <libcamera/controls.h>
#include <libcamera/transform.h>

#include <QStringList>

namespace libcamera {
class CameraConfiguration;
}

// Reentrant: a pure mapping from the options and what a camera offers (its ControlInfoMap), used by
// LibcameraSource::open() on the capture thread and by tests with a hand-made map. A setting the
// camera cannot apply is left out and comes back as one line naming the key, the value and why;
// the recording goes on with the rest. Settings left at their defaults ask for nothing.
class CameraControls
{
public:
    explicit CameraControls(const CameraOptions &options);

    // Adds to `list` the controls for every requested setting that `available` supports (a lens
    // position or exposure beyond the camera's range is clamped to it and reported). Returns one
    // line per setting not applied as asked, e.g. "autofocus=continuous: the camera has no
    // autofocus (no AfMode control)".
    QStringList apply(const libcamera::ControlInfoMap &available, libcamera::ControlList &list) const;

    // What rotation, hflip and vflip ask of the sensor: Identity, HFlip, VFlip or Rot180.
    libcamera::Transform transform() const;
    // Asks `configuration` for transform() (its orientation from libcamera 0.2 on); call before
    // validate().
    void requestTransform(libcamera::CameraConfiguration &configuration) const;
    // After validate(): a line when the camera gives another transform than asked, else empty.
    QString transformProblem(const libcamera::CameraConfiguration &configuration) const;

private:
    const CameraOptions m_options;
};
