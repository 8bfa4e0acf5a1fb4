// SPDX-License-Identifier: MIT
// Tests recorder-dashboard from outside: it starts and paints, and refuses a bad [gui] language with 78.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestDashboardCommandLine : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    QString writeConfig(const QString &language)
    {
        const QString path = m_dir.filePath(QStringLiteral("recorder.conf"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(QStringLiteral("[paths]\nruntime_dir = %1/run\nstate_dir = %1/state\nlog_dir = %1/log\n"
                                  "[gui]\nlanguage = %2\nmetrics_url = http://127.0.0.1:1/metrics\n")
                       .arg(m_dir.path(), language)
                       .toUtf8());
        return path;
    }

    QProcess *run(const QStringList &arguments, const QString &systemLocale = QStringLiteral("C"))
    {
        auto *process = new QProcess(this);
        // A desktop session has one; without it Qt prints a warning that is not ours to count.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("LANGUAGE"));
        environment.insert(QStringLiteral("LC_ALL"), systemLocale);
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.path());
        // Hermetic: never talk to the machine's real system bus.
        environment.insert(QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS"),
                           QStringLiteral("unix:path=") + m_dir.filePath(QStringLiteral("no-bus")));
        process->setProcessEnvironment(environment);
        process->start(qEnvironmentVariable("DASHBOARD"), arguments);
        process->waitForFinished(30000);
        return process;
    }

private slots:
    void paintsAndQuits_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("system locale") << "";
        QTest::newRow("de") << "de";
    }

    void paintsAndQuits()
    {
        QFETCH(QString, language);
        QProcess *process = run({QStringLiteral("--config"), writeConfig(language),
                                 QStringLiteral("--quit-after-first-paint")});
        QCOMPARE(process->exitStatus(), QProcess::NormalExit);
        QCOMPARE(process->exitCode(), 0);
        QVERIFY(process->readAllStandardOutput().startsWith("first paint after "));
    }

    void languageChoice_data()
    {
        QTest::addColumn<QString>("systemLocale");
        QTest::addColumn<QString>("configured");
        QTest::addColumn<QString>("expected");
        QTest::newRow("system French") << "fr_FR.UTF-8" << "" << "fr";
        QTest::newRow("system German") << "de_AT.UTF-8" << "" << "de";
        QTest::newRow("system Spanish: English") << "es_ES.UTF-8" << "" << "en";
        QTest::newRow("[gui] language wins") << "fr_FR.UTF-8" << "de" << "de";
    }

    void languageChoice()
    {
        QFETCH(QString, systemLocale);
        QFETCH(QString, configured);
        QFETCH(QString, expected);
        QProcess *process = run({QStringLiteral("--config"), writeConfig(configured),
                                 QStringLiteral("--quit-after-first-paint")},
                                systemLocale);
        QCOMPARE(process->exitCode(), 0);
        const QByteArray log = process->readAllStandardError();
        QVERIFY2(log.contains("dashboard started, language " + expected.toLatin1()), log.constData());
    }

    void refusesUnknownLanguage()
    {
        QProcess *process = run({QStringLiteral("--config"), writeConfig(QStringLiteral("klingon"))});
        QCOMPARE(process->exitCode(), 78);
        const QByteArray error = process->readAllStandardError().trimmed();
        QVERIFY2(error.contains("[gui] language: \"klingon\" is not available; use one of en, fr, de"), error.constData());
        QCOMPARE(error.count('\n'), 0);
    }

    void refusesMissingConfig()
    {
        QProcess *process = run({QStringLiteral("--config"), m_dir.filePath(QStringLiteral("absent.conf"))});
        QCOMPARE(process->exitCode(), 78);
    }
};

QTEST_GUILESS_MAIN(TestDashboardCommandLine)
#include "tst_dashboardcommandline.moc"
