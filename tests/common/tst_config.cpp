// SPDX-License-Identifier: MIT
// Tests Config: defaults, file values, environment overrides and every error path.
#include "config.h"
#include "configschema.h"
#include "privatetmp.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestConfig : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString writeConfig(const QByteArray &text)
    {
        static int n = 0;
        const QString path = m_dir.filePath(QStringLiteral("recorder-%1.conf").arg(++n));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        f.write(text);
        return path;
    }

private slots:
    void defaults()
    {
        const Config c = Config::defaults();
        QCOMPARE(c.string("paths/runtime_dir"), QStringLiteral("/run/recorder"));
        QCOMPARE(c.string("paths/recordings_dir"), QStringLiteral("/var/lib/recorder/recordings"));
        QCOMPARE(c.string("heartbeat/file"), QStringLiteral("/run/recorder/heartbeat.json"));
        QCOMPARE(c.seconds("heartbeat/interval"), 1.0);
        QCOMPARE(c.seconds("heartbeat/timeout"), 30.0);
        QCOMPARE(c.string("camera/source"), QStringLiteral("auto"));
        QCOMPARE(c.integer("camera/width"), 1920);
        QCOMPARE(c.integer("camera/height"), 1080);
        QCOMPARE(c.integer("camera/fps"), 30);
        QCOMPARE(c.string("encoder/preset"), QStringLiteral("ultrafast"));
        QCOMPARE(c.integer("encoder/crf"), 23);
        QCOMPARE(c.seconds("recording/segment_duration"), 300.0);
        QCOMPARE(c.seconds("recording/session_duration"), 600.0);
        QCOMPARE(c.seconds("recording/extension"), 300.0);
        QCOMPARE(c.seconds("recording/max_duration"), 1200.0);
        QCOMPARE(c.secondsList("recording/warnings"), (QList<double>{120, 60, 30}));
        QCOMPARE(c.bytes("storage/min_free"), qint64(1000000000));
        QCOMPARE(c.seconds("storage/max_age"), 0.0);
        QCOMPARE(c.string("watchdog/unit"), QStringLiteral("recorder.service"));
        QCOMPARE(c.seconds("watchdog/check_interval"), 10.0);
        QCOMPARE(c.integer("watchdog/max_restart_attempts"), 3);
        QCOMPARE(c.seconds("watchdog/restart_window"), 600.0);
        QCOMPARE(c.seconds("watchdog/stall_timeout"), 20.0);
        QCOMPARE(c.integer("watchdog/max_reboots_per_day"), 2);
        QCOMPARE(c.string("metrics/listen"), QStringLiteral("0.0.0.0"));
        QCOMPARE(c.integer("metrics/port"), 9101);
    }

    void fileValuesAndDerivedPaths()
    {
        const QString path = writeConfig("[paths]\nruntime_dir=/tmp/x/run\nstate_dir=/tmp/x/state\n"
                                         "[camera]\nfps=25\nsource=file:/videos/a.mp4\n"
                                         "[recording]\nwarnings=90s,10s\n[storage]\nmin_free=512MiB\n"
                                         "[encoder]\nbitrate=8Mbps\n");
        const Config::Result r = Config::load(path, true, QProcessEnvironment());
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.config.string("heartbeat/file"), QStringLiteral("/tmp/x/run/heartbeat.json"));
        QCOMPARE(r.config.string("paths/recordings_dir"), QStringLiteral("/tmp/x/state/recordings"));
        QCOMPARE(r.config.integer("camera/fps"), 25);
        QCOMPARE(r.config.string("camera/source"), QStringLiteral("file:/videos/a.mp4"));
        QCOMPARE(r.config.secondsList("recording/warnings"), (QList<double>{90, 10}));
        QCOMPARE(r.config.bytes("storage/min_free"), qint64(536870912));
        QCOMPARE(r.config.bitsPerSecond("encoder/bitrate"), qint64(8000000));
    }

    // The help says "a number (e.g. 2.5)": ".5" and "2." are numbers too (mutation tried: the old
    // pattern refuses them as "not a number"). given() tells a written value from its default.
    void numbersWithoutDigitsOnOneSide()
    {
        const QString path = writeConfig("[camera]\ngain=2.\nlens_position=.5\nautofocus=manual\n");
        const Config::Result r = Config::load(path, true, QProcessEnvironment());
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.config.number("camera/gain"), 2.0);
        QCOMPARE(r.config.number("camera/lens_position"), 0.5);
        QVERIFY(r.config.given("camera/lens_position"));
        QVERIFY(!r.config.given("camera/shutter"));
    }

    void environmentOverrides()
    {
        const QString path = writeConfig("[heartbeat]\ninterval=2s\n[metrics]\nport=9200\n");
        QProcessEnvironment env;
        env.insert("HEARTBEAT_INTERVAL", "5");
        env.insert("HEARTBEAT_TIMEOUT", "45");
        env.insert("HEARTBEAT_FILE", "/srv/hb.json");
        env.insert("WATCHDOG_CHECK_INTERVAL", "3");
        env.insert("WATCHDOG_MAX_RESTART_ATTEMPTS", "4");
        env.insert("WATCHDOG_RESTART_WINDOW", "120");
        env.insert("METRICS_PORT", "9300");
        const Config::Result r = Config::load(path, true, env);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.config.seconds("heartbeat/interval"), 5.0);
        QCOMPARE(r.config.seconds("heartbeat/timeout"), 45.0);
        QCOMPARE(r.config.string("heartbeat/file"), QStringLiteral("/srv/hb.json"));
        QCOMPARE(r.config.seconds("watchdog/check_interval"), 3.0);
        QCOMPARE(r.config.integer("watchdog/max_restart_attempts"), 4);
        QCOMPARE(r.config.seconds("watchdog/restart_window"), 120.0);
        QCOMPARE(r.config.integer("metrics/port"), 9300);
    }

    void missingFile()
    {
        const QString missing = m_dir.filePath("nope.conf");
        // At the default path a missing file means defaults…
        const Config::Result implicit = Config::load(missing, false, QProcessEnvironment());
        QVERIFY(implicit.ok());
        QCOMPARE(implicit.config.integer("camera/fps"), 30);
        // …but a file the user named must exist.
        const Config::Result explicitly = Config::load(missing, true, QProcessEnvironment());
        QVERIFY(!explicitly.ok());
        QVERIFY2(explicitly.error.contains(missing) && explicitly.error.contains("not found"),
                 qPrintable(explicitly.error));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("envName");
        QTest::addColumn<QString>("envValue");
        QTest::addColumn<QStringList>("mustContain");
        const QString none;
        QTest::newRow("unknown section") << QByteArray("[cameras]\nfps=30\n") << none << none
                                         << QStringList{"unknown section [cameras]", "allowed sections:", "camera"};
        QTest::newRow("unknown key") << QByteArray("[camera]\nframerate=30\n") << none << none
                                     << QStringList{"unknown key [camera] framerate", "allowed keys:", "fps"};
        QTest::newRow("key outside a section") << QByteArray("fps=30\n") << none << none
                                               << QStringList{"key fps outside a section"};
        QTest::newRow("bad unit") << QByteArray("[heartbeat]\ninterval=5 parsecs\n") << none << none
                                  << QStringList{"[heartbeat] interval=5 parsecs", "not a duration", "allowed:"};
        QTest::newRow("out of range") << QByteArray("[camera]\nfps=1000\n") << none << none
                                      << QStringList{"[camera] fps=1000", "out of range", "from 1 to 240"};
        QTest::newRow("not an integer") << QByteArray("[camera]\nwidth=wide\n") << none << none
                                        << QStringList{"[camera] width=wide", "not an integer"};
        QTest::newRow("bad choice") << QByteArray("[encoder]\npreset=warp\n") << none << none
                                    << QStringList{"[encoder] preset=warp", "one of ultrafast"};
        QTest::newRow("bad source") << QByteArray("[camera]\nsource=webcam\n") << none << none
                                    << QStringList{"[camera] source=webcam", "testpattern"};
        QTest::newRow("relative path") << QByteArray("[paths]\nstate_dir=var/lib\n") << none << none
                                       << QStringList{"[paths] state_dir=var/lib", "absolute path"};
        QTest::newRow("bad size") << QByteArray("[storage]\nmin_free=lots\n") << none << none
                                  << QStringList{"[storage] min_free=lots", "not a size"};
        QTest::newRow("bad warning list") << QByteArray("[recording]\nwarnings=2min,soon\n") << none << none
                                          << QStringList{"[recording] warnings=2min,soon", "\"soon\""};
        QTest::newRow("max shorter than session")
            << QByteArray("[recording]\nsession_duration=10min\nmax_duration=5min\n") << none << none
            << QStringList{"[recording] max_duration=5min", "shorter than session_duration"};
        QTest::newRow("unknown time zone") << QByteArray("[overlay]\ntimezone=Europe/Atlantis\n") << none << none
                                           << QStringList{"[overlay] timezone=Europe/Atlantis",
                                                          "not a known time zone", "Europe/Paris"};
        QTest::newRow("overlay format printing too much")
            << QByteArray("[overlay]\nformat=%c%c%c%c%c%c%c%c%c%c%c\n") << none << none
            << QStringList{"[overlay] format=%c%c%c", "prints 264 characters", "at most 200"};
        QTest::newRow("bad overlay position") << QByteArray("[overlay]\nposition=middle\n") << none << none
                                              << QStringList{"[overlay] position=middle", "top-left"};
        QTest::newRow("overlay text not ASCII") << QByteArray("[overlay]\ntext=Caf\xc3\xa9\n") << none << none
                                                << QStringList{"[overlay] text=", "printable ASCII"};
        QTest::newRow("overlay size too small") << QByteArray("[overlay]\nsize=4\n") << none << none
                                                << QStringList{"[overlay] size=4", "out of range"};
        QTest::newRow("env bad value") << QByteArray("[camera]\nfps=30\n") << "HEARTBEAT_TIMEOUT" << "soon"
                                       << QStringList{"environment HEARTBEAT_TIMEOUT=soon", "[heartbeat] timeout",
                                                      "not a duration"};
        QTest::newRow("env out of range") << QByteArray("") << "METRICS_PORT" << "70000"
                                          << QStringList{"environment METRICS_PORT=70000", "out of range"};
    }
    void errors()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, envName);
        QFETCH(QString, envValue);
        QFETCH(QStringList, mustContain);
        const QString path = writeConfig(text);
        QProcessEnvironment env;
        if (!envName.isEmpty())
            env.insert(envName, envValue);
        const Config::Result r = Config::load(path, true, env);
        QVERIFY(!r.ok());
        QVERIFY2(!r.error.contains('\n'), "the error must be one line");
        if (envName.isEmpty())
            QVERIFY2(r.error.startsWith(path), qPrintable(r.error));
        for (const QString &part : mustContain)
            QVERIFY2(r.error.contains(part), qPrintable(QStringLiteral("\"%1\" lacks \"%2\"").arg(r.error, part)));
    }

    // The Python recorder's heartbeat was /tmp/recorder_heartbeat.json; under systemd's PrivateTmp=yes
    // no other unit sees a file in /tmp, so the path is refused with why and what to use instead.
    void heartbeatInTmp_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("heartbeatEnv");
        QTest::addColumn<QString>("refusedFor"); // empty: accepted
        QTest::newRow("file in /tmp") << QByteArray("[heartbeat]\nfile=/tmp/recorder_heartbeat.json\n") << QString()
                                      << "[heartbeat] file=/tmp/recorder_heartbeat.json: in /tmp";
        QTest::newRow("env in /tmp") << QByteArray() << "/tmp/recorder_heartbeat.json"
                                     << "environment HEARTBEAT_FILE=/tmp/recorder_heartbeat.json";
        QTest::newRow("file in /var/tmp") << QByteArray("[heartbeat]\nfile=/var/tmp/hb.json\n") << QString()
                                          << "in /var/tmp";
        QTest::newRow("unclean path into /tmp") << QByteArray("[heartbeat]\nfile=/run/../tmp//hb.json\n")
                                                << QString() << "in /tmp";
        // Tests and scripts keep their state in temporary folders below /tmp: accepted while /tmp is
        // the machine's shared one, refused under a unit's private /tmp (tst_badconfig makes one).
        QTest::newRow("folder below /tmp") << QByteArray("[heartbeat]\nfile=/tmp/rec/hb.json\n") << QString()
                                           << (PrivateTmp::isPrivateHere(QStringLiteral("/tmp"))
                                                   ? QStringLiteral("[heartbeat] file=/tmp/rec/hb.json: in /tmp")
                                                   : QString());
        QTest::newRow("default") << QByteArray() << QString() << QString();
        QTest::newRow("tmp-like name elsewhere") << QByteArray("[heartbeat]\nfile=/tmpfs/hb.json\n") << QString()
                                                 << QString();
    }
    void heartbeatInTmp()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, heartbeatEnv);
        QFETCH(QString, refusedFor);
        QProcessEnvironment env;
        if (!heartbeatEnv.isEmpty())
            env.insert(QStringLiteral("HEARTBEAT_FILE"), heartbeatEnv);
        const Config::Result r = Config::load(writeConfig(text), true, env);
        if (refusedFor.isEmpty()) {
            QVERIFY2(r.ok(), qPrintable(r.error));
            return;
        }
        QVERIFY(!r.ok());
        QVERIFY2(!r.error.contains('\n'), "the error must be one line");
        for (const QString &part : {refusedFor, QStringLiteral("PrivateTmp=yes"), QStringLiteral("/run/recorder/heartbeat.json")})
            QVERIFY2(r.error.contains(part), qPrintable(QStringLiteral("\"%1\" lacks \"%2\"").arg(r.error, part)));
    }

    void directoryIsNotAConfig()
    {
        const Config::Result r = Config::load(m_dir.path(), true, QProcessEnvironment());
        QVERIFY(!r.ok());
        QVERIFY(r.error.contains("is a directory"));
    }

    void everyKeyHasHelpAndValidDefault()
    {
        for (const ConfigKey &k : ConfigSchema::keys()) {
            QVERIFY2(!k.help.isEmpty(), qPrintable(k.id()));
        }
        // defaults() asserts that every default parses; reaching here means they all do.
        QVERIFY(Config::load(QString(), false, QProcessEnvironment()).ok());
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
