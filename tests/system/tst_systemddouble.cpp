// SPDX-License-Identifier: MIT
// Tests of the systemd test double (tests/system/systemddouble): restart rules, start limit,
// sd_notify and WatchdogSec, D-Bus jobs and properties, and login1 Reboot, with shell scripts as
// services. The system tests rely on it behaving like systemd in these respects.
#include "privatebus.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusInterface>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

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

private:
    // Writes demo.service (and its script) and starts the double on it.
    void startDouble(const QString &serviceLines, const QString &unitLines, const QString &scriptBody);
    QString property(const QString &interface, const QString &name);
    uint mainPid() { return property(QStringLiteral("org.freedesktop.systemd1.Service"), QStringLiteral("MainPID")).toUInt(); }
    uint restarts() { return property(QStringLiteral("org.freedesktop.systemd1.Service"), QStringLiteral("NRestarts")).toUInt(); }
    QString activeState() { return property(QStringLiteral("org.freedesktop.systemd1.Unit"), QStringLiteral("ActiveState")); }
    QString result() { return property(QStringLiteral("org.freedesktop.systemd1.Service"), QStringLiteral("Result")); }
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

void TestSystemdDouble::startDouble(const QString &serviceLines, const QString &unitLines, const QString &scriptBody)
{
    const QString script = m_dir->filePath(QStringLiteral("demo.sh"));
    QFile scriptFile(script);
    QVERIFY(scriptFile.open(QIODevice::WriteOnly));
    scriptFile.write("#!/bin/sh\n" + scriptBody.toUtf8() + "\n");
    scriptFile.close();
    QVERIFY(scriptFile.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));

    const QString unit = m_dir->filePath(QStringLiteral("demo.service"));
    QFile unitFile(unit);
    QVERIFY(unitFile.open(QIODevice::WriteOnly));
    unitFile.write(QStringLiteral("[Unit]\nDescription=demo\n%1\n[Service]\nExecStart=%2\n%3\n")
                       .arg(unitLines, script, serviceLines)
                       .toUtf8());
    unitFile.close();

    m_double = std::make_unique<QProcess>();
    m_double->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_double.get(), &QProcess::readyReadStandardError, this,
            [this] { m_doubleLog += m_double->readAllStandardError(); });
    m_double->start(qEnvironmentVariable("RECORDER_SYSTEMD_DOUBLE"),
                    {QStringLiteral("--unit"), unit, QStringLiteral("--time-scale"), QString::number(kTimeScale),
                     QStringLiteral("--reboot-log"), m_dir->filePath(QStringLiteral("reboot.log")),
                     QStringLiteral("--start")});
    QVERIFY2(m_double->waitForStarted(kWaitMs), qPrintable(m_double->errorString()));
    QByteArray output;
    while (!output.contains("ready\n") && m_double->waitForReadyRead(kWaitMs))
        output += m_double->readAllStandardOutput();
    QVERIFY2(output.contains("ready\n"), output.constData());
}

QString TestSystemdDouble::property(const QString &interface, const QString &name)
{
    QDBusInterface object(kService, kUnitPath, interface, QDBusConnection::systemBus());
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

    // A restart request while the limit holds is refused, as systemd does.
    QCOMPARE(callManager(QStringLiteral("RestartUnit"), {QStringLiteral("demo.service"), QStringLiteral("replace")}).type(),
             QDBusMessage::ReplyMessage);
    QCOMPARE(result(), QStringLiteral("start-limit-hit"));
    QCOMPARE(callManager(QStringLiteral("ResetFailedUnit"), {QStringLiteral("demo.service")}).type(),
             QDBusMessage::ReplyMessage);
    QCOMPARE(activeState(), QStringLiteral("inactive"));
}

void TestSystemdDouble::restartUnitAndOperatorStop()
{
    startDouble(QStringLiteral("Restart=always\nRestartSec=10"), QString(), QStringLiteral("exec sleep 600"));
    QTRY_VERIFY_WITH_TIMEOUT(mainPid() != 0, kWaitMs);
    const uint first = mainPid();

    const QDBusMessage reply = callManager(QStringLiteral("RestartUnit"), {QStringLiteral("demo.service"), QStringLiteral("replace")});
    QCOMPARE(reply.type(), QDBusMessage::ReplyMessage);
    QVERIFY(reply.arguments().value(0).value<QDBusObjectPath>().path().startsWith(QLatin1String("/org/freedesktop/systemd1/job/")));
    QTRY_VERIFY_WITH_TIMEOUT(mainPid() != 0 && mainPid() != first, kWaitMs);
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

QTEST_GUILESS_MAIN(TestSystemdDouble)
#include "tst_systemddouble.moc"
