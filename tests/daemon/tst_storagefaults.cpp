// SPDX-License-Identifier: MIT
// Tests recorderd on a slow and on a failing card, made with the fault-injection shim on its recordings folder.
#include "faultinjector.h"
#include "recorderdharness.h"

#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kWaitMs = RecorderdHarness::kWaitMs;

QString sections()
{
    return QStringLiteral("[heartbeat]\ninterval=200ms\n"
                          "[camera]\nsource=testpattern\nwidth=320\nheight=240\nfps=15\n"
                          "[encoder]\nkeyframe_interval=1s\nfragment_duration=1s\n[storage]\nmin_free=0\n"
                          "[recording]\nmode=continuous\nsegment_duration=1min\n");
}

qint64 integer(const QJsonObject &beat, const char *key)
{
    return beat.value(QLatin1String(key)).toInteger(-1);
}

// Whether the shim is mapped into `pid`: a fault test whose shim did not load proves nothing.
bool shimLoaded(qint64 pid)
{
    QFile maps(QStringLiteral("/proc/%1/maps").arg(pid));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains("librecorder-faultinject");
}

} // namespace

class TestStorageFaults : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(RecorderdHarness::program()), qPrintable(RecorderdHarness::program()));
        const QString unavailable = FaultInjector::unavailableReason();
        QVERIFY2(unavailable.isEmpty(), qPrintable(unavailable));
    }

    // Syncs of 300 ms on the recordings folder: recording goes on and the file is finished on SIGTERM.
    void slowSyncsStillRecord()
    {
        RecorderdHarness recorder(sections());
        FaultInjector faults(m_dir.filePath(QStringLiteral("slow")));
        faults.setPathPrefix(recorder.recordingsDir());
        faults.setSyncDelayMs(300);
        QCOMPARE(faults.apply(), QString());
        recorder.start(faults.environment());
        QVERIFY(recorder.waitForHeartbeat([](const QJsonObject &beat) { return integer(beat, "bytes_written") > 0; }));
        QVERIFY(shimLoaded(recorder.process().processId()));
        // Two more fragments (1 s each) through the slow card.
        const qint64 written = integer(recorder.currentHeartbeat(), "bytes_written");
        QVERIFY(recorder.waitForHeartbeat([&](const QJsonObject &beat) {
            return integer(beat, "frames_captured") > 30 && integer(beat, "bytes_written") > written;
        }));
        QCOMPARE(recorder.state(), QStringLiteral("recording"));
        recorder.stop();
        const QList<RecorderdHarness::CatalogRow> rows = recorder.catalogRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().state, QStringLiteral("complete"));
    }

    // The card fills while recording: the error is counted and named, the process lives on.
    void fullCardIsAnErrorNotAnExit()
    {
        RecorderdHarness recorder(sections());
        FaultInjector faults(m_dir.filePath(QStringLiteral("full")));
        faults.setPathPrefix(recorder.recordingsDir());
        QCOMPARE(faults.apply(), QString());
        recorder.start(faults.environment());
        QVERIFY(recorder.waitForHeartbeat([](const QJsonObject &beat) { return integer(beat, "bytes_written") > 0; }));
        QCOMPARE(integer(recorder.currentHeartbeat(), "error_count"), 0);

        faults.setWriteError(FaultInjector::WriteError::NoSpace);
        QCOMPARE(faults.apply(), QString());
        QVERIFY2(recorder.waitForHeartbeat([](const QJsonObject &beat) { return integer(beat, "error_count") > 0; }),
                 qPrintable(recorder.heartbeat().value(QStringLiteral("last_error")).toString()));
        const QString lastError = recorder.currentHeartbeat().value(QStringLiteral("last_error")).toString();
        QVERIFY2(lastError.contains(QLatin1String("No space left on device")), qPrintable(lastError));
        QCOMPARE(recorder.process().state(), QProcess::Running);
        recorder.stop();
    }
};

QTEST_GUILESS_MAIN(TestStorageFaults)
#include "tst_storagefaults.moc"
