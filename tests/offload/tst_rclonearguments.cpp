// SPDX-License-Identifier: MIT
// The exact rclone argument lists: one argument per value, never a shell line.
#include "rclonearguments.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestRcloneArguments : public QObject
{
    Q_OBJECT
    const QString conf = QStringLiteral("/etc/recorder/rclone.conf");

private slots:
    void target_data()
    {
        QTest::addColumn<QString>("remote");
        QTest::addColumn<QString>("expected");
        QTest::newRow("folder") << "nas:recordings" << "nas:recordings/h/2026/x.mp4";
        QTest::newRow("root") << "nas:" << "nas:h/2026/x.mp4";
        QTest::newRow("trailing slash") << "nas:recordings/" << "nas:recordings/h/2026/x.mp4";
    }
    void target()
    {
        QFETCH(QString, remote);
        QFETCH(QString, expected);
        QCOMPARE(RcloneArguments::target(remote, QStringLiteral("h/2026/x.mp4")), expected);
        QCOMPARE(RcloneArguments::remoteName(remote), QStringLiteral("nas"));
    }

    // The one rclone the uploader runs: loopback only, port chosen by the kernel, no credential on
    // its command line (they go through its environment: /proc/PID/cmdline is world-readable).
    void rcd_data()
    {
        QTest::addColumn<QString>("limit");
        QTest::addColumn<QString>("bwlimit");
        QTest::newRow("limited") << "1M" << "1M";
        QTest::newRow("unset") << "" << "0";
    }
    void rcd()
    {
        QFETCH(QString, limit);
        QFETCH(QString, bwlimit);
        const QStringList arguments = RcloneArguments::rcd(conf, limit);
        QCOMPARE(arguments,
                 QStringList({QStringLiteral("rcd"), QStringLiteral("--config"), conf, QStringLiteral("--rc-addr"),
                              QStringLiteral("127.0.0.1:0"), QStringLiteral("--rc-serve"),
                              QStringLiteral("--rc-server-write-timeout"), QStringLiteral("0"), QStringLiteral("--log-level"),
                              QStringLiteral("NOTICE"), QStringLiteral("--bwlimit"), bwlimit,
                              QStringLiteral("--low-level-retries"), QStringLiteral("2"), QStringLiteral("--contimeout"),
                              QStringLiteral("15s"), QStringLiteral("--timeout"), QStringLiteral("60s"),
                              QStringLiteral("--ignore-times")}));
        for (const QString &argument : arguments)
            QVERIFY2(!argument.contains(QLatin1String("pass"), Qt::CaseInsensitive)
                         && !argument.contains(QLatin1String("user"), Qt::CaseInsensitive),
                     qPrintable(argument));
    }

    // The hash compared without downloading: any type the remote gives that rclone computes locally.
    void comparableHash_data()
    {
        QTest::addColumn<QByteArray>("hashes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("sftp: md5 and sha1") << QByteArray(R"({"md5":"aa","sha1":"bb"})") << "md5";
        QTest::newRow("Backblaze B2: sha1 only") << QByteArray(R"({"sha1":"bb"})") << "sha1";
        QTest::newRow("OneDrive: quickxor") << QByteArray(R"({"quickxor":"cc"})") << "quickxor";
        QTest::newRow("md5 empty, sha256 given") << QByteArray(R"({"md5":"","sha256":"dd"})") << "sha256";
        QTest::newRow("plain WebDAV: none") << QByteArray("{}") << "";
        QTest::newRow("unknown type only") << QByteArray(R"({"xxh128":"ee"})") << "";
    }
    void comparableHash()
    {
        QFETCH(QByteArray, hashes);
        QFETCH(QString, expected);
        QCOMPARE(RcloneArguments::comparableHash(QJsonDocument::fromJson(hashes).object()), expected);
    }

    void redactsUrlPasswords_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("expected");
        QTest::newRow("webdav") << "Failed to copy: Put \"https://anna:s3cret@dav.example.org/r/x.mp4\": EOF"
                                << "Failed to copy: Put \"https://dav.example.org/r/x.mp4\": EOF";
        QTest::newRow("user only, ftp") << "dial ftp://anna@10.0.0.2:21 refused" << "dial ftp://10.0.0.2:21 refused";
        QTest::newRow("two URLs") << "http://a:b@h1/ and sftp://c:d@h2/" << "http://h1/ and sftp://h2/";
        QTest::newRow("no userinfo") << "https://h/x@y" << "https://h/x@y";
        QTest::newRow("mail address, no URL") << "owner anna@example.org" << "owner anna@example.org";
    }
    void redactsUrlPasswords()
    {
        QFETCH(QString, message);
        QFETCH(QString, expected);
        QCOMPARE(RcloneArguments::redacted(message), expected);
    }

    void startUp()
    {
        QCOMPARE(RcloneArguments::listRemotes(conf),
                 QStringList({QStringLiteral("listremotes"), QStringLiteral("--config"), conf}));
    }
};

QTEST_GUILESS_MAIN(TestRcloneArguments)
#include "tst_rclonearguments.moc"
