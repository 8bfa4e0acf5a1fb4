// SPDX-License-Identifier: MIT
// The exact rclone argument lists: one argument per value, never a shell line.
#include "rclonearguments.h"

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
                 QStringList({QStringLiteral("copyto"), local, QStringLiteral("nas:r/a b;c.mp4")}) + network()
                     + QStringList({QStringLiteral("--bwlimit"), QStringLiteral("1M"), QStringLiteral("--ignore-times")}));
    }

    void verification()
    {
        QCOMPARE(RcloneArguments::stat(QStringLiteral("nas:r/x.mp4"), conf),
                 QStringList({QStringLiteral("lsjson"), QStringLiteral("--stat"), QStringLiteral("--hash"),
                              QStringLiteral("--no-mimetype"), QStringLiteral("nas:r/x.mp4")})
                     + network());
        QCOMPARE(RcloneArguments::md5(QStringLiteral("nas:r/x.mp4"), conf, true),
                 QStringList({QStringLiteral("hashsum"), QStringLiteral("md5"), QStringLiteral("nas:r/x.mp4")}) + network()
                     + QStringList({QStringLiteral("--download")}));
        QCOMPARE(RcloneArguments::md5(QStringLiteral("/r/x.mp4"), conf, false),
                 QStringList({QStringLiteral("hashsum"), QStringLiteral("md5"), QStringLiteral("/r/x.mp4")}) + network());
    }

    void startUp()
    {
        QCOMPARE(RcloneArguments::listRemotes(conf),
                 QStringList({QStringLiteral("listremotes"), QStringLiteral("--config"), conf}));
        QCOMPARE(RcloneArguments::probe(QStringLiteral("nas:r"), conf),
                 QStringList({QStringLiteral("mkdir"), QStringLiteral("nas:r")}) + network());
    }
};

QTEST_GUILESS_MAIN(TestRcloneArguments)
#include "tst_rclonearguments.moc"
