// SPDX-License-Identifier: MIT
// Tests of the systemd test double (tests/system/systemddouble): restart rules, start limit,
// sd_notify and WatchdogSec, D-Bus jobs (JobRemoved with its result) and properties (ExecMainCode,
// ExecMainStatus, Result), and login1 Reboot, with shell scripts as
// services. The system tests rely on it behaving like systemd in these respects.
#include "privatebus.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusInterface>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>

namespace {

constexpr double kTimeScale = 0.05; // RestartSec=10 becomes 0.5 s
constexpr int kWaitMs = 20000;      // generous: the machine is shared and loaded

const QString kService = QStringLiteral("org.freedesktop.systemd1");
const QString kManagerPath = QStringLiteral("/org/freedesktop/systemd1");
const QString kUnitPath = QStringLiteral("/org/freedesktop/systemd1/unit/demo_2eservice");

} // namespace

class TestSystemdDouble : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void restartRules_data();
    void restartRules();
    void killedServiceIsBackWithinRestartSec();
    void startLimitStopsRestartsUntilResetFailed();
    void restartUnitAndOperatorStop();
    void notifyReadyAndWatchdogTimeout();
    void rebootIsRecorded();
    void unknownUnitIsAnError();
    void installedUnitsRecoverFromKill();
    void installedRecorderConfigErrorIsNotRestarted();

private:
    // Writes demo.service (and its script) and starts the double on it.
    void startDouble(const QString &serviceLines, const QString &unitLines, const QString &scriptBody);
    // Starts the double on `unitFiles`, with ExecStart programs looked up under `root`.
    void runDouble(const QStringList &unitFiles, const QString &root);
    QString property(const QString &interface, const QString &name, const QString &unit = QStringLiteral("demo.service"));
    uint mainPid(const QString &unit = QStringLiteral("demo.service"))
    {
        return property(QStringLiteral("org.freedesktop.systemd1.Service"), QStringLiteral("MainPID"), unit).toUInt();
    }
    uint restarts(const QString &unit = QStringLiteral("demo.service"))
    {
        return property(QStringLiteral("org.freedesktop.systemd1.Service"), QStringLiteral("NRestarts"), unit).toUInt();
    }
    QString activeState(const QString &unit = QStringLiteral("demo.service"))
    {
        return property(QStringLiteral("org.freedesktop.systemd1.Unit"), QStringLiteral("ActiveState"), unit);
    }
    QString result(const QString &unit = QStringLiteral("demo.service"))
    {
        return property(QStringLiteral("org.freedesktop.systemd1.Service"), QStringLiteral("Result"), unit);
    }
    // Writes an executable shell script.
    void writeScript(const QString &path, const QString &body);
    QDBusMessage callManager(const QString &method, const QVariantList &arguments);

    PrivateBus m_bus;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_double;
    QByteArray m_doubleLog;
};

void TestSystemdDouble::initTestCase()
{
    const QString problem = m_bus.start();
    if (!problem.isEmpty())
        QSKIP(qPrintable(problem));
    QVERIFY(QDBusConnection::systemBus().isConnected());
    QVERIFY2(!qEnvironmentVariable("RECORDER_SYSTEMD_DOUBLE").isEmpty(), "RECORDER_SYSTEMD_DOUBLE is not set");
}

void TestSystemdDouble::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_doubleLog.clear();
}

void TestSystemdDouble::cleanup()
{
    if (m_double) {
        m_double->terminate();
        if (!m_double->waitForFinished(15000))
            m_double->kill();
        m_double->waitForFinished(5000);
        m_doubleLog += m_double->readAllStandardError();
        m_double->disconnect(this);
        if (QTest::currentTestFailed())
            qWarning().noquote() << "double's log:\n" << m_doubleLog;
        m_double.reset();
    }
    // The double must be gone from the bus before the next test registers it again.
    QTRY_VERIFY_WITH_TIMEOUT(!QDBusConnection::systemBus().interface()->isServiceRegistered(kService), kWaitMs);
}

