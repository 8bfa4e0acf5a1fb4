// SPDX-License-Identifier: MIT
// Tests the shared command line from outside, as a user or systemd sees a program:
// exit status 78 with one line for configuration errors, --help, --version, logging to a file.
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCommandLine : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    struct Run {
        int exitCode;
        QString out;
        QString err;
    };
    Run run(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("COMMANDLINE_PROBE"), args);
        if (!p.waitForFinished(10000))
            qFatal("probe hung");
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }
    QString config(const QByteArray &extra)
    {
        static int n = 0;
        const QString path = m_dir.filePath(QStringLiteral("c%1.conf").arg(++n));
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write("[paths]\nlog_dir=" + m_dir.filePath("log").toUtf8() + "\n" + extra);
        return path;
    }

private slots:
    void configErrorsExit78WithOneLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing file") << QStringList{"--config", m_dir.filePath("none.conf")} << "not found";
        QTest::newRow("unknown key") << QStringList{"--config", config("[camera]\nzoom=2\n")} << "unknown key [camera] zoom";
        QTest::newRow("bad value") << QStringList{"--config", config("[camera]\nfps=0\n")} << "[camera] fps=0";
    }
    void configErrorsExit78WithOneLine()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Run r = run(args);
        QCOMPARE(r.exitCode, 78);
        QVERIFY2(r.err.startsWith("commandline-probe: ") && r.err.contains(expected), qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.out.isEmpty());
    }

    void environmentErrorExits78()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("METRICS_PORT", "http");
        const Run r = run({"--config", config("")}, env);
        QCOMPARE(r.exitCode, 78);
        QVERIFY2(r.err.contains("environment METRICS_PORT=http"), qPrintable(r.err));
    }

    void unknownOptionIsAUsageError()
    {
        const Run r = run({"--frobnicate"});
        QCOMPARE(r.exitCode, 64);
        QVERIFY(r.err.contains("frobnicate"));
    }

    void helpAndVersion()
    {
        const Run help = run({"--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--config"));
        QVERIFY(help.out.contains("--verbose"));
        const Run version = run({"--version"});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.contains(RECORDER_VERSION_FOR_TEST));
    }

    void runsAndLogsToFile()
    {
        const Run r = run({"--config", config("[camera]\nfps=12\n"), "--verbose"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("fps=12 interval=1\n"));
        QVERIFY(r.err.contains("recorder.probe: probe started"));
        QVERIFY(r.err.contains("debug detail"));
        QFile log(m_dir.filePath("log/probe.log"));
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QByteArray content = log.readAll();
        QVERIFY(content.contains("info recorder.probe: probe started"));
        QVERIFY(content.contains("debug detail"));
    }

    void quietWithoutVerbose()
    {
        const Run r = run({"--config", config("")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.contains("probe started"));
        QVERIFY(!r.err.contains("debug detail"));
    }

    void journalFormatWhenStderrIsTheJournal()
    {
        // JOURNAL_STREAM set but not matching stderr: plain lines, as systemd documents.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("JOURNAL_STREAM", "1:1");
        const Run r = run({"--config", config("")}, env);
        QVERIFY(!r.err.contains("<6>"));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
