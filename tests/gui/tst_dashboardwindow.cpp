// SPDX-License-Identifier: MIT
// Tests DashboardWindow end to end: fixture files in, state tile and buttons out, one bus call per button.
#include "confirmdialog.h"
#include "dashboardwindow.h"
#include "displayformat.h"
#include "fakemetricsserver.h"
#include "fakerecorder.h"
#include "fakesystemd.h"
#include "figurespage.h"
#include "fixturefiles.h"
#include "languageloader.h"
#include "logging.h"
#include "messagebanner.h"
#include "playerview.h"
#include "privatebus.h"
#include "recordingsmodel.h"
#include "recordingspage.h"
#include "servicepage.h"
#include "sparkline.h"
#include "statcell.h"
#include "statetile.h"
#include "statuspage.h"
#include "unitstate.h"
#include "watchdogstatus.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {
constexpr int kWaitMs = 10000; // generous: the machine is shared and loaded
}

class TestDashboardWindow : public QObject
{
    Q_OBJECT
    PrivateBus m_bus;
    std::unique_ptr<QDBusConnection> m_doubles;
    FakeRecorder m_recorder;
    FakeSystemd m_systemd;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<DashboardWindow> m_window;
    int m_pollMs = 100;
    int m_unitPollMs = 100;
    bool m_offload = false; // [offload] enabled: the status page reads status.json
    QString m_metricsUrl = QStringLiteral("http://127.0.0.1:1/metrics"); // nobody listens on port 1
    LanguageLoader m_language;

    QString fixture(const QString &name) const
    {
        return qEnvironmentVariable("RECORDER_SOURCE_DIR") + QStringLiteral("/tests/gui/fixtures/") + name;
    }

    DashboardWindow::Settings settings() const
    {
        DashboardWindow::Settings s;
        s.files = {m_dir->filePath(QStringLiteral("heartbeat.json")), m_dir->filePath(QStringLiteral("watchdog.json")),
                   m_dir->filePath(QStringLiteral("preview.jpg")),
                   m_offload ? m_dir->filePath(QStringLiteral("status.json")) : QString()};
        s.catalogFile = m_dir->filePath(QStringLiteral("catalog.db"));
        s.metricsUrl = QUrl(m_metricsUrl);
        s.staleAfterSeconds = 30;
        s.pollMs = m_pollMs;
        s.recorderLog = m_dir->filePath(QStringLiteral("service.log"));
        s.watchdogLog = m_dir->filePath(QStringLiteral("watchdog.log"));
        s.exporterLog = m_dir->filePath(QStringLiteral("exporter.log"));
        if (m_offload)
            s.offloadLog = m_dir->filePath(QStringLiteral("offload.log"));
        s.unitPollMs = m_unitPollMs;
        s.logPollMs = 100;
        s.metricsPollMs = 200;
        return s;
    }

    // Shows the window on fixture `name` (empty: no heartbeat) and waits until its tile says `title`.
    void openOn(const QString &name, double ageSeconds, const QString &title)
    {
        if (!name.isEmpty())
            QVERIFY(FixtureFiles::installHeartbeat(fixture(name), settings().files.heartbeat, ageSeconds).isEmpty());
        QVERIFY(FixtureFiles::installWatchdog(settings().files.watchdogStatus, QStringLiteral("healthy"),
                                              QStringLiteral("fixture"), 0, false)
                    .isEmpty());
        m_window = std::make_unique<DashboardWindow>(settings(), QDBusConnection::systemBus());
        m_window->resize(800, 480);
        m_window->show();
        m_window->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->statusPage()->tile()->title(), title, kWaitMs);
    }

    // recorder-offload's status.json (docs/offload.md) with `lastUpload` as its last_upload.
    static QByteArray offloadStatus(const QByteArray &lastUpload)
    {
        return "{\"version\": 1, \"time\": \"" + QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toLatin1()
            + "\", \"state\": \"idle\", \"remote\": \"nas:recordings\", \"internet_connected\": true, "
              "\"uploads_succeeded\": 1, \"uploads_failed\": 0, \"bytes_uploaded\": 75000000, "
              "\"success_rate\": 1, \"recent_attempts\": 1, \"current\": [], \"last_upload\": "
            + lastUpload + ", \"last_error\": \"\", \"next_attempt\": null, \"backoff_seconds\": 0}";
    }

    QPushButton *button(const char *name) const
    {
        auto *b = m_window->findChild<QPushButton *>(QLatin1String(name));
        if (!b)
            qFatal("no button %s", name);
        return b;
    }

    void answer(bool yes)
    {
        ConfirmDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->findChild<ConfirmDialog *>()) != nullptr, kWaitMs);
        QTest::mouseClick(dialog->findChild<QPushButton *>(yes ? QStringLiteral("confirmAccept")
                                                               : QStringLiteral("confirmCancel")),
                          Qt::LeftButton);
    }

