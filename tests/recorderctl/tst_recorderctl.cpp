// SPDX-License-Identifier: MIT
// Tests recorderctl end to end: output, golden JSON, exit statuses, against a test-double recorder.
#include "controlclient.h"
#include "statustext.h"

#include "privatebus.h"

#include <QDBusMessage>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int exitStatus = -1;
    QString out;
    QString err;
};

// Values that differ from run to run; golden files hold a placeholder instead.
const QStringList kVolatileKeys{
    QStringLiteral("timestamp"),        QStringLiteral("boot_id"),          QStringLiteral("boottime_seconds"),
    QStringLiteral("pid"),              QStringLiteral("uptime_seconds"),   QStringLiteral("session_elapsed_seconds"),
    QStringLiteral("session_remaining_seconds"), QStringLiteral("disk_free_bytes"), QStringLiteral("disk_total_bytes"),
    QStringLiteral("version"),          QStringLiteral("sequence"),
};

} // namespace

class TestRecorderctl : public QObject
{
    Q_OBJECT

    PrivateBus m_bus;
    QTemporaryDir m_dir;
    QString m_config;
    QProcess m_recorder;

    Run recorderctl(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("RECORDERCTL"), QStringList{QStringLiteral("--config"), m_config} + args);
        Run r;
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished();
            r.err = QStringLiteral("recorderctl did not finish");
            return r;
        }
        r.exitStatus = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    bool startRecorder()
    {
        m_recorder.setProgram(qEnvironmentVariable("FAKE_RECORDERD"));
        m_recorder.setArguments({QStringLiteral("--config"), m_config});
        m_recorder.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_recorder.start();
        if (!m_recorder.waitForStarted(10000))
            return false;
        while (!m_recorder.canReadLine()) {
            if (!m_recorder.waitForReadyRead(10000))
                return false;
        }
        return m_recorder.readLine().trimmed() == "ready";
    }

    void stopRecorder()
    {
        if (m_recorder.state() == QProcess::NotRunning)
            return;
        m_recorder.terminate();
        if (!m_recorder.waitForFinished(5000)) {
            m_recorder.kill();
            m_recorder.waitForFinished();
        }
    }

    // The environment for a run in another language: LANG as given, unless vars also set LC_ALL/LC_MESSAGES.
    static QProcessEnvironment localeEnvironment(const QStringList &vars)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"})
            env.remove(QLatin1String(name));
        for (const QString &var : vars)
            env.insert(var.section(QLatin1Char('='), 0, 0), var.section(QLatin1Char('='), 1));
        return env;
    }

    static QJsonValue normalised(QJsonValue value)
    {
        if (value.isObject()) {
            QJsonObject o = value.toObject();
            for (const QString &key : kVolatileKeys) {
                if (o.contains(key))
                    o.insert(key, QStringLiteral("<varies>"));
            }
            return o;
        }
        if (value.isArray()) {
            QJsonArray a;
            for (const QJsonValue &v : value.toArray())
                a.append(normalised(v));
            return a;
        }
        return value;
    }

    // Compares recorderctl's JSON with tests/recorderctl/golden/<name>; RECORDER_UPDATE_GOLDEN=1 rewrites it.
    void compareGolden(const QString &output, const QString &name)
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(output.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + QLatin1Char('\n') + output));
        const QJsonValue value = normalised(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
        const QByteArray actual = value.isArray() ? QJsonDocument(value.toArray()).toJson()
                                                  : QJsonDocument(value.toObject()).toJson();
        const QString path = qEnvironmentVariable("RECORDER_SOURCE_DIR") + QStringLiteral("/tests/recorderctl/golden/") + name;
        QFile file(path);
        if (qEnvironmentVariableIntValue("RECORDER_UPDATE_GOLDEN")) {
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(actual);
            qInfo("rewrote %s", qPrintable(path));
            return;
        }
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path + QStringLiteral(" is missing; run with RECORDER_UPDATE_GOLDEN=1")));
        const QByteArray expected = file.readAll();
        if (actual != expected)
            qWarning("actual output:\n%s", actual.constData());
        QCOMPARE(actual, expected);
    }

