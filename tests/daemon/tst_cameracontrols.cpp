// SPDX-License-Identifier: MIT
// Tests how the [camera] picture settings become libcamera controls and a transform, against
// hand-made ControlInfoMaps of a Camera Module 3 (autofocus) and a fixed-focus camera: no camera
// needed. The options come from a real configuration file, through SourceFactory::settings().
#include "capture/cameracontrols.h"
#include "capture/sourcefactory.h"

#include "config.h"

#include <libcamera/camera.h>
#include <libcamera/control_ids.h>
#include <libcamera/version.h>
#if __has_include(<libcamera/orientation.h>)
#include <libcamera/orientation.h>
#endif

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <optional>
#include <vector>

using namespace libcamera;

Q_DECLARE_METATYPE(libcamera::Transform)

namespace {

const ControlId *controlNamed(const QString &name)
{
    for (const auto &entry : controls::controls) {
        if (QString::fromStdString(entry.second->name()) == name)
            return entry.second;
    }
    qFatal("no libcamera control %s", qPrintable(name));
}

std::optional<double> valueOf(const ControlList &list, const ControlId &id)
{
    if (!list.contains(id.id()))
        return std::nullopt;
    const ControlValue &value = list.get(id.id());
    switch (value.type()) {
    case ControlTypeInteger32: return double(value.get<int32_t>());
    case ControlTypeFloat: return double(value.get<float>());
    default: return std::nullopt;
    }
}

ControlInfo enumInfo(std::initializer_list<int32_t> values)
{
    std::vector<ControlValue> list;
    for (int32_t v : values)
        list.emplace_back(v);
    return ControlInfo(Span<const ControlValue>(list));
}

// What the Raspberry Pi pipeline offers with a Camera Module 3 (imx708), trimmed to the controls
// the settings use.
ControlInfoMap cameraModule3()
{
    ControlInfoMap::Map map;
    map.emplace(&controls::AfMode, ControlInfo(controls::AfModeValues));
    map.emplace(&controls::LensPosition, ControlInfo(0.0f, 15.0f, 1.0f));
    map.emplace(&controls::AeExposureMode, ControlInfo(controls::AeExposureModeValues));
    map.emplace(&controls::ExposureTime, ControlInfo(int32_t(26), int32_t(66666)));
    map.emplace(&controls::AnalogueGain, ControlInfo(1.0f, 16.0f));
    map.emplace(&controls::AwbMode, ControlInfo(controls::AwbModeValues));
    map.emplace(&controls::draft::NoiseReductionMode, ControlInfo(controls::draft::NoiseReductionModeValues));
#if LIBCAMERA_VERSION_MAJOR > 0 || LIBCAMERA_VERSION_MINOR >= 2
    map.emplace(&controls::HdrMode, ControlInfo(controls::HdrModeValues));
#endif
#if LIBCAMERA_VERSION_MAJOR > 0 || LIBCAMERA_VERSION_MINOR >= 5
    map.emplace(&controls::ExposureTimeMode, ControlInfo(controls::ExposureTimeModeValues));
    map.emplace(&controls::AnalogueGainMode, ControlInfo(controls::AnalogueGainModeValues));
#endif
    return ControlInfoMap(std::move(map), controls::controls);
}

// A fixed-focus camera with fewer modes: no AfMode, no exposure time, no denoise, no HDR, and
// white balance auto or cloudy only (the modes between them are not offered).
ControlInfoMap fixedFocus()
{
    ControlInfoMap::Map map;
    map.emplace(&controls::AnalogueGain, ControlInfo(1.0f, 22.0f));
    map.emplace(&controls::AwbMode, enumInfo({controls::AwbAuto, controls::AwbCloudy}));
    return ControlInfoMap(std::move(map), controls::controls);
}

// A CameraConfiguration whose validate() does what a sensor without flips does: back to none.
class NoFlipConfiguration : public CameraConfiguration
{
public:
    Status validate() override
    {
#if __has_include(<libcamera/orientation.h>)
        orientation = Orientation::Rotate0;
#else
        transform = Transform::Identity;
#endif
        return Adjusted;
    }
};

class AnyFlipConfiguration : public CameraConfiguration
{
public:
    Status validate() override { return Valid; }
    Transform given() const
    {
#if __has_include(<libcamera/orientation.h>)
        return orientation / Orientation::Rotate0;
#else
        return transform;
#endif
    }
};

} // namespace

class TestCameraControls : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_files = 0;

    // The options a [camera] section with `lines` gives, as recorderd reads them.
    CameraOptions options(const QByteArray &lines)
    {
        const QString path = m_dir.filePath(QStringLiteral("c%1.conf").arg(m_files++));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        file.write("[camera]\n" + QByteArray(lines).replace(';', '\n') + "\n");
        file.close();
        const Config::Result result = Config::load(path, true, QProcessEnvironment());
        if (!result.ok())
            qFatal("%s", qPrintable(result.error));
        return SourceFactory::settings(result.config).camera;
    }

