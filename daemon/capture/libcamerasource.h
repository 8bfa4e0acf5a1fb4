// SPDX-License-Identifier: MIT
// Raspberry Pi CSI cameras through libcamera: YUV420 at the configured size and fps, zero-copy.
#pragma once

#include "source.h"

#include <memory>

// Thread-bound to the capture thread (see Source). libcamera completes requests on its own
// thread; the completion handler only queues them (under a mutex) for grab(). A frame handed
// to the encoder wraps the camera's memory-mapped buffer (DmabufPicture: the CPU access window
// is bracketed with DMA_BUF_IOCTL_SYNC); its request goes back to the camera when the encoder
// releases the frame, so pictures are never copied, and the time overlay draws into the buffer
// itself when it could be mapped writable; the pool is sized for the frame queue (CameraBuffers).
// Each frame carries the sensor's timestamp and sequence number and whether the pool ran dry
// before it, so the capture worker counts the frames lost meanwhile. The CameraManager is the
// process's one (LibcameraManager). Every failing step of open() after the camera is acquired
// goes through close() (a scope guard), so a failed open leaves the camera stopped and released.
// That path has no automated test: it needs a libcamera camera (the vimc test driver needs
// /dev/media*, absent on the build machines), and a fake would have to stand in for Camera,
// FrameBufferAllocator and Request, far larger than the code it would check.
class LibcameraSource : public Source
{
public:
    LibcameraSource(const Settings &settings, const QString &cameraId);
    ~LibcameraSource() override;

    QString name() const override;
    Pacing pacing() const override { return Pacing::Device; }
    QString open() override;
    void close() override;
    Grab grab(qint64 elapsedUs, Frame &out, QString &error) override;
    DeviceStamp lastStamp() const override;

    struct State; // shared with libcamera's thread and with released frames

private:
    const Settings m_settings;
    const QString m_cameraId;
    QString m_openedId;
    std::shared_ptr<State> m_state;
    DeviceStamp m_lastStamp; // of the frame grab() returned last
    bool m_warnedSync = false; // a failing DMA_BUF_IOCTL_SYNC is logged once per source
};