private slots:
    void initTestCase()
    {
        // Every run is English unless a test asks for a language (localeEnvironment).
        qputenv("LC_ALL", "C.UTF-8");
        qunsetenv("LANGUAGE");
        QVERIFY2(m_bus.start().isEmpty(), "dbus-daemon must start");
        m_config = m_dir.filePath(QStringLiteral("recorder.conf"));
        QFile f(m_config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QString d = m_dir.path();
        f.write(QStringLiteral("[paths]\nruntime_dir=%1/run\nstate_dir=%1/state\nlog_dir=%1/log\n"
                               "[recording]\nmode=session\nsession_duration=60s\nextension=30s\nmax_duration=100s\n"
                               "warnings=10s\n[preview]\ninterval=0.2s\nwidth=160\n")
                    .arg(d)
                    .toUtf8());
        f.close();
        for (const char *sub : {"run", "state", "log"})
            QVERIFY(QDir(d).mkpath(QLatin1String(sub)));
    }

    void cleanupTestCase() { stopRecorder(); }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList{} << "a command is required";
        QTest::newRow("unknown command") << QStringList{"record"} << "unknown command \"record\"";
        QTest::newRow("protect without path") << QStringList{"protect"} << "needs exactly one argument";
        QTest::newRow("status with argument") << QStringList{"status", "x"} << "takes no argument";
        QTest::newRow("list limit 0") << QStringList{"list", "--limit", "0"} << "--limit 0";
        QTest::newRow("list offset text") << QStringList{"list", "--offset", "x"} << "--offset x";
        QTest::newRow("unknown option") << QStringList{"status", "--jsn"} << "jsn";
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = recorderctl(args);
        QCOMPARE(r.exitStatus, int(ControlClient::kUsage));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    }

    void configError()
    {
        QProcess p;
        p.start(qEnvironmentVariable("RECORDERCTL"), {QStringLiteral("--config"), m_dir.filePath(QStringLiteral("none.conf")),
                                                      QStringLiteral("status")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), int(ControlClient::kConfig));
    }

    void notRunning_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("status") << QStringList{"status"};
        QTest::newRow("start") << QStringList{"start"};
        QTest::newRow("list") << QStringList{"list"};
    }

    void notRunning()
    {
        QFETCH(QStringList, args);
        const Run r = recorderctl(args);
        QCOMPARE(r.exitStatus, int(ControlClient::kNotRunning));
        QVERIFY2(r.err.startsWith(QStringLiteral("recorderctl: the recorder is not running")), qPrintable(r.err));
        QCOMPARE(r.out, QString());
    }

    void localisedMessages_data()
    {
        QTest::addColumn<QStringList>("vars");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitStatus");
        QTest::addColumn<QString>("message");
        const int notRunning = ControlClient::kNotRunning;
        const int usage = ControlClient::kUsage;
        QTest::newRow("fr start") << QStringList{"LANG=fr_FR.UTF-8"} << QStringList{"start"} << notRunning
                                  << QStringLiteral("recorderctl: l'enregistreur ne fonctionne pas");
        QTest::newRow("de start") << QStringList{"LANG=de_DE.UTF-8"} << QStringList{"start"} << notRunning
                                  << QStringLiteral("recorderctl: der Rekorder läuft nicht");
        QTest::newRow("C start") << QStringList{"LANG=C"} << QStringList{"start"} << notRunning
                                 << QStringLiteral("recorderctl: the recorder is not running");
        QTest::newRow("en start") << QStringList{"LANG=en_GB.UTF-8"} << QStringList{"start"} << notRunning
                                  << QStringLiteral("recorderctl: the recorder is not running");
        QTest::newRow("no language set") << QStringList{} << QStringList{"start"} << notRunning
                                         << QStringLiteral("recorderctl: the recorder is not running");
        QTest::newRow("fr usage") << QStringList{"LANG=fr_FR.UTF-8"} << QStringList{"record"} << usage
                                  << QStringLiteral("recorderctl: commande inconnue « record »");
        QTest::newRow("de usage") << QStringList{"LANG=de_DE.UTF-8"} << QStringList{"record"} << usage
                                  << QStringLiteral("recorderctl: unbekannter Befehl „record“");
        QTest::newRow("LC_ALL beats LANG") << QStringList{"LANG=de_DE.UTF-8", "LC_ALL=fr_FR.UTF-8"}
                                           << QStringList{"start"} << notRunning
                                           << QStringLiteral("recorderctl: l'enregistreur ne fonctionne pas");
        QTest::newRow("LC_MESSAGES beats LANG") << QStringList{"LANG=C", "LC_MESSAGES=de_DE.UTF-8"}
                                                << QStringList{"start"} << notRunning
                                                << QStringLiteral("recorderctl: der Rekorder läuft nicht");
    }

    void localisedMessages()
    {
        QFETCH(QStringList, vars);
        QFETCH(QStringList, args);
        QFETCH(int, exitStatus);
        QFETCH(QString, message);
        const Run r = recorderctl(args, localeEnvironment(vars));
        QCOMPARE(r.exitStatus, exitStatus);
        QVERIFY2(r.err.startsWith(message), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    }

    void noBusAtAll()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS"), QStringLiteral("unix:path=") + m_dir.filePath(QStringLiteral("no-bus")));
        const Run r = recorderctl({QStringLiteral("status")}, env);
        QCOMPARE(r.exitStatus, int(ControlClient::kNotRunning));
        QVERIFY2(r.err.contains(QStringLiteral("not running")), qPrintable(r.err));
    }

    void statusWhenReady()
    {
        QVERIFY(startRecorder());
        QTRY_VERIFY(recorderctl({QStringLiteral("status")}).out.contains(QStringLiteral("ready")));
        const Run human = recorderctl({QStringLiteral("status")});
        QCOMPARE(human.exitStatus, 0);
        QVERIFY(human.out.contains(QStringLiteral("State:       ready")));
        QVERIFY2(human.out.contains(QStringLiteral("\nReason:      camera and encoder ready\n")), qPrintable(human.out));
        QVERIFY(!human.out.contains(QStringLiteral("Catalog:")));
        QVERIFY(human.out.contains(QStringLiteral("1500 captured, 2 dropped, 30.0 fps")));
        QVERIFY(human.out.contains(QStringLiteral("Restarts:    1")));
        QVERIFY(!human.out.contains(QStringLiteral("Session:")));
        const Run json = recorderctl({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(json.exitStatus, 0);
        compareGolden(json.out, QStringLiteral("status-ready.json"));
    }

    // Scripts parse --json whatever the language: it stays byte for byte the English output.
    void jsonIsNeverTranslated_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("stateLabel");
        QTest::addColumn<QString>("reasonLabel");
        QTest::newRow("fr") << QStringLiteral("fr_FR.UTF-8") << QStringLiteral("État :       ready")
                            << QStringLiteral("Raison :     camera and encoder ready");
        QTest::newRow("de") << QStringLiteral("de_DE.UTF-8") << QStringLiteral("Zustand:     ready")
                            << QStringLiteral("Grund:       camera and encoder ready");
    }

    void jsonIsNeverTranslated()
    {
        QFETCH(QString, lang);
        QFETCH(QString, stateLabel);
        QFETCH(QString, reasonLabel);
        const QProcessEnvironment env = localeEnvironment({QStringLiteral("LANG=") + lang});
        const Run human = recorderctl({QStringLiteral("status")}, env);
        QCOMPARE(human.exitStatus, 0);
        QVERIFY2(human.out.contains(stateLabel), qPrintable(human.out));
        // The label is translated, the recorder's own words are not.
        QVERIFY2(human.out.contains(reasonLabel), qPrintable(human.out));
        const Run json = recorderctl({QStringLiteral("status"), QStringLiteral("--json")}, env);
        QCOMPARE(json.exitStatus, 0);
        compareGolden(json.out, QStringLiteral("status-ready.json"));
        const Run list = recorderctl({QStringLiteral("list"), QStringLiteral("--json")}, env);
        QCOMPARE(list.exitStatus, 0);
        QCOMPARE(list.out, recorderctl({QStringLiteral("list"), QStringLiteral("--json")}).out);
    }

    void sessionCommandsAndRefusals()
    {
        Run r = recorderctl({QStringLiteral("stop")});
        QCOMPARE(r.exitStatus, int(ControlClient::kRefused));
        QCOMPARE(r.err, QStringLiteral("recorderctl: refused: not recording\n"));

        r = recorderctl({QStringLiteral("extend")});
        QCOMPARE(r.exitStatus, int(ControlClient::kRefused));
        QVERIFY(r.err.contains(QStringLiteral("no session is recording")));

        r = recorderctl({QStringLiteral("start")});
        QCOMPARE(r.exitStatus, 0);
        QCOMPARE(r.out, QStringLiteral("Recording started.\n"));

        r = recorderctl({QStringLiteral("start")});
        QCOMPARE(r.exitStatus, int(ControlClient::kRefused));
        QVERIFY2(r.err.contains(QStringLiteral("refused: already recording a session")), qPrintable(r.err));

        r = recorderctl({QStringLiteral("status")});
        QVERIFY(r.out.contains(QStringLiteral("State:       recording")));
        QVERIFY(r.out.contains(QStringLiteral("Session:")));
        QVERIFY(r.out.contains(QStringLiteral("/recordings/recording_001.mp4")));
        r = recorderctl({QStringLiteral("status"), QStringLiteral("--json")});
        compareGolden(r.out, QStringLiteral("status-recording.json"));

        r = recorderctl({QStringLiteral("extend")}); // 60 s + 30 s
        QCOMPARE(r.exitStatus, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("Session extended: 1min 2")) ||
                     r.out.startsWith(QStringLiteral("Session extended: 1min 3")),
                 qPrintable(r.out));
        r = recorderctl({QStringLiteral("extend")}); // capped at 100 s
        QCOMPARE(r.exitStatus, 0);
        r = recorderctl({QStringLiteral("extend")});
        QCOMPARE(r.exitStatus, int(ControlClient::kRefused));
        QVERIFY2(r.err.contains(QStringLiteral("maximum length of 1min 40s")), qPrintable(r.err));

        r = recorderctl({QStringLiteral("stop")});
        QCOMPARE(r.exitStatus, 0);
        QTRY_VERIFY(recorderctl({QStringLiteral("status")}).out.contains(QStringLiteral("State:       ready")));
    }

    void listAndProtect()
    {
        Run r = recorderctl({QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(r.exitStatus, 0);
        compareGolden(r.out, QStringLiteral("list.json"));

        r = recorderctl({QStringLiteral("list")});
        QCOMPARE(r.exitStatus, 0);
        QCOMPARE(r.out.count(QLatin1Char('\n')), 4); // header and three rows
        QVERIFY(r.out.contains(QStringLiteral("recording_2026-11-26_030000.mp4")));

        r = recorderctl({QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("1"), QStringLiteral("--offset"),
                         QStringLiteral("1"), QStringLiteral("--json")});
        const QJsonArray one = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(one.size(), 1);
        QCOMPARE(one.at(0).toObject().value(QStringLiteral("id")).toInt(), 2);

        const QString path = QStringLiteral("/var/lib/recorder/recordings/2026/11/26/recording_2026-11-26_010000.mp4");
        r = recorderctl({QStringLiteral("protect"), path});
        QCOMPARE(r.exitStatus, 0);
        QCOMPARE(r.out, QStringLiteral("Protected %1.\n").arg(path));
        r = recorderctl({QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().at(2).toObject().value(QStringLiteral("protected")).toInt(), 1);
        r = recorderctl({QStringLiteral("unprotect"), path});
        QCOMPARE(r.exitStatus, 0);

        r = recorderctl({QStringLiteral("protect"), QStringLiteral("/nowhere/x.mp4")});
        QCOMPARE(r.exitStatus, int(ControlClient::kRefused));
        QCOMPARE(r.err, QStringLiteral("recorderctl: refused: no recording /nowhere/x.mp4 in the catalog\n"));
    }

    void snapshot()
    {
        const QString file = m_dir.filePath(QStringLiteral("snap.jpg"));
        Run r = recorderctl({QStringLiteral("snapshot"), file});
        QCOMPARE(r.exitStatus, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("Snapshot written to ")));
        QImage image;
        QVERIFY(image.load(file, "JPG"));
        QCOMPARE(image.width(), 160);

        r = recorderctl({QStringLiteral("snapshot"), m_dir.filePath(QStringLiteral("missing-dir/snap.jpg"))});
        QCOMPARE(r.exitStatus, int(ControlClient::kCannotWrite));
        QVERIFY(r.err.startsWith(QStringLiteral("recorderctl: cannot write ")));

        // A link in FILE's place is refused, and what it points to is left alone.
        const QString target = m_dir.filePath(QStringLiteral("not-a-snapshot"));
        QFile text(target);
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("keep me\n");
        text.close();
        const QString link = m_dir.filePath(QStringLiteral("linked.jpg"));
        QVERIFY(QFile::link(target, link));
        r = recorderctl({QStringLiteral("snapshot"), link});
        QCOMPARE(r.exitStatus, int(ControlClient::kCannotWrite));
        QVERIFY2(r.err.contains(QStringLiteral("symbolic link")), qPrintable(r.err));
        QVERIFY(text.open(QIODevice::ReadOnly));
        QCOMPARE(text.readAll(), QByteArray("keep me\n"));
    }

    void restartCountSurvivesRestarts()
    {
        stopRecorder();
        QVERIFY(startRecorder());
        QTRY_VERIFY(recorderctl({QStringLiteral("status")}).out.contains(QStringLiteral("Restarts:    2")));
    }

    // The human text in English (no translator in this process) for what a 1.0 and a 1.1 recorder send.
    void statusTextReasonAndCatalog_data()
    {
        QTest::addColumn<QVariantMap>("status");
        QTest::addColumn<QStringList>("present");
        QTest::addColumn<QStringList>("absent");
        const QVariantMap old{{QStringLiteral("state"), QStringLiteral("recording")}};
        QTest::newRow("1.0: no reason, no catalog") << old << QStringList{QStringLiteral("State:       recording\n")}
                                                    << QStringList{QStringLiteral("Reason:"), QStringLiteral("Catalog:")};
        QVariantMap ok = old;
        ok.insert(QStringLiteral("state_reason"), QStringLiteral("Start command: session of 1min"));
        ok.insert(QStringLiteral("catalog"), QStringLiteral("ok"));
        ok.insert(QStringLiteral("catalog_error"), QString());
        QTest::newRow("1.1, catalog ok")
            << ok << QStringList{QStringLiteral("State:       recording\nReason:      Start command: session of 1min\n")}
            << QStringList{QStringLiteral("Catalog:")};
        QVariantMap full = ok;
        full.insert(QStringLiteral("catalog"), QStringLiteral("degraded"));
        full.insert(QStringLiteral("catalog_error"), QStringLiteral("database or disk is full"));
        QTest::newRow("1.1, catalog degraded")
            << full
            << QStringList{QStringLiteral("\nCatalog:     degraded (database or disk is full); recording goes on, "
                                          "the catalog catches up by itself\nErrors:")}
            << QStringList{};
        QVariantMap bare = full;
        bare.insert(QStringLiteral("catalog_error"), QString());
        QTest::newRow("1.1, catalog degraded without a reason")
            << bare << QStringList{QStringLiteral("\nCatalog:     degraded; recording goes on, the catalog catches up by itself\n")}
            << QStringList{QStringLiteral("()")};
        QVariantMap gpioOff = ok;
        gpioOff.insert(QStringLiteral("gpio"), QStringLiteral("off"));
        gpioOff.insert(QStringLiteral("gpio_error"), QString());
        QTest::newRow("1.2, GPIO off") << gpioOff << QStringList{QStringLiteral("State:")} << QStringList{QStringLiteral("GPIO:")};
        QVariantMap gpioOk = gpioOff;
        gpioOk.insert(QStringLiteral("gpio"), QStringLiteral("ok"));
        QTest::newRow("1.2, GPIO ok") << gpioOk << QStringList{QStringLiteral("\nGPIO:        button and LEDs working\nErrors:")}
                                      << QStringList{};
        QVariantMap gpioBusy = gpioOff;
        gpioBusy.insert(QStringLiteral("gpio"), QStringLiteral("unavailable"));
        gpioBusy.insert(QStringLiteral("gpio_error"), QStringLiteral("line 17 of gpiochip0 is held by another program"));
        QTest::newRow("1.2, GPIO unavailable")
            << gpioBusy
            << QStringList{QStringLiteral("\nGPIO:        unavailable (line 17 of gpiochip0 is held by another program); "
                                          "recording goes on without the button and LEDs\n")}
            << QStringList{};
    }

    void statusTextReasonAndCatalog()
    {
        QFETCH(QVariantMap, status);
        QFETCH(QStringList, present);
        QFETCH(QStringList, absent);
        const QString text = StatusText::status(status);
        for (const QString &p : present)
            QVERIFY2(text.contains(p), qPrintable(text));
        for (const QString &a : absent)
            QVERIFY2(!text.contains(a), qPrintable(text));
    }

    void errorMapping_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("exitStatus");
        QTest::newRow("refusal") << "org.recorder.Recorder1.Error.Busy" << int(ControlClient::kRefused);
        QTest::newRow("no service") << "org.freedesktop.DBus.Error.ServiceUnknown" << int(ControlClient::kNotRunning);
        QTest::newRow("policy") << "org.freedesktop.DBus.Error.AccessDenied" << int(ControlClient::kNotAllowed);
        QTest::newRow("no reply") << "org.freedesktop.DBus.Error.NoReply" << int(ControlClient::kNotResponding);
        QTest::newRow("other") << "org.freedesktop.DBus.Error.InvalidArgs" << int(ControlClient::kFailed);
    }

    void errorMapping()
    {
        QFETCH(QString, name);
        QFETCH(int, exitStatus);
        const ControlClient::Outcome o = ControlClient::fromError(QDBusError(QDBusMessage::createError(name, QStringLiteral("words"))));
        QCOMPARE(o.exitStatus, exitStatus);
        QVERIFY(!o.message.isEmpty());
        QVERIFY(!o.message.contains(QLatin1Char('\n')));
    }
};

QTEST_GUILESS_MAIN(TestRecorderctl)
#include "tst_recorderctl.moc"
