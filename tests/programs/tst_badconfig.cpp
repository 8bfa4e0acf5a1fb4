// SPDX-License-Identifier: MIT
// Every program, given a bad configuration, prints one line naming the problem and exits 78
// before doing anything; every program answers --help and --version.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

class TestBadConfig : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    static QStringList programs()
    {
        return qEnvironmentVariable("RECORDER_PROGRAMS").split(QLatin1Char(':'), Qt::SkipEmptyParts);
    }
    QString writeConfig(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        // Keep every program's files inside the test folder, whatever else the case sets.
        f.write("[paths]\nruntime_dir=" + m_dir.filePath("run").toUtf8() + "\nstate_dir="
                + m_dir.filePath("state").toUtf8() + "\nlog_dir=" + m_dir.filePath("log").toUtf8() + "\n");
        f.write(text);
        return path;
    }

    // What a desktop session gives the dashboard: a display (offscreen here) and a runtime dir;
    // without the latter Qt prints a warning of its own before any of ours.
    QProcessEnvironment desktopEnvironment()
    {
        const QString runtime = m_dir.filePath(QStringLiteral("xdg"));
        QDir().mkpath(runtime);
        QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
        return env;
    }

private slots:
    void initTestCase()
    {
        if (programs().isEmpty())
            QSKIP("no program is built yet");
    }

    void exits78WithOneLine_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("expected");
        const QList<std::pair<QByteArray, QString>> cases{
            {"[camera]\nzoom=3\n", "unknown key [camera] zoom"},
            {"[heartbeat]\ntimeout=forever\n", "[heartbeat] timeout=forever"},
            {"[metrics]\nport=0\n", "[metrics] port=0"},
            {"[bogus]\nx=1\n", "unknown section [bogus]"},
            // The Python recorder's path: each unit's private /tmp would hide it from the others.
            {"[heartbeat]\nfile=/tmp/recorder_heartbeat.json\n", "PrivateTmp=yes"},
            // Every program reads the whole file: a camera setting outside its words stops them all.
            {"[camera]\nrotation=90\n", "[camera] rotation=90: not a known value; allowed: one of 0, 180"},
            {"[camera]\ngain=1,5\n", "[camera] gain=1,5: not a number; allowed: a number (e.g. 2.5) from 0 to 64"},
            {"[camera]\nawb=sunny\n", "[camera] awb=sunny: not a known value; allowed: one of auto, incandescent"},
        };
        // Rules between camera settings only recorderd checks (SourceFactory::validate).
        const QList<std::pair<QByteArray, QString>> recorderdCases{
            {"[camera]\nlens_position=2\n",
             "[camera] lens_position=2: only with autofocus=manual (autofocus=default moves the lens itself)"},
            {"[camera]\nfps=30\nshutter=50ms\n",
             "[camera] shutter=50ms: longer than a frame at fps=30; allowed: 0 (automatic) or up to 33333us"},
            {"[camera]\ngain=0.5\n", "[camera] gain=0.5: an analogue gain below 1 does not exist"},
            // 0 is a lens position (infinity), not "unset": autofocus=continuous would ignore it.
            {"[camera]\nautofocus=continuous\nlens_position=0\n",
             "[camera] lens_position=0: only with autofocus=manual (autofocus=continuous moves the lens itself)"},
            // Would round to 0 us, which means automatic.
            {"[camera]\nfps=30\nshutter=0.4us\n",
             "[camera] shutter=0.4us: shorter than 1us; allowed: 0 (automatic) or 1us up to 33333us"},
        };
        for (const QString &program : programs()) {
            int n = 0;
            const QString name = QFileInfo(program).fileName();
            for (const auto &c : name == QLatin1String("recorderd") ? cases + recorderdCases : cases) {
                const QString config = writeConfig(QStringLiteral("%1-%2.conf").arg(name).arg(n), c.first);
                QTest::addRow("%s case %d", qPrintable(name), n++) << program << config << c.second;
            }
        }
    }
    void exits78WithOneLine()
    {
        QFETCH(QString, program);
        QFETCH(QString, config);
        QFETCH(QString, expected);
        QProcess p;
        p.setProcessEnvironment(desktopEnvironment());
        p.start(program, {QStringLiteral("--config"), config});
        QVERIFY(p.waitForFinished(15000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 78);
        QVERIFY2(err.contains(expected) && err.contains(config), qPrintable(err));
        QCOMPARE(err.count(QLatin1Char('\n')), 1);
        // Nothing was started: no state written.
        QVERIFY(!QFile::exists(m_dir.filePath("run/heartbeat.json")));
    }

    // A runtime dir like /tmp (world-writable, sticky) lets anybody plant the heartbeat or a link
    // in its place: the programs that write there refuse it as a configuration error.
    void worldWritableRuntimeDirExits78_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("key");
        for (const QString &program : programs()) {
            const QString name = QFileInfo(program).fileName();
            if (name == QLatin1String("recorderd")) {
                QTest::addRow("%s runtime_dir", qPrintable(name)) << program << "runtime_dir";
                QTest::addRow("%s state_dir", qPrintable(name)) << program << "state_dir";
                // Not a [paths] key: the heartbeat file's folder, set in the file or the environment.
                QTest::addRow("%s heartbeat file", qPrintable(name)) << program << "heartbeat_file";
                QTest::addRow("%s HEARTBEAT_FILE", qPrintable(name)) << program << "HEARTBEAT_FILE";
            }
            // The watchdog writes only into folders of its own (docs/deployment.md).
            if (name == QLatin1String("recorder-watchdog")) {
                QTest::addRow("%s watchdog_runtime_dir", qPrintable(name)) << program << "watchdog_runtime_dir";
                QTest::addRow("%s watchdog_state_dir", qPrintable(name)) << program << "watchdog_state_dir";
            }
            // So does the uploader (status.json, paused).
            if (name == QLatin1String("recorder-offload")) {
                QTest::addRow("%s offload_runtime_dir", qPrintable(name)) << program << "offload_runtime_dir";
                QTest::addRow("%s offload_state_dir", qPrintable(name)) << program << "offload_state_dir";
            }
        }
    }
    void worldWritableRuntimeDirExits78()
    {
        QFETCH(QString, program);
        QFETCH(QString, key);
        QTemporaryDir dir;
        const QString open = dir.filePath(QStringLiteral("open"));
        QVERIFY(QDir().mkpath(open));
        QVERIFY(::chmod(QFile::encodeName(open).constData(), 01777) == 0);
        // Every folder inside the test's own, so that nothing is made on this machine.
        QString paths = QStringLiteral("[paths]\n");
        for (const char *name : {"runtime_dir", "state_dir", "log_dir", "recordings_dir", "watchdog_runtime_dir",
                                 "watchdog_state_dir", "watchdog_log_dir", "exporter_log_dir", "offload_runtime_dir",
                                 "offload_state_dir", "offload_log_dir"}) {
            const QString folder = QLatin1String(name) == key ? open : dir.filePath(QLatin1String(name));
            paths += QStringLiteral("%1=%2\n").arg(QLatin1String(name), folder);
        }
        const QString heartbeat = open + QStringLiteral("/heartbeat.json");
        if (key == QLatin1String("heartbeat_file"))
            paths += QStringLiteral("[heartbeat]\nfile=%1\n").arg(heartbeat);
        const QString config = dir.filePath(QStringLiteral("open.conf"));
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(paths.toUtf8());
        f.close();
        QProcess p;
        QProcessEnvironment env = desktopEnvironment();
        if (key == QLatin1String("HEARTBEAT_FILE"))
            env.insert(key, heartbeat);
        p.setProcessEnvironment(env);
        p.start(program, {QStringLiteral("--config"), config});
        if (!p.waitForFinished(15000)) {
            p.kill();
            p.waitForFinished();
            QFAIL("still running: a world-writable directory was accepted");
        }
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 78);
        QVERIFY2(err.contains(open) && err.contains(QStringLiteral("writable by everyone")), qPrintable(err));
        QCOMPARE(err.count(QLatin1Char('\n')), 1);
        QVERIFY(!QFile::exists(heartbeat));
    }

    // Under a unit, /tmp and /var/tmp are systemd's private folders (PrivateTmp=yes): a heartbeat
    // anywhere below them would be seen by nobody else, so every program refuses it. Made here with
    // a mount namespace and a folder named like systemd's, bound over /var/tmp (the test's own files
    // stay visible in /tmp).
    void heartbeatBelowPrivateTmpExits78_data()
    {
        QTest::addColumn<QString>("program");
        for (const QString &program : programs())
            QTest::addRow("%s", qPrintable(QFileInfo(program).fileName())) << program;
    }
    void heartbeatBelowPrivateTmpExits78()
    {
        QFETCH(QString, program);
        const QString unshare = QStandardPaths::findExecutable(QStringLiteral("unshare"));
        if (unshare.isEmpty())
            QSKIP("unshare (util-linux) is missing");
        const QString privateDir = m_dir.filePath(QStringLiteral("systemd-private-0123-recorder.service-Ab/tmp"));
        QVERIFY(QDir().mkpath(privateDir));
        const QString heartbeat = QStringLiteral("/var/tmp/rec/heartbeat.json");
        const QString config = writeConfig(QStringLiteral("private-tmp.conf"), "[heartbeat]\nfile=" + heartbeat.toUtf8() + "\n");
        QProcess p;
        p.setProcessEnvironment(desktopEnvironment());
        // The script is fixed; the paths are its arguments.
        // As root a mount namespace is enough; anyone else maps themselves to root in a user
        // namespace of their own, where the bind mount is theirs to make.
        QStringList namespaces{QStringLiteral("--mount"), QStringLiteral("--propagation"), QStringLiteral("private")};
        if (::geteuid() != 0)
            namespaces << QStringLiteral("--user") << QStringLiteral("--map-root-user");
        p.start(unshare, namespaces + QStringList{QStringLiteral("sh"), QStringLiteral("-c"),
                                                  QStringLiteral("mount --bind \"$1\" /var/tmp || exit 77; exec \"$2\" --config \"$3\""),
                                                  QStringLiteral("sh"), privateDir, program, config});
        QVERIFY(p.waitForFinished(15000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        if (p.exitCode() == 77 || err.contains(QStringLiteral("unshare failed")))
            QSKIP(qPrintable(QStringLiteral("cannot make a mount namespace here: ") + err.trimmed()));
        QCOMPARE(p.exitCode(), 78);
        QVERIFY2(err.contains(heartbeat) && err.contains(QStringLiteral("PrivateTmp=yes")), qPrintable(err));
        QCOMPARE(err.count(QLatin1Char('\n')), 1);
    }

    // The reason for an exit 78 reaches the service's own log file, the one a desktop user may read
    // (the dashboard's Service page shows it), when its folder exists and is safe; never elsewhere.
    void configErrorReachesTheLogFile_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("logFile"); // relative to the folder's base, log_dir
        QTest::addColumn<QString>("folderMode"); // "0750", "world-writable" or "absent"
        const QList<std::pair<const char *, const char *>> services{
            {"recorderd", "log/service.log"},
            {"recorder-watchdog", "log-watchdog/watchdog.log"},
            {"recorder-exporter", "log-metrics/exporter.log"},
        };
        for (const QString &program : programs()) {
            for (const auto &[name, file] : services) {
                if (QFileInfo(program).fileName() != QLatin1String(name))
                    continue;
                for (const char *mode : {"0750", "world-writable", "absent"})
                    QTest::addRow("%s %s", name, mode) << program << QString::fromLatin1(file) << QString::fromLatin1(mode);
            }
        }
    }
    void configErrorReachesTheLogFile()
    {
        QFETCH(QString, program);
        QFETCH(QString, logFile);
        QFETCH(QString, folderMode);
        QTemporaryDir base;
        QVERIFY(base.isValid());
        const QString folder = QFileInfo(base.filePath(logFile)).path();
        if (folderMode != QLatin1String("absent")) {
            QVERIFY(QDir().mkpath(folder));
            QVERIFY(::chmod(QFile::encodeName(folder).constData(), folderMode == QLatin1String("0750") ? 0750 : 0777) == 0);
        }
        const QString config = base.filePath(QStringLiteral("bad.conf"));
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[paths]\nruntime_dir=" + base.filePath("run").toUtf8() + "\nstate_dir=" + base.filePath("state").toUtf8()
                + "\nlog_dir=" + base.filePath("log").toUtf8() + "\n[metrics]\nport=0\n");
        f.close();
        QProcess p;
        p.setProcessEnvironment(desktopEnvironment());
        p.start(program, {QStringLiteral("--config"), config});
        QVERIFY(p.waitForFinished(15000));
        QCOMPARE(p.exitCode(), 78);
        const QString err = QString::fromUtf8(p.readAllStandardError()).trimmed();
        const QString reason = err.section(QStringLiteral(": "), 1); // after "program: "
        QVERIFY2(reason.contains(QStringLiteral("[metrics] port=0")), qPrintable(err));

        QFile log(base.filePath(logFile));
        if (folderMode != QLatin1String("0750")) {
            // Not created, not written: a folder anybody may write to could hold a planted link.
            QVERIFY(!log.exists());
            QCOMPARE(QFileInfo::exists(folder), folderMode != QLatin1String("absent"));
            return;
        }
        QVERIFY2(log.open(QIODevice::ReadOnly), qPrintable(log.fileName()));
        const QString line = QString::fromUtf8(log.readAll());
        // Timestamped like every other log line: "2026-12-02T09:14:02.121Z error recorder.config: …".
        static const QRegularExpression format(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z error recorder\\.config: (.*)\n$"));
        const QRegularExpressionMatch m = format.match(line);
        QVERIFY2(m.hasMatch(), qPrintable(line));
        QCOMPARE(m.captured(1), reason);
        QCOMPARE(QFileInfo(log).permissions() & (QFile::ReadOther | QFile::WriteOther | QFile::WriteGroup), QFile::Permissions());
    }

    void missingExplicitConfig()
    {
        for (const QString &program : programs()) {
            QProcess p;
            p.setProcessEnvironment(desktopEnvironment());
            p.start(program, {QStringLiteral("--config"), m_dir.filePath("absent.conf")});
            QVERIFY(p.waitForFinished(15000));
            QCOMPARE(p.exitCode(), 78);
            QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("not found"));
        }
    }

    void helpAndVersion()
    {
        for (const QString &program : programs()) {
            QProcess p;
            p.setProcessEnvironment(desktopEnvironment());
            p.start(program, {QStringLiteral("--help")});
            QVERIFY(p.waitForFinished(15000));
            QCOMPARE(p.exitCode(), 0);
            QVERIFY2(p.readAllStandardOutput().contains("--config"), qPrintable(program));
            p.start(program, {QStringLiteral("--version")});
            QVERIFY(p.waitForFinished(15000));
            QCOMPARE(p.exitCode(), 0);
            QVERIFY2(p.readAllStandardOutput().contains(RECORDER_VERSION_FOR_TEST), qPrintable(program));
        }
    }
};

QTEST_GUILESS_MAIN(TestBadConfig)
#include "tst_badconfig.moc"
