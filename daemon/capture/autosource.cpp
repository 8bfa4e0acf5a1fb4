// SPDX-License-Identifier: MIT
// [camera] source=auto: picks the camera when the capture thread opens it, then stands for it.
#include "autosource.h"
#include "capturelog.h"
#include "testpatternsource.h"
#include "v4l2source.h"
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
    return m_chosen ? m_chosen->name() : QStringLiteral("auto");
}

Source::Pacing AutoSource::pacing() const
{
    return m_chosen ? m_chosen->pacing() : Pacing::Clock;
}

QString AutoSource::open()
{
    if (!m_chosen)
        m_chosen = choose();
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
    return m_chosen->grab(elapsedUs, out, error);
}

DeviceStamp AutoSource::lastStamp() const
{
    return m_chosen ? m_chosen->lastStamp() : DeviceStamp();
}

std::unique_ptr<Source> AutoSource::choose() const
{
#ifdef RECORDER_HAVE_LIBCAMERA
    const QStringList cameras = LibcameraManager::instance().cameraIds();
    if (!cameras.isEmpty()) {
        qCInfo(lcCapture, "camera auto: using libcamera camera %s", qPrintable(cameras.first()));
        return std::make_unique<LibcameraSource>(m_settings, cameras.first());
    }
    qCInfo(lcCapture, "camera auto: no libcamera camera found");
#else
    qCInfo(lcCapture, "camera auto: built without libcamera");
#endif
    const QString device = V4l2Source::findCaptureDevice();
    if (!device.isEmpty()) {
        qCInfo(lcCapture, "camera auto: using V4L2 device %s", qPrintable(device));
        return std::make_unique<V4l2Source>(m_settings, device);
    }
    qCWarning(lcCapture, "camera auto: no camera found; recording the test pattern instead");
    return std::make_unique<TestPatternSource>(m_settings, m_utcClock);
}
