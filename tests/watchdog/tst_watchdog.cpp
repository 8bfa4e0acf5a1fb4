// SPDX-License-Identifier: MIT
// End-to-end tests of recorder-watchdog on a private bus, with test doubles of systemd and logind
// hosted in this process and a fake recorder writing real heartbeats. Timings are scaled down.
#include "fakelogind.h"
#include "fakesystemd.h"
#include "fakeunit.h"
#include "heartbeatfixture.h"
#include "heartbeatreader.h"
#include "privatebus.h"
#include "recoveryhistory.h"
#include "atomicfile.h"
#include "watchdogstatus.h"

#include <QDBusConnection>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/stat.h>
#include <memory>

namespace {

const QString kUnit = QStringLiteral("recorder.service");
constexpr double kTimeout = 1.0;        // [heartbeat] timeout
constexpr double kCheckInterval = 0.25; // [watchdog] check_interval
constexpr int kWaitMs = 30000;          // generous: a loaded 2-core machine

QString env(const char *name)
{
    return QString::fromLocal8Bit(qgetenv(name));
}

} // namespace

class TestWatchdog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void frozenRecorderIsRestartedOnce();
    void recorderThatNeverComesBackRebootsOnce();
    void rebootCapMakesItDegraded();
    void operatorStoppedUnitIsLeftAlone();
    void failedUnitIsRestarted();
    void restartedWatchdogContinuesTheCount();
    void stalledFramesAreRestarted();
    void refusedRestartIsRetried();
    void dryRunOnlyLogs();
    void badHeartbeatFilesGetTheirVerdict_data();
    void badHeartbeatFilesGetTheirVerdict();
    void tooFastWriterIsReportedNotRestarted();
    void badConfigurationExits78_data();
    void badConfigurationExits78();

private:
    void writeConfig(const QString &extra = QString());
    QStringList recorderArguments(const QStringList &extra = {}) const;
    void startWatchdog(const QStringList &extra = {});
    void stopWatchdog();
    QString log() const;
    WatchdogStatus status() const;
    bool healthy() const;
    int restarts() const { return m_systemd->callCount(QStringLiteral("RestartUnit")); }
    qint64 mainPid() const { return m_systemd->unit(kUnit)->mainPid(); }

    PrivateBus m_bus;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeSystemd> m_systemd;
    std::unique_ptr<FakeLogind> m_logind;
    std::unique_ptr<QProcess> m_watchdog;
    QString m_config;
};

void TestWatchdog::initTestCase()
{
    QVERIFY2(!env("WATCHDOG_BIN").isEmpty() && !env("FAKE_RECORDER_BIN").isEmpty(),
             "WATCHDOG_BIN and FAKE_RECORDER_BIN must be set (ctest does)");
    const QString error = m_bus.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(QDBusConnection::systemBus().isConnected());
}

void TestWatchdog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("run"))));
    writeConfig();
    m_systemd = std::make_unique<FakeSystemd>(QDBusConnection::systemBus());
    m_logind = std::make_unique<FakeLogind>(QDBusConnection::systemBus());
    m_systemd->addUnit(kUnit, env("FAKE_RECORDER_BIN"), recorderArguments());
    QString error = m_systemd->registerOnBus();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = m_logind->registerOnBus();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = m_systemd->unit(kUnit)->start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestWatchdog::cleanup()
{
    stopWatchdog();
    if (QTest::currentTestFailed())
        qInfo().noquote() << "watchdog log:\n" + log();
    m_systemd.reset();
    m_logind.reset();
    m_dir.reset();
}

void TestWatchdog::writeConfig(const QString &extra)
{
    m_config = m_dir->filePath(QStringLiteral("recorder.conf"));
    QFile file(m_config);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    const QString text = QStringLiteral("[paths]\nruntime_dir=%1/run\nstate_dir=%1/state\nlog_dir=%1/log\n"
                                        "[heartbeat]\ninterval=0.2s\ntimeout=%2s\n"
                                        "[watchdog]\ncheck_interval=%3s\ngrace_period=2s\nstall_timeout=1s\n"
                                        "restart_window=10min\nmax_restart_attempts=3\nmax_reboots_per_day=2\n%4")
                             .arg(m_dir->path())
                             .arg(kTimeout)
                             .arg(kCheckInterval)
                             .arg(extra);
    file.write(text.toUtf8());
}

