// SPDX-License-Identifier: MIT
// Turns the [camera] picture settings into libcamera controls and a transform the camera can give.
#include "cameracontrols.h"

#include <libcamera/camera.h>
#include <libcamera/control_ids.h>
#include <libcamera/version.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <type_traits>

// libcamera 0.2 replaced CameraConfiguration::transform by `orientation` (the Raspberry Pi fork
// already in its 0.1.0+rpt builds): the header tells which one this libcamera has.
#if __has_include(<libcamera/orientation.h>)
#include <libcamera/orientation.h>
#define RECORDER_LIBCAMERA_ORIENTATION 1
#endif
#define RECORDER_LIBCAMERA_AT_LEAST(major, minor)                                                                      \
    (LIBCAMERA_VERSION_MAJOR > (major) || (LIBCAMERA_VERSION_MAJOR == (major) && LIBCAMERA_VERSION_MINOR >= (minor)))

using namespace libcamera;

namespace {

struct Word {
    const char *word;
    int32_t value;
};

// rpicam-apps' words for libcamera's enumerations (its core/options.cpp tables).
constexpr Word kExposure[] = {
    {"short", controls::ExposureShort}, {"long", controls::ExposureLong}, {"custom", controls::ExposureCustom}};
constexpr Word kAwb[] = {{"incandescent", controls::AwbIncandescent}, {"tungsten", controls::AwbTungsten},
                         {"fluorescent", controls::AwbFluorescent},   {"indoor", controls::AwbIndoor},
                         {"daylight", controls::AwbDaylight},         {"cloudy", controls::AwbCloudy},
                         {"custom", controls::AwbCustom}};
constexpr Word kDenoise[] = {{"off", controls::draft::NoiseReductionModeOff},
                             {"cdn_off", controls::draft::NoiseReductionModeMinimal},
                             {"cdn_fast", controls::draft::NoiseReductionModeFast},
                             {"cdn_hq", controls::draft::NoiseReductionModeHighQuality}};
#if RECORDER_LIBCAMERA_AT_LEAST(0, 2)
constexpr Word kHdr[] = {{"single-exp", controls::HdrModeSingleExposure},
                         {"multi-exp", controls::HdrModeMultiExposure},
                         {"night", controls::HdrModeNight}};
#endif

template <size_t N>
std::optional<int32_t> lookUp(const Word (&table)[N], const QString &word)
{
    for (const Word &entry : table) {
        if (word == QLatin1String(entry.word))
            return entry.value;
    }
    return std::nullopt;
}

std::optional<double> numeric(const ControlValue &value)
{
    if (value.isArray())
        return std::nullopt;
    switch (value.type()) {
    case ControlTypeInteger32: return double(value.get<int32_t>());
    case ControlTypeInteger64: return double(value.get<int64_t>());
    case ControlTypeFloat: return double(value.get<float>());
    default: return std::nullopt;
    }
}

const ControlInfo *find(const ControlInfoMap &available, const ControlId &id)
{
    const auto it = available.find(&id);
    return it == available.end() ? nullptr : &it->second;
}

// Whether an enumerated control offers `value`: its list of values, else its min..max, else (a
// pipeline that says nothing more) yes.
bool offers(const ControlInfo &info, int32_t value)
{
    if (!info.values().empty()) {
        return std::any_of(info.values().begin(), info.values().end(), [value](const ControlValue &v) {
            return v.type() == ControlTypeInteger32 && !v.isArray() && v.get<int32_t>() == value;
        });
    }
    const std::optional<double> min = numeric(info.min());
    const std::optional<double> max = numeric(info.max());
    return (!min || value >= *min) && (!max || value <= *max);
}

QString number(double value)
{
    return QString::number(value, 'g', 6);
}

// Clamps `value` into the control's range; `problem` says so when it had to.
double clampToRange(const ControlInfo &info, double value, const QString &unit, QString *problem)
{
    const std::optional<double> min = numeric(info.min());
    const std::optional<double> max = numeric(info.max());
    double clamped = value;
    if (min && clamped < *min)
        clamped = *min;
    // A maximum of 0 gives no range (nothing would fit): the value is passed on as asked.
    if (max && *max > 0 && clamped > *max)
        clamped = *max;
    if (clamped != value) {
        *problem = QStringLiteral("beyond the camera's range %1 to %2%3; %4%3 is used")
                       .arg(number(min.value_or(0)), max ? number(*max) : QStringLiteral("?"), unit, number(clamped));
    }
    return clamped;
}

} // namespace

CameraControls::CameraControls(const CameraOptions &options)
    : m_options(options)
{
}

