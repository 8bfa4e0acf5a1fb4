// SPDX-License-Identifier: MIT
// Tests StatusSummary: every heartbeat state and reader status gives the right words, colour and controls.
#include "statussummary.h"

#include <QTest>

#include <cmath>
#include <limits>

namespace {
constexpr double kNull = std::numeric_limits<double>::quiet_NaN();
}

class TestStatusSummary : public QObject
{
    Q_OBJECT
private slots:
    void summarize_data()
    {
        QTest::addColumn<int>("readerStatus"); // JsonFileReader::Status
        QTest::addColumn<QString>("state");
        QTest::addColumn<double>("age");
        QTest::addColumn<bool>("fileOpen");
        QTest::addColumn<double>("remaining");
        QTest::addColumn<int>("tile");         // StatusSummary::Tile
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("detailContains");
        QTest::addColumn<QString>("controls");   // S, T (stop), E (extend) enabled

        using S = JsonFileReader::Status;
        using T = StatusSummary::Tile;
        const int ok = int(S::Ok);
        QTest::newRow("ready") << ok << "ready" << 0.5 << false << kNull << int(T::Ready) << "READY" << "Start" << "S";
        QTest::newRow("continuous recording") << ok << "recording" << 0.5 << true << kNull << int(T::Recording)
                                              << "● RECORDING" << "Recording to" << "T";
        QTest::newRow("session recording") << ok << "recording" << 0.5 << true << 300.0 << int(T::Recording)
                                           << "● RECORDING" << "Recording to" << "TE";
        QTest::newRow("error, no file open") << ok << "error" << 0.5 << false << kNull << int(T::Error) << "ERROR"
                                             << "error without details" << "S";
        QTest::newRow("error, file open") << ok << "error" << 0.5 << true << kNull << int(T::Error) << "ERROR"
                                          << "error without details" << "T";
        QTest::newRow("booting") << ok << "booting" << 0.5 << false << kNull << int(T::Busy) << "STARTING"
                                 << "starting up" << "";
        QTest::newRow("stopping") << ok << "stopping" << 0.5 << true << kNull << int(T::Busy) << "STOPPING"
                                  << "closing" << "";
        QTest::newRow("processing") << ok << "processing" << 0.5 << false << kNull << int(T::Busy) << "PROCESSING"
                                    << "finishing" << "";
        QTest::newRow("just under the timeout") << ok << "recording" << 29.9 << true << kNull << int(T::Recording)
                                                << "● RECORDING" << "Recording to" << "T";
        QTest::newRow("stale") << ok << "recording" << 30.1 << true << kNull << int(T::Down) << "RECORDER DOWN"
                               << "last state: recording" << "";
        QTest::newRow("from the future") << ok << "ready" << -60.0 << false << kNull << int(T::Down)
                                         << "RECORDER DOWN" << "in the future" << "";
        QTest::newRow("small clock skew") << ok << "ready" << -2.0 << false << kNull << int(T::Ready) << "READY"
                                          << "Start" << "S";
        QTest::newRow("missing") << int(S::Missing) << "" << 0.0 << false << kNull << int(T::Down) << "RECORDER DOWN"
                                 << "not running" << "";
        QTest::newRow("unreadable") << int(S::Unreadable) << "" << 0.0 << false << kNull << int(T::Down)
                                    << "RECORDER DOWN" << "group recorder" << "";
        QTest::newRow("insecure") << int(S::InsecurePermissions) << "" << 0.0 << false << kNull << int(T::Down)
                                  << "RECORDER DOWN" << "cannot be trusted: the reason" << "";
        QTest::newRow("newer schema") << int(S::NewerSchema) << "" << 0.0 << false << kNull << int(T::Down)
                                      << "RECORDER DOWN" << "update the dashboard" << "";
    }

