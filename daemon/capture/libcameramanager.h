// SPDX-License-Identifier: MIT
// The process's one libcamera CameraManager: started by its first user off the main thread, kept until exit.
#pragma once

#include <QString>
#include <QStringList>

#include <memory>
#include <mutex>

namespace libcamera {
class CameraManager;
}

// Thread-safe. libcamera allows one CameraManager per process, and starting it probes every
// media device (seconds on a Pi with a slow sensor), so it is made once and shared by the
// camera auto-detection and every LibcameraSource, instead of one per open. The first user
// starts it: that is the capture thread (the main thread never calls in, so D-Bus, heartbeat and
// sd_notify keep going while it starts). A failed start is tried again by the next user: a
// camera plugged in later is found then. It is stopped when the QCoreApplication ends (after
// the Recorder, so after the capture thread has closed its camera), before static destructors
// run: libcamera's own (its logger) may be gone by then.
class LibcameraManager
{
public:
    static LibcameraManager &instance();

    LibcameraManager(const LibcameraManager &) = delete;
    LibcameraManager &operator=(const LibcameraManager &) = delete;
    ~LibcameraManager();

    // The started manager (valid until exit), or null with `error` saying why.
    libcamera::CameraManager *acquire(QString &error);

    // The ids of the cameras libcamera sees, in its order (empty without a camera).
    QStringList cameraIds();

private:
    LibcameraManager() = default;
    static void stopAtExit();

    std::mutex m_mutex; // guards m_manager while it is started
    std::unique_ptr<libcamera::CameraManager> m_manager;
    bool m_warnedMainThread = false;
    bool m_stopRegistered = false;
};
