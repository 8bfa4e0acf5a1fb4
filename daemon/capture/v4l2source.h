// SPDX-License-Identifier: MIT
// USB webcams (MJPEG or YUYV) through FFmpeg's libavdevice video4linux2 input.
#pragma once

#include "mediainput.h"
#include "source.h"

#include <QStringList>

// Thread-bound to the capture thread (see Source). The device is opened non-blocking and
// polled, so a camera that stops delivering never blocks the capture thread. Frames carry the
// kernel's buffer timestamp (libavdevice passes it on as the pts) when the driver says which
// clock it is on.
class V4l2Source : public Source
{
public:
    V4l2Source(const Settings &settings, const QString &device);

    // The first /dev/videoN that can capture video, or an empty string.
    static QString findCaptureDevice();

    // The clock of a V4L2 buffer's timestamp from its flags: CLOCK_MONOTONIC, or none when the
    // driver does not say ("unknown") or copies it from an output buffer ("copy").
    static DeviceClock clockOf(quint32 bufferFlags);

    QString name() const override { return QStringLiteral("v4l2:") + m_device; }
    Pacing pacing() const override { return Pacing::Device; }
    QString open() override;
    void close() override;
    Grab grab(qint64 elapsedUs, Frame &out, QString &error) override;
    DeviceStamp lastStamp() const override { return m_lastStamp; }

private:
    QString openWith(const char *inputFormat);
    DeviceClock queryClock() const;

    const Settings m_settings;
    const QString m_device;
    MediaInput m_input;
    DeviceClock m_clock = DeviceClock::None;
    DeviceStamp m_lastStamp;
    QStringList m_reportedControls; // [camera] settings the webcam cannot apply, already logged
};
