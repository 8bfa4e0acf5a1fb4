// SPDX-License-Identifier: MIT
// Tests that the readers of the heartbeat, the watchdog status (and, through TrustedOwners, the
// preview) refuse a file owned by a user other than its writer, root or the reader itself.
#include "heartbeatreader.h"
#include "heartbeatwriter.h"
#include "serviceaccounts.h"
#include "trustedowners.h"
#include "watchdogstatus.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <pwd.h>
#include <unistd.h>

namespace {

uid_t nobodyUid()
{
    const struct passwd *nobody = ::getpwnam("nobody");
    return nobody ? nobody->pw_uid : 65534;
}

} // namespace

class TestTrustedOwners : public QObject
{
    Q_OBJECT

private slots:
    void acceptsWriterRootAndSelfOnly()
    {
        const TrustedOwners owners = TrustedOwners::writtenBy("no-such-user-for-this-test");
        QVERIFY(owners.accepts(0));
        QVERIFY(owners.accepts(::geteuid()));
        if (::geteuid() != nobodyUid())
            QVERIFY(!owners.accepts(nobodyUid()));
        // An absent writer accepts nobody in its name: uid 0 is root's, not a stand-in.
        QVERIFY(owners.describe().contains(QStringLiteral("no such user")));
        const QString refusal = owners.refusal(QStringLiteral("/run/recorder/heartbeat.json"), nobodyUid());
        QVERIFY2(refusal.contains(QStringLiteral("/run/recorder/heartbeat.json")) && refusal.contains(QStringLiteral("nobody"))
                     && !refusal.contains(QLatin1Char('\n')),
                 qPrintable(refusal));
    }

    void ownFilesAreRead()
    {
        QTemporaryDir dir;
        const QString heartbeat = dir.filePath(QStringLiteral("heartbeat.json"));
        QCOMPARE(HeartbeatWriter(heartbeat, 1.0).write(Heartbeat()), QString());
        QCOMPARE(HeartbeatReader::read(heartbeat).status, JsonFileReader::Status::Ok);
        const QString status = dir.filePath(QStringLiteral("watchdog.json"));
        QCOMPARE(WatchdogStatus().write(status), QString());
        QCOMPARE(WatchdogStatus::read(status).status, JsonFileReader::Status::Ok);
    }

    void filesOfAnotherUserAreUntrusted_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("heartbeat") << "heartbeat";
        QTest::newRow("watchdog status") << "status";
    }

    void filesOfAnotherUserAreUntrusted()
    {
        QFETCH(QString, kind);
        if (::geteuid() != 0)
            QSKIP("needs root to give a file to nobody");
        if (::getpwnam(ServiceAccounts::kRecorder) && ::getpwnam(ServiceAccounts::kRecorder)->pw_uid == nobodyUid())
            QSKIP("nobody is the recorder's user here");
        QTemporaryDir dir;
        const QString path = dir.filePath(kind + QStringLiteral(".json"));
        const bool heartbeat = kind == QLatin1String("heartbeat");
        QCOMPARE(heartbeat ? HeartbeatWriter(path, 1.0).write(Heartbeat()) : WatchdogStatus().write(path), QString());
        QVERIFY(::chown(QFile::encodeName(path).constData(), nobodyUid(), static_cast<gid_t>(-1)) == 0);

        const JsonFileReader::Status status = heartbeat ? HeartbeatReader::read(path).status : WatchdogStatus::read(path).status;
        const QString reason = heartbeat ? HeartbeatReader::read(path).reason : WatchdogStatus::read(path).reason;
        QCOMPARE(JsonFileReader::statusName(status), QStringLiteral("untrusted_owner"));
        const char *writer = heartbeat ? ServiceAccounts::kRecorder : ServiceAccounts::kWatchdog;
        QVERIFY2(reason.contains(path) && reason.contains(QLatin1String(writer)), qPrintable(reason));
    }
};

QTEST_GUILESS_MAIN(TestTrustedOwners)
#include "tst_trustedowners.moc"
