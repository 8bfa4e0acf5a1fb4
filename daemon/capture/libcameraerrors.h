// SPDX-License-Identifier: MIT
// recorderd's own words for libcamera's failures, the same whatever libcamera version says them.
#pragma once

#include <QString>

// Reentrant. Kept apart from LibcameraSource so the wording is tested in builds without libcamera.
namespace LibcameraErrors {
// No camera attached: what the heartbeat's last_error, the log and the dashboard say.
QString noCamera();
// CameraManager::start() returned `result` (a negative errno). libcamera 0.0.3 starts with no
// camera and lists none; libcamera 0.5 and later fail to start with -ENODEV when there is no media
// device at all: both are noCamera().
QString managerFailed(int result);
} // namespace LibcameraErrors
