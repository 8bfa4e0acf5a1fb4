// SPDX-License-Identifier: MIT
// Tests ControlLayer: the pieces wired together; recording goes on when D-Bus is unavailable.
#include "controllayer.h"
#include "fakerecordingengine.h"
#include "testconfig.h"

#include "config.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestControlLayer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    Config config(const QByteArray &extra) { return TestConfig::inDirectory(m_dir.path(), extra); }

private slots:
    void recordsWithoutABusAndCountsStarts()
    {
        for (qint64 expected = 1; expected <= 2; ++expected) {
            FakeRecordingEngine engine;
            ControlLayer control(config("[recording]\nmode=continuous\n"), &engine, nullptr);
            const QString error = control.start(QDBusConnection(QStringLiteral("not-connected")));
            QVERIFY2(error.contains(QStringLiteral("cannot connect to the system bus")), qPrintable(error));
            QTRY_COMPARE(control.controller()->state(), RecorderState::Recording);
            QCOMPARE(control.restartCount(), expected);
            QCOMPARE(control.heartbeat()->build().restartCount, expected);

            QSignalSpy done(&control, &ControlLayer::shutdownComplete);
            control.shutdown();
            QTRY_COMPARE(done.size(), 1);
            QCOMPARE(engine.stops, 1);
        }
    }

    void previewFollowsTheConfiguration()
    {
        FakeRecordingEngine engine;
        ControlLayer control(config("[preview]\ninterval=0.1s\nwidth=200\n"), &engine, nullptr);
        QCOMPARE(control.preview()->width(), 200);
        QCOMPARE(control.preview()->path(), m_dir.filePath(QStringLiteral("preview.jpg")));
        QVERIFY(control.preview()->wantsFrame());
        QImage image(400, 300, QImage::Format_RGB32);
        image.fill(Qt::white);
        QSignalSpy written(control.preview(), &PreviewWriter::previewWritten);
        QVERIFY(control.preview()->offerFrame(PreviewFrame::fromImage(image)));
        QTRY_COMPARE(written.size(), 1);
        QCOMPARE(QImage(control.preview()->path()).width(), 200);
    }
};

QTEST_GUILESS_MAIN(TestControlLayer)
#include "tst_controllayer.moc"
