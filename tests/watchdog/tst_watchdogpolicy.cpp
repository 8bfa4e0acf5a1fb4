// SPDX-License-Identifier: MIT
// Unit tests of WatchdogPolicy with an injected clock: verdicts, grace, stall, escalation, caps, backoff.
#include "heartbeatfixture.h"
#include "heartbeatwriter.h"
#include "watchdogpolicy.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kBoot = QStringLiteral("11111111-2222-3333-4444-555555555555");
const QString kOtherBoot = QStringLiteral("99999999-2222-3333-4444-555555555555");

// The clock the policy sees: CLOCK_BOOTTIME and the wall clock advance together unless a test
// steps the wall clock on its own, as NTP does on a Pi without RTC.
struct TestClock {
    ClockReading now{kBoot, 1000.0, QDateTime(QDate(2026, 11, 26), QTime(10, 0), Qt::UTC)};
    void advance(double seconds)
    {
        now.boottimeSeconds += seconds;
        now.wall = now.wall.addMSecs(static_cast<qint64>(seconds * 1000));
    }
    WatchdogPolicy::Clock clock()
    {
        return [this] { return now; };
    }
};

WatchdogPolicy::Settings settings()
{
    WatchdogPolicy::Settings s; // the seed's defaults
    s.heartbeatTimeout = 30;
    s.heartbeatInterval = 1;
    s.checkInterval = 10;
    s.gracePeriod = 30;
    s.stallTimeout = 20;
    s.restartWindow = 600;
    s.maxRestartAttempts = 3;
    s.maxRebootsPerDay = 2;
    return s;
}

WatchdogPolicy::UnitState unit(const QString &state = QStringLiteral("active"), qint64 pid = 812)
{
    WatchdogPolicy::UnitState u;
    u.known = true;
    u.activeState = state;
    u.mainPid = pid;
    return u;
}

// What systemd shows after the recorder exited with status 78 and RestartPreventExitStatus=78
// kept it down: failed, Result exit-code, ExecMainCode CLD_EXITED, ExecMainStatus 78.
WatchdogPolicy::UnitState configErrorUnit()
{
    WatchdogPolicy::UnitState u = unit(QStringLiteral("failed"), 0);
    u.subState = QStringLiteral("failed");
    u.result = QStringLiteral("exit-code");
    u.execMainCode = WatchdogPolicy::UnitState::kCodeExited;
    u.execMainStatus = 78;
    return u;
}

HeartbeatReader::Result beat(const ClockReading &written, qint64 pid = 812, qint64 frames = 1000,
                             const QString &state = QStringLiteral("recording"), qint64 sequence = 1, double interval = 1)
{
    return HeartbeatFixture::minimal()
        .writtenAt(written)
        .pid(pid)
        .framesCaptured(frames)
        .state(state)
        .sequence(sequence)
        .interval(interval)
        .asRead();
}

HeartbeatReader::Result missing()
{
    HeartbeatReader::Result r;
    r.status = JsonFileReader::Status::Missing;
    r.reason = QStringLiteral("heartbeat.json does not exist");
    return r;
}

// A heartbeat written at `*old` goes stale, the policy restarts the unit and systemd finishes the job.
void restartForStaleHeartbeat(WatchdogPolicy &policy, TestClock &clock, ClockReading *old)
{
    *old = clock.now;
    clock.advance(31);
    QCOMPARE(policy.evaluate(beat(*old), unit()).action, WatchdogPolicy::Action::Restart);
    policy.restartFinished(true, QString());
}

// Runs the policy through one successful restart and back to a fresh heartbeat.
void restartAndRecover(WatchdogPolicy &policy, TestClock &clock, qint64 newPid)
{
    policy.restartFinished(true, QString());
    clock.advance(2);
    const auto d = policy.evaluate(beat(clock.now, newPid), unit(QStringLiteral("active"), newPid));
    QCOMPARE(d.verdict, QStringLiteral("healthy"));
    QVERIFY(d.infoLines.contains(QStringLiteral("Service restarted successfully")));
}

} // namespace

class TestWatchdogPolicy : public QObject
{
    Q_OBJECT
private slots:
    void healthyHeartbeatNeedsNothing();
    void staleHeartbeatRestartsWithTheSeedsLines();
    void gracePeriod_data();
    void gracePeriod();
    void restartWaitsForAFreshHeartbeat();
    void threeFailedRestartsRebootOnce();
    void restartWindowExpires();
    void rebootCapMakesItDegradedWithBackoff();
    void rebootCapCountsOnlyTheLastDay();
    void failedCallsBackOff();
    void failedRebootCountsAgainstTheCap();
    void stall_data();
    void stall();
    void wallClockJumps_data();
    void wallClockJumps();
    void unitState_data();
    void unitState();
    void unitComingBackGetsGrace();
    void quickRestartByOthersGetsGrace();
    void badInput_data();
    void badInput();
    void tooFastWriterIsFlaggedButNotRestarted();
    void configErrorNeitherRestartsNorReboots();
    void configErrorEndsTheWaitAfterARestart();
    void configErrorHoldsUntilTheUnitRunsAgain_data();
    void configErrorHoldsUntilTheUnitRunsAgain();
    void otherExitStatusesAreStillRestarted_data();
    void otherExitStatusesAreStillRestarted();
    void startLimitHitAsksForResetFailedFirst();
    void failedRestartJobsCountAndEscalate();
};

