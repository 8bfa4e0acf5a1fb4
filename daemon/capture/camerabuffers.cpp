// SPDX-License-Identifier: MIT
// How many buffers to ask a camera for.
#include "camerabuffers.h"

int CameraBuffers::countFor(int queueDepth)
{
    return qBound(kMinimum, queueDepth + kBeyondQueue, kMaximum);
}
