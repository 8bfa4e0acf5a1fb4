// SPDX-License-Identifier: MIT
// The camera interface every capture source implements (testpattern, file, V4L2, libcamera).
#pragma once

#include "cameraoptions.h"
#include "frame.h"
#include "timestampmapper.h"

#include <QString>

#include <utility>

// Thread-bound: created on the main thread, then moved to and used only on the capture thread
// (CaptureWorker). open() and close() may be called again after an error to reopen the device.
class Source
{
public:
    struct Settings {
        // A constructor, not an aggregate: the many {width, height, fps} of the pattern and file
        // sources leave the camera's options at their defaults without a warning.
        Settings(int width = 0, int height = 0, int fps = 0, CameraOptions camera = {})
            : width(width), height(height), fps(fps), camera(std::move(camera))
        {
        }
        int width;
        int height;
        int fps;
        CameraOptions camera; // applied by the camera sources; the test pattern and files ignore it
    };

    // How the capture clock drives the source.
    enum class Pacing {
        Clock,  // grab() is called once per frame period and returns that frame
        Device, // the device has its own clock: grab() is polled and returns a frame when one is ready
    };

    enum class Grab { Frame, NotYet, Error };

    virtual ~Source() = default;

    // The source in use, for logs and the heartbeat, e.g. "testpattern", "v4l2:/dev/video0".
    virtual QString name() const = 0;
    virtual Pacing pacing() const { return Pacing::Clock; }

    // Returns an empty string or the reason the device cannot be opened.
    virtual QString open() = 0;
    virtual void close() = 0;

    // Fills `out.picture` with a YUV420P (or other, converted by the encoder) picture at the
    // configured size. `elapsedUs` is the capture clock since open() (the poll time for a device-
    // paced source). On Error, `error` says why.
    virtual Grab grab(qint64 elapsedUs, Frame &out, QString &error) = 0;

    // What the device said about the frame the last grab() returned: its own timestamp and
    // sequence number. The capture worker puts the frame on the capture time line from it
    // (TimestampMapper) and counts the frames the device lost in between; without a stamp the
    // frame gets the time it was polled. Clock-paced sources have none.
    virtual DeviceStamp lastStamp() const { return {}; }
};