void TestWatchdogPolicy::healthyHeartbeatNeedsNothing()
{
    TestClock clock;
    WatchdogPolicy policy(settings(), {}, clock.clock());
    for (int i = 0; i < 10; ++i) {
        clock.advance(10);
        const auto d = policy.evaluate(beat(clock.now, 812, 1000 + 300 * i, QStringLiteral("recording"), i + 1), unit());
        QCOMPARE(d.action, WatchdogPolicy::Action::None);
        QCOMPARE(d.verdict, QStringLiteral("healthy"));
    }
}

void TestWatchdogPolicy::staleHeartbeatRestartsWithTheSeedsLines()
{
    TestClock clock;
    WatchdogPolicy policy(settings(), {}, clock.clock());
    const ClockReading written = clock.now;
    clock.advance(29.9);
    QCOMPARE(policy.evaluate(beat(written), unit()).action, WatchdogPolicy::Action::None);
    clock.advance(1.3);
    const auto d = policy.evaluate(beat(written), unit());
    QCOMPARE(d.action, WatchdogPolicy::Action::Restart);
    QCOMPARE(d.verdict, QStringLiteral("stale"));
    QCOMPARE(d.warningLines, QStringList{QStringLiteral("Heartbeat stale! Age: 31.2s, Last state: recording")});
    QCOMPARE(d.infoLines, QStringList{QStringLiteral("Restarting service (attempt 1/3)")});
    // While the call is in flight nothing else is decided.
    QCOMPARE(policy.evaluate(beat(written), unit()).action, WatchdogPolicy::Action::None);
    QCOMPARE(policy.history().restarts.size(), 0);
    policy.restartFinished(true, QString());
    QCOMPARE(policy.history().restarts.size(), 1);
    QCOMPARE(policy.restartsInWindow(), 1);
}

void TestWatchdogPolicy::gracePeriod_data()
{
    QTest::addColumn<double>("grace");
    QTest::addColumn<double>("waited");
    QTest::addColumn<bool>("restart");
    QTest::newRow("within the default grace (the timeout)") << 30.0 << 29.0 << false;
    QTest::newRow("past the default grace") << 30.0 << 31.0 << true;
    QTest::newRow("within a longer grace") << 120.0 << 100.0 << false;
    QTest::newRow("past a longer grace") << 120.0 << 121.0 << true;
    QTest::newRow("past a short grace") << 5.0 << 6.0 << true;
}

void TestWatchdogPolicy::gracePeriod()
{
    QFETCH(double, grace);
    QFETCH(double, waited);
    QFETCH(bool, restart);
    TestClock clock;
    WatchdogPolicy::Settings s = settings();
    s.gracePeriod = grace;
    WatchdogPolicy policy(s, {}, clock.clock());
    clock.advance(waited);
    const auto d = policy.evaluate(missing(), unit());
    QCOMPARE(d.verdict, QStringLiteral("missing"));
    QCOMPARE(d.action == WatchdogPolicy::Action::Restart, restart);
}

void TestWatchdogPolicy::restartWaitsForAFreshHeartbeat()
{
    TestClock clock;
    WatchdogPolicy policy(settings(), {}, clock.clock());
    ClockReading old;
    restartForStaleHeartbeat(policy, clock, &old);

    // The old process's file, and no file, are both "waiting" during the grace period.
    clock.advance(5);
    auto d = policy.evaluate(beat(old), unit(QStringLiteral("active"), 900));
    QCOMPARE(d.action, WatchdogPolicy::Action::None);
    QCOMPARE(d.verdict, QStringLiteral("restarting"));
    clock.advance(5);
    QCOMPARE(policy.evaluate(missing(), unit(QStringLiteral("active"), 900)).verdict, QStringLiteral("restarting"));

    clock.advance(1);
    d = policy.evaluate(beat(clock.now, 900), unit(QStringLiteral("active"), 900));
    QCOMPARE(d.verdict, QStringLiteral("healthy"));
    QVERIFY(d.infoLines.contains(QStringLiteral("Service restarted successfully")));
}