void TestSystemdDouble::writeScript(const QString &path, const QString &body)
{
    QFile script(path);
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("#!/bin/sh\n" + body.toUtf8() + "\n");
    script.close();
    QVERIFY(script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
}

void TestSystemdDouble::startDouble(const QString &serviceLines, const QString &unitLines, const QString &scriptBody)
{
    const QString script = m_dir->filePath(QStringLiteral("demo.sh"));
    writeScript(script, scriptBody);
    const QString unit = m_dir->filePath(QStringLiteral("demo.service"));
    QFile unitFile(unit);
    QVERIFY(unitFile.open(QIODevice::WriteOnly));
    unitFile.write(QStringLiteral("[Unit]\nDescription=demo\n%1\n[Service]\nExecStart=%2\n%3\n")
                       .arg(unitLines, script, serviceLines)
                       .toUtf8());
    unitFile.close();
    runDouble({unit}, QString());
}

void TestSystemdDouble::runDouble(const QStringList &unitFiles, const QString &root)
{
    QStringList arguments;
    for (const QString &unit : unitFiles)
        arguments << QStringLiteral("--unit") << unit;
    if (!root.isEmpty())
        arguments << QStringLiteral("--root") << root;
    arguments << QStringLiteral("--time-scale") << QString::number(kTimeScale) << QStringLiteral("--reboot-log")
              << m_dir->filePath(QStringLiteral("reboot.log")) << QStringLiteral("--start");

    m_double = std::make_unique<QProcess>();
    m_double->setProcessChannelMode(QProcess::SeparateChannels);
    m_double->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    connect(m_double.get(), &QProcess::readyReadStandardError, this,
            [this] { m_doubleLog += m_double->readAllStandardError(); });
    m_double->start(qEnvironmentVariable("RECORDER_SYSTEMD_DOUBLE"), arguments);
    QVERIFY2(m_double->waitForStarted(kWaitMs), qPrintable(m_double->errorString()));
    QByteArray output;
    while (!output.contains("ready\n") && m_double->waitForReadyRead(kWaitMs))
        output += m_double->readAllStandardOutput();
    QVERIFY2(output.contains("ready\n"), output.constData());
}

QString TestSystemdDouble::property(const QString &interface, const QString &name, const QString &unit)
{
    const QDBusMessage path = callManager(QStringLiteral("GetUnit"), {unit});
    QDBusInterface object(kService, path.arguments().value(0).value<QDBusObjectPath>().path(), interface,
                          QDBusConnection::systemBus());
    return object.property(name.toUtf8().constData()).toString();
}

QDBusMessage TestSystemdDouble::callManager(const QString &method, const QVariantList &arguments)
{
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kManagerPath,
                                                       QStringLiteral("org.freedesktop.systemd1.Manager"), method);
    call.setArguments(arguments);
    return QDBusConnection::systemBus().call(call, QDBus::Block, kWaitMs);
}

void TestSystemdDouble::restartRules_data()
{
    QTest::addColumn<QString>("restart");
    QTest::addColumn<QString>("scriptBody");
    QTest::addColumn<bool>("restarted");
    QTest::addColumn<QString>("finalState"); // when not restarted
    QTest::addColumn<QString>("finalResult");

    QTest::newRow("on-failure, exit 1: restarted") << "on-failure" << "exit 1" << true << "" << "";
    QTest::newRow("on-failure, exit 0: stays down") << "on-failure" << "exit 0" << false << "inactive" << "success";
    QTest::newRow("always, exit 0: restarted") << "always" << "exit 0" << true << "" << "";
    QTest::newRow("no, exit 1: failed") << "no" << "exit 1" << false << "failed" << "exit-code";
    QTest::newRow("on-failure, exit 78 prevented: failed") << "on-failure" << "exit 78" << false << "failed"
                                                           << "exit-code";
}

void TestSystemdDouble::restartRules()
{
    QFETCH(QString, restart);
    QFETCH(QString, scriptBody);
    QFETCH(bool, restarted);
    QFETCH(QString, finalState);
    QFETCH(QString, finalResult);

    startDouble(QStringLiteral("Restart=%1\nRestartSec=10\nRestartPreventExitStatus=78").arg(restart),
                QStringLiteral("StartLimitBurst=0"), scriptBody);
    if (restarted) {
        QTRY_VERIFY_WITH_TIMEOUT(restarts() >= 2, kWaitMs);
    } else {
        // inactive/failed is only reached once the double has decided against a restart.
        QTRY_COMPARE_WITH_TIMEOUT(activeState(), finalState, kWaitMs);
        QCOMPARE(result(), finalResult);
        QCOMPARE(restarts(), 0u);
    }
}

