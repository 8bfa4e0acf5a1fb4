// SPDX-License-Identifier: MIT
// A fresh heartbeat written by another user (here `nobody`) is never `healthy`: the watchdog names it
// `invalid` (`untrusted_owner`) and, after the grace period, restarts as for a stale one.
#include "heartbeatfixture.h"
#include "heartbeatwriter.h"
#include "serviceaccounts.h"
#include "watchdogpolicy.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <pwd.h>
#include <unistd.h>

class TestUntrustedHeartbeat : public QObject
{
    Q_OBJECT

private slots:
    void foreignOwnerIsNotHealthy()
    {
        const struct passwd *nobody = ::getpwnam("nobody");
        if (::geteuid() != 0 || !nobody)
            QSKIP("needs root and a user nobody to give the heartbeat away");
        const struct passwd *recorder = ::getpwnam(ServiceAccounts::kRecorder);
        if (recorder && recorder->pw_uid == nobody->pw_uid)
            QSKIP("nobody is the recorder's user here");

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("heartbeat.json"));
        HeartbeatWriter writer(path, 1.0);
        Heartbeat fresh = HeartbeatFixture::minimal().framesCaptured(1000).asRead().heartbeat;
        writer.stamp(fresh);
        QCOMPARE(writer.writeStamped(fresh), QString());

        ClockReading now = fresh.written;
        WatchdogPolicy policy(WatchdogPolicy::Settings(), {}, [&now] { return now; });
        WatchdogPolicy::UnitState unit;
        unit.known = true;
        unit.activeState = QStringLiteral("active");
        unit.mainPid = fresh.pid;
        // The same document, owned by us (root): healthy.
        const WatchdogPolicy::Decision own = policy.evaluate(HeartbeatReader::read(path), unit);
        QVERIFY2(own.verdict == QLatin1String("healthy"), qPrintable(own.reason));

        QVERIFY(::chown(QFile::encodeName(path).constData(), nobody->pw_uid, static_cast<gid_t>(-1)) == 0);
        now.boottimeSeconds += 1;
        WatchdogPolicy::Decision d = policy.evaluate(HeartbeatReader::read(path), unit);
        QCOMPARE(d.verdict, QStringLiteral("invalid"));
        QVERIFY2(d.reason.contains(QStringLiteral("untrusted_owner")) && d.reason.contains(path), qPrintable(d.reason));
        QCOMPARE(d.action, WatchdogPolicy::Action::None); // within the grace period

        now.boottimeSeconds += WatchdogPolicy::Settings().gracePeriod + 1;
        d = policy.evaluate(HeartbeatReader::read(path), unit);
        QCOMPARE(d.action, WatchdogPolicy::Action::Restart);
        QCOMPARE(d.warningLines.size(), 1);
        QVERIFY2(d.warningLines.first().contains(QStringLiteral("untrusted_owner")), qPrintable(d.warningLines.first()));
    }
};

QTEST_GUILESS_MAIN(TestUntrustedHeartbeat)
#include "tst_untrustedheartbeat.moc"
