// SPDX-License-Identifier: MIT
// [camera] source=auto: picks the camera when the capture thread opens it, then stands for it.
#include "autosource.h"
#include "capturelog.h"
#include "testpatternsource.h"
#include "v4l2source.h"

#include <utility>
#ifdef RECORDER_HAVE_LIBCAMERA
#include "libcamerasource.h"
#include "libcameramanager.h"
#endif

AutoSource::AutoSource(const Settings &settings, bool utcClock)
    : m_settings(settings)
    , m_utcClock(utcClock)
{
}

AutoSource::~AutoSource() = default;

QString AutoSource::name() const
{
    if (!m_chosen)
        return QStringLiteral("auto");
    // Not only "testpattern": the heartbeat must show that the recorder looked for a camera.
    return m_standIn ? m_chosen->name() + QStringLiteral(" (no camera found)") : m_chosen->name();
}

Source::Pacing AutoSource::pacing() const
{
    return m_chosen ? m_chosen->pacing() : Pacing::Clock;
}

QString AutoSource::open()
{
    if (!m_chosen || m_standIn) {
        if (m_chosen)
            m_chosen->close();
        m_chosen = choose();
    }
    m_lookAgainUs = kLookAgainUs;
    return m_chosen->open();
}

void AutoSource::close()
{
    if (m_chosen)
        m_chosen->close();
}

Source::Grab AutoSource::grab(qint64 elapsedUs, Frame &out, QString &error)
{
    if (!m_chosen) {
        error = QStringLiteral("the camera was not opened");
        return Grab::Error;
    }
    if (m_standIn && elapsedUs >= m_lookAgainUs) {
        // On the capture thread, once a minute: the manager is started already, and opening the
        // few /dev/video* nodes takes milliseconds, less than the frame interval.
        m_lookAgainUs = elapsedUs + kLookAgainUs;
        const QString camera = findCamera();
        if (!camera.isEmpty()) {
            error = QStringLiteral("camera auto: %1 appeared; reopening to record it instead of the test pattern")
                        .arg(camera);
            return Grab::Error;
        }
    }
    return m_chosen->grab(elapsedUs, out, error);
}

DeviceStamp AutoSource::lastStamp() const
{
    return m_chosen ? m_chosen->lastStamp() : DeviceStamp();
}

QString AutoSource::findCamera()
{
#ifdef RECORDER_HAVE_LIBCAMERA
    const QStringList cameras = LibcameraManager::instance().cameraIds();
    if (!cameras.isEmpty())
        return QStringLiteral("libcamera camera ") + cameras.first();
#endif
    const QString device = V4l2Source::findCaptureDevice();
    return device.isEmpty() ? QString() : QStringLiteral("V4L2 device ") + device;
}

std::unique_ptr<Source> AutoSource::choose()
{
    m_standIn = false;
#ifdef RECORDER_HAVE_LIBCAMERA
    const QStringList cameras = LibcameraManager::instance().cameraIds();
    if (!cameras.isEmpty()) {
        qCInfo(lcCapture, "camera auto: using libcamera camera %s", qPrintable(cameras.first()));
        return std::make_unique<LibcameraSource>(m_settings, cameras.first());
    }
    if (!m_warnedStandIn)
        qCInfo(lcCapture, "camera auto: no libcamera camera found");
#else
    if (!m_warnedStandIn)
        qCInfo(lcCapture, "camera auto: built without libcamera");
#endif
    const QString device = V4l2Source::findCaptureDevice();
    if (!device.isEmpty()) {
        qCInfo(lcCapture, "camera auto: using V4L2 device %s", qPrintable(device));
        return std::make_unique<V4l2Source>(m_settings, device);
    }
    if (!std::exchange(m_warnedStandIn, true)) {
        qCWarning(lcCapture, "camera auto: no camera found; recording the test pattern instead and looking again "
                  "every %lld s", kLookAgainUs / 1'000'000);
    }
    m_standIn = true;
    return std::make_unique<TestPatternSource>(m_settings, m_utcClock);
}