void TestSystemdDouble::killedServiceIsBackWithinRestartSec()
{
    startDouble(QStringLiteral("Restart=on-failure\nRestartSec=10"), QString(), QStringLiteral("exec sleep 600"));
    QTRY_VERIFY_WITH_TIMEOUT(mainPid() != 0, kWaitMs);
    const uint first = mainPid();
    QElapsedTimer sinceKill;
    sinceKill.start();
    QCOMPARE(::kill(static_cast<pid_t>(first), SIGKILL), 0);
    QTRY_VERIFY_WITH_TIMEOUT(mainPid() != 0 && mainPid() != first, kWaitMs);
    // The bound, scaled: RestartSec + 2 s.
    QVERIFY2(sinceKill.elapsed() <= qint64(10 * kTimeScale * 1000) + 2000, qPrintable(QString::number(sinceKill.elapsed())));
    QCOMPARE(restarts(), 1u);
    QCOMPARE(activeState(), QStringLiteral("active"));
}

void TestSystemdDouble::startLimitStopsRestartsUntilResetFailed()
{
    startDouble(QStringLiteral("Restart=on-failure\nRestartSec=1"),
                QStringLiteral("StartLimitIntervalSec=600\nStartLimitBurst=3"), QStringLiteral("exit 1"));
    QTRY_COMPARE_WITH_TIMEOUT(result(), QStringLiteral("start-limit-hit"), kWaitMs);
    QCOMPARE(activeState(), QStringLiteral("failed"));
    QCOMPARE(restarts(), 3u); // three starts ran; the fourth was refused
    QTRY_VERIFY_WITH_TIMEOUT(m_doubleLog.contains("Start request repeated too quickly."), kWaitMs);

    // A restart request while the limit holds is refused, as systemd does: its job ends "failed".
    QDBusInterface manager(kService, kManagerPath, QStringLiteral("org.freedesktop.systemd1.Manager"),
                           QDBusConnection::systemBus());
    QSignalSpy jobs(&manager, SIGNAL(JobRemoved(uint,QDBusObjectPath,QString,QString)));
    QVERIFY(jobs.isValid());
    const QDBusMessage refused =
        callManager(QStringLiteral("RestartUnit"), {QStringLiteral("demo.service"), QStringLiteral("replace")});
    QCOMPARE(refused.type(), QDBusMessage::ReplyMessage);
    QTRY_COMPARE_WITH_TIMEOUT(jobs.size(), 1, kWaitMs);
    QCOMPARE(jobs.at(0).at(1).value<QDBusObjectPath>(), refused.arguments().value(0).value<QDBusObjectPath>());
    QCOMPARE(jobs.at(0).at(2).toString(), QStringLiteral("demo.service"));
    QCOMPARE(jobs.at(0).at(3).toString(), QStringLiteral("failed"));
    QCOMPARE(result(), QStringLiteral("start-limit-hit"));
    QCOMPARE(callManager(QStringLiteral("ResetFailedUnit"), {QStringLiteral("demo.service")}).type(),
             QDBusMessage::ReplyMessage);
    QCOMPARE(activeState(), QStringLiteral("inactive"));
    // After ResetFailedUnit the same request runs the service again.
    const QDBusMessage accepted =
        callManager(QStringLiteral("RestartUnit"), {QStringLiteral("demo.service"), QStringLiteral("replace")});
    QTRY_COMPARE_WITH_TIMEOUT(jobs.size(), 2, kWaitMs);
    QCOMPARE(jobs.at(1).at(1).value<QDBusObjectPath>(), accepted.arguments().value(0).value<QDBusObjectPath>());
    QCOMPARE(jobs.at(1).at(3).toString(), QStringLiteral("done"));
}

