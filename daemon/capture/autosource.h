// SPDX-License-Identifier: MIT
// [camera] source=auto: picks the camera when the capture thread opens it, then stands for it.
#pragma once

#include "source.h"

#include <memory>

// Thread-bound to the capture thread (see Source). Looking for a camera starts libcamera and
// opens every /dev/video*, which can take seconds: done in open(), on the capture thread, so the
// main thread (D-Bus, heartbeat, sd_notify) never waits for it. The choice is made at the first
// open and kept: libcamera's first camera, else the first V4L2 capture device, else the test
// pattern with a warning.
class AutoSource : public Source
{
public:
    AutoSource(const Settings &settings, bool utcClock);
    ~AutoSource() override;

    // "auto" until the first open() chose a source, then that source's name.
    QString name() const override;
    Pacing pacing() const override;
    QString open() override;
    void close() override;
    Grab grab(qint64 elapsedUs, Frame &out, QString &error) override;
    DeviceStamp lastStamp() const override;

private:
    std::unique_ptr<Source> choose() const;

    const Settings m_settings;
    const bool m_utcClock;
    std::unique_ptr<Source> m_chosen;
};