void TestWatchdogPolicy::threeFailedRestartsRebootOnce()
{
    TestClock clock;
    WatchdogPolicy policy(settings(), {}, clock.clock());
    const ClockReading old = clock.now;
    clock.advance(31);
    for (int attempt = 1; attempt <= 3; ++attempt) {
        const auto d = policy.evaluate(beat(old), unit());
        QCOMPARE(d.action, WatchdogPolicy::Action::Restart);
        QCOMPARE(d.attempt, attempt);
        QVERIFY(d.infoLines.contains(QStringLiteral("Restarting service (attempt %1/3)").arg(attempt)));
        policy.restartFinished(true, QString());
        clock.advance(10);
        QCOMPARE(policy.evaluate(missing(), unit()).action, WatchdogPolicy::Action::None);
        clock.advance(21); // past the grace period with no fresh heartbeat
    }
    const auto d = policy.evaluate(missing(), unit());
    QCOMPARE(d.action, WatchdogPolicy::Action::Reboot);
    QVERIFY(d.warningLines.contains(QStringLiteral("Service restart failed 3 times. Triggering system reboot...")));
    QCOMPARE(policy.history().reboots.size(), 1); // recorded before the call, so it survives the reboot
    policy.rebootFinished(true, QString());
    for (int i = 0; i < 30; ++i) {
        clock.advance(10);
        QCOMPARE(policy.evaluate(missing(), unit()).action, WatchdogPolicy::Action::None);
    }
    QCOMPARE(policy.history().restartsTotal, 3);
    QCOMPARE(policy.history().rebootsTotal, 1);
}

void TestWatchdogPolicy::restartWindowExpires()
{
    TestClock clock;
    WatchdogPolicy policy(settings(), {}, clock.clock());
    for (int i = 0; i < 2; ++i) {
        const ClockReading written = clock.now;
        clock.advance(31);
        QCOMPARE(policy.evaluate(beat(written, 812 + i), unit(QStringLiteral("active"), 812 + i)).attempt, i + 1);
        restartAndRecover(policy, clock, 813 + i);
    }
    QCOMPARE(policy.restartsInWindow(), 2);
    clock.advance(600);
    QCOMPARE(policy.restartsInWindow(), 0);
    const ClockReading written = clock.now;
    clock.advance(31);
    const auto d = policy.evaluate(beat(written, 814), unit(QStringLiteral("active"), 814));
    QCOMPARE(d.action, WatchdogPolicy::Action::Restart);
    QCOMPARE(d.attempt, 1);
}

void TestWatchdogPolicy::rebootCapMakesItDegradedWithBackoff()
{
    TestClock clock;
    RecoveryHistory history;
    ClockReading earlier = clock.now;
    earlier.bootId = kOtherBoot;
    earlier.wall = clock.now.wall.addSecs(-3600);
    history.addReboot(earlier, QStringLiteral("first"));
    earlier.wall = clock.now.wall.addSecs(-1800);
    history.addReboot(earlier, QStringLiteral("second"));
    WatchdogPolicy policy(settings(), history, clock.clock());
    QCOMPARE(policy.rebootsLast24h(), 2);

    clock.advance(31); // past the start-up grace with no heartbeat at all
    for (int attempt = 1; attempt <= 3; ++attempt) {
        QCOMPARE(policy.evaluate(missing(), unit()).action, WatchdogPolicy::Action::Restart);
        policy.restartFinished(true, QString());
        clock.advance(31);
    }
    // Level 3 is refused: degraded, restarts with a backoff doubling from the grace period to 10 min.
    auto d = policy.evaluate(missing(), unit());
    QCOMPARE(d.action, WatchdogPolicy::Action::None);
    QVERIFY(policy.degraded());
    QVERIFY(d.warningLines.join(QLatin1Char('\n')).contains(QStringLiteral("Reboot cap reached")));
    const QList<double> expected{30, 60, 120, 240, 480, 600, 600};
    for (double delay : expected) {
        clock.advance(delay - 1);
        QCOMPARE(policy.evaluate(missing(), unit()).action, WatchdogPolicy::Action::None);
        clock.advance(1);
        d = policy.evaluate(missing(), unit());
        QCOMPARE(d.action, WatchdogPolicy::Action::Restart);
        policy.restartFinished(true, QString());
        clock.advance(31); // the restarted unit again brings no heartbeat within the grace period
        QCOMPARE(policy.evaluate(missing(), unit()).action, WatchdogPolicy::Action::None);
    }
    QCOMPARE(policy.history().rebootsTotal, 2);
    QVERIFY(policy.degraded());

    // A fresh heartbeat ends degraded mode.
    policy.evaluate(missing(), unit());
    clock.advance(600);
    policy.evaluate(missing(), unit());
    policy.restartFinished(true, QString());
    clock.advance(1);
    d = policy.evaluate(beat(clock.now), unit());
    QCOMPARE(d.verdict, QStringLiteral("healthy"));
    QVERIFY(!policy.degraded());
}

