// SPDX-License-Identifier: MIT
// The [camera] picture settings on a V4L2 webcam: the flips where the device has them.
#include "v4l2controls.h"

#include <QFile>

#include <fcntl.h>
#include <linux/videodev2.h>
#include <sys/ioctl.h>
#include <unistd.h>

QStringList V4l2Controls::apply(const CameraOptions &options, const Setter &set)
{
    QStringList problems;
    const bool turned = options.rotation == 180;
    const bool hflip = options.hflip != turned;
    const bool vflip = options.vflip != turned;
    const bool hflipSet = set(V4L2_CID_HFLIP, hflip ? 1 : 0);
    const bool vflipSet = set(V4L2_CID_VFLIP, vflip ? 1 : 0);
    const QString flipNames = QStringLiteral("rotation=%1 hflip=%2 vflip=%3")
                                  .arg(options.rotation)
                                  .arg(options.hflip ? QStringLiteral("true") : QStringLiteral("false"),
                                       options.vflip ? QStringLiteral("true") : QStringLiteral("false"));
    const bool hflipMissing = hflip && !hflipSet;
    const bool vflipMissing = vflip && !vflipSet;
    if (hflipMissing || vflipMissing) {
        const QString which = hflipMissing && vflipMissing ? QStringLiteral("flip")
            : hflipMissing                                 ? QStringLiteral("horizontal flip")
                                                           : QStringLiteral("vertical flip");
        problems << flipNames + QStringLiteral(": the webcam has no %1 control").arg(which);
    }

    const QString notOnV4l2 = QStringLiteral("not applied to V4L2 webcams (libcamera cameras only)");
    auto report = [&problems, &notOnV4l2](const char *key, const QString &value) {
        problems << QStringLiteral("%1=%2: %3").arg(QLatin1String(key), value, notOnV4l2);
    };
    // "default" autofocus asks for nothing in particular: a webcam keeps its own.
    if (options.autofocus != QLatin1String("default"))
        report("autofocus", options.autofocus);
    if (options.exposure != QLatin1String("normal"))
        report("exposure", options.exposure);
    if (options.shutterUs > 0)
        report("shutter", QString::number(options.shutterUs) + QStringLiteral("us"));
    if (options.gain > 0)
        report("gain", QString::number(options.gain, 'g', 6));
    if (options.awb != QLatin1String("auto"))
        report("awb", options.awb);
    if (options.denoise != QLatin1String("auto"))
        report("denoise", options.denoise);
    if (options.hdr != QLatin1String("off"))
        report("hdr", options.hdr);
    return problems;
}

QStringList V4l2Controls::applyTo(const QString &device, const CameraOptions &options)
{
    const int fd = ::open(QFile::encodeName(device).constData(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    // An unplugged or busy webcam: opening it for the stream fails next and says why; "no flip
    // control" would be wrong, and said again at every reopen.
    if (fd < 0)
        return {};
    const QStringList problems = apply(options, [fd](quint32 id, qint32 value) {
        v4l2_queryctrl query = {};
        query.id = id;
        if (::ioctl(fd, VIDIOC_QUERYCTRL, &query) != 0 || (query.flags & V4L2_CTRL_FLAG_DISABLED))
            return false;
        v4l2_control control = {};
        control.id = id;
        control.value = value;
        return ::ioctl(fd, VIDIOC_S_CTRL, &control) == 0;
    });
    ::close(fd);
    return problems;
}
