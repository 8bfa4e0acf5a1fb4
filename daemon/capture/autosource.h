// SPDX-License-Identifier: MIT
// [camera] source=auto: picks the camera when the capture thread opens it, then stands for it.
#pragma once

#include "source.h"

#include <memory>

// Thread-bound to the capture thread (see Source). Looking for a camera starts libcamera and
// opens every /dev/video*, which can take seconds: done in open(), on the capture thread, so the
// main thread (D-Bus, heartbeat, sd_notify) never waits for it. The choice is made at open:
// libcamera's first camera, else the first V4L2 capture device, else the test pattern with a
// warning. A camera is kept across reopens; the test pattern is only a stand-in: every reopen
// looks again, and while it records, grab() looks every minute and fails once a camera appears
// so that the recorder reopens onto it (a CSI sensor probed late at boot, a webcam plugged in).
// Meanwhile name() says "testpattern (no camera found)", which the heartbeat's camera field shows.
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

    // How often the stand-in looks for a camera, in the recording's time.
    static constexpr qint64 kLookAgainUs = 60'000'000;

private:
    std::unique_ptr<Source> choose();
    static QString findCamera();

    const Settings m_settings;
    const bool m_utcClock;
    std::unique_ptr<Source> m_chosen;
    bool m_standIn = false;        // m_chosen is the test pattern because no camera was found
    bool m_warnedStandIn = false;  // the "no camera found" warning is said once, not per reopen
    qint64 m_lookAgainUs = 0;      // the grab time (since open) at which the stand-in looks next
};