void TestWatchdogPolicy::rebootCapCountsOnlyTheLastDay()
{
    TestClock clock;
    RecoveryHistory history;
    ClockReading earlier = clock.now;
    earlier.bootId = kOtherBoot;
    earlier.wall = clock.now.wall.addSecs(-25 * 3600);
    history.addReboot(earlier, QStringLiteral("yesterday"));
    history.addReboot(earlier, QStringLiteral("yesterday again"));
    WatchdogPolicy policy(settings(), history, clock.clock());
    QCOMPARE(policy.rebootsLast24h(), 0);
    clock.advance(31);
    for (int attempt = 1; attempt <= 3; ++attempt) {
        QCOMPARE(policy.evaluate(missing(), unit()).action, WatchdogPolicy::Action::Restart);
        policy.restartFinished(true, QString());
        clock.advance(31);
    }
    QCOMPARE(policy.evaluate(missing(), unit()).action, WatchdogPolicy::Action::Reboot);
}

void TestWatchdogPolicy::failedCallsBackOff()
{
    TestClock clock;
    WatchdogPolicy policy(settings(), {}, clock.clock());
    clock.advance(31);
    const QList<double> expected{10, 20, 40, 80, 160, 320, 600, 600};
    for (double delay : expected) {
        QCOMPARE(policy.evaluate(missing(), unit()).action, WatchdogPolicy::Action::Restart);
        QCOMPARE(policy.restartFinished(false, QStringLiteral("org.freedesktop.DBus.Error.AccessDenied: no")), delay);
        clock.advance(delay - 0.5);
        QCOMPARE(policy.evaluate(missing(), unit()).action, WatchdogPolicy::Action::None);
        clock.advance(0.5);
    }
    QCOMPARE(policy.history().restartsTotal, 0); // a refused call restarted nothing
    QCOMPARE(policy.evaluate(missing(), unit()).attempt, 1);
}

void TestWatchdogPolicy::failedRebootCountsAgainstTheCap()
{
    TestClock clock;
    WatchdogPolicy::Settings s = settings();
    s.maxRebootsPerDay = 1;
    WatchdogPolicy policy(s, {}, clock.clock());
    clock.advance(31);
    for (int attempt = 1; attempt <= 3; ++attempt) {
        QCOMPARE(policy.evaluate(missing(), unit()).action, WatchdogPolicy::Action::Restart);
        policy.restartFinished(true, QString());
        clock.advance(31);
    }
    QCOMPARE(policy.evaluate(missing(), unit()).action, WatchdogPolicy::Action::Reboot);
    QCOMPARE(policy.rebootFinished(false, QStringLiteral("org.freedesktop.DBus.Error.AccessDenied: no")), 10.0);
    // The machine is still up: level 2 starts afresh, and level 3 is now capped.
    clock.advance(10);
    for (int attempt = 1; attempt <= 3; ++attempt) {
        const auto d = policy.evaluate(missing(), unit());
        QCOMPARE(d.action, WatchdogPolicy::Action::Restart);
        QCOMPARE(d.attempt, attempt);
        policy.restartFinished(true, QString());
        clock.advance(31);
    }
    QCOMPARE(policy.evaluate(missing(), unit()).action, WatchdogPolicy::Action::None);
    QVERIFY(policy.degraded());
}

void TestWatchdogPolicy::stall_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("framesPerCheck");
    QTest::addColumn<QString>("verdict");
    QTest::newRow("recording, frames stuck") << QStringLiteral("recording") << 0 << QStringLiteral("stalled");
    QTest::newRow("recording, frames advancing") << QStringLiteral("recording") << 300 << QStringLiteral("healthy");
    QTest::newRow("ready, frames stuck") << QStringLiteral("ready") << 0 << QStringLiteral("healthy");
    QTest::newRow("processing, frames stuck") << QStringLiteral("processing") << 0 << QStringLiteral("healthy");
}

void TestWatchdogPolicy::stall()
{
    QFETCH(QString, state);
    QFETCH(int, framesPerCheck);
    QFETCH(QString, verdict);
    TestClock clock;
    WatchdogPolicy policy(settings(), {}, clock.clock());
    WatchdogPolicy::Decision d;
    qint64 frames = 1000;
    // Fresh heartbeats every 10 s; only frames_captured tells a stall.
    for (int i = 0; i < 3; ++i) {
        d = policy.evaluate(beat(clock.now, 812, frames, state, i + 1), unit());
        QCOMPARE(d.action, WatchdogPolicy::Action::None);
        frames += framesPerCheck;
        clock.advance(10);
    }
    clock.advance(0.5);
    d = policy.evaluate(beat(clock.now, 812, frames, state, 4), unit());
    QCOMPARE(d.verdict, verdict);
    QCOMPARE(d.action == WatchdogPolicy::Action::Restart, verdict == QLatin1String("stalled"));
    if (verdict == QLatin1String("stalled"))
        QVERIFY2(d.warningLines.value(0).startsWith(QStringLiteral("Heartbeat stalled! Frames stuck at 1000")),
                 qPrintable(d.warningLines.value(0)));
}