void TestSystemdDouble::restartUnitAndOperatorStop()
{
    startDouble(QStringLiteral("Restart=always\nRestartSec=10"), QString(), QStringLiteral("exec sleep 600"));
    QTRY_VERIFY_WITH_TIMEOUT(mainPid() != 0, kWaitMs);
    const uint first = mainPid();

    QDBusInterface manager(kService, kManagerPath, QStringLiteral("org.freedesktop.systemd1.Manager"),
                           QDBusConnection::systemBus());
    QSignalSpy jobs(&manager, SIGNAL(JobRemoved(uint,QDBusObjectPath,QString,QString)));
    QVERIFY(jobs.isValid());
    const QDBusMessage reply = callManager(QStringLiteral("RestartUnit"), {QStringLiteral("demo.service"), QStringLiteral("replace")});
    QCOMPARE(reply.type(), QDBusMessage::ReplyMessage);
    QVERIFY(reply.arguments().value(0).value<QDBusObjectPath>().path().startsWith(QLatin1String("/org/freedesktop/systemd1/job/")));
    QTRY_VERIFY_WITH_TIMEOUT(mainPid() != 0 && mainPid() != first, kWaitMs);
    // The job ends once the new process runs, not when the old one has stopped.
    QTRY_COMPARE_WITH_TIMEOUT(jobs.size(), 1, kWaitMs);
    QCOMPARE(jobs.at(0).at(1).value<QDBusObjectPath>(), reply.arguments().value(0).value<QDBusObjectPath>());
    QCOMPARE(jobs.at(0).at(3).toString(), QStringLiteral("done"));
    QCOMPARE(activeState(), QStringLiteral("active"));
    QCOMPARE(restarts(), 0u); // a requested restart is not an automatic one

    QCOMPARE(callManager(QStringLiteral("StopUnit"), {QStringLiteral("demo.service"), QStringLiteral("replace")}).type(),
             QDBusMessage::ReplyMessage);
    QTRY_COMPARE_WITH_TIMEOUT(activeState(), QStringLiteral("inactive"), kWaitMs);
    QCOMPARE(mainPid(), 0u);
    QCOMPARE(restarts(), 0u); // Restart=always does not fight an operator's stop
}

void TestSystemdDouble::notifyReadyAndWatchdogTimeout()
{
    if (QStandardPaths::findExecutable(QStringLiteral("systemd-notify")).isEmpty())
        QSKIP("systemd-notify is not installed");
    // WatchdogSec=20 → 1 s: READY=1 once, then no WATCHDOG=1, so the double aborts it and restarts.
    startDouble(QStringLiteral("Type=notify\nWatchdogSec=20\nRestart=on-failure\nRestartSec=10"), QString(),
                QStringLiteral("sleep 0.5\nsystemd-notify --ready\nexec sleep 600"));
    QTRY_COMPARE_WITH_TIMEOUT(activeState(), QStringLiteral("active"), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(restarts() >= 1, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_doubleLog.contains("Watchdog timeout!"), kWaitMs);
}

void TestSystemdDouble::rebootIsRecorded()
{
    startDouble(QStringLiteral("Restart=no"), QString(), QStringLiteral("exec sleep 600"));
    QDBusMessage call = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.login1"), QStringLiteral("/org/freedesktop/login1"),
                                                       QStringLiteral("org.freedesktop.login1.Manager"), QStringLiteral("Reboot"));
    call.setArguments({false});
    QCOMPARE(QDBusConnection::systemBus().call(call, QDBus::Block, kWaitMs).type(), QDBusMessage::ReplyMessage);
    QFile log(m_dir->filePath(QStringLiteral("reboot.log")));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = log.readAll().split('\n');
    QCOMPARE(lines.size(), 2); // one line and the empty rest after its newline
    QVERIFY2(lines.first().endsWith("Reboot interactive=false"), lines.first().constData());
}

void TestSystemdDouble::unknownUnitIsAnError()
{
    startDouble(QStringLiteral("Restart=no"), QString(), QStringLiteral("exec sleep 600"));
    const QDBusMessage reply = callManager(QStringLiteral("GetUnit"), {QStringLiteral("nope.service")});
    QCOMPARE(reply.type(), QDBusMessage::ErrorMessage);
    QCOMPARE(reply.errorName(), QStringLiteral("org.freedesktop.systemd1.NoSuchUnit"));
    const QDBusMessage known = callManager(QStringLiteral("GetUnit"), {QStringLiteral("demo.service")});
    QCOMPARE(known.arguments().value(0).value<QDBusObjectPath>().path(), kUnitPath);
}

