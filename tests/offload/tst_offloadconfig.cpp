// SPDX-License-Identifier: MIT
// recorder-offload refuses what it cannot work with: one line naming the key, the value and what
// is allowed, and exit 78 (so systemd does not restart it in a loop).
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestOffloadConfig : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_rclone;

    QString writeFile(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        f.write(text);
        return path;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_rclone = QStandardPaths::findExecutable(QStringLiteral("rclone"));
        writeFile(QStringLiteral("rclone.conf"), "[other]\ntype = local\n\n[backup]\ntype = local\n");
    }

    void refuses_data()
    {
        QTest::addColumn<QByteArray>("offload");
        QTest::addColumn<QString>("rclone"); // empty: the installed one
        QTest::addColumn<QString>("expected");
        QTest::newRow("no remote") << QByteArray("enabled=true\n") << QString()
                                   << "[offload] remote is empty while enabled=true; allowed: NAME:PATH";
        QTest::newRow("unknown remote") << QByteArray("enabled=true\nremote=nas:recordings\n") << QString()
                                        << "[offload] remote=nas:recordings: rclone knows no remote named \"nas\" in "
                                           "%1/rclone.conf; allowed: backup, other";
        QTest::newRow("no rclone") << QByteArray("enabled=true\nremote=other:r\n") << "/nonexistent/rclone"
                                   << "rclone not found at /nonexistent/rclone; allowed: the rclone program installed";
        QTest::newRow("template without filename") << QByteArray("enabled=true\nremote=other:r\npath_template=%Y/x.mp4\n")
                                                   << QString() << "path_template";
        QTest::newRow("template with ..") << QByteArray("remote=other:r\npath_template=../{filename}\n") << QString()
                                          << "path_template";
        QTest::newRow("concurrency") << QByteArray("enabled=true\nremote=other:r\nconcurrency=9\n") << QString()
                                     << "concurrency";
        QTest::newRow("remote name starting with -") << QByteArray("enabled=true\nremote=-x:r\n") << QString()
                                                     << "[offload] remote=-x:r";
        QTest::newRow("bandwidth") << QByteArray("enabled=true\nremote=other:r\nbandwidth_limit=fast\n") << QString()
                                   << "bandwidth_limit";
    }

    void refuses()
    {
        QFETCH(QByteArray, offload);
        QFETCH(QString, rclone);
        QFETCH(QString, expected);
        if (rclone.isEmpty() && m_rclone.isEmpty())
            QSKIP("rclone is not installed (Debian package rclone)");
        const QByteArray base = m_dir.path().toUtf8();
        const QString config = writeFile(QStringLiteral("recorder.conf"),
                                         "[paths]\nruntime_dir=" + base + "/run\nstate_dir=" + base + "/state\nlog_dir="
                                             + base + "/log\n[offload]\nrclone_config=" + base + "/rclone.conf\n" + offload);
        QProcess program;
        QStringList arguments{QStringLiteral("--config"), config};
        if (!rclone.isEmpty())
            arguments << QStringLiteral("--rclone") << rclone;
        program.start(qEnvironmentVariable("OFFLOAD_BIN"), arguments);
        QVERIFY(program.waitForFinished(30000));
        const QString err = QString::fromUtf8(program.readAllStandardError());
        QCOMPARE(program.exitCode(), 78);
        QCOMPARE(err.count(QLatin1Char('\n')), 1);
        QVERIFY2(err.contains(expected.contains(QStringLiteral("%1")) ? expected.arg(m_dir.path()) : expected),
                 qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestOffloadConfig)
#include "tst_offloadconfig.moc"