void TestWatchdogPolicy::wallClockJumps_data()
{
    QTest::addColumn<int>("jumpDays");
    QTest::newRow("NTP steps forward a day") << 1;
    QTest::newRow("NTP steps back a day") << -1;
}

void TestWatchdogPolicy::wallClockJumps()
{
    QFETCH(int, jumpDays);
    TestClock clock;
    RecoveryHistory history;
    history.addRestart(clock.now, QStringLiteral("earlier today"));
    WatchdogPolicy policy(settings(), history, clock.clock());
    qint64 frames = 1000;
    for (int i = 0; i < 20; ++i) {
        const ClockReading written = clock.now;
        clock.advance(1);
        if (i == 10)
            clock.now.wall = clock.now.wall.addDays(jumpDays);
        frames += 30;
        const auto d = policy.evaluate(beat(written, 812, frames, QStringLiteral("recording"), i + 1), unit());
        QCOMPARE(d.action, WatchdogPolicy::Action::None);
        QCOMPARE(d.verdict, QStringLiteral("healthy"));
    }
    // The window is measured on CLOCK_BOOTTIME too: the earlier restart still counts.
    QCOMPARE(policy.restartsInWindow(), 1);
}

void TestWatchdogPolicy::unitState_data()
{
    QTest::addColumn<QString>("activeState");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<bool>("restart");
    QTest::newRow("no such unit") << QStringLiteral("not-found") << QStringLiteral("unit_not_found") << false;
    QTest::newRow("stopped by the operator") << QStringLiteral("inactive") << QStringLiteral("operator_stopped") << false;
    QTest::newRow("failed") << QStringLiteral("failed") << QStringLiteral("missing") << true;
    QTest::newRow("active") << QStringLiteral("active") << QStringLiteral("missing") << true;
    QTest::newRow("systemd is starting it") << QStringLiteral("activating") << QStringLiteral("unit_busy") << false;
    QTest::newRow("systemd is stopping it") << QStringLiteral("deactivating") << QStringLiteral("unit_busy") << false;
}

void TestWatchdogPolicy::unitState()
{
    QFETCH(QString, activeState);
    QFETCH(QString, verdict);
    QFETCH(bool, restart);
    TestClock clock;
    WatchdogPolicy policy(settings(), {}, clock.clock());
    clock.advance(31);
    WatchdogPolicy::UnitState state = unit(activeState, 0);
    if (activeState == QLatin1String("not-found")) {
        // What systemd answers for a name it has no unit file for.
        state.activeState = QStringLiteral("inactive");
        state.loadState = QStringLiteral("not-found");
    }
    const auto d = policy.evaluate(missing(), state);
    QCOMPARE(d.verdict, verdict);
    QCOMPARE(d.action == WatchdogPolicy::Action::Restart, restart);
    if (!restart) {
        QCOMPARE(d.infoLines.size(), 1); // one line says why, once
        clock.advance(10);
        const auto again = policy.evaluate(missing(), state);
        QCOMPARE(again.action, WatchdogPolicy::Action::None);
        QVERIFY(again.infoLines.isEmpty());
    }
}

void TestWatchdogPolicy::unitComingBackGetsGrace()
{
    TestClock clock;
    WatchdogPolicy policy(settings(), {}, clock.clock());
    clock.advance(100);
    QCOMPARE(policy.evaluate(missing(), unit(QStringLiteral("inactive"), 0)).verdict, QStringLiteral("operator_stopped"));
    clock.advance(10);
    // The operator starts it again: its new process gets the grace period.
    QCOMPARE(policy.evaluate(missing(), unit(QStringLiteral("active"), 950)).action, WatchdogPolicy::Action::None);
    clock.advance(31);
    QCOMPARE(policy.evaluate(missing(), unit(QStringLiteral("active"), 950)).action, WatchdogPolicy::Action::Restart);
}

void TestWatchdogPolicy::quickRestartByOthersGetsGrace()
{
    TestClock clock;
    WatchdogPolicy policy(settings(), {}, clock.clock());
    clock.advance(100);
    QCOMPARE(policy.evaluate(beat(clock.now, 812), unit(QStringLiteral("active"), 812)).verdict, QStringLiteral("healthy"));
    // `systemctl restart` between two checks: still active, but a new MainPID, and the file is
    // still the old process's.
    const ClockReading old = clock.now;
    clock.advance(10);
    auto d = policy.evaluate(beat(old, 812), unit(QStringLiteral("active"), 950));
    QCOMPARE(d.verdict, QStringLiteral("foreign_pid"));
    QCOMPARE(d.action, WatchdogPolicy::Action::None);
    clock.advance(1);
    d = policy.evaluate(beat(clock.now, 950), unit(QStringLiteral("active"), 950));
    QCOMPARE(d.verdict, QStringLiteral("healthy"));
}