QStringList TestWatchdog::recorderArguments(const QStringList &extra) const
{
    return QStringList{QStringLiteral("--heartbeat"), m_dir->filePath(QStringLiteral("run/heartbeat.json")),
                       QStringLiteral("--interval"), QStringLiteral("0.2")}
        + extra;
}

void TestWatchdog::startWatchdog(const QStringList &extra)
{
    m_watchdog = std::make_unique<QProcess>();
    m_watchdog->setProcessChannelMode(QProcess::MergedChannels);
    m_watchdog->setStandardOutputFile(QProcess::nullDevice());
    m_watchdog->start(env("WATCHDOG_BIN"), QStringList{QStringLiteral("--config"), m_config} + extra);
    QVERIFY(m_watchdog->waitForStarted(5000));
}

void TestWatchdog::stopWatchdog()
{
    if (!m_watchdog)
        return;
    if (m_watchdog->state() != QProcess::NotRunning) {
        m_watchdog->terminate();
        // Served D-Bus calls need our event loop, so wait with it running.
        QTRY_VERIFY_WITH_TIMEOUT(m_watchdog->state() == QProcess::NotRunning, 5000);
    }
    m_watchdog.reset();
}

QString TestWatchdog::log() const
{
    QFile file(m_dir->filePath(QStringLiteral("log-watchdog/watchdog.log")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

WatchdogStatus TestWatchdog::status() const
{
    return WatchdogStatus::read(m_dir->filePath(QStringLiteral("run-watchdog/watchdog.json"))).document;
}

bool TestWatchdog::healthy() const
{
    return status().verdict == QLatin1String("healthy");
}

void TestWatchdog::frozenRecorderIsRestartedOnce()
{
    startWatchdog();
    QTRY_VERIFY_WITH_TIMEOUT(healthy(), kWaitMs);
    const qint64 frozenPid = mainPid();
    QElapsedTimer sinceFrozen;
    sinceFrozen.start();
    QCOMPARE(::kill(static_cast<pid_t>(frozenPid), SIGSTOP), 0);

    const int budgetMs = static_cast<int>((kTimeout + kCheckInterval + 2.0) * 1000);
    QTRY_VERIFY_WITH_TIMEOUT(restarts() >= 1, budgetMs);
    QCOMPARE(restarts(), 1);
    QCOMPARE(m_systemd->calls().first(), QStringLiteral("RestartUnit recorder.service replace"));
    qInfo("RestartUnit %lld ms after SIGSTOP (budget %d ms)", sinceFrozen.elapsed(), budgetMs);

    // A fresh heartbeat from the new process, and the watchdog says so.
    QVERIFY(mainPid() != frozenPid);
    const QString heartbeatFile = m_dir->filePath(QStringLiteral("run/heartbeat.json"));
    QTRY_COMPARE_WITH_TIMEOUT(HeartbeatReader::read(heartbeatFile).heartbeat.pid, mainPid(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(log().contains(QStringLiteral("Service restarted successfully")), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(healthy(), kWaitMs);
    QVERIFY(log().contains(QStringLiteral("Restarting service (attempt 1/3)")));
    QVERIFY(log().contains(QRegularExpression(QStringLiteral("Heartbeat stale! Age: \\d+\\.\\ds, Last state: recording"))));

    QTest::qWait(2000); // and nothing more happens while it stays healthy
    QCOMPARE(restarts(), 1);
    QCOMPARE(m_logind->rebootCount(), 0);
    QCOMPARE(status().restartsInWindow, 1);
    QCOMPARE(status().restartsTotal, 1);
}

void TestWatchdog::recorderThatNeverComesBackRebootsOnce()
{
    startWatchdog();
    QTRY_VERIFY_WITH_TIMEOUT(healthy(), kWaitMs);
    m_systemd->unit(kUnit)->setCommand(env("FAKE_RECORDER_BIN"), recorderArguments({QStringLiteral("--silent")}));
    QCOMPARE(::kill(static_cast<pid_t>(mainPid()), SIGSTOP), 0);

    QTRY_VERIFY_WITH_TIMEOUT(m_logind->rebootCount() >= 1, kWaitMs);
    QCOMPARE(restarts(), 3);
    QCOMPARE(m_logind->rebootCount(), 1);
    const QString text = log();
    QVERIFY(text.contains(QStringLiteral("Restarting service (attempt 3/3)")));
    QVERIFY(text.contains(QStringLiteral("Service restart failed 3 times. Triggering system reboot...")));

    QFile trigger(m_dir->filePath(QStringLiteral("log-watchdog/reboot_trigger.log")));
    QVERIFY(trigger.open(QIODevice::ReadOnly));
    const QString explanation = QString::fromUtf8(trigger.readAll());
    QVERIFY2(explanation.contains(QStringLiteral("reason: ")), qPrintable(explanation));
    QVERIFY2(explanation.contains(QStringLiteral("restart history (oldest first, 3 restarts in total)")),
             qPrintable(explanation));
    QCOMPARE(explanation.count(QStringLiteral(" boot ")), 3);

    QTest::qWait(3000); // the reboot is pending: no more restarts, no second reboot
    QCOMPARE(restarts(), 3);
    QCOMPARE(m_logind->rebootCount(), 1);
    QCOMPARE(status().rebootsLast24h, 1);
}

void TestWatchdog::rebootCapMakesItDegraded()
{
    writeConfig(QStringLiteral("[watchdog]\nmax_reboots_per_day=1\n"));
    // Reboot cap already spent, by a reboot earlier on this very boot.
    RecoveryHistory history;
    history.addReboot(ClockReading::now(), QStringLiteral("earlier"));
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("state-watchdog"))));
    QCOMPARE(history.save(m_dir->filePath(QStringLiteral("state-watchdog/watchdog-history.json"))), QString());

    m_systemd->unit(kUnit)->setCommand(env("FAKE_RECORDER_BIN"), recorderArguments({QStringLiteral("--silent")}));
    QCOMPARE(m_systemd->unit(kUnit)->restart(), QString());
    startWatchdog();
    QTRY_VERIFY_WITH_TIMEOUT(status().degraded, kWaitMs);
    QVERIFY(log().contains(QStringLiteral("Reboot cap reached")));
    QCOMPARE(restarts(), 3);
    // It keeps restarting, after a backoff, and never reboots.
    QTRY_VERIFY_WITH_TIMEOUT(restarts() >= 4, kWaitMs);
    QVERIFY(log().contains(QStringLiteral("degraded restart 1")));
    QCOMPARE(m_logind->rebootCount(), 0);
    QVERIFY(status().degraded);
    QCOMPARE(status().rebootsLast24h, 1);
}

void TestWatchdog::operatorStoppedUnitIsLeftAlone()
{
    startWatchdog();
    QTRY_VERIFY_WITH_TIMEOUT(healthy(), kWaitMs);
    m_systemd->unit(kUnit)->stop();
    QTRY_COMPARE_WITH_TIMEOUT(status().verdict, QStringLiteral("operator_stopped"), kWaitMs);
    QTest::qWait(3000); // well past timeout and grace: still no call
    QCOMPARE(m_systemd->calls(), QStringList());
    QCOMPARE(m_logind->rebootCount(), 0);
    QCOMPARE(log().count(QStringLiteral("Verdict operator_stopped")), 1);
}

void TestWatchdog::failedUnitIsRestarted()
{
    startWatchdog();
    QTRY_VERIFY_WITH_TIMEOUT(healthy(), kWaitMs);
    QCOMPARE(::kill(static_cast<pid_t>(mainPid()), SIGKILL), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_systemd->unit(kUnit)->activeState(), QStringLiteral("failed"), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(restarts() >= 1, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(log().contains(QStringLiteral("Service restarted successfully")), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(healthy(), kWaitMs);
    QCOMPARE(restarts(), 1);
}

void TestWatchdog::restartedWatchdogContinuesTheCount()
{
    startWatchdog();
    QTRY_VERIFY_WITH_TIMEOUT(healthy(), kWaitMs);
    m_systemd->unit(kUnit)->setCommand(env("FAKE_RECORDER_BIN"), recorderArguments({QStringLiteral("--silent")}));
    QCOMPARE(::kill(static_cast<pid_t>(mainPid()), SIGSTOP), 0);
    QTRY_VERIFY_WITH_TIMEOUT(restarts() >= 1, kWaitMs);
    // Stopped once it has recorded the restart (systemd's reply has reached it).
    QTRY_COMPARE_WITH_TIMEOUT(status().restartsTotal, 1, kWaitMs);
    stopWatchdog();
    QCOMPARE(restarts(), 1);
    QVERIFY(log().contains(QStringLiteral("Stopping on signal 15")));

    startWatchdog();
    QTRY_VERIFY_WITH_TIMEOUT(restarts() >= 2, kWaitMs);
    QVERIFY(log().contains(QStringLiteral("Restarting service (attempt 2/3)")));
    QTRY_VERIFY_WITH_TIMEOUT(m_logind->rebootCount() >= 1, kWaitMs);
    QCOMPARE(restarts(), 3);
    QCOMPARE(status().restartsTotal, 3);
}

void TestWatchdog::stalledFramesAreRestarted()
{
    m_systemd->unit(kUnit)->setCommand(env("FAKE_RECORDER_BIN"), recorderArguments({QStringLiteral("--frozen-frames")}));
    QCOMPARE(m_systemd->unit(kUnit)->restart(), QString());
    startWatchdog();
    QTRY_VERIFY_WITH_TIMEOUT(restarts() >= 1, kWaitMs);
    QVERIFY(log().contains(QStringLiteral("Heartbeat stalled! Frames stuck at")));
    // The heartbeat itself was fresh all along: it was the frames.
    QVERIFY(!log().contains(QStringLiteral("Heartbeat stale!")));
}

void TestWatchdog::refusedRestartIsRetried()
{
    m_systemd->setFailure(QStringLiteral("RestartUnit"), QStringLiteral("org.freedesktop.DBus.Error.AccessDenied"));
    startWatchdog();
    QTRY_VERIFY_WITH_TIMEOUT(healthy(), kWaitMs);
    QCOMPARE(::kill(static_cast<pid_t>(mainPid()), SIGSTOP), 0);
    QTRY_VERIFY_WITH_TIMEOUT(log().contains(QStringLiteral("RestartUnit(recorder.service) failed: "
                                                           "org.freedesktop.DBus.Error.AccessDenied")),
                             kWaitMs);
    QCOMPARE(restarts(), 0);
    QVERIFY(m_watchdog->state() == QProcess::Running);
    m_systemd->setFailure(QStringLiteral("RestartUnit"), QString());
    QTRY_VERIFY_WITH_TIMEOUT(restarts() >= 1, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(healthy(), kWaitMs);
}

void TestWatchdog::dryRunOnlyLogs()
{
    startWatchdog({QStringLiteral("--dry-run")});
    QTRY_VERIFY_WITH_TIMEOUT(healthy(), kWaitMs);
    QVERIFY(status().dryRun);
    QCOMPARE(::kill(static_cast<pid_t>(mainPid()), SIGSTOP), 0);
    QTRY_VERIFY_WITH_TIMEOUT(log().contains(QStringLiteral("dry-run: would call RestartUnit(recorder.service, replace)")),
                             kWaitMs);
    QVERIFY(log().contains(QStringLiteral("Heartbeat stale!")));
    QCOMPARE(m_systemd->calls(), QStringList());
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("state-watchdog/watchdog-history.json"))));
}

void TestWatchdog::badHeartbeatFilesGetTheirVerdict_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("reasonHas");
    QTest::newRow("huge") << QStringLiteral("huge") << QStringLiteral("invalid") << QStringLiteral("too_large");
    QTest::newRow("binary") << QStringLiteral("binary") << QStringLiteral("invalid") << QStringLiteral("invalid_json");
    QTest::newRow("symlink") << QStringLiteral("symlink") << QStringLiteral("invalid") << QStringLiteral("symlink");
    QTest::newRow("fifo") << QStringLiteral("fifo") << QStringLiteral("invalid") << QStringLiteral("not_regular");
    QTest::newRow("directory") << QStringLiteral("directory") << QStringLiteral("invalid") << QStringLiteral("not_regular");
    QTest::newRow("from the future") << QStringLiteral("future") << QStringLiteral("future") << QStringLiteral("future");
    QTest::newRow("from another boot") << QStringLiteral("otherboot") << QStringLiteral("other_boot")
                                       << QStringLiteral("another boot");
    QTest::newRow("another pid") << QStringLiteral("foreignpid") << QStringLiteral("foreign_pid")
                                 << QStringLiteral("MainPID");
}

void TestWatchdog::badHeartbeatFilesGetTheirVerdict()
{
    QFETCH(QString, input);
    QFETCH(QString, verdict);
    QFETCH(QString, reasonHas);
    // A recorder that lives but never writes, and a grace period longer than the test: the file
    // planted here is the only heartbeat the watchdog sees, and nothing is restarted meanwhile.
    writeConfig(QStringLiteral("[watchdog]\ngrace_period=10min\n"));
    m_systemd->unit(kUnit)->setCommand(env("FAKE_RECORDER_BIN"), recorderArguments({QStringLiteral("--silent")}));
    QCOMPARE(m_systemd->unit(kUnit)->restart(), QString());
    const QString path = m_dir->filePath(QStringLiteral("run/heartbeat.json"));

    HeartbeatFixture heartbeat = HeartbeatFixture::minimal().writtenAt(ClockReading::now()).schemaVersion(
        QStringLiteral("1.0")).pid(mainPid());
    if (input == QLatin1String("huge")) {
        QCOMPARE(AtomicFile::write(path, QByteArray(8 * 1024 * 1024, '{')), QString());
    } else if (input == QLatin1String("binary")) {
        QCOMPARE(AtomicFile::write(path, QByteArray("\x00\x01\xff\xfe binary", 13)), QString());
    } else if (input == QLatin1String("symlink")) {
        QVERIFY(QFile::link(QStringLiteral("/etc/hostname"), path));
    } else if (input == QLatin1String("fifo")) {
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0644), 0);
    } else if (input == QLatin1String("directory")) {
        QVERIFY(QDir().mkdir(path));
    } else {
        if (input == QLatin1String("future"))
            heartbeat.fields().written.boottimeSeconds += 3600;
        else if (input == QLatin1String("otherboot"))
            heartbeat.fields().written.bootId = QStringLiteral("00000000-0000-0000-0000-000000000000");
        else
            heartbeat.pid(mainPid() + 100000);
        QCOMPARE(heartbeat.write(path), QString());
    }

    startWatchdog();
    QTRY_COMPARE_WITH_TIMEOUT(status().verdict, verdict, kWaitMs);
    QVERIFY2(status().reason.contains(reasonHas), qPrintable(status().reason));
    QTest::qWait(1000); // several checks later it is still alive and has done nothing
    QCOMPARE(m_watchdog->state(), QProcess::Running);
    QCOMPARE(m_systemd->calls(), QStringList());
}

void TestWatchdog::tooFastWriterIsReportedNotRestarted()
{
    // Announces 0.2 s but rewrites every 5 ms: 40 times its pace.
    m_systemd->unit(kUnit)->setCommand(env("FAKE_RECORDER_BIN"),
                                       QStringList{QStringLiteral("--heartbeat"),
                                                   m_dir->filePath(QStringLiteral("run/heartbeat.json")),
                                                   QStringLiteral("--interval"), QStringLiteral("0.005"),
                                                   QStringLiteral("--announce-interval"), QStringLiteral("0.2")});
    QCOMPARE(m_systemd->unit(kUnit)->restart(), QString());
    startWatchdog();
    QTRY_COMPARE_WITH_TIMEOUT(status().verdict, QStringLiteral("too_fast"), kWaitMs);
    QVERIFY(log().contains(QStringLiteral("Verdict too_fast: rewritten far faster than its interval")));
    QCOMPARE(m_systemd->calls(), QStringList());
}

void TestWatchdog::badConfigurationExits78_data()
{
    QTest::addColumn<QString>("extra");
    QTest::addColumn<QString>("messageHas");
    QTest::newRow("not a duration") << QStringLiteral("[watchdog]\ncheck_interval=soon\n") << QStringLiteral("check_interval");
    QTest::newRow("check slower than the timeout") << QStringLiteral("[watchdog]\ncheck_interval=5s\n")
                                                   << QStringLiteral("check_interval=5s is longer than");
    QTest::newRow("stall shorter than two intervals") << QStringLiteral("[heartbeat]\ninterval=1s\n[watchdog]\nstall_timeout=1s\n")
                                                      << QStringLiteral("stall_timeout=1s");
    QTest::newRow("bad unit name") << QStringLiteral("[watchdog]\nunit=rm -rf /\n") << QStringLiteral("unit");
}

void TestWatchdog::badConfigurationExits78()
{
    QFETCH(QString, extra);
    QFETCH(QString, messageHas);
    // The base file's [heartbeat]/[watchdog] come first: a later section repeats and overrides keys.
    writeConfig(extra);
    QProcess process;
    process.start(env("WATCHDOG_BIN"), {QStringLiteral("--config"), m_config});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 78);
    const QString stderrText = QString::fromUtf8(process.readAllStandardError()).trimmed();
    QCOMPARE(stderrText.count(QLatin1Char('\n')), 0);
    QVERIFY2(stderrText.contains(messageHas), qPrintable(stderrText));
}

QTEST_GUILESS_MAIN(TestWatchdog)
#include "tst_watchdog.moc"