private Q_SLOTS:
    void defaultsAskNothingOfAFixedFocusCamera();
    void defaultFocusIsContinuousWhereTheLensMoves();
    void applied_data();
    void applied();
    void unsupportedIsReportedAndTheRestApplied_data();
    void unsupportedIsReportedAndTheRestApplied();
    void outOfRangeIsClampedAndReported_data();
    void outOfRangeIsClampedAndReported();
    void transform_data();
    void transform();
    void transformTheSensorCannotGiveIsReported();
};

void TestCameraControls::defaultsAskNothingOfAFixedFocusCamera()
{
    const CameraControls controls(options(""));
    ControlList list;
    QCOMPARE(controls.apply(fixedFocus(), list), QStringList());
    QVERIFY(list.empty());
}

void TestCameraControls::defaultFocusIsContinuousWhereTheLensMoves()
{
    const CameraControls controls(options(""));
    ControlList list;
    QCOMPARE(controls.apply(cameraModule3(), list), QStringList());
    QCOMPARE(list.size(), size_t(1));
    QCOMPARE(valueOf(list, controls::AfMode), double(controls::AfModeContinuous));
}

void TestCameraControls::applied_data()
{
    QTest::addColumn<QByteArray>("lines");
    QTest::addColumn<QString>("control");
    QTest::addColumn<double>("expected");
    QTest::newRow("autofocus=continuous") << QByteArray("autofocus=continuous") << "AfMode"
                                          << double(controls::AfModeContinuous);
    QTest::newRow("autofocus=manual: AfMode") << QByteArray("autofocus=manual;lens_position=2.5") << "AfMode"
                                              << double(controls::AfModeManual);
    QTest::newRow("autofocus=manual: LensPosition") << QByteArray("autofocus=manual;lens_position=2.5")
                                                    << "LensPosition" << 2.5;
    QTest::newRow("exposure=short") << QByteArray("exposure=short") << "AeExposureMode"
                                    << double(controls::ExposureShort);
    QTest::newRow("exposure=long") << QByteArray("exposure=long") << "AeExposureMode" << double(controls::ExposureLong);
    QTest::newRow("shutter=10ms") << QByteArray("shutter=10ms") << "ExposureTime" << 10000.0;
    QTest::newRow("shutter=8000us") << QByteArray("shutter=8000us") << "ExposureTime" << 8000.0;
    QTest::newRow("gain=4") << QByteArray("gain=4") << "AnalogueGain" << 4.0;
    QTest::newRow("awb=daylight") << QByteArray("awb=daylight") << "AwbMode" << double(controls::AwbDaylight);
    QTest::newRow("awb=tungsten") << QByteArray("awb=tungsten") << "AwbMode" << double(controls::AwbTungsten);
    QTest::newRow("denoise=off") << QByteArray("denoise=off") << "NoiseReductionMode"
                                 << double(controls::draft::NoiseReductionModeOff);
    QTest::newRow("denoise=cdn_off") << QByteArray("denoise=cdn_off") << "NoiseReductionMode"
                                     << double(controls::draft::NoiseReductionModeMinimal);
    QTest::newRow("denoise=cdn_fast") << QByteArray("denoise=cdn_fast") << "NoiseReductionMode"
                                      << double(controls::draft::NoiseReductionModeFast);
    QTest::newRow("denoise=cdn_hq") << QByteArray("denoise=cdn_hq") << "NoiseReductionMode"
                                    << double(controls::draft::NoiseReductionModeHighQuality);
#if LIBCAMERA_VERSION_MAJOR > 0 || LIBCAMERA_VERSION_MINOR >= 5
    // From libcamera 0.5 a fixed value is ignored unless its mode is manual.
    QTest::newRow("shutter=10ms: ExposureTimeMode") << QByteArray("shutter=10ms") << "ExposureTimeMode"
                                                    << double(controls::ExposureTimeModeManual);
    QTest::newRow("gain=4: AnalogueGainMode") << QByteArray("gain=4") << "AnalogueGainMode"
                                              << double(controls::AnalogueGainModeManual);
#endif
#if LIBCAMERA_VERSION_MAJOR > 0 || LIBCAMERA_VERSION_MINOR >= 2
    QTest::newRow("hdr=single-exp") << QByteArray("hdr=single-exp") << "HdrMode"
                                    << double(controls::HdrModeSingleExposure);
#endif
}

void TestCameraControls::applied()
{
    QFETCH(QByteArray, lines);
    QFETCH(QString, control);
    QFETCH(double, expected);
    ControlList list;
    const QStringList problems = CameraControls(options(lines)).apply(cameraModule3(), list);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QCOMPARE(valueOf(list, *controlNamed(control)), expected);
}

