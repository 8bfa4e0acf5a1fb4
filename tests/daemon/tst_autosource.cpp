// SPDX-License-Identifier: MIT
// Tests [camera] source=auto: nothing is looked for when the source is made (on the main thread),
// the choice is made at open (on the capture thread), and without a camera it is the test pattern.
#include "capture/autosource.h"
#include "capture/sourcefactory.h"

#include "config.h"

#include <QTest>

class TestAutoSource : public QObject
{
    Q_OBJECT
private slots:
    void choosesAtOpen();
};

void TestAutoSource::choosesAtOpen()
{
    const Config config = Config::defaults();
    QCOMPARE(config.string(QStringLiteral("camera/source")), QStringLiteral("auto"));
    std::unique_ptr<Source> source = SourceFactory::create(config);
    // Made without looking for a camera: starting libcamera or opening /dev/video* here would
    // block the main thread.
    QCOMPARE(source->name(), QStringLiteral("auto"));
    QCOMPARE(source->pacing(), Source::Pacing::Clock);

    const QString error = source->open();
    if (source->name() != QLatin1String("testpattern"))
        QSKIP(qPrintable(QStringLiteral("a camera is attached here: auto chose %1").arg(source->name())));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    Frame frame;
    QString grabError;
    QCOMPARE(source->grab(0, frame, grabError), Source::Grab::Frame);
    QVERIFY(frame.picture);
    QCOMPARE(frame.picture->width, config.integer(QStringLiteral("camera/width")));
    // The choice is kept across reopens.
    source->close();
    QVERIFY(source->open().isEmpty());
    QCOMPARE(source->name(), QStringLiteral("testpattern"));
    source->close();
}

QTEST_GUILESS_MAIN(TestAutoSource)
#include "tst_autosource.moc"