    void summarize()
    {
        QFETCH(int, readerStatus);
        QFETCH(QString, state);
        QFETCH(double, age);
        QFETCH(bool, fileOpen);
        QFETCH(double, remaining);
        StatusSnapshot snapshot;
        snapshot.heartbeat.status = JsonFileReader::Status(readerStatus);
        snapshot.heartbeat.reason = QStringLiteral("the reason");
        snapshot.heartbeat.heartbeat.state = state;
        snapshot.heartbeat.heartbeat.recordingActive = fileOpen;
        snapshot.heartbeat.heartbeat.sessionRemainingSeconds = remaining;
        snapshot.heartbeat.heartbeat.sessionElapsedSeconds = std::isnan(remaining) ? kNull : 60.0;
        snapshot.heartbeatAgeSeconds = age;

        const StatusSummary summary = StatusSummary::summarize(snapshot, 30);
        QTEST(int(summary.tile), "tile");
        QTEST(summary.title, "title");
        QFETCH(QString, detailContains);
        QVERIFY2(summary.detail.contains(detailContains), qPrintable(summary.detail));
        QString controls;
        if (summary.canStart)
            controls += QLatin1Char('S');
        if (summary.canStop)
            controls += QLatin1Char('T');
        if (summary.canExtend)
            controls += QLatin1Char('E');
        QTEST(controls, "controls");
        QCOMPARE(summary.timing.isEmpty(), std::isnan(remaining) || summary.tile == StatusSummary::Tile::Down);
    }

    void coloursAreDistinct()
    {
        using T = StatusSummary::Tile;
        const QList<T> tiles{T::Ready, T::Recording, T::Busy, T::Error, T::Down};
        for (T a : tiles)
            for (T b : tiles)
                QVERIFY(a == b || StatusSummary::colour(a) != StatusSummary::colour(b));
    }

    void catalogProblemInPlainWords_data()
    {
        QTest::addColumn<QString>("catalogError");
        QTest::addColumn<QString>("words");
        QTest::newRow("disk full") << "database or disk is full Unable to fetch row"
                                   << "Catalog cannot be written (disk full): recording continues.";
        QTest::newRow("read-only") << "attempt to write a readonly database"
                                   << "Catalog cannot be written (read-only storage): recording continues.";
        QTest::newRow("moved aside")
            << "catalog was corrupt (file is not a database); moved aside to /var/lib/recorder/catalog.db.corrupt-x"
            << "Catalog damaged: recordings are kept, the list is being rebuilt.";
        QTest::newRow("malformed") << "database disk image is malformed"
                                   << "Catalog damaged: recordings are kept, the list is being rebuilt.";
        QTest::newRow("permission") << "unable to open database file: Permission denied"
                                    << "Catalog cannot be written (permission denied): recording continues.";
        QTest::newRow("locked") << "database is locked" << "Catalog is locked by another program: recording continues.";
        QTest::newRow("I/O") << "disk I/O error" << "Catalog cannot be written (storage error): recording continues.";
        QTest::newRow("anything else") << "unable to open database file"
                                       << "Catalog cannot be written: recording continues.";
        QTest::newRow("no reason given") << "" << "Catalog cannot be written: recording continues.";
    }

    void catalogProblemInPlainWords()
    {
        QFETCH(QString, catalogError);
        QTEST(StatusSummary::catalogProblem(catalogError), "words");
    }

