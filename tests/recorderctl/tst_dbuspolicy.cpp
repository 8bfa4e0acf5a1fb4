// SPDX-License-Identifier: MIT
// Tests systemd/org.recorder.Recorder1.conf on a bus with the system bus's default policy:
// root owns and calls; an ordinary user can do neither, and recorderctl says so (exit 77).
#include "controlclient.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <grp.h>
#include <unistd.h>

namespace {

constexpr uid_t kNobody = 65534;
constexpr gid_t kNoGroup = 65534;


void becomeNobody()
{
    // Runs in the child between fork and exec: only async-signal-safe calls.
    if (::setgroups(0, nullptr) != 0 || ::setgid(kNoGroup) != 0 || ::setuid(kNobody) != 0)
        ::_exit(126);
}

} // namespace

class TestDBusPolicy : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_bus;
    QProcess m_recorder;
    QString m_address;
    QString m_config;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS"), m_address);
        return env;
    }

    int run(const QString &program, const QStringList &args, bool asNobody, QString *err)
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        if (asNobody)
            p.setChildProcessModifier(becomeNobody);
        p.start(program, QStringList{QStringLiteral("--config"), m_config} + args);
        if (!p.waitForFinished(30000))
            return -1;
        *err = QString::fromUtf8(p.readAllStandardError());
        return p.exitCode();
    }

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to run clients as another user");
        // Everything the unprivileged client touches must be readable by it.
        QVERIFY(QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                        QFile::ReadOther | QFile::ExeOther));
        const QString policy = qEnvironmentVariable("RECORDER_SOURCE_DIR") + QStringLiteral("/systemd/org.recorder.Recorder1.conf");
        QVERIFY(QFile::exists(policy));
        const QString socket = m_dir.filePath(QStringLiteral("bus"));
        const QString busConfig = m_dir.filePath(QStringLiteral("bus.conf"));
        // Debian's system.conf default policy in short, plus our policy file.
        QFile templ(qEnvironmentVariable("RECORDER_SOURCE_DIR") + QStringLiteral("/tests/recorderctl/systembus.conf.in"));
        QVERIFY(templ.open(QIODevice::ReadOnly));
        QFile f(busConfig);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QString::fromUtf8(templ.readAll()).arg(socket, policy).toUtf8());
        f.close();
        m_address = QStringLiteral("unix:path=") + socket;

        m_config = m_dir.filePath(QStringLiteral("recorder.conf"));
        QFile c(m_config);
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write(QStringLiteral("[paths]\nruntime_dir=%1/run\nstate_dir=%1/state\nlog_dir=%1/log\n[recording]\nmode=session\n")
                    .arg(m_dir.path())
                    .toUtf8());
        c.close();
        QFile::setPermissions(m_config, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
        for (const char *sub : {"run", "state", "log"})
            QVERIFY(QDir(m_dir.path()).mkpath(QLatin1String(sub)));

        m_bus.start(QStringLiteral("dbus-daemon"), {QStringLiteral("--config-file=") + busConfig, QStringLiteral("--nofork"),
                                                   QStringLiteral("--nopidfile")});
        QVERIFY(m_bus.waitForStarted(5000));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(socket), 10000);
    }

    void cleanupTestCase()
    {
        for (QProcess *p : {&m_recorder, &m_bus}) {
            if (p->state() != QProcess::NotRunning) {
                p->terminate();
                if (!p->waitForFinished(5000))
                    p->kill();
                p->waitForFinished();
            }
        }
    }

    void ordinaryUserCannotOwnTheName()
    {
        QString err;
        const int status = run(qEnvironmentVariable("FAKE_RECORDERD"), {}, true, &err);
        QCOMPARE(status, 1);
        QVERIFY2(err.contains(QStringLiteral("cannot own org.recorder.Recorder1")), qPrintable(err));
    }

    void rootOwnsAndCalls()
    {
        m_recorder.setProcessEnvironment(environment());
        m_recorder.start(qEnvironmentVariable("FAKE_RECORDERD"), {QStringLiteral("--config"), m_config});
        QVERIFY(m_recorder.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(m_recorder.canReadLine() || m_recorder.state() == QProcess::NotRunning, 10000);
        QCOMPARE(m_recorder.readLine().trimmed(), QByteArray("ready"));
        QString err;
        QCOMPARE(run(qEnvironmentVariable("RECORDERCTL"), {QStringLiteral("status")}, false, &err), 0);
    }

    void ordinaryUserIsNotAllowed_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("status") << QStringList{"status"};
        QTest::newRow("start") << QStringList{"start"};
        QTest::newRow("protect") << QStringList{"protect", "/x.mp4"};
    }

    void ordinaryUserIsNotAllowed()
    {
        QFETCH(QStringList, args);
        QString err;
        QCOMPARE(run(qEnvironmentVariable("RECORDERCTL"), args, true, &err), int(ControlClient::kNotAllowed));
        QCOMPARE(err, QStringLiteral("recorderctl: not allowed: only root and members of the group \"recorder\" may "
                                     "control the recorder\n"));
    }
};

QTEST_GUILESS_MAIN(TestDBusPolicy)
#include "tst_dbuspolicy.moc"
