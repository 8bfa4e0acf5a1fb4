// SPDX-License-Identifier: MIT
// Tests the [camera] picture settings on a V4L2 webcam, through a fake device that has the flip
// controls or not: which flips are set, and which settings are reported instead.
#include "capture/v4l2controls.h"

#include <QMap>
#include <QTest>

#include <linux/videodev2.h>

namespace {

// A webcam with the controls in `has`; records what was set.
struct FakeWebcam {
    QList<quint32> has;
    QMap<quint32, qint32> values;
    V4l2Controls::Setter setter()
    {
        return [this](quint32 id, qint32 value) {
            if (!has.contains(id))
                return false;
            values[id] = value;
            return true;
        };
    }
};

CameraOptions turned(int rotation, bool hflip, bool vflip)
{
    CameraOptions options;
    options.rotation = rotation;
    options.hflip = hflip;
    options.vflip = vflip;
    return options;
}

} // namespace

class TestV4l2Controls : public QObject
{
    Q_OBJECT
private slots:
    void flips_data()
    {
        QTest::addColumn<int>("rotation");
        QTest::addColumn<bool>("hflip");
        QTest::addColumn<bool>("vflip");
        QTest::addColumn<int>("expectedH");
        QTest::addColumn<int>("expectedV");
        // Set to 0 too: a flip another program left on the webcam must not stay.
        QTest::newRow("defaults") << 0 << false << false << 0 << 0;
        QTest::newRow("rotation=180") << 180 << false << false << 1 << 1;
        QTest::newRow("hflip") << 0 << true << false << 1 << 0;
        QTest::newRow("vflip") << 0 << false << true << 0 << 1;
        QTest::newRow("rotation=180 and hflip") << 180 << true << false << 0 << 1;
    }
    void flips()
    {
        QFETCH(int, rotation);
        QFETCH(bool, hflip);
        QFETCH(bool, vflip);
        QFETCH(int, expectedH);
        QFETCH(int, expectedV);
        FakeWebcam webcam{{V4L2_CID_HFLIP, V4L2_CID_VFLIP}, {}};
        QCOMPARE(V4l2Controls::apply(turned(rotation, hflip, vflip), webcam.setter()), QStringList());
        QCOMPARE(webcam.values.value(V4L2_CID_HFLIP, -1), expectedH);
        QCOMPARE(webcam.values.value(V4L2_CID_VFLIP, -1), expectedV);
    }

    void missingFlipIsReported_data()
    {
        QTest::addColumn<QList<quint32>>("has");
        QTest::addColumn<int>("rotation");
        QTest::addColumn<bool>("hflip");
        QTest::addColumn<QString>("problem");
        QTest::newRow("no flips, defaults") << QList<quint32>{} << 0 << false << QString();
        QTest::newRow("no flips, rotation=180") << QList<quint32>{} << 180 << false
                                                << "rotation=180 hflip=false vflip=false: the webcam has no flip control";
        QTest::newRow("vflip only, hflip asked")
            << QList<quint32>{V4L2_CID_VFLIP} << 0 << true
            << "rotation=0 hflip=true vflip=false: the webcam has no horizontal flip control";
    }
    void missingFlipIsReported()
    {
        QFETCH(QList<quint32>, has);
        QFETCH(int, rotation);
        QFETCH(bool, hflip);
        QFETCH(QString, problem);
        FakeWebcam webcam{has, {}};
        const QStringList problems = V4l2Controls::apply(turned(rotation, hflip, false), webcam.setter());
        QCOMPARE(problems, problem.isEmpty() ? QStringList() : QStringList{problem});
    }

    // What libcamera alone offers is named, one line each; the defaults ask for nothing.
    void libcameraSettingsAreReported()
    {
        CameraOptions options;
        FakeWebcam webcam{{V4L2_CID_HFLIP, V4L2_CID_VFLIP}, {}};
        QCOMPARE(V4l2Controls::apply(options, webcam.setter()), QStringList());
        options.autofocus = QStringLiteral("manual");
        options.shutterUs = 10000;
        options.awb = QStringLiteral("daylight");
        options.hdr = QStringLiteral("single-exp");
        const QStringList problems = V4l2Controls::apply(options, webcam.setter());
        QCOMPARE(problems,
                 QStringList({QStringLiteral("autofocus=manual: not applied to V4L2 webcams (libcamera cameras only)"),
                              QStringLiteral("shutter=10000us: not applied to V4L2 webcams (libcamera cameras only)"),
                              QStringLiteral("awb=daylight: not applied to V4L2 webcams (libcamera cameras only)"),
                              QStringLiteral("hdr=single-exp: not applied to V4L2 webcams (libcamera cameras only)")}));
    }

    // The device path: a node that is not a V4L2 device has no flip to set.
    void applyToANonDevice()
    {
        const QStringList problems = V4l2Controls::applyTo(QStringLiteral("/dev/null"), turned(180, false, false));
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().endsWith(QLatin1String("no flip control")), qPrintable(problems.first()));
    }

    // An unplugged webcam: nothing is set or reported (mutation tried: reporting on a failed open
    // gives "no flip control" and the gain line).
    void applyToADeviceThatCannotBeOpened()
    {
        CameraOptions options = turned(180, false, false);
        options.gain = 2;
        QCOMPARE(V4l2Controls::applyTo(QStringLiteral("/nonexistent/video9"), options), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestV4l2Controls)
#include "tst_v4l2controls.moc"