private slots:
    void initTestCase()
    {
        // English as shipped (plural forms come from recorder_en.ts), whatever the machine's locale.
        QCOMPARE(m_language.install(*QCoreApplication::instance(), QStringLiteral("en")), QString());
        QVERIFY2(m_bus.start().isEmpty(), "dbus-daemon must start");
        m_doubles = std::make_unique<QDBusConnection>(QDBusConnection::connectToBus(m_bus.address(), QStringLiteral("doubles")));
        QVERIFY(m_doubles->isConnected());
        QVERIFY(m_doubles->registerService(QStringLiteral("org.recorder.Recorder1")));
        QVERIFY(m_doubles->registerObject(QStringLiteral("/org/recorder/Recorder1"), &m_recorder,
                                          QDBusConnection::ExportAllSlots));
        QVERIFY(m_doubles->registerService(QStringLiteral("org.freedesktop.systemd1")));
        QVERIFY(m_doubles->registerObject(QStringLiteral("/org/freedesktop/systemd1"), &m_systemd,
                                          QDBusConnection::ExportAllSlots));
        QVERIFY(m_doubles->registerVirtualObject(FakeUnits::kRoot, &m_systemd.units, QDBusConnection::SubPath));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_recorder.calls.clear();
        m_recorder.refuseWith.clear();
        m_systemd.restarted.clear();
        m_systemd.denyWith.clear();
        m_systemd.units.clear();
        m_systemd.units.getAllCalls = 0;
        m_doubles->registerService(QStringLiteral("org.freedesktop.systemd1")); // a test may have let it go
        m_pollMs = 100;
        m_unitPollMs = 100;
        m_offload = false;
        m_metricsUrl = QStringLiteral("http://127.0.0.1:1/metrics");
    }

    void cleanup()
    {
        m_window.reset();
        m_dir.reset();
    }

    void viewPerFixture_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<double>("age");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QColor>("colour");
        QTest::addColumn<bool>("start");
        QTest::addColumn<bool>("stop");
        QTest::addColumn<bool>("extend");
        QTest::addColumn<QString>("warning");
        const QColor blue(0x15, 0x65, 0xC0), green(0x2E, 0x7D, 0x32), red(0xC6, 0x28, 0x28), orange(0xE6, 0x51, 0x00);
        QTest::newRow("ready") << "ready.json" << 0.5 << "READY" << blue << true << false << false << "";
        QTest::newRow("recording with a warning") << "recording-warning.json" << 0.5 << "● RECORDING" << green
                                                  << false << true << true << "⚠ Session ends in 1 min 10 s";
        QTest::newRow("continuous recording") << "recording.json" << 0.5 << "● RECORDING" << green << false << true
                                              << false << "";
        QTest::newRow("error") << "error.json" << 0.5 << "ERROR" << red << true << false << false << "";
        QTest::newRow("stale") << "stale.json" << 95.0 << "RECORDER DOWN" << orange << false << false << false << "";
        QTest::newRow("missing") << "" << 0.0 << "RECORDER DOWN" << orange << false << false << false << "";
        QTest::newRow("from the future") << "recording.json" << -120.0 << "RECORDER DOWN" << orange << false << false
                                         << false << "";
    }

    void viewPerFixture()
    {
        QFETCH(QString, fixture);
        QFETCH(double, age);
        QFETCH(QString, title);
        openOn(fixture, age, title);
        StateTile *tile = m_window->statusPage()->tile();
        QTEST(tile->colour(), "colour");
        QTEST(tile->warning(), "warning");
        QTEST(button("startButton")->isEnabled(), "start");
        QTEST(button("stopButton")->isEnabled(), "stop");
        QTEST(button("extendButton")->isEnabled(), "extend");
        // The restarts stay available whatever the recorder's state: they are the way out.
        QVERIFY(button("restartRecorderButton")->isEnabled());
        // The state word reads at arm's length: at least 30 px, far above the 18 px body text.
        QVERIFY(tile->findChild<QLabel *>(QStringLiteral("stateTitle"))->font().pixelSize() >= 30);
        // These fixtures are heartbeat 1.0: no catalog field means ok, and nothing says otherwise.
        QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("catalogProblem"))->isHidden());
        QCOMPARE(tile->reason(), QString());
    }

    void missingSourcesAreNamed()
    {
        openOn(QString(), 0, QStringLiteral("RECORDER DOWN"));
        auto *sources = m_window->findChild<QLabel *>(QStringLiteral("sources"));
        QTRY_VERIFY_WITH_TIMEOUT(sources->text().contains(QStringLiteral("heartbeat: missing")), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(sources->text().contains(QStringLiteral("✘ metrics:")), kWaitMs);
        QVERIFY(sources->text().contains(QStringLiteral("✔ watchdog")));
    }

    void watchdogSourceProblems_data()
    {
        QTest::addColumn<bool>("present");
        QTest::addColumn<double>("age");
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("source");
        QTest::newRow("fresh") << true << 1.0 << "0 restarts" << "✔ watchdog";
        QTest::newRow("not updated") << true << 125.0 << "not running" << "✘ watchdog: not updated for 2 min 05 s";
        QTest::newRow("missing") << false << 0.0 << "no status" << "✘ watchdog: missing";
    }

    void watchdogSourceProblems()
    {
        QFETCH(bool, present);
        QFETCH(double, age);
        openOn(QStringLiteral("ready.json"), 0.2, QStringLiteral("READY"));
        QFile::remove(settings().files.watchdogStatus);
        if (present) {
            QVERIFY(FixtureFiles::installWatchdog(settings().files.watchdogStatus, QStringLiteral("healthy"),
                                                  QStringLiteral("fixture"), 0, false, age)
                        .isEmpty());
        }
        auto *watchdogCell = m_window->findChild<StatCell *>(QStringLiteral("watchdogCell"));
        QFETCH(QString, cell);
        QTRY_COMPARE_WITH_TIMEOUT(watchdogCell->value(), cell, kWaitMs);
        QFETCH(QString, source);
        QVERIFY2(m_window->findChild<QLabel *>(QStringLiteral("sources"))->text().contains(source),
                 qPrintable(m_window->findChild<QLabel *>(QStringLiteral("sources"))->text()));
    }

    // Watchdog status 1.1: the recorder failed with exit 78. The status page names the state and
    // the service page says what to do; both go when the watchdog sees the unit run again.
    void watchdogConfigErrorIsNamed()
    {
        openOn(QStringLiteral("ready.json"), 0.2, QStringLiteral("READY"));
        WatchdogStatus status;
        status.checkIntervalSeconds = 10;
        status.verdict = QStringLiteral("config_error");
        status.reason = QStringLiteral("recorder configuration error: see journal (the unit exited with status 78/CONFIG)");
        status.unit = QStringLiteral("recorder.service");
        status.configError = true;
        QVERIFY(status.write(settings().files.watchdogStatus).isEmpty());
        auto *watchdogCell = m_window->findChild<StatCell *>(QStringLiteral("watchdogCell"));
        QTRY_COMPARE_WITH_TIMEOUT(watchdogCell->value(), QStringLiteral("configuration error"), kWaitMs);
        auto *detail = m_window->findChild<QLabel *>(QStringLiteral("watchdogDetail"));
        QTRY_VERIFY_WITH_TIMEOUT(detail->text().contains(QLatin1String("CONFIGURATION ERROR")), kWaitMs);
        QVERIFY2(detail->text().contains(QLatin1String("recorder configuration error: see journal")), qPrintable(detail->text()));
        // No line of the recorder's in its log: only the journal can say why.
        QVERIFY(detail->text().contains(QLatin1String("journalctl -u recorder")));
        // recorderd wrote the reason to its log (CommandLine does, exactly this way): the hint points there.
        QFile log(settings().recorderLog);
        QVERIFY(log.open(QIODevice::WriteOnly));
        log.write(Logging::formatLine(QtCriticalMsg, Logging::kConfigCategory,
                                      QStringLiteral("/etc/recorder/recorder.conf: [metrics] port=0: out of range"), false)
                  + '\n');
        log.close();
        m_window->showPage(DashboardWindow::ServicePageIndex);
        QTRY_VERIFY2_WITH_TIMEOUT(detail->text().contains(QLatin1String("The recorder's log below says why")),
                                  qPrintable(detail->text()), kWaitMs);
        QVERIFY(!detail->text().contains(QLatin1String("journalctl")));

        status.verdict = QStringLiteral("healthy");
        status.reason = QStringLiteral("age 0.4s, state ready");
        status.configError = false;
        QVERIFY(status.write(settings().files.watchdogStatus).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(watchdogCell->value(), QStringLiteral("0 restarts"), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!detail->text().contains(QLatin1String("CONFIGURATION ERROR")), kWaitMs);
    }

    // Heartbeat 1.1: the catalog cannot take writes while recording goes on. The status page says
    // so in plain words, the tile gives the recorder's reason, and both go when it heals.
    void catalogDegradedShowsOnTheStatusPage()
    {
        openOn(QStringLiteral("catalog-degraded.json"), 0.3, QStringLiteral("● RECORDING"));
        auto *catalog = m_window->findChild<QLabel *>(QStringLiteral("catalogProblem"));
        QVERIFY(catalog);
        QTRY_VERIFY_WITH_TIMEOUT(catalog->isVisible(), kWaitMs);
        QCOMPARE(catalog->text(), QStringLiteral("⚠ Catalog cannot be written (disk full): recording continues."));
        StateTile *tile = m_window->statusPage()->tile();
        QTRY_COMPARE_WITH_TIMEOUT(tile->reason(), QStringLiteral("continuous mode: recording from start-up"), kWaitMs);
        QVERIFY(button("stopButton")->isEnabled());
        // The extra line still fits 800×480: the controls stay on screen, the state word stays large.
        QPushButton *stop = button("stopButton");
        QVERIFY(m_window->rect().contains(QRect(stop->mapTo(m_window.get(), QPoint()), stop->size())));
        QVERIFY(tile->findChild<QLabel *>(QStringLiteral("stateTitle"))->font().pixelSize() >= 30);

        QVERIFY(FixtureFiles::installHeartbeat(fixture(QStringLiteral("recording.json")), settings().files.heartbeat, 0.1)
                    .isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(catalog->isHidden(), kWaitMs);
        QCOMPARE(tile->reason(), QString()); // a 1.0 heartbeat has none
    }

    // Heartbeat 1.2: the sound meter shows only while the recorder records sound, says how loud,
    // and says so when the microphone is missing; the row of figures still fits 800×480.
    void soundMeterFollowsTheHeartbeat()
    {
        openOn(QStringLiteral("recording-audio.json"), 0.3, QStringLiteral("● RECORDING"));
        auto *cell = m_window->findChild<StatCell *>(QStringLiteral("audioCell"));
        QVERIFY(cell);
        QTRY_VERIFY_WITH_TIMEOUT(cell->isVisible(), kWaitMs);
        QCOMPARE(cell->value(), QStringLiteral("██░ -18"));
        QVERIFY(m_window->rect().contains(QRect(cell->mapTo(m_window.get(), QPoint()), cell->size())));
        // The value fits its cell whole: nothing is cut at the touchscreen's width.
        auto *value = cell->findChildren<QLabel *>().constLast();
        QVERIFY2(value->fontMetrics().horizontalAdvance(value->text()) <= value->contentsRect().width(),
                 qPrintable(QStringLiteral("%1 px of text in %2 px").arg(value->fontMetrics().horizontalAdvance(value->text()))
                                .arg(value->contentsRect().width())));
        QPushButton *stop = button("stopButton");
        QVERIFY(m_window->rect().contains(QRect(stop->mapTo(m_window.get(), QPoint()), stop->size())));

        QVERIFY(FixtureFiles::installHeartbeat(fixture(QStringLiteral("recording-audio-missing.json")),
                                               settings().files.heartbeat, 0.1)
                    .isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(cell->value(), QStringLiteral("no mic"), kWaitMs);

        // A recorder without sound: no cell at all.
        QVERIFY(FixtureFiles::installHeartbeat(fixture(QStringLiteral("recording.json")), settings().files.heartbeat, 0.1)
                    .isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(cell->isHidden(), kWaitMs);
    }

    void stateChangeShowsWithinASecond()
    {
        openOn(QStringLiteral("ready.json"), 0.2, QStringLiteral("READY"));
        QVERIFY(FixtureFiles::installHeartbeat(fixture(QStringLiteral("recording.json")), settings().files.heartbeat, 0.1)
                    .isEmpty());
        QElapsedTimer shown;
        shown.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->statusPage()->tile()->title(), QStringLiteral("● RECORDING"), kWaitMs);
        qInfo() << "state change shown after" << shown.elapsed() << "ms";
    }

    void recorderSignalRefreshesAtOnce()
    {
        m_pollMs = 600000; // no poll during the test: only the signal can bring the change
        openOn(QStringLiteral("ready.json"), 0.2, QStringLiteral("READY"));
        QVERIFY(FixtureFiles::installHeartbeat(fixture(QStringLiteral("recording.json")), settings().files.heartbeat, 0.1)
                    .isEmpty());
        QDBusMessage signal = QDBusMessage::createSignal(QStringLiteral("/org/recorder/Recorder1"),
                                                         QStringLiteral("org.recorder.Recorder1"),
                                                         QStringLiteral("StateChanged"));
        signal << QStringLiteral("recording") << QStringLiteral("Start over D-Bus");
        QVERIFY(m_doubles->send(signal));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->statusPage()->tile()->title(), QStringLiteral("● RECORDING"), kWaitMs);
    }

    void controlsMakeOneCallEach_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("buttonName");
        QTest::addColumn<bool>("confirm");
        QTest::addColumn<QString>("call");
        QTest::newRow("start") << "ready.json" << "READY" << "startButton" << false << "Start";
        QTest::newRow("stop") << "recording-warning.json" << "● RECORDING" << "stopButton" << true << "Stop";
        QTest::newRow("extend") << "recording-warning.json" << "● RECORDING" << "extendButton" << false << "Extend";
    }

    void controlsMakeOneCallEach()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, title);
        QFETCH(QString, buttonName);
        QFETCH(bool, confirm);
        QFETCH(QString, call);
        openOn(fixture, 0.3, title);
        QTest::mouseClick(button(buttonName.toLatin1().constData()), Qt::LeftButton);
        if (confirm)
            answer(true);
        QTRY_COMPARE_WITH_TIMEOUT(m_recorder.calls, QStringList{call}, kWaitMs);
        // The reply came back (the banner says so) and nothing was sent twice.
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->banner()->text().isEmpty(), kWaitMs);
        QVERIFY(!m_window->banner()->isError());
        QCOMPARE(m_recorder.calls, QStringList{call});
        QVERIFY(m_systemd.restarted.isEmpty());
    }

    void cancelledStopSendsNothing()
    {
        openOn(QStringLiteral("recording-warning.json"), 0.3, QStringLiteral("● RECORDING"));
        QTest::mouseClick(button("stopButton"), Qt::LeftButton);
        answer(false);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->findChild<ConfirmDialog *>() == nullptr, kWaitMs);
        // The bus keeps one sender's messages in order: once Extend arrives, a Stop would have too.
        QTest::mouseClick(button("extendButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_recorder.calls, QStringList{QStringLiteral("Extend")}, kWaitMs);
    }

    void restartCallsSystemd_data()
    {
        QTest::addColumn<QString>("buttonName");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<bool>("offload");
        QTest::newRow("recorder") << "restartRecorderButton" << "recorder.service" << false;
        QTest::newRow("watchdog") << "restartWatchdogButton" << "recorder-watchdog.service" << false;
        QTest::newRow("exporter") << "restartExporterButton" << "recorder-metrics.service" << false;
        QTest::newRow("uploader") << "restartOffloadButton" << "recorder-offload.service" << true;
    }

    void restartCallsSystemd()
    {
        QFETCH(QString, buttonName);
        QFETCH(QString, unit);
        QFETCH(bool, offload);
        m_offload = offload;
        openOn(QString(), 0, QStringLiteral("RECORDER DOWN"));
        m_window->showPage(DashboardWindow::ServicePageIndex);
        QTest::mouseClick(button(buttonName.toLatin1().constData()), Qt::LeftButton);
        QVERIFY(m_systemd.restarted.isEmpty()); // nothing before the confirmation
        answer(true);
        QTRY_COMPARE_WITH_TIMEOUT(m_systemd.restarted, QStringList{unit}, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->banner()->text().contains(unit), kWaitMs);
        QVERIFY(!m_window->banner()->isError());
        QCOMPARE(m_systemd.restarted, QStringList{unit});
        QVERIFY(m_recorder.calls.isEmpty());
    }

    void deniedRestartExplains_data()
    {
        QTest::addColumn<QString>("error");
        QTest::newRow("AccessDenied") << "org.freedesktop.DBus.Error.AccessDenied";
        QTest::newRow("InteractiveAuthorizationRequired") << "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired";
    }

    void deniedRestartExplains()
    {
        QFETCH(QString, error);
        m_systemd.denyWith = error;
        openOn(QStringLiteral("error.json"), 0.3, QStringLiteral("ERROR"));
        m_window->showPage(DashboardWindow::ServicePageIndex);
        QTest::mouseClick(button("restartRecorderButton"), Qt::LeftButton);
        answer(true);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->banner()->isError(), kWaitMs);
        const QString text = m_window->banner()->text();
        QVERIFY2(text.contains(QStringLiteral("recorder.service was refused")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Ask the administrator")), qPrintable(text));
        QVERIFY(m_window->banner()->isVisible());
        QCOMPARE(m_systemd.restarted.size(), 1);
    }

    void refusedCommandShowsTheRecordersReason()
    {
        m_recorder.refuseWith = QStringLiteral("org.recorder.Recorder1.Error.NotRecording");
        openOn(QStringLiteral("ready.json"), 0.3, QStringLiteral("READY"));
        QTest::mouseClick(button("startButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->banner()->isError(), kWaitMs);
        QVERIFY2(m_window->banner()->text().contains(QStringLiteral("refused by the test double")),
                 qPrintable(m_window->banner()->text()));
    }

    void recordingsListPlaysAndProtects()
    {
        QVERIFY(FixtureFiles::installCatalog(settings().catalogFile, QDateTime::currentMSecsSinceEpoch()).isEmpty());
        openOn(QStringLiteral("ready.json"), 0.3, QStringLiteral("READY"));
        RecordingsModel *model = m_window->recordingsModel();
        QSignalSpy loaded(model, &RecordingsModel::loaded);
        m_window->showPage(DashboardWindow::RecordingsPageIndex);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == 7, kWaitMs);
        QCOMPARE(model->error(), QString());
        QCOMPARE(model->data(model->index(0, RecordingsModel::StateColumn), Qt::DisplayRole).toString(),
                 QStringLiteral("recording"));
        QCOMPARE(model->data(model->index(1, RecordingsModel::ProtectedColumn), Qt::DisplayRole).toString(),
                 QStringLiteral("Protected"));
        // Rows are touch targets.
        QVERIFY(m_window->recordingsPage()->table()->rowHeight(0) >= 48);

        const CatalogQuery::Row row = model->row(1);
        // A tap on the row plays it (the list also scrolls by finger: the tap must still get through).
        QTableView *table = m_window->recordingsPage()->table();
        const QPoint rowCentre = table->visualRect(model->index(1, RecordingsModel::DurationColumn)).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rowCentre);
        PlayerView *player = m_window->recordingsPage()->player();
        QTRY_VERIFY_WITH_TIMEOUT(player->isVisible(), kWaitMs);
        QCOMPARE(player->currentPath(), row.path);
        QVERIFY(player->player());

        auto *protect = player->findChild<QPushButton *>(QStringLiteral("protectButton"));
        QCOMPARE(protect->text(), QStringLiteral("Unprotect"));
        QTest::mouseClick(protect, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_recorder.calls, QStringList{QStringLiteral("Protect %1 0").arg(row.path)}, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(protect->text(), QStringLiteral("Protect"), kWaitMs);
    }

    // Each unit's line on the Service page, from systemd's properties: words and colour agree.
    void unitStatesAreShown_data()
    {
        QTest::addColumn<QVariantMap>("unit");
        QTest::addColumn<QVariantMap>("service");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("tone");
        const quint64 now = UnitState::nowMonotonicUSec();
        const auto unit = [](const char *active, const char *sub, quint64 since = 0, const char *load = "loaded") {
            return QVariantMap{{QStringLiteral("ActiveState"), QString::fromLatin1(active)},
                               {QStringLiteral("SubState"), QString::fromLatin1(sub)},
                               {QStringLiteral("LoadState"), QString::fromLatin1(load)},
                               {QStringLiteral("ActiveEnterTimestampMonotonic"), QVariant::fromValue<quint64>(since)}};
        };
        const auto exited = [](const char *result, int code, int status) {
            return QVariantMap{{QStringLiteral("Result"), QString::fromLatin1(result)},
                               {QStringLiteral("ExecMainCode"), code},
                               {QStringLiteral("ExecMainStatus"), status}};
        };
        // Started 4 min 10 s ago by the monotonic clock (a machine up for less cannot have it).
        const quint64 upFor = 250 * 1000000ULL;
        if (now > upFor) {
            QTest::newRow("active for 4 min 10 s")
                << unit("active", "running", now - upFor) << exited("success", 0, 0)
                << "✔ active (running) for 4 min 1* s" << "good";
        }
        QTest::newRow("active, start time unknown") << unit("active", "exited") << QVariantMap()
                                                    << "✔ active (exited)" << "good";
        QTest::newRow("failed with exit 78")
            << unit("failed", "failed") << exited("exit-code", 1, 78)
            << "✘ failed (exit 78: configuration error)" << "bad";
        QTest::newRow("failed with exit 1") << unit("failed", "failed") << exited("exit-code", 1, 1)
                                            << "✘ failed (exit 1)" << "bad";
        QTest::newRow("killed by a signal") << unit("failed", "failed") << exited("signal", 2, 9)
                                            << "✘ failed (killed by signal 9)" << "bad";
        QTest::newRow("waiting to restart") << unit("activating", "auto-restart") << exited("exit-code", 1, 1)
                                            << "⟳ restarting (after a failure)" << "busy";
        QTest::newRow("inactive") << unit("inactive", "dead") << exited("success", 0, 0)
                                  << "✘ inactive" << "bad";
        QTest::newRow("unit file not installed") << unit("inactive", "dead", 0, "not-found") << QVariantMap()
                                                 << "✘ not installed" << "bad";
    }

    void unitStatesAreShown()
    {
        QFETCH(QVariantMap, unit);
        QFETCH(QVariantMap, service);
        QFETCH(QString, text);
        m_systemd.units.set(QStringLiteral("recorder.service"), unit, service);
        openOn(QStringLiteral("ready.json"), 0.3, QStringLiteral("READY"));
        m_window->showPage(DashboardWindow::ServicePageIndex);
        auto *state = m_window->findChild<QLabel *>(QStringLiteral("recorderState"));
        QVERIFY(state);
        // "*" stands for the one digit that depends on how long the machine took to read the unit.
        const QRegularExpression expected(
            QRegularExpression::anchoredPattern(QRegularExpression::escape(text).replace(QStringLiteral("\\*"), QStringLiteral("\\d"))));
        QTRY_VERIFY2_WITH_TIMEOUT(expected.match(state->text()).hasMatch(), qPrintable(state->text()), kWaitMs);
        QTEST(state->property("tone").toString(), "tone");
        QVERIFY(state->isVisible());
        // A unit systemd does not know at all (NoSuchUnit) reads the same as one not installed.
        QTRY_COMPARE_WITH_TIMEOUT(m_window->servicePage()->unitStateText(QStringLiteral("recorder-metrics.service")),
                                  QStringLiteral("✘ not installed"), kWaitMs);
    }

    void unitStateFollowsSystemd()
    {
        m_systemd.units.set(QStringLiteral("recorder-watchdog.service"),
                            {{QStringLiteral("ActiveState"), QStringLiteral("active")},
                             {QStringLiteral("SubState"), QStringLiteral("running")},
                             {QStringLiteral("LoadState"), QStringLiteral("loaded")}});
        openOn(QStringLiteral("ready.json"), 0.3, QStringLiteral("READY"));
        ServicePage *page = m_window->servicePage();
        const QString watchdog = QStringLiteral("recorder-watchdog.service");
        // Nobody sees the units' state while the page is hidden: systemd is not asked.
        QTest::qWait(300);
        QCOMPARE(m_systemd.units.getAllCalls, 0);
        QCOMPARE(page->unitStateText(watchdog), QStringLiteral("not read yet"));
        m_window->showPage(DashboardWindow::ServicePageIndex);
        QTRY_COMPARE_WITH_TIMEOUT(page->unitStateText(watchdog), QStringLiteral("✔ active (running)"),
                                  kWaitMs);
        // systemd goes away (a bus without it): said in plain words, and back when it answers again.
        QVERIFY(m_doubles->unregisterService(QStringLiteral("org.freedesktop.systemd1")));
        QTRY_COMPARE_WITH_TIMEOUT(page->unitStateText(watchdog), QStringLiteral("✘ systemd not reachable"),
                                  kWaitMs);
        QVERIFY(m_doubles->registerService(QStringLiteral("org.freedesktop.systemd1")));
        QTRY_COMPARE_WITH_TIMEOUT(page->unitStateText(watchdog), QStringLiteral("✔ active (running)"),
                                  kWaitMs);
    }

    // A restart request reads the units again at once, without waiting for the next poll.
    void restartRefreshesTheUnitState()
    {
        m_unitPollMs = 600000; // no poll during the test: only the restart can bring the change
        const QString recorder = QStringLiteral("recorder.service");
        m_systemd.units.set(recorder, {{QStringLiteral("ActiveState"), QStringLiteral("failed")},
                                       {QStringLiteral("SubState"), QStringLiteral("failed")},
                                       {QStringLiteral("LoadState"), QStringLiteral("loaded")}},
                            {{QStringLiteral("Result"), QStringLiteral("exit-code")},
                             {QStringLiteral("ExecMainCode"), 1},
                             {QStringLiteral("ExecMainStatus"), 78}});
        openOn(QStringLiteral("error.json"), 0.3, QStringLiteral("ERROR"));
        m_window->showPage(DashboardWindow::ServicePageIndex);
        ServicePage *page = m_window->servicePage();
        QTRY_COMPARE_WITH_TIMEOUT(page->unitStateText(recorder),
                                  QStringLiteral("✘ failed (exit 78: configuration error)"), kWaitMs);
        m_systemd.units.set(recorder, {{QStringLiteral("ActiveState"), QStringLiteral("activating")},
                                       {QStringLiteral("SubState"), QStringLiteral("start")},
                                       {QStringLiteral("LoadState"), QStringLiteral("loaded")}});
        QTest::mouseClick(button("restartRecorderButton"), Qt::LeftButton);
        answer(true);
        QTRY_COMPARE_WITH_TIMEOUT(m_systemd.restarted, QStringList{recorder}, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(page->unitStateText(recorder), QStringLiteral("⟳ starting"), kWaitMs);
        QCOMPARE(m_systemd.restarted, QStringList{recorder});
    }

    // The log area: the last 20 lines of the selected unit's own log file, read only while the
    // page is on screen; a missing file is one plain line naming it.
    void serviceLogsShowTheLastLines()
    {
        QFile log(settings().recorderLog);
        QVERIFY(log.open(QIODevice::WriteOnly));
        for (int i = 1; i <= 50; ++i)
            log.write(QStringLiteral("2026-12-02T10:00:%1 recorderd line %2\n").arg(i % 60, 2, 10, QLatin1Char('0')).arg(i).toUtf8());
        log.close();
        openOn(QStringLiteral("ready.json"), 0.3, QStringLiteral("READY"));
        ServicePage *page = m_window->servicePage();
        QTest::qWait(300); // three log polls' worth: none may happen while the page is hidden
        QVERIFY2(page->logText().startsWith(QLatin1String("Not read yet")), qPrintable(page->logText()));

        m_window->showPage(DashboardWindow::ServicePageIndex);
        QTRY_VERIFY_WITH_TIMEOUT(page->logText().endsWith(QLatin1String("recorderd line 50")), kWaitMs);
        const QStringList lines = page->logText().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 20);
        QVERIFY(lines.first().endsWith(QLatin1String("recorderd line 31")));
        auto *view = m_window->findChild<QPlainTextEdit *>(QStringLiteral("unitLog"));
        QVERIFY(view->isVisible());
        QVERIFY(view->font().fixedPitch() || view->fontInfo().fixedPitch());

        // A line appended shows up while the page is on screen.
        QVERIFY(log.open(QIODevice::Append));
        log.write("recorderd line 51\n");
        log.close();
        QTRY_VERIFY_WITH_TIMEOUT(page->logText().endsWith(QLatin1String("recorderd line 51")), kWaitMs);

        QVERIFY(button("logRecorderButton")->isChecked());
        QTest::mouseClick(button("logWatchdogButton"), Qt::LeftButton);
        QVERIFY(button("logWatchdogButton")->isChecked());
        QVERIFY(!button("logRecorderButton")->isChecked());
        QTRY_COMPARE_WITH_TIMEOUT(page->logText(),
                                  QStringLiteral("No log file at %1 (the service has not written one yet).")
                                      .arg(settings().watchdogLog),
                                  kWaitMs);
        QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("logCaption"))->text().contains(settings().watchdogLog));
    }

    // recorder-offload on the Service page: a fourth row (state, restart, log, status line) with
    // [offload] enabled, and nothing of it without, so a Pi that uploads nothing shows three units.
    void uploaderRowOnlyWithOffload_data()
    {
        QTest::addColumn<bool>("offload");
        QTest::newRow("offload on") << true;
        QTest::newRow("offload off") << false;
    }

    void uploaderRowOnlyWithOffload()
    {
        QFETCH(bool, offload);
        m_offload = offload;
        const QString uploader = QStringLiteral("recorder-offload.service");
        const quint64 now = UnitState::nowMonotonicUSec();
        const quint64 upFor = 70 * 1000000ULL;
        m_systemd.units.set(uploader, {{QStringLiteral("ActiveState"), QStringLiteral("active")},
                                       {QStringLiteral("SubState"), QStringLiteral("running")},
                                       {QStringLiteral("LoadState"), QStringLiteral("loaded")},
                                       {QStringLiteral("ActiveEnterTimestampMonotonic"),
                                        QVariant::fromValue<quint64>(now > upFor ? now - upFor : 0)}});
        QFile log(m_dir->filePath(QStringLiteral("offload.log")));
        QVERIFY(log.open(QIODevice::WriteOnly));
        for (int i = 1; i <= 30; ++i)
            log.write(QStringLiteral("2026-12-02T10:00:%1 offload line %2\n").arg(i, 2, 10, QLatin1Char('0')).arg(i).toUtf8());
        log.close();
        QFile status(m_dir->filePath(QStringLiteral("status.json")));
        QVERIFY(status.open(QIODevice::WriteOnly));
        status.write("{\"version\": 1, \"time\": \"" + QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toLatin1()
                     + "\", \"state\": \"unreachable\", \"remote\": \"nas:recordings\", \"internet_connected\": false, "
                       "\"uploads_succeeded\": 12, \"uploads_failed\": 2, \"bytes_uploaded\": 75000000, "
                       "\"success_rate\": 0.8, \"recent_attempts\": 10, \"current\": [], \"last_upload\": null, "
                       "\"last_error\": \"connection refused\", \"next_attempt\": null, \"backoff_seconds\": 60}");
        status.close();
        openOn(QStringLiteral("ready.json"), 0.3, QStringLiteral("READY"));
        m_window->showPage(DashboardWindow::ServicePageIndex);
        ServicePage *page = m_window->servicePage();
        // The three others are read either way: wait for one, so the uploader would have been read too.
        QTRY_COMPARE_WITH_TIMEOUT(page->unitStateText(QStringLiteral("recorder-metrics.service")),
                                  QStringLiteral("✘ not installed"), kWaitMs);
        const char *const names[] = {"restartOffloadButton", "logOffloadButton"};
        if (!offload) {
            for (const char *name : names)
                QVERIFY2(!m_window->findChild<QPushButton *>(QLatin1String(name)), name);
            QVERIFY(!m_window->findChild<QLabel *>(QStringLiteral("offloadState")));
            QVERIFY(!m_window->findChild<QLabel *>(QStringLiteral("offloadDetail")));
            QCOMPARE(page->unitStateText(uploader), QString());
            // The uploader's status file is not named among what the page reads.
            QVERIFY(!page->findChild<QLabel *>(QStringLiteral("sourceFiles"))->text().contains(QStringLiteral("status.json")));
            return;
        }
        for (const char *name : names)
            QVERIFY2(button(name)->isVisible(), name);
        QTRY_VERIFY2_WITH_TIMEOUT(page->unitStateText(uploader).startsWith(QStringLiteral("✔ active (running) for 1 min 1")),
                                  qPrintable(page->unitStateText(uploader)), kWaitMs);
        auto *detail = m_window->findChild<QLabel *>(QStringLiteral("offloadDetail"));
        QVERIFY(detail && detail->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(detail->text(),
                                  QStringLiteral("Uploader: unreachable → nas:recordings (unreachable) · uploaded: 12 · "
                                                 "failed: 2. Last error: connection refused"),
                                  kWaitMs);
        QVERIFY(page->findChild<QLabel *>(QStringLiteral("sourceFiles"))->text().contains(m_dir->filePath(QStringLiteral("status.json"))));
        // Four units push the log buttons below 480 px: scrolled to, as a finger would.
        m_window->findChild<QScrollArea *>(QStringLiteral("serviceScroll"))->ensureWidgetVisible(button("logOffloadButton"));
        QTest::mouseClick(button("logOffloadButton"), Qt::LeftButton);
        QVERIFY(button("logOffloadButton")->isChecked());
        QTRY_VERIFY2_WITH_TIMEOUT(page->logText().endsWith(QLatin1String("offload line 30")), qPrintable(page->logText()), kWaitMs);
        const QStringList lines = page->logText().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 20);
        QVERIFY(lines.first().endsWith(QLatin1String("offload line 11")));
        QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("logCaption"))->text().contains(log.fileName()));
    }

    // What a person at the device reads on the figures page comes from /metrics and the catalog.
    void lastUploadFromTheOffloadStatus_data()
    {
        QTest::addColumn<bool>("offload");
        QTest::addColumn<QByteArray>("status"); // empty: no file
        QTest::addColumn<QString>("line");      // empty: hidden
        const auto status = &TestDashboardWindow::offloadStatus;
        // At noon today, local time, so the line shows the time alone whenever the test runs.
        const QDateTime noon = QDateTime(QDate::currentDate(), QTime(12, 0)).toUTC();
        const QByteArray uploaded = status(
            "{\"path\": \"/var/lib/recorder/recordings/2026/11/18/2026-11-18_10-00-00.mp4\", \"remote_path\": "
            "\"nas:recordings/pi/2026/11/18/2026-11-18_10-00-00.mp4\", \"time\": \""
            + noon.toString(Qt::ISODate).toLatin1() + "\", \"bytes\": 75000000, \"seconds\": 9.5}");
        QTest::addRow("offload off") << false << uploaded << QString();
        QTest::addRow("uploaded") << true << uploaded
                                  << QStringLiteral("Last upload: 2026-11-18_10-00-00.mp4 at %1")
                                         .arg(QLocale().toString(QTime(12, 0), QLocale::ShortFormat));
        QTest::addRow("nothing uploaded yet") << true << status("null") << QStringLiteral("Last upload: none yet");
        QTest::addRow("uploader not running")
            << true << QByteArray() << QStringLiteral("Last upload: unknown (the uploader's status is missing)");
    }

    void lastUploadFromTheOffloadStatus()
    {
        QFETCH(bool, offload);
        QFETCH(QByteArray, status);
        QFETCH(QString, line);
        m_offload = offload;
        if (!status.isEmpty()) {
            QFile file(m_dir->filePath(QStringLiteral("status.json")));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(status);
        }
        openOn(QStringLiteral("recording.json"), 0.3, QStringLiteral("● RECORDING"));
        auto *label = m_window->statusPage()->findChild<QLabel *>(QStringLiteral("lastUpload"));
        QVERIFY(label);
        if (line.isEmpty()) {
            // The snapshot that set the tile's title would have shown it.
            QVERIFY(!label->isVisible());
            return;
        }
        QTRY_COMPARE_WITH_TIMEOUT(label->text(), line, kWaitMs);
        QVERIFY(label->isVisible());
    }

    // With offload on, the last upload and the last error share one line (a line more would cut
    // the state tile's text at 800×480); when both are long the error keeps at least half of it
    // and each is cut with "…", never left out.
    void lastUploadAndLastErrorShareALine()
    {
        m_offload = true;
        QFile file(m_dir->filePath(QStringLiteral("status.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(offloadStatus(
            "{\"path\": \"/var/lib/recorder/recordings/2026/11/26/recording_2026-11-26_101500_from_the_garden_camera.mp4\", "
            "\"remote_path\": \"nas:recordings/x.mp4\", \"time\": \""
            + QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toLatin1() + "\", \"bytes\": 1, \"seconds\": 1}"));
        file.close();
        openOn(QStringLiteral("catalog-degraded.json"), 0.3, QStringLiteral("● RECORDING"));
        auto *upload = m_window->statusPage()->findChild<QLabel *>(QStringLiteral("lastUpload"));
        auto *error = m_window->statusPage()->findChild<QLabel *>(QStringLiteral("lastError"));
        QTRY_VERIFY_WITH_TIMEOUT(upload->accessibleName().contains(QLatin1String("garden_camera.mp4")), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(error->accessibleName(), QStringLiteral("Last error: catalog: database or disk is full"),
                                  kWaitMs);
        QCoreApplication::processEvents();
        QVERIFY(upload->isVisible() && error->isVisible());
        QCOMPARE(upload->geometry().top(), error->geometry().top());
        const int line = upload->width() + error->width();
        QVERIFY2(error->width() * 100 >= line * 45, qPrintable(QStringLiteral("%1 of %2 px").arg(error->width()).arg(line)));
        QVERIFY2(upload->width() * 100 >= line * 45, qPrintable(QStringLiteral("%1 of %2 px").arg(upload->width()).arg(line)));
        for (QLabel *label : {upload, error}) {
            QVERIFY2(label->text().endsWith(QChar(0x2026)) && label->text().size() > 20, qPrintable(label->text()));
            QVERIFY(label->fontMetrics().horizontalAdvance(label->text()) <= label->width());
        }
    }

    // Texts from files, JSON, logs and D-Bus show as written: rclone's error can be an HTML page,
    // and rich text would load <img src=file:…> from the disk (mutation tried: Qt::AutoText, the
    // default, renders "<b>" bold and fails the format checks).
    void externalTextsAreNeverRichText()
    {
        m_offload = true;
        QFile file(m_dir->filePath(QStringLiteral("status.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(offloadStatus("{\"path\": \"/var/lib/recorder/recordings/<b>x.mp4\", \"remote_path\": \"nas:x.mp4\", "
                                 "\"time\": \""
                                 + QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toLatin1()
                                 + "\", \"bytes\": 1, \"seconds\": 1}"));
        file.close();
        openOn(QStringLiteral("ready.json"), 0.3, QStringLiteral("READY"));
        auto *upload = m_window->statusPage()->findChild<QLabel *>(QStringLiteral("lastUpload"));
        QTRY_VERIFY2_WITH_TIMEOUT(upload->text().contains(QLatin1String("<b>x.mp4")), qPrintable(upload->text()), kWaitMs);
        for (const char *name : {"lastUpload", "lastError", "catalogProblem", "recorderDetail", "watchdogDetail",
                                 "metricsDetail", "offloadDetail", "recorderState", "logCaption"}) {
            auto *label = m_window->findChild<QLabel *>(QLatin1String(name));
            QVERIFY2(label, name);
            QVERIFY2(label->textFormat() == Qt::PlainText, name);
        }
    }

    void figuresComeFromTheMetrics()
    {
        // "Today" is counted from local midnight when the query runs: across it the sum changes.
        if (QTime::currentTime() >= QTime(23, 58))
            QSKIP("within two minutes of local midnight, when today's sum changes under the test");
        FakeMetricsServer exporter;
        QFile golden(qEnvironmentVariable("RECORDER_SOURCE_DIR") + QStringLiteral("/tests/exporter/data/golden.prom"));
        QVERIFY(golden.open(QIODevice::ReadOnly));
        const QByteArray real = golden.readAll();
        exporter.body = real + "recorder_cpu_temperature_celsius 77.3\nrecorder_cpu_throttled 1\n"
                               "recorder_cpu_throttle_condition{condition=\"under_voltage\"} 1\n"
                               "recorder_cpu_throttle_condition{condition=\"throttled\"} 0\n"
                               "recorder_cpu_throttle_occurred{condition=\"under_voltage\"} 1\n"
                               "recorder_cpu_throttle_occurred{condition=\"throttled\"} 1\n";
        QVERIFY(exporter.start());
        m_metricsUrl = exporter.url();
        // Three recordings end after midnight today (95 + 300 + 300 s); the rest before it.
        const qint64 midnight = QDateTime(QDate::currentDate(), QTime(0, 0)).toMSecsSinceEpoch();
        QVERIFY(FixtureFiles::installCatalog(settings().catalogFile, midnight + 600'000).isEmpty());
        openOn(QStringLiteral("recording.json"), 0.3, QStringLiteral("● RECORDING"));
        // The watchdog counted one reboot in the last 24 h (its counter says 2 in all): the dashboard,
        // restarted by that reboot, never saw the counter rise, yet shows it, as the Service page does.
        WatchdogStatus watchdog;
        watchdog.verdict = QStringLiteral("healthy");
        watchdog.rebootsLast24h = 1;
        watchdog.rebootsTotal = 2;
        QVERIFY(watchdog.write(settings().files.watchdogStatus).isEmpty());
        m_window->showPage(DashboardWindow::FiguresPageIndex);
        FiguresPage *page = m_window->figuresPage();
        QVERIFY(page->isVisible());

        const auto value = [page](const char *cell) { return page->cell(QLatin1String(cell))->value(); };
        // Deleted recordings left out: 15600 + 900 + 120 + 600 s, and their bytes.
        QTRY_COMPARE_WITH_TIMEOUT(value("recordedTotalCell"), QStringLiteral("4.8 h"), kWaitMs);
        QCOMPARE(value("storageUsedCell"), DisplayFormat::size(3900001536LL + 225000075 + 75000059 + 150000040));
        QTRY_COMPARE_WITH_TIMEOUT(value("recordedTodayCell"), DisplayFormat::duration(695), kWaitMs);
        QCOMPARE(value("cpuTemperatureCell"), QStringLiteral("77.3 °C"));
        QVERIFY(page->cell(QStringLiteral("cpuTemperatureCell"))->isVisible());
        // Under-voltage alone: the power supply is too weak; the CPU was slowed earlier, not now.
        QCOMPARE(value("cpuThrottledCell"), QStringLiteral("earlier, not now"));
        QCOMPARE(value("powerSupplyCell"), QStringLiteral("too weak"));
        QTRY_COMPARE_WITH_TIMEOUT(value("watchdogRebootsCell"), QStringLiteral("1"), kWaitMs);
        QCOMPARE(value("watchdogRestartsCell"), QStringLiteral("0"));
        QCOMPARE(value("daysLeftCell"), QStringLiteral("—")); // seconds of history cannot say
        // The golden output is an exporter with offload on: 3 waiting, the oldest for 2 h.
        QCOMPARE(value("uploadQueueCell"), QStringLiteral("3"));
        QCOMPARE(value("uploadOldestCell"), DisplayFormat::duration(7200));
        QCOMPARE(value("uploadRemoteCell"), QStringLiteral("reachable"));
        QVERIFY(page->cell(QStringLiteral("uploadRemoteCell"))->isVisible());

        // Frames dropped and a watchdog restart between two fetches show as increases.
        exporter.body = QByteArray(real)
                            .replace("recorder_frames_dropped_total 7", "recorder_frames_dropped_total 12")
                            .replace("recorder_watchdog_restarts_total 6", "recorder_watchdog_restarts_total 7");
        QTRY_COMPARE_WITH_TIMEOUT(page->droppedChart()->values(), QList<double>{5}, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(value("watchdogRestartsCell"), QStringLiteral("1"), kWaitMs);
        // The metrics without them hide the CPU figures again.
        QTRY_VERIFY_WITH_TIMEOUT(!page->cell(QStringLiteral("cpuTemperatureCell"))->isVisible(), kWaitMs);
        QVERIFY(page->findChild<QLabel *>(QStringLiteral("figuresWindow"))->text().contains(QStringLiteral("since the dashboard started")));

        // The exporter goes away: the figures stay, greyed and marked with the time they are from.
        auto *stale = page->findChild<QLabel *>(QStringLiteral("figuresStale"));
        QVERIFY(!stale->isVisible());
        exporter.close();
        QTRY_VERIFY_WITH_TIMEOUT(stale->isVisible(), kWaitMs);
        QVERIFY2(stale->text().startsWith(QStringLiteral("Figures as of ")), qPrintable(stale->text()));
        QVERIFY(!page->cell(QStringLiteral("watchdogRestartsCell"))->isEnabled());
        QCOMPARE(value("watchdogRestartsCell"), QStringLiteral("1"));
    }

    void everyButtonIsATouchTarget()
    {
        m_offload = true; // the uploader's row too
        openOn(QStringLiteral("recording-warning.json"), 0.3, QStringLiteral("● RECORDING"));
        for (int page : {DashboardWindow::StatusPageIndex, DashboardWindow::ServicePageIndex,
                         DashboardWindow::RecordingsPageIndex, DashboardWindow::FiguresPageIndex}) {
            m_window->showPage(page);
            QCoreApplication::processEvents();
            for (QPushButton *b : m_window->findChildren<QPushButton *>()) {
                if (!b->isVisible())
                    continue;
                QVERIFY2(b->width() >= 48 && b->height() >= 48,
                         qPrintable(QStringLiteral("%1 is %2x%3").arg(b->objectName()).arg(b->width()).arg(b->height())));
            }
        }
    }
};

QTEST_MAIN(TestDashboardWindow)
#include "tst_dashboardwindow.moc"