void TestCameraControls::unsupportedIsReportedAndTheRestApplied_data()
{
    QTest::addColumn<QByteArray>("lines");
    QTest::addColumn<QString>("problem"); // the start of the one line reported
    QTest::addColumn<QString>("absent");  // the control that must not be set
    // Each row also asks for gain=2, which the camera has: it must still be applied.
    QTest::newRow("autofocus=continuous, fixed focus") << QByteArray("autofocus=continuous") << "autofocus=continuous: "
                                                       << "AfMode";
    QTest::newRow("autofocus=manual, fixed focus") << QByteArray("autofocus=manual;lens_position=1")
                                                   << "autofocus=manual: " << "LensPosition";
    QTest::newRow("awb=daylight, not offered") << QByteArray("awb=daylight") << "awb=daylight: " << "AwbMode";
    QTest::newRow("denoise=cdn_fast, no control") << QByteArray("denoise=cdn_fast") << "denoise=cdn_fast: "
                                                  << "NoiseReductionMode";
    QTest::newRow("shutter, no control") << QByteArray("shutter=5ms") << "shutter=5000us: " << "ExposureTime";
    QTest::newRow("exposure=long, no control") << QByteArray("exposure=long") << "exposure=long: " << "AeExposureMode";
    QTest::newRow("hdr=single-exp, no control") << QByteArray("hdr=single-exp") << "hdr=single-exp: " << "";
}

void TestCameraControls::unsupportedIsReportedAndTheRestApplied()
{
    QFETCH(QByteArray, lines);
    QFETCH(QString, problem);
    QFETCH(QString, absent);
    ControlList list;
    const QStringList problems = CameraControls(options(lines + ";gain=2")).apply(fixedFocus(), list);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().startsWith(problem), qPrintable(problems.first()));
    if (!absent.isEmpty())
        QVERIFY(!valueOf(list, *controlNamed(absent)));
    QCOMPARE(valueOf(list, controls::AnalogueGain), 2.0);
    QCOMPARE(list.size(), size_t(1));
}

void TestCameraControls::outOfRangeIsClampedAndReported_data()
{
    QTest::addColumn<QByteArray>("lines");
    QTest::addColumn<QString>("control");
    QTest::addColumn<double>("expected");
    QTest::addColumn<QString>("problem");
    QTest::newRow("lens_position=20, lens 0..15") << QByteArray("autofocus=manual;lens_position=20") << "LensPosition"
                                                  << 15.0 << "lens_position=20: beyond the camera's range 0 to 15";
    QTest::newRow("gain=30, sensor 1..16") << QByteArray("gain=30") << "AnalogueGain" << 16.0
                                           << "gain=30: beyond the camera's range 1 to 16";
    QTest::newRow("shutter=10us, sensor from 26us") << QByteArray("shutter=10us") << "ExposureTime" << 26.0
                                                    << "shutter=10us: beyond the camera's range 26 to 66666us";
}

void TestCameraControls::outOfRangeIsClampedAndReported()
{
    QFETCH(QByteArray, lines);
    QFETCH(QString, control);
    QFETCH(double, expected);
    QFETCH(QString, problem);
    ControlList list;
    const QStringList problems = CameraControls(options(lines)).apply(cameraModule3(), list);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().startsWith(problem), qPrintable(problems.first()));
    QCOMPARE(valueOf(list, *controlNamed(control)), expected);
}

void TestCameraControls::transform_data()
{
    QTest::addColumn<QByteArray>("lines");
    QTest::addColumn<Transform>("expected");
    QTest::newRow("defaults") << QByteArray("") << Transform::Identity;
    QTest::newRow("rotation=180") << QByteArray("rotation=180") << Transform::Rot180;
    QTest::newRow("hflip") << QByteArray("hflip=true") << Transform::HFlip;
    QTest::newRow("vflip") << QByteArray("vflip=true") << Transform::VFlip;
    QTest::newRow("hflip and vflip") << QByteArray("hflip=true;vflip=true") << Transform::Rot180;
    QTest::newRow("rotation=180 and hflip") << QByteArray("rotation=180;hflip=true") << Transform::VFlip;
}

void TestCameraControls::transform()
{
    QFETCH(QByteArray, lines);
    QFETCH(Transform, expected);
    const CameraControls controls(options(lines));
    QCOMPARE(int(controls.transform()), int(expected));
    AnyFlipConfiguration configuration;
    controls.requestTransform(configuration);
    QCOMPARE(int(configuration.given()), int(expected));
    QCOMPARE(controls.transformProblem(configuration), QString());
}

void TestCameraControls::transformTheSensorCannotGiveIsReported()
{
    const CameraControls controls(options("rotation=180"));
    NoFlipConfiguration configuration;
    controls.requestTransform(configuration);
    QCOMPARE(configuration.validate(), CameraConfiguration::Adjusted);
    const QString problem = controls.transformProblem(configuration);
    QVERIFY2(problem.startsWith(QLatin1String("rotation=180 hflip=false vflip=false: ")), qPrintable(problem));
    QVERIFY2(problem.contains(QLatin1String("hvflip")) || problem.contains(QLatin1String("rot180")),
             qPrintable(problem));
}

QTEST_GUILESS_MAIN(TestCameraControls)
#include "tst_cameracontrols.moc"