    // Only a fresh heartbeat with catalog "degraded" says so; 1.0 heartbeats have no such field.
    void catalogAndReasonFromTheHeartbeat_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("catalog");
        QTest::addColumn<double>("age");
        QTest::addColumn<bool>("catalogShown");
        QTest::addColumn<QString>("reason");
        QTest::newRow("1.0: defaults") << "recording" << QString() << 0.5 << false << "";
        QTest::newRow("ok") << "recording" << "ok" << 0.5 << false << "continuous mode: recording from start-up";
        QTest::newRow("degraded") << "recording" << "degraded" << 0.5 << true
                                  << "continuous mode: recording from start-up";
        QTest::newRow("degraded, ready") << "ready" << "degraded" << 0.5 << true
                                         << "continuous mode: recording from start-up";
        QTest::newRow("degraded, stale") << "recording" << "degraded" << 60.0 << false << "";
    }

    void catalogAndReasonFromTheHeartbeat()
    {
        QFETCH(QString, state);
        QFETCH(QString, catalog);
        QFETCH(double, age);
        QFETCH(QString, reason);
        StatusSnapshot snapshot;
        snapshot.heartbeat.status = JsonFileReader::Status::Ok;
        snapshot.heartbeatAgeSeconds = age;
        Heartbeat &hb = snapshot.heartbeat.heartbeat;
        hb.state = state;
        hb.recordingActive = state == QLatin1String("recording");
        if (!catalog.isNull()) {
            hb.catalog = catalog;
            hb.catalogError = QStringLiteral("database or disk is full");
            hb.stateReason = QStringLiteral("continuous mode: recording from start-up");
        }
        const StatusSummary summary = StatusSummary::summarize(snapshot, 30);
        QFETCH(bool, catalogShown);
        QCOMPARE(summary.catalog.isEmpty(), !catalogShown);
        if (catalogShown)
            QVERIFY2(summary.catalog.contains(QStringLiteral("disk full")), qPrintable(summary.catalog));
        QCOMPARE(summary.reason, reason);
    }

    // Heartbeat 1.2: only "unavailable" is news; "off" (not configured) and "ok" say nothing, and a
    // stale heartbeat says the recorder is down instead.
    void gpioProblemFromTheHeartbeat_data()
    {
        QTest::addColumn<QString>("gpio");
        QTest::addColumn<double>("age");
        QTest::addColumn<bool>("shown");
        QTest::newRow("off") << "off" << 0.5 << false;
        QTest::newRow("ok") << "ok" << 0.5 << false;
        QTest::newRow("unavailable") << "unavailable" << 0.5 << true;
        QTest::newRow("unavailable, stale") << "unavailable" << 60.0 << false;
    }

    void gpioProblemFromTheHeartbeat()
    {
        QFETCH(QString, gpio);
        QFETCH(double, age);
        QFETCH(bool, shown);
        StatusSnapshot snapshot;
        snapshot.heartbeat.status = JsonFileReader::Status::Ok;
        snapshot.heartbeatAgeSeconds = age;
        Heartbeat &hb = snapshot.heartbeat.heartbeat;
        hb.state = QStringLiteral("recording");
        hb.recordingActive = true;
        hb.gpio = gpio;
        hb.gpioError = QStringLiteral("cannot open GPIO chip gpiochip0: No such file or directory");
        const StatusSummary summary = StatusSummary::summarize(snapshot, 30);
        QCOMPARE(summary.gpio.isEmpty(), !shown);
        if (shown)
            QVERIFY2(summary.gpio.contains(QStringLiteral("recording goes on")), qPrintable(summary.gpio));
        QVERIFY(summary.catalog.isEmpty());
    }

    void reasonIsNotRepeated()
    {
        // In state error the tile's detail is last_error; a reason saying the same adds nothing.
        StatusSnapshot snapshot;
        snapshot.heartbeat.status = JsonFileReader::Status::Ok;
        Heartbeat &hb = snapshot.heartbeat.heartbeat;
        hb.state = QStringLiteral("error");
        hb.lastError = QStringLiteral("camera error: testpattern: no frame for 3 s");
        hb.stateReason = hb.lastError;
        QCOMPARE(StatusSummary::summarize(snapshot, 30).reason, QString());
        hb.stateReason = QStringLiteral("camera error: testpattern: no frame for 3 s; retrying in 2s");
        QCOMPARE(StatusSummary::summarize(snapshot, 30).reason, hb.stateReason);
    }

    void warningNamesTheTimeLeft()
    {
        StatusSnapshot snapshot;
        snapshot.heartbeat.status = JsonFileReader::Status::Ok;
        Heartbeat &hb = snapshot.heartbeat.heartbeat;
        hb.state = QStringLiteral("recording");
        hb.sessionElapsedSeconds = 530;
        hb.sessionRemainingSeconds = 70;
        hb.warning = QStringLiteral("whatever the recorder said");
        const StatusSummary summary = StatusSummary::summarize(snapshot, 30);
        QCOMPARE(summary.warning, QStringLiteral("Session ends in 1 min 10 s"));
        QCOMPARE(summary.timing, QStringLiteral("Elapsed 08:50 · Remaining 01:10"));
    }
};

QTEST_GUILESS_MAIN(TestStatusSummary)
#include "tst_statussummary.moc"