// The product's own unit files as the build installs them, with stand-in programs: the double
// honours Type=notify, Restart=on-failure and RestartSec=10 of recorder.service, Restart=always of
// the other two, and the bound "running again within RestartSec + 2 s" (scaled).
void TestSystemdDouble::installedUnitsRecoverFromKill()
{
    if (QStandardPaths::findExecutable(QStringLiteral("systemd-notify")).isEmpty())
        QSKIP("systemd-notify is not installed");
    const QString unitDir = qEnvironmentVariable("RECORDER_BINARY_DIR") + QStringLiteral("/systemd/units/");
    const QStringList units = {QStringLiteral("recorder.service"), QStringLiteral("recorder-watchdog.service"),
                               QStringLiteral("recorder-metrics.service")};
    QStringList unitFiles;
    const QString root = m_dir->filePath(QStringLiteral("root"));
    for (const QString &unit : units) {
        unitFiles << unitDir + unit;
        QFile file(unitFiles.constLast());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QString text = QString::fromUtf8(file.readAll());
        const QString program = text.section(QStringLiteral("ExecStart="), 1).section(QLatin1Char('\n'), 0, 0).section(QLatin1Char(' '), 0, 0);
        QVERIFY(QDir().mkpath(QFileInfo(root + program).absolutePath()));
        writeScript(root + program, unit == units.constFirst() ? QStringLiteral("systemd-notify --ready\nexec sleep 600")
                                                                : QStringLiteral("exec sleep 600"));
    }
    runDouble(unitFiles, root);
    for (const QString &unit : units)
        QTRY_COMPARE_WITH_TIMEOUT(activeState(unit), QStringLiteral("active"), kWaitMs);

    for (const QString &unit : units) {
        const uint first = mainPid(unit);
        QVERIFY(first != 0);
        QElapsedTimer sinceKill;
        sinceKill.start();
        QCOMPARE(::kill(static_cast<pid_t>(first), SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(mainPid(unit) != 0 && mainPid(unit) != first, kWaitMs);
        QVERIFY2(sinceKill.elapsed() <= qint64(10 * kTimeScale * 1000) + 2000,
                 qPrintable(QStringLiteral("%1: %2 ms").arg(unit).arg(sinceKill.elapsed())));
        QTRY_COMPARE_WITH_TIMEOUT(activeState(unit), QStringLiteral("active"), kWaitMs);
        QCOMPARE(restarts(unit), 1u);
    }
}

// Exit status 78 (a configuration error) stops recorder.service's restarts: RestartPreventExitStatus=78.
void TestSystemdDouble::installedRecorderConfigErrorIsNotRestarted()
{
    const QString unitFile = qEnvironmentVariable("RECORDER_BINARY_DIR") + QStringLiteral("/systemd/units/recorder.service");
    QFile file(unitFile);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(unitFile));
    const QString program = QString::fromUtf8(file.readAll()).section(QStringLiteral("ExecStart="), 1).section(QLatin1Char('\n'), 0, 0);
    const QString root = m_dir->filePath(QStringLiteral("root"));
    QVERIFY(QDir().mkpath(QFileInfo(root + program).absolutePath()));
    writeScript(root + program, QStringLiteral("echo 'recorder.conf: [camera] fps=0: allowed: an integer from 1 to 240' >&2\nexit 78"));
    runDouble({unitFile}, root);
    QTRY_COMPARE_WITH_TIMEOUT(activeState(QStringLiteral("recorder.service")), QStringLiteral("failed"), kWaitMs);
    QCOMPARE(result(QStringLiteral("recorder.service")), QStringLiteral("exit-code"));
    QCOMPARE(restarts(QStringLiteral("recorder.service")), 0u);
    // What the watchdog reads to tell a configuration error from a crash.
    QCOMPARE(property(QStringLiteral("org.freedesktop.systemd1.Service"), QStringLiteral("ExecMainCode"),
                      QStringLiteral("recorder.service")),
             QStringLiteral("1")); // CLD_EXITED
    QCOMPARE(property(QStringLiteral("org.freedesktop.systemd1.Service"), QStringLiteral("ExecMainStatus"),
                      QStringLiteral("recorder.service")),
             QStringLiteral("78"));
    QCOMPARE(property(QStringLiteral("org.freedesktop.systemd1.Unit"), QStringLiteral("SubState"),
                      QStringLiteral("recorder.service")),
             QStringLiteral("failed"));
}

QTEST_GUILESS_MAIN(TestSystemdDouble)
#include "tst_systemddouble.moc"
