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
    QStringList network() const
    {
        return {QStringLiteral("--config"), conf, QStringLiteral("--retries"), QStringLiteral("1"),
                QStringLiteral("--low-level-retries"), QStringLiteral("2"), QStringLiteral("--contimeout"),
                QStringLiteral("15s"), QStringLiteral("--timeout"), QStringLiteral("60s")};
    }

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

    void copyTo()
    {
        // A name with spaces and a semicolon stays one argument.
        const QString local = QStringLiteral("/var/lib/recorder/recordings/a b;c.mp4");
        QCOMPARE(RcloneArguments::copyTo(local, QStringLiteral("nas:r/a b;c.mp4"), conf, QStringLiteral("1M")),
                 QStringList({QStringLiteral("copyto")}) + network()
                     + QStringList({QStringLiteral("--bwlimit"), QStringLiteral("1M"), QStringLiteral("--ignore-times"),
                                    QStringLiteral("--"), local, QStringLiteral("nas:r/a b;c.mp4")}));
        // A path that starts with "-" comes after "--": rclone cannot take it for a flag.
        const QStringList dashed = RcloneArguments::copyTo(QStringLiteral("-x.mp4"), QStringLiteral("nas:r/-x.mp4"), conf,
                                                           QStringLiteral("0"));
        QCOMPARE(dashed.indexOf(QStringLiteral("--")), dashed.size() - 3);
    }

    void verification()
    {
        QCOMPARE(RcloneArguments::stat(QStringLiteral("nas:r/x.mp4"), conf),
                 QStringList({QStringLiteral("lsjson"), QStringLiteral("--stat"), QStringLiteral("--hash"),
                              QStringLiteral("--no-mimetype")})
                     + network() + QStringList({QStringLiteral("--"), QStringLiteral("nas:r/x.mp4")}));
        QCOMPARE(RcloneArguments::hash(QStringLiteral("md5"), QStringLiteral("nas:r/x.mp4"), conf, true),
                 QStringList({QStringLiteral("hashsum"), QStringLiteral("md5")}) + network()
                     + QStringList({QStringLiteral("--download"), QStringLiteral("--"), QStringLiteral("nas:r/x.mp4")}));
        QCOMPARE(RcloneArguments::hash(QStringLiteral("sha1"), QStringLiteral("/r/x.mp4"), conf, false),
                 QStringList({QStringLiteral("hashsum"), QStringLiteral("sha1")}) + network()
                     + QStringList({QStringLiteral("--"), QStringLiteral("/r/x.mp4")}));
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
        QCOMPARE(RcloneArguments::probe(QStringLiteral("nas:r"), conf),
                 QStringList({QStringLiteral("mkdir")}) + network() + QStringList({QStringLiteral("--"), QStringLiteral("nas:r")}));
    }
};

QTEST_GUILESS_MAIN(TestRcloneArguments)
#include "tst_rclonearguments.moc"
