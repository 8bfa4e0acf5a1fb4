// SPDX-License-Identifier: MIT
// Runs recorder-dashboard-screenshots and checks each PNG has its size and is a picture, not a blank.
#include <QDir>
#include <QHash>
#include <QImage>
#include <QProcess>
#include <QTest>

class TestScreenshots : public QObject
{
    Q_OBJECT
    QString m_out;

private slots:
    void initTestCase()
    {
        m_out = qEnvironmentVariable("RECORDER_BINARY_DIR") + QStringLiteral("/screenshots");
        QDir(m_out).removeRecursively();
        QProcess tool;
        tool.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        tool.start(qEnvironmentVariable("SCREENSHOT_TOOL"),
                   {QStringLiteral("--fixtures"),
                    qEnvironmentVariable("RECORDER_SOURCE_DIR") + QStringLiteral("/tests/gui/fixtures"),
                    QStringLiteral("--out"), m_out});
        QVERIFY2(tool.waitForFinished(60000), "the screenshot tool must finish");
        QCOMPARE(tool.exitStatus(), QProcess::NormalExit);
        QCOMPARE(tool.exitCode(), 0);
    }

    void notBlank_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QSize>("size");
        for (const char *name : {"ready", "recording", "recording-warning", "error", "stale", "missing", "catalog-degraded",
                                 "recording-audio", "recordings", "service", "service-log", "service-uploader", "service-denied",
                                 "confirm-restart", "figures"})
            QTest::newRow(name) << QString::fromLatin1(name) << QSize(800, 480);
        QTest::newRow("larger window") << "recording-1280x800" << QSize(1280, 800);
    }

    void notBlank()
    {
        QFETCH(QString, name);
        const QImage image(QDir(m_out).filePath(name + QStringLiteral(".png")));
        QVERIFY2(!image.isNull(), qPrintable(name));
        QTEST(image.size(), "size");
        QHash<QRgb, int> histogram;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                ++histogram[image.pixel(x, y)];
        int commonest = 0;
        for (int count : std::as_const(histogram))
            commonest = std::max(commonest, count);
        // Text, tiles and buttons give hundreds of colours; a blank or failed render gives one or two.
        QVERIFY2(histogram.size() >= 50, qPrintable(QStringLiteral("%1 colours").arg(histogram.size())));
        QVERIFY2(commonest < image.width() * image.height() * 8 / 10,
                 qPrintable(QStringLiteral("one colour covers %1 pixels").arg(commonest)));
    }

    void stateTileColourShows_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QColor>("colour");
        QTest::newRow("ready") << "ready" << QColor(0x15, 0x65, 0xC0);
        QTest::newRow("recording") << "recording" << QColor(0x2E, 0x7D, 0x32);
        QTest::newRow("error") << "error" << QColor(0xC6, 0x28, 0x28);
        QTest::newRow("missing") << "missing" << QColor(0xE6, 0x51, 0x00);
    }

    void stateTileColourShows()
    {
        QFETCH(QString, name);
        QFETCH(QColor, colour);
        const QImage image(QDir(m_out).filePath(name + QStringLiteral(".png")));
        int matching = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                matching += image.pixelColor(x, y) == colour;
        // The tile takes a large share of the screen: at least a tenth of it.
        QVERIFY2(matching > image.width() * image.height() / 10, qPrintable(QString::number(matching)));
    }

    // The Service page shot shows the units' states it was given (recorder failed, the others
    // running), not what the page read on its own from a tool with no bus; with offload on (the
    // tool's configuration) the uploader's row is pictured too, running.
    void serviceStatesShow_data()
    {
        QTest::addColumn<QString>("shot");
        QTest::addColumn<QColor>("colour");
        QTest::newRow("failed, red") << "service" << QColor(0xC6, 0x28, 0x28);
        QTest::newRow("running, green") << "service" << QColor(0x2E, 0x7D, 0x32);
        QTest::newRow("uploader running, green") << "service-uploader" << QColor(0x2E, 0x7D, 0x32);
    }

    void serviceStatesShow()
    {
        QFETCH(QString, shot);
        QFETCH(QColor, colour);
        const QImage image(QDir(m_out).filePath(shot + QStringLiteral(".png")));
        int matching = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                matching += image.pixelColor(x, y) == colour;
        // One state line is about 330×45 px: at least a twentieth of the screen for each colour.
        QVERIFY2(matching > image.width() * image.height() / 20, qPrintable(QString::number(matching)));
    }
};

QTEST_GUILESS_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