void TestWatchdogPolicy::badInput_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("reasonHas");
    QTest::newRow("huge") << QStringLiteral("huge") << QStringLiteral("invalid") << QStringLiteral("too_large");
    QTest::newRow("binary") << QStringLiteral("binary") << QStringLiteral("invalid") << QStringLiteral("invalid_json");
    QTest::newRow("symlink") << QStringLiteral("symlink") << QStringLiteral("invalid") << QStringLiteral("symlink");
    QTest::newRow("group-writable") << QStringLiteral("writable") << QStringLiteral("invalid")
                                    << QStringLiteral("insecure_permissions");
    QTest::newRow("from the future") << QStringLiteral("future") << QStringLiteral("future") << QStringLiteral("future");
    QTest::newRow("from another boot") << QStringLiteral("otherboot") << QStringLiteral("other_boot")
                                       << QStringLiteral("another boot");
    QTest::newRow("pid is not the MainPID") << QStringLiteral("foreignpid") << QStringLiteral("foreign_pid")
                                            << QStringLiteral("MainPID is 812");
}

void TestWatchdogPolicy::badInput()
{
    QFETCH(QString, input);
    QFETCH(QString, verdict);
    QFETCH(QString, reasonHas);
    TestClock clock;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("heartbeat.json"));
    HeartbeatReader::Result hb;
    if (input == QLatin1String("huge") || input == QLatin1String("binary") || input == QLatin1String("writable")) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        if (input == QLatin1String("huge"))
            file.write(QByteArray(10 * 1024 * 1024, ' '));
        else if (input == QLatin1String("binary"))
            file.write(QByteArray("\x7f" "ELF\x02\x01\x01\0\0\0\xff\xfe", 14));
        else
            file.write("{}");
        file.close();
        if (input == QLatin1String("writable"))
            QVERIFY(file.setPermissions(file.permissions() | QFileDevice::WriteGroup));
        hb = HeartbeatReader::read(path);
    } else if (input == QLatin1String("symlink")) {
        HeartbeatWriter writer(dir.filePath(QStringLiteral("elsewhere.json")), 1);
        QVERIFY(writer.write(Heartbeat()).isEmpty());
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("elsewhere.json")), path));
        hb = HeartbeatReader::read(path);
    } else if (input == QLatin1String("future")) {
        ClockReading ahead = clock.now;
        ahead.boottimeSeconds += 3600;
        hb = beat(ahead);
    } else if (input == QLatin1String("otherboot")) {
        ClockReading before = clock.now;
        before.bootId = kOtherBoot;
        before.boottimeSeconds = 99999;
        hb = beat(before);
    } else {
        hb = beat(clock.now, 4242);
    }

    WatchdogPolicy policy(settings(), {}, clock.clock());
    clock.advance(1);
    auto d = policy.evaluate(hb, unit());
    QCOMPARE(d.verdict, verdict);
    QVERIFY2(d.reason.contains(reasonHas), qPrintable(d.reason));
    QCOMPARE(d.action, WatchdogPolicy::Action::None); // untrusted counts as stale only after the grace period
    clock.advance(30);
    d = policy.evaluate(hb, unit());
    QCOMPARE(d.action, WatchdogPolicy::Action::Restart);
    QVERIFY(d.warningLines.value(0).startsWith(QStringLiteral("Heartbeat %1!").arg(verdict)));
}

void TestWatchdogPolicy::tooFastWriterIsFlaggedButNotRestarted()
{
    TestClock clock;
    WatchdogPolicy policy(settings(), {}, clock.clock());
    qint64 sequence = 1;
    qint64 frames = 1000;
    WatchdogPolicy::Decision d;
    // Announces a 1 s interval but rewrites the file 200 times a second.
    for (int i = 0; i < 30; ++i) {
        d = policy.evaluate(beat(clock.now, 812, frames, QStringLiteral("recording"), sequence), unit());
        QCOMPARE(d.action, WatchdogPolicy::Action::None);
        clock.advance(1);
        sequence += 200;
        frames += 30;
    }
    QCOMPARE(d.verdict, QStringLiteral("too_fast"));
    QVERIFY2(d.reason.contains(QStringLiteral("far faster than its interval")), qPrintable(d.reason));

    // At its announced pace it is healthy again.
    for (int i = 0; i < 30; ++i) {
        d = policy.evaluate(beat(clock.now, 812, frames, QStringLiteral("recording"), sequence), unit());
        clock.advance(1);
        sequence += 1;
        frames += 30;
    }
    QCOMPARE(d.verdict, QStringLiteral("healthy"));
}

