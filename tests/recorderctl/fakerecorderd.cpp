// SPDX-License-Identifier: MIT
// A stand-in recorderd for recorderctl's tests: the real ControlLayer on the bus, a fake engine and catalog.
#include "fakerecordingcatalog.h"
#include "fakerecordingengine.h"
#include "controllayer.h"

#include "commandline.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    CommandLine commandLine(QStringLiteral("Test double of recorderd: RecorderService over a fake engine."));
    const Config config = commandLine.process(app);

    FakeRecordingEngine engine;
    // Fixed counters keep `recorderctl status --json` comparable with its golden files.
    engine.setAdvancing(false);
    RecordingEngine::Counters counters;
    counters.framesCaptured = 1500;
    counters.framesDropped = 2;
    counters.framesWritten = 1498;
    counters.bytesWritten = 7500000;
    counters.fps = 30;
    counters.camera = QStringLiteral("testpattern");
    counters.encoder = QStringLiteral("fake");
    engine.setCounters(counters);

    FakeRecordingCatalog catalog = FakeRecordingCatalog::withSampleRows();
    ControlLayer control(config, &engine, &catalog);

    // The "capture thread": a grey frame at 25 fps, handed over the way the pipeline does it.
    QImage frame(320, 240, QImage::Format_RGB32);
    frame.fill(Qt::gray);
    QTimer capture;
    QObject::connect(&capture, &QTimer::timeout, [&] {
        if (control.preview()->wantsFrame())
            control.preview()->offerFrame(PreviewFrame::fromImage(frame));
    });
    capture.start(40);

    const QString error = control.start(QDBusConnection::systemBus());
    if (!error.isEmpty()) {
        std::fprintf(stderr, "fake-recorderd: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("ready\n");
    std::fflush(stdout);
    return app.exec();
}