QStringList CameraControls::apply(const ControlInfoMap &available, ControlList &list) const
{
    QStringList problems;
    auto report = [&problems](const QString &key, const QString &value, const QString &why) {
        problems << QStringLiteral("%1=%2: %3").arg(key, value, why);
    };
    // An enumerated setting: `word` maps to a value of `control`, which the camera must offer.
    auto setEnum = [&](const QString &key, const QString &word, const Control<int32_t> &control,
                       std::optional<int32_t> value) {
        const ControlInfo *info = find(available, control);
        if (!value)
            report(key, word, QStringLiteral("this libcamera (%1.%2.%3) has no such mode")
                                  .arg(LIBCAMERA_VERSION_MAJOR)
                                  .arg(LIBCAMERA_VERSION_MINOR)
                                  .arg(LIBCAMERA_VERSION_PATCH));
        else if (!info)
            report(key, word, QStringLiteral("the camera has no %1 control").arg(QString::fromStdString(control.name())));
        else if (!offers(*info, *value))
            report(key, word, QStringLiteral("the camera does not offer this %1").arg(QString::fromStdString(control.name())));
        else
            list.set(control, *value);
    };

    // A fixed value: clamped into the camera's range (and reported when it had to be); false when
    // the camera has no such control.
    auto setFixed = [&](const QString &key, const QString &text, const auto &control, double value,
                        const QString &unit) {
        const ControlInfo *info = find(available, control);
        if (!info) {
            report(key, text, QStringLiteral("the camera has no %1 control").arg(QString::fromStdString(control.name())));
            return false;
        }
        QString problem;
        const double clamped = clampToRange(*info, value, unit, &problem);
        if (!problem.isEmpty())
            report(key, text, problem);
        using Type = typename std::decay_t<decltype(control)>::type;
        list.set(control, Type(clamped));
        return true;
    };

    // Focus. "default" is rpicam-vid's: continuous where the lens can move, silently nothing else.
    const QString &focus = m_options.autofocus;
    const ControlInfo *afMode = find(available, controls::AfMode);
    if (focus == QLatin1String("default")) {
        if (afMode && offers(*afMode, controls::AfModeContinuous))
            list.set(controls::AfMode, int32_t(controls::AfModeContinuous));
    } else if (!afMode) {
        report(QStringLiteral("autofocus"), focus,
               QStringLiteral("the camera has no focus control (no AfMode: a fixed-focus lens)"));
    } else if (focus == QLatin1String("continuous")) {
        setEnum(QStringLiteral("autofocus"), focus, controls::AfMode, int32_t(controls::AfModeContinuous));
    } else if (focus == QLatin1String("manual")) {
        const ControlInfo *lens = find(available, controls::LensPosition);
        if (!offers(*afMode, controls::AfModeManual) || !lens) {
            report(QStringLiteral("autofocus"), focus,
                   QStringLiteral("the camera cannot hold its lens at a position (no manual AfMode or LensPosition)"));
        } else {
            list.set(controls::AfMode, int32_t(controls::AfModeManual));
            setFixed(QStringLiteral("lens_position"), number(m_options.lensPosition), controls::LensPosition,
                     m_options.lensPosition, QString());
        }
    }

    // Exposure: the profile of the automatic exposure, then fixed values that override it.
    if (m_options.exposure != QLatin1String("normal"))
        setEnum(QStringLiteral("exposure"), m_options.exposure, controls::AeExposureMode,
                lookUp(kExposure, m_options.exposure));
    [[maybe_unused]] const bool fixedShutter = m_options.shutterUs > 0
        && setFixed(QStringLiteral("shutter"), QString::number(m_options.shutterUs) + QStringLiteral("us"),
                    controls::ExposureTime, double(m_options.shutterUs), QStringLiteral("us"));
    [[maybe_unused]] const bool fixedGain = m_options.gain > 0
        && setFixed(QStringLiteral("gain"), number(m_options.gain), controls::AnalogueGain, m_options.gain, QString());
#if RECORDER_LIBCAMERA_AT_LEAST(0, 5)
    // From libcamera 0.5 a fixed exposure time or gain is ignored unless its mode is manual.
    if (fixedShutter && find(available, controls::ExposureTimeMode))
        list.set(controls::ExposureTimeMode, int32_t(controls::ExposureTimeModeManual));
    if (fixedGain && find(available, controls::AnalogueGainMode))
        list.set(controls::AnalogueGainMode, int32_t(controls::AnalogueGainModeManual));
#endif

    if (m_options.awb != QLatin1String("auto"))
        setEnum(QStringLiteral("awb"), m_options.awb, controls::AwbMode, lookUp(kAwb, m_options.awb));
    if (m_options.denoise != QLatin1String("auto"))
        setEnum(QStringLiteral("denoise"), m_options.denoise, controls::draft::NoiseReductionMode,
                lookUp(kDenoise, m_options.denoise));
    if (m_options.hdr != QLatin1String("off")) {
#if RECORDER_LIBCAMERA_AT_LEAST(0, 2)
        setEnum(QStringLiteral("hdr"), m_options.hdr, controls::HdrMode, lookUp(kHdr, m_options.hdr));
#else
        report(QStringLiteral("hdr"), m_options.hdr,
               QStringLiteral("this libcamera (%1.%2.%3) has no HdrMode control (libcamera 0.2 or later has)")
                   .arg(LIBCAMERA_VERSION_MAJOR)
                   .arg(LIBCAMERA_VERSION_MINOR)
                   .arg(LIBCAMERA_VERSION_PATCH));
#endif
    }
    return problems;
}

Transform CameraControls::transform() const
{
    // Without a transpose the flips commute: 180° is both of them.
    Transform t = m_options.rotation == 180 ? Transform::Rot180 : Transform::Identity;
    if (m_options.hflip)
        t ^= Transform::HFlip;
    if (m_options.vflip)
        t ^= Transform::VFlip;
    return t;
}

void CameraControls::requestTransform(CameraConfiguration &configuration) const
{
#ifdef RECORDER_LIBCAMERA_ORIENTATION
    configuration.orientation = Orientation::Rotate0 * transform();
#else
    configuration.transform = transform();
#endif
}

QString CameraControls::transformProblem(const CameraConfiguration &configuration) const
{
#ifdef RECORDER_LIBCAMERA_ORIENTATION
    const Transform given = configuration.orientation / Orientation::Rotate0;
#else
    const Transform given = configuration.transform;
#endif
    if (given == transform())
        return QString();
    return QStringLiteral("rotation=%1 hflip=%2 vflip=%3: the sensor cannot flip the picture that way (asked for %4, "
                          "it gives %5)")
        .arg(m_options.rotation)
        .arg(m_options.hflip ? QStringLiteral("true") : QStringLiteral("false"),
             m_options.vflip ? QStringLiteral("true") : QStringLiteral("false"),
             QString::fromLatin1(transformToString(transform())), QString::fromLatin1(transformToString(given)));
}
