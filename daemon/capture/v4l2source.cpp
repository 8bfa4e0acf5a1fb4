// SPDX-License-Identifier: MIT
// USB webcams (MJPEG or YUYV) through FFmpeg's libavdevice video4linux2 input.
#include "v4l2source.h"
#include "capturelog.h"
#include "v4l2controls.h"
#include "../audio/avdevices.h"

#include <QDir>
#include <QFile>

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/dict.h>
}

#include <fcntl.h>
#include <linux/videodev2.h>
#include <sys/ioctl.h>
#include <unistd.h>

V4l2Source::V4l2Source(const Settings &settings, const QString &device)
    : m_settings(settings)
    , m_device(device)
{
}

QString V4l2Source::findCaptureDevice()
{
    // Raspberry Pi boards expose their ISP, codec and CSI receiver as /dev/video* too: those are
    // not webcams (a CSI camera is libcamera's). USB webcams (uvcvideo) are preferred.
    static const QStringList kNotCameras = {QStringLiteral("bcm2835-isp"), QStringLiteral("bcm2835-codec"),
                                            QStringLiteral("rpivid"), QStringLiteral("unicam"),
                                            QStringLiteral("pispbe"), QStringLiteral("rp1-cfe")};
    const QStringList names = QDir(QStringLiteral("/dev"))
                                  .entryList({QStringLiteral("video*")}, QDir::System, QDir::Name);
    QString fallback;
    for (const QString &name : names) {
        const QByteArray path = QByteArrayLiteral("/dev/") + name.toLatin1();
        const int fd = ::open(path.constData(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
            continue;
        v4l2_capability capability = {};
        const bool ok = ::ioctl(fd, VIDIOC_QUERYCAP, &capability) == 0;
        ::close(fd);
        const quint32 caps = (capability.capabilities & V4L2_CAP_DEVICE_CAPS) ? capability.device_caps
                                                                               : capability.capabilities;
        // Single-planar capture only: that is what libavdevice reads; M2M codecs are not cameras.
        if (!ok || !(caps & V4L2_CAP_VIDEO_CAPTURE) || (caps & V4L2_CAP_VIDEO_M2M))
            continue;
        const QString driver = QString::fromLatin1(reinterpret_cast<const char *>(capability.driver));
        if (kNotCameras.contains(driver))
            continue;
        if (driver == QLatin1String("uvcvideo"))
            return QString::fromLatin1(path);
        if (fallback.isEmpty())
            fallback = QString::fromLatin1(path);
    }
    return fallback;
}

QString V4l2Source::open()
{
    if (!QFile::exists(m_device))
        return QStringLiteral("no such device %1 (camera unplugged?)").arg(m_device);
    const QString loadError = AvDevices::load();
    if (!loadError.isEmpty())
        return loadError;
    m_clock = queryClock();
    m_lastStamp = DeviceStamp();
    // Before streaming starts: some drivers refuse a flip while streaming. Applied at every open
    // (a replugged webcam forgets its flips), said once per source: the settings do not change
    // between reopens, and a webcam that keeps failing must not flood the journal.
    for (const QString &line : V4l2Controls::applyTo(m_device, m_settings.camera)) {
        if (m_reportedControls.contains(line))
            continue;
        m_reportedControls << line;
        qCWarning(lcCapture, "%s cannot apply [camera] %s", qPrintable(m_device), qPrintable(line));
    }
    // MJPEG first: USB webcams deliver full HD at full rate only that way.
    QString error = openWith("mjpeg");
    if (!error.isEmpty()) {
        qCDebug(lcCapture) << "MJPEG not available on" << m_device << ":" << error;
        error = openWith(nullptr);
    }
    if (!error.isEmpty())
        return error;
    if (m_clock == DeviceClock::None)
        qCInfo(lcCapture, "%s does not say when its frames were taken; they are stamped when read",
               qPrintable(m_device));
    if (m_input.width() != m_settings.width || m_input.height() != m_settings.height) {
        qCWarning(lcCapture, "%s delivers %dx%d instead of %dx%d; frames are scaled",
                  qPrintable(m_device), m_input.width(), m_input.height(), m_settings.width, m_settings.height);
    }
    return QString();
}

QString V4l2Source::openWith(const char *inputFormat)
{
    const AVInputFormat *format = av_find_input_format("video4linux2");
    if (!format)
        return QStringLiteral("this FFmpeg has no video4linux2 input");
    AVDictionary *options = nullptr;
    av_dict_set(&options, "video_size",
                QStringLiteral("%1x%2").arg(m_settings.width).arg(m_settings.height).toLatin1().constData(), 0);
    av_dict_set(&options, "framerate", QByteArray::number(m_settings.fps).constData(), 0);
    if (inputFormat)
        av_dict_set(&options, "input_format", inputFormat, 0);
    // The kernel's buffer timestamps as the pts, unconverted (libavdevice's default, said so
    // because lastStamp() depends on it): "abs" and "mono2abs" would put them on the wall clock.
    av_dict_set(&options, "timestamps", "default", 0);
    const QString error = m_input.open(m_device, format, &options, true);
    av_dict_free(&options);
    return error;
}

DeviceClock V4l2Source::clockOf(quint32 bufferFlags)
{
    switch (bufferFlags & V4L2_BUF_FLAG_TIMESTAMP_MASK) {
    case V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC:
        return DeviceClock::Monotonic;
    case V4L2_BUF_FLAG_TIMESTAMP_COPY: // copied from an output buffer: meaningless for a camera
    case V4L2_BUF_FLAG_TIMESTAMP_UNKNOWN:
    default:
        return DeviceClock::None;
    }
}

DeviceClock V4l2Source::queryClock() const
{
    // libavdevice does not pass the buffer flags on. The timestamp type belongs to the device's
    // buffer queue, so it is read from a buffer of our own before libavdevice takes the device:
    // one buffer asked for, queried and given back (not every driver lets another file query
    // the streaming owner's buffers).
    const int fd = ::open(QFile::encodeName(m_device).constData(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return DeviceClock::None;
    v4l2_requestbuffers request = {};
    request.count = 1;
    request.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    request.memory = V4L2_MEMORY_MMAP;
    quint32 flags = V4L2_BUF_FLAG_TIMESTAMP_UNKNOWN;
    bool ok = false;
    if (::ioctl(fd, VIDIOC_REQBUFS, &request) == 0 && request.count > 0) {
        v4l2_buffer buffer = {};
        buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        buffer.memory = V4L2_MEMORY_MMAP;
        buffer.index = 0;
        ok = ::ioctl(fd, VIDIOC_QUERYBUF, &buffer) == 0;
        flags = buffer.flags;
        request.count = 0;
        ::ioctl(fd, VIDIOC_REQBUFS, &request);
    }
    ::close(fd);
    return ok ? clockOf(flags) : DeviceClock::None;
}

void V4l2Source::close()
{
    m_input.close();
}

Source::Grab V4l2Source::grab(qint64 elapsedUs, Frame &out, QString &error)
{
    Q_UNUSED(elapsedUs);
    switch (m_input.read(out.picture, error)) {
    case MediaInput::Read::Frame:
        m_lastStamp.clock = m_clock;
        m_lastStamp.us = m_clock == DeviceClock::None ? -1 : m_input.timestampUs(out.picture.get());
        // libavdevice hides the buffer's sequence number and whether its queue ran dry: a gap
        // is judged against the camera's recent pace (a webcam slows down in the dark).
        m_lastStamp.gap = DeviceGap::Unknown;
        return Grab::Frame;
    case MediaInput::Read::NotYet:
        return Grab::NotYet;
    case MediaInput::Read::EndOfFile:
        error = QStringLiteral("%1 stopped delivering (end of stream)").arg(m_device);
        return Grab::Error;
    case MediaInput::Read::Error:
        error = QStringLiteral("%1: %2").arg(m_device, error);
        return Grab::Error;
    }
    return Grab::Error;
}