void TestWatchdogPolicy::configErrorNeitherRestartsNorReboots()
{
    TestClock clock;
    WatchdogPolicy policy(settings(), {}, clock.clock());
    const ClockReading written = clock.now;
    clock.advance(5);
    // Named at once, even while the dead process's heartbeat still looks fresh and before any grace.
    auto d = policy.evaluate(beat(written, 812), configErrorUnit());
    QCOMPARE(d.action, WatchdogPolicy::Action::None);
    QCOMPARE(d.verdict, QStringLiteral("config_error"));
    QVERIFY2(d.reason.startsWith(QLatin1String("recorder configuration error: see journal")), qPrintable(d.reason));
    QVERIFY(policy.configError());
    QCOMPARE(d.warningLines.size(), 1); // one line when it starts
    QVERIFY2(d.warningLines.constFirst().contains(QLatin1String("status 78")), qPrintable(d.warningLines.constFirst()));

    // A whole day of checks with a stale, then missing heartbeat: no restart, no reboot, no new line.
    for (int i = 0; i < 8640; ++i) {
        clock.advance(10);
        d = policy.evaluate(i < 100 ? beat(written, 812) : missing(), configErrorUnit());
        QCOMPARE(d.action, WatchdogPolicy::Action::None);
        QCOMPARE(d.verdict, QStringLiteral("config_error"));
        QVERIFY(d.warningLines.isEmpty() && d.infoLines.isEmpty());
    }
    QCOMPARE(policy.history().restartsTotal, 0);
    QCOMPARE(policy.history().rebootsTotal, 0);
    QVERIFY(!policy.degraded());

    // Unknown unit state (a bus hiccup) does not end it.
    clock.advance(10);
    QCOMPARE(policy.evaluate(missing(), WatchdogPolicy::UnitState()).verdict, QStringLiteral("config_error"));

    // The operator fixes the file and starts the unit: the state ends as soon as systemd runs it.
    clock.advance(10);
    d = policy.evaluate(missing(), unit(QStringLiteral("activating"), 900));
    QVERIFY(!policy.configError());
    QCOMPARE(d.action, WatchdogPolicy::Action::None);
    QVERIFY(d.infoLines.join(QLatin1Char('\n')).contains(QLatin1String("leaving the configuration error state")));
    clock.advance(2);
    d = policy.evaluate(beat(clock.now, 900), unit(QStringLiteral("active"), 900));
    QCOMPARE(d.verdict, QStringLiteral("healthy"));
    QCOMPARE(d.action, WatchdogPolicy::Action::None);
}

void TestWatchdogPolicy::configErrorEndsTheWaitAfterARestart()
{
    TestClock clock;
    WatchdogPolicy policy(settings(), {}, clock.clock());
    ClockReading old;
    restartForStaleHeartbeat(policy, clock, &old);
    // The restarted recorder read a configuration edited meanwhile and exited 78.
    for (int i = 0; i < 100; ++i) {
        clock.advance(10);
        const auto d = policy.evaluate(missing(), configErrorUnit());
        QCOMPARE(d.action, WatchdogPolicy::Action::None);
        QCOMPARE(d.verdict, QStringLiteral("config_error"));
    }
    QCOMPARE(policy.history().restartsTotal, 1);
    QCOMPARE(policy.history().rebootsTotal, 0);
}

void TestWatchdogPolicy::configErrorHoldsUntilTheUnitRunsAgain_data()
{
    QTest::addColumn<QString>("activeState");
    QTest::addColumn<int>("status"); // ExecMainStatus of the state that ends it
    QTest::addColumn<bool>("restart"); // restarted once the grace period is over
    QTest::newRow("activating") << QStringLiteral("activating") << 78 << false;
    QTest::newRow("active") << QStringLiteral("active") << 0 << false;
    QTest::newRow("reloading") << QStringLiteral("reloading") << 0 << false;
    // Started between two checks and failed for another reason: judged like any other failure.
    QTest::newRow("failed again with exit 1") << QStringLiteral("failed") << 1 << true;
}

