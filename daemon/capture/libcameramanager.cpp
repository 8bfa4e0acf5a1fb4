// SPDX-License-Identifier: MIT
// The process's one libcamera CameraManager: started by its first user off the main thread, kept until exit.
#include "libcameramanager.h"
#include "capturelog.h"
#include "libcameraerrors.h"

#include <QCoreApplication>
#include <QThread>

#include <libcamera/camera.h>
#include <libcamera/camera_manager.h>
#include <libcamera/version.h>

LibcameraManager &LibcameraManager::instance()
{
    // The one allowed by libcamera, for the process lifetime; destroyed (stopped) at exit.
    static LibcameraManager manager;
    return manager;
}

LibcameraManager::~LibcameraManager()
{
    // Only without a QCoreApplication (stopAtExit() ran otherwise).
    if (m_manager)
        m_manager->stop();
}

void LibcameraManager::stopAtExit()
{
    LibcameraManager &self = instance();
    std::lock_guard<std::mutex> lock(self.m_mutex);
    if (self.m_manager)
        self.m_manager->stop();
    self.m_manager.reset();
}

libcamera::CameraManager *LibcameraManager::acquire(QString &error)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_manager)
        return m_manager.get();
    const QCoreApplication *app = QCoreApplication::instance();
    if (app && QThread::currentThread() == app->thread() && !m_warnedMainThread) {
        // A bug, not a fault of the machine: starting libcamera can take seconds.
        m_warnedMainThread = true;
        qCWarning(lcCapture, "libcamera is started on the main thread; the event loop waits for it");
    }
    auto manager = std::make_unique<libcamera::CameraManager>();
    const int result = manager->start();
    if (result < 0) {
        error = LibcameraErrors::managerFailed(result);
        return nullptr;
    }
    qCDebug(lcCapture, "libcamera %s started (built against %d.%d.%d)",
            libcamera::CameraManager::version().c_str(), LIBCAMERA_VERSION_MAJOR, LIBCAMERA_VERSION_MINOR,
            LIBCAMERA_VERSION_PATCH);
    m_manager = std::move(manager);
    if (app && !m_stopRegistered) {
        m_stopRegistered = true;
        qAddPostRoutine(&LibcameraManager::stopAtExit); // thread-safe in Qt
    }
    return m_manager.get();
}

QStringList LibcameraManager::cameraIds()
{
    QString error;
    libcamera::CameraManager *manager = acquire(error);
    if (!manager)
        return {};
    QStringList ids;
    for (const auto &camera : manager->cameras())
        ids << QString::fromStdString(camera->id());
    return ids;
}
