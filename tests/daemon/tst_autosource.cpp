// SPDX-License-Identifier: MIT
// Tests [camera] source=auto: nothing is looked for when the source is made (on the main thread),
// the choice is made at open (on the capture thread), and without a camera it is the test pattern.
#include "capture/autosource.h"
#include "capture/sourcefactory.h"

#include "config.h"

#include <QRegularExpression>
#include <QTest>

#include <thread>

class TestAutoSource : public QObject
{
    Q_OBJECT
private slots:
    void choosesAtOpen();
};

namespace {
// As the capture thread does: starting libcamera on the test's main thread would log the
// "started on the main thread" warning meant for a real bug.
QString openOffTheMainThread(Source &source)
{
    QString error;
    std::thread capture([&] { error = source.open(); });
    capture.join();
    return error;
}
} // namespace

void TestAutoSource::choosesAtOpen()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral("started on the main thread")));
    const Config config = Config::defaults();
    QCOMPARE(config.string(QStringLiteral("camera/source")), QStringLiteral("auto"));
    std::unique_ptr<Source> source = SourceFactory::create(config);
    // Made without looking for a camera: starting libcamera or opening /dev/video* here would
    // block the main thread.
    QCOMPARE(source->name(), QStringLiteral("auto"));
    QCOMPARE(source->pacing(), Source::Pacing::Clock);

    const QString error = openOffTheMainThread(*source);
    const QString standIn = QStringLiteral("testpattern (no camera found)");
    if (source->name() != standIn)
        QSKIP(qPrintable(QStringLiteral("a camera is attached here: auto chose %1").arg(source->name())));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    Frame frame;
    QString grabError;
    QCOMPARE(source->grab(0, frame, grabError), Source::Grab::Frame);
    QVERIFY(frame.picture);
    QCOMPARE(frame.picture->width, config.integer(QStringLiteral("camera/width")));
    // A minute on, the stand-in looks for a camera again; none here, so the pattern goes on.
    Frame later;
    QCOMPARE(source->grab(AutoSource::kLookAgainUs, later, grabError), Source::Grab::Frame);
    QVERIFY2(grabError.isEmpty(), qPrintable(grabError));
    // Each reopen looks again (none here): still the stand-in, still said in its name.
    source->close();
    QVERIFY(openOffTheMainThread(*source).isEmpty());
    QCOMPARE(source->name(), standIn);
    source->close();
}

QTEST_GUILESS_MAIN(TestAutoSource)
#include "tst_autosource.moc"