void TestWatchdogPolicy::configErrorHoldsUntilTheUnitRunsAgain()
{
    QFETCH(QString, activeState);
    QFETCH(int, status);
    QFETCH(bool, restart);
    TestClock clock;
    WatchdogPolicy policy(settings(), {}, clock.clock());
    clock.advance(31);
    QCOMPARE(policy.evaluate(missing(), configErrorUnit()).verdict, QStringLiteral("config_error"));

    // `systemctl reset-failed`: inactive/dead, Result success, the last exit status still 78. The
    // file is not fixed yet, so a restart would only fail again and count an attempt.
    WatchdogPolicy::UnitState resetFailed = configErrorUnit();
    resetFailed.activeState = QStringLiteral("inactive");
    resetFailed.subState = QStringLiteral("dead");
    resetFailed.result = QStringLiteral("success");
    WatchdogPolicy::UnitState stopping = resetFailed;
    stopping.activeState = QStringLiteral("deactivating");
    for (int i = 0; i < 100; ++i) {
        clock.advance(10);
        const auto d = policy.evaluate(missing(), i % 10 == 0 ? stopping : resetFailed);
        QCOMPARE(d.action, WatchdogPolicy::Action::None);
        QCOMPARE(d.verdict, QStringLiteral("config_error"));
        QVERIFY(d.warningLines.isEmpty() && d.infoLines.isEmpty());
    }
    QVERIFY(policy.configError());
    QCOMPARE(policy.history().restartsTotal, 0);

    clock.advance(10);
    WatchdogPolicy::UnitState running = unit(activeState, activeState == QLatin1String("failed") ? 0 : 900);
    running.result = restart ? QStringLiteral("exit-code") : QStringLiteral("success");
    running.execMainCode = WatchdogPolicy::UnitState::kCodeExited;
    running.execMainStatus = status;
    const auto d = policy.evaluate(missing(), running);
    QVERIFY(!policy.configError());
    QVERIFY2(d.infoLines.join(QLatin1Char('\n')).contains(QLatin1String("leaving the configuration error state")),
             qPrintable(d.infoLines.join(QLatin1Char('|'))));
    QCOMPARE(d.action, WatchdogPolicy::Action::None); // the new process gets the grace period
    if (restart) {
        clock.advance(31);
        QCOMPARE(policy.evaluate(missing(), running).action, WatchdogPolicy::Action::Restart);
    }
}

void TestWatchdogPolicy::otherExitStatusesAreStillRestarted_data()
{
    QTest::addColumn<QString>("result");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("status");
    QTest::newRow("exit 1") << QStringLiteral("exit-code") << int(WatchdogPolicy::UnitState::kCodeExited) << 1;
    QTest::newRow("killed by signal 78 (not an exit status)") << QStringLiteral("signal") << 2 << 78;
    QTest::newRow("watchdog abort") << QStringLiteral("watchdog") << 3 << 6;
}

void TestWatchdogPolicy::otherExitStatusesAreStillRestarted()
{
    QFETCH(QString, result);
    QFETCH(int, code);
    QFETCH(int, status);
    TestClock clock;
    WatchdogPolicy policy(settings(), {}, clock.clock());
    clock.advance(31);
    WatchdogPolicy::UnitState state = configErrorUnit();
    state.result = result;
    state.execMainCode = code;
    state.execMainStatus = status;
    const auto d = policy.evaluate(missing(), state);
    QCOMPARE(d.action, WatchdogPolicy::Action::Restart);
    QVERIFY(!d.resetFailedFirst);
    QVERIFY(!policy.configError());
}

void TestWatchdogPolicy::startLimitHitAsksForResetFailedFirst()
{
    TestClock clock;
    WatchdogPolicy policy(settings(), {}, clock.clock());
    clock.advance(31);
    WatchdogPolicy::UnitState state = unit(QStringLiteral("failed"), 0);
    state.result = QStringLiteral("start-limit-hit");
    const auto d = policy.evaluate(missing(), state);
    QCOMPARE(d.action, WatchdogPolicy::Action::Restart);
    QVERIFY(d.resetFailedFirst);
    QVERIFY2(d.infoLines.join(QLatin1Char('\n')).contains(QLatin1String("start limit")), qPrintable(d.infoLines.join(QLatin1Char('|'))));
}

void TestWatchdogPolicy::failedRestartJobsCountAndEscalate()
{
    TestClock clock;
    WatchdogPolicy policy(settings(), {}, clock.clock());
    const ClockReading old = clock.now;
    clock.advance(31);
    WatchdogPolicy::UnitState state = unit(QStringLiteral("failed"), 0);
    state.result = QStringLiteral("exit-code");
    state.execMainCode = WatchdogPolicy::UnitState::kCodeExited;
    state.execMainStatus = 1;
    for (int attempt = 1; attempt <= 3; ++attempt) {
        const auto d = policy.evaluate(beat(old), state);
        QCOMPARE(d.action, WatchdogPolicy::Action::Restart);
        QCOMPARE(d.attempt, attempt);
        QCOMPARE(d.resetFailedFirst, attempt > 1);
        // While the job runs, nothing else is decided.
        clock.advance(10);
        QCOMPARE(policy.evaluate(beat(old), state).verdict, QStringLiteral("restarting"));
        // The job ends "failed": systemd gave up after its start limit.
        policy.restartJobFailed(QStringLiteral("failed"));
        QCOMPARE(policy.restartsInWindow(), attempt);
        state.result = QStringLiteral("start-limit-hit");
        clock.advance(10);
    }
    const auto d = policy.evaluate(beat(old), state);
    QCOMPARE(d.action, WatchdogPolicy::Action::Reboot);
    QCOMPARE(policy.history().rebootsTotal, 1);
}

QTEST_GUILESS_MAIN(TestWatchdogPolicy)
#include "tst_watchdogpolicy.moc"
