// SPDX-License-Identifier: MIT
// Creates the capture Source named by [camera] source, and checks that setting at start-up.
#include "sourcefactory.h"
#include "autosource.h"
#include "capturelog.h"
#include "filesource.h"
#include "testpatternsource.h"
#include "v4l2source.h"
#ifdef RECORDER_HAVE_LIBCAMERA
#include "libcamerasource.h"
#endif

#include "config.h"

#include <QFileInfo>

namespace {

// The test pattern is drawn in software: beyond this many pixels per second no machine this
// recorder runs on keeps up (4K at 60 fps is about 500 million).
constexpr double kMaxTestPatternPixelRate = 4096.0 * 2160 * 60;

QString sourceText(const Config &config)
{
    return config.string(QStringLiteral("camera/source"));
}

QString configError(const Config &config, const QString &key, const QString &problem)
{
    return QStringLiteral("%1: [camera] %2=%3: %4")
        .arg(config.file().isEmpty() ? QStringLiteral("configuration") : config.file(), key,
             config.text(QStringLiteral("camera/") + key), problem);
}

} // namespace

Source::Settings SourceFactory::settings(const Config &config)
{
    Source::Settings settings;
    settings.width = config.integer(QStringLiteral("camera/width"));
    settings.height = config.integer(QStringLiteral("camera/height"));
    settings.fps = config.integer(QStringLiteral("camera/fps"));
    CameraOptions &camera = settings.camera;
    camera.rotation = config.string(QStringLiteral("camera/rotation")).toInt();
    camera.hflip = config.boolean(QStringLiteral("camera/hflip"));
    camera.vflip = config.boolean(QStringLiteral("camera/vflip"));
    camera.autofocus = config.string(QStringLiteral("camera/autofocus"));
    camera.lensPosition = config.number(QStringLiteral("camera/lens_position"));
    camera.exposure = config.string(QStringLiteral("camera/exposure"));
    camera.shutterUs = qRound64(config.seconds(QStringLiteral("camera/shutter")) * 1e6);
    camera.gain = config.number(QStringLiteral("camera/gain"));
    camera.awb = config.string(QStringLiteral("camera/awb"));
    camera.denoise = config.string(QStringLiteral("camera/denoise"));
    camera.hdr = config.string(QStringLiteral("camera/hdr"));
    return settings;
}

bool SourceFactory::haveLibcamera()
{
#ifdef RECORDER_HAVE_LIBCAMERA
    return true;
#else
    return false;
#endif
}

QString SourceFactory::validate(const Config &config)
{
    const Source::Settings s = settings(config);
    if (s.width % 2 != 0)
        return configError(config, QStringLiteral("width"), QStringLiteral("H.264 in YUV 4:2:0 needs an even width"));
    if (s.height % 2 != 0)
        return configError(config, QStringLiteral("height"), QStringLiteral("H.264 in YUV 4:2:0 needs an even height"));
    // Rules that tie two picture settings together; what the camera itself can do is only known
    // when it opens (CameraControls reports it then).
    // Given, not non-zero: lens_position=0 is a real position (infinity), which autofocus=continuous
    // would silently ignore.
    if (config.given(QStringLiteral("camera/lens_position")) && s.camera.autofocus != QLatin1String("manual"))
        return configError(config, QStringLiteral("lens_position"),
                           QStringLiteral("only with autofocus=manual (autofocus=%1 moves the lens itself); allowed: "
                                          "set autofocus=manual, or leave lens_position out")
                               .arg(s.camera.autofocus));
    // Below 1us the exposure time would round to 0, which means automatic: refused, not changed.
    const double shutterSeconds = config.seconds(QStringLiteral("camera/shutter"));
    if (shutterSeconds > 0 && shutterSeconds < 1e-6)
        return configError(config, QStringLiteral("shutter"),
                           QStringLiteral("shorter than 1us; allowed: 0 (automatic) or 1us up to %1us")
                               .arg(1'000'000 / s.fps));
    if (s.camera.shutterUs * s.fps > 1'000'000)
        return configError(config, QStringLiteral("shutter"),
                           QStringLiteral("longer than a frame at fps=%1; allowed: 0 (automatic) or up to %2us")
                               .arg(s.fps)
                               .arg(1'000'000 / s.fps));
    if (s.camera.gain > 0 && s.camera.gain < 1)
        return configError(config, QStringLiteral("gain"),
                           QStringLiteral("an analogue gain below 1 does not exist; allowed: 0 (automatic) or 1 to 64"));
    const QString source = sourceText(config);
    if (source == QLatin1String("testpattern") && double(s.width) * s.height * s.fps > kMaxTestPatternPixelRate) {
        return configError(config, QStringLiteral("fps"),
                           QStringLiteral("the test pattern cannot draw %1x%2 at %3 fps; allowed: up to 4096x2160 at 60 fps "
                                          "(or the same number of pixels per second)")
                               .arg(s.width)
                               .arg(s.height)
                               .arg(s.fps));
    }
    if (source.startsWith(QLatin1String("file:"))) {
        const QString path = source.mid(5);
        if (!QFileInfo(path).isAbsolute())
            return configError(config, QStringLiteral("source"), QStringLiteral("file: needs an absolute path"));
        const QString problem = FileSource::probe(path);
        if (!problem.isEmpty())
            return configError(config, QStringLiteral("source"), problem);
    }
    if (source.startsWith(QLatin1String("libcamera")) && !haveLibcamera())
        return configError(config, QStringLiteral("source"),
                           QStringLiteral("this recorderd was built without libcamera; allowed: auto, testpattern, "
                                          "v4l2:/dev/videoN, file:PATH"));
    if (source.startsWith(QLatin1String("v4l2:")) && !source.mid(5).startsWith(QLatin1String("/dev/")))
        return configError(config, QStringLiteral("source"), QStringLiteral("v4l2: needs a device path such as /dev/video0"));
    return QString();
}

std::unique_ptr<Source> SourceFactory::create(const Config &config)
{
    const Source::Settings s = settings(config);
    const bool utc = config.string(QStringLiteral("recording/filename_time")) == QLatin1String("utc");
    const QString source = sourceText(config);
    if (source == QLatin1String("testpattern"))
        return std::make_unique<TestPatternSource>(s, utc);
    if (source.startsWith(QLatin1String("file:")))
        return std::make_unique<FileSource>(s, source.mid(5));
    if (source.startsWith(QLatin1String("v4l2:")))
        return std::make_unique<V4l2Source>(s, source.mid(5));
#ifdef RECORDER_HAVE_LIBCAMERA
    if (source.startsWith(QLatin1String("libcamera")))
        return std::make_unique<LibcameraSource>(s, source.section(QLatin1Char(':'), 1));
#endif

    // auto: chosen when the capture thread opens it, since looking for a camera can take seconds.
    return std::make_unique<AutoSource>(s, utc);
}
