// SPDX-License-Identifier: MIT
// recorderd's own words for libcamera's failures, the same whatever libcamera version says them.
#include "libcameraerrors.h"

#include <cerrno>
#include <cstring>

QString LibcameraErrors::noCamera()
{
    return QStringLiteral("no libcamera camera found");
}

QString LibcameraErrors::managerFailed(int result)
{
    if (result == -ENODEV)
        return noCamera();
    return QStringLiteral("libcamera failed to start: %1").arg(QString::fromLocal8Bit(std::strerror(-result)));
}
