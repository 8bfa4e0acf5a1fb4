// SPDX-License-Identifier: MIT
// Raspberry Pi CSI cameras through libcamera: YUV420 at the configured size and fps, zero-copy.
#pragma once

#include "source.h"

class CameraBuffers;

#include <QStringList>

#include <memory>

// Thread-bound to the capture thread (see Source). libcamera completes requests on its own
// thread; the completion handler only queues them (under a mutex) for grab(). A frame handed
// to the encoder wraps the camera's memory-mapped buffer (DmabufPicture: the CPU access window
// is bracketed with DMA_BUF_IOCTL_SYNC); its request goes back to the camera when the encoder
// releases the frame, so pictures are never copied, and the time overlay draws into the buffer
// itself when it could be mapped writable; the pool is sized for the frame queue and the frames
// lost while it is dry are counted (CameraBuffers).
class LibcameraSource : public Source
{
public:
    LibcameraSource(const Settings &settings, const QString &cameraId);
    ~LibcameraSource() override;

    // The ids of the cameras libcamera sees, in its order (empty without a camera).
    static QStringList cameraIds();

    QString name() const override;
    Pacing pacing() const override { return Pacing::Device; }
    QString open() override;
    void close() override;
    Grab grab(qint64 elapsedUs, Frame &out, QString &error) override;
    qint64 takeDroppedFrames() override;

    struct State; // shared with libcamera's thread and with released frames

private:
    const Settings m_settings;
    const QString m_cameraId;
    QString m_openedId;
    std::shared_ptr<State> m_state;
    std::unique_ptr<CameraBuffers> m_buffers; // how many frames the camera lost between ours
    qint64 m_dropped = 0;
    bool m_warnedSync = false; // a failing DMA_BUF_IOCTL_SYNC is logged once per source
};
