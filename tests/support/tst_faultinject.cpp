// SPDX-License-Identifier: MIT
// Tests the fault-injection shim through a child program: slow syncs, failing writes, live changes, the path prefix.
#include "faultinjector.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

constexpr int kWaitMs = 10000;

QString probeProgram()
{
    return qEnvironmentVariable("FAULTINJECT_PROBE");
}

// The child: one libc call per request, its outcome and duration as one line.
class Probe
{
public:
    explicit Probe(const QProcessEnvironment &environment)
    {
        m_process.setProcessEnvironment(environment);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(probeProgram(), QStringList());
    }
    ~Probe()
    {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(kWaitMs))
            m_process.kill();
    }
    bool started() { return m_process.waitForStarted(kWaitMs); }

    struct Answer {
        QString outcome; // "ok", "ENOSPC", "EIO", ... or "no answer"
        double ms = -1;
    };

    Answer call(const QString &function, const QString &path)
    {
        m_process.write((function + QLatin1Char(' ') + path + QLatin1Char('\n')).toUtf8());
        while (!m_process.canReadLine()) {
            if (!m_process.waitForReadyRead(kWaitMs))
                return {QStringLiteral("no answer"), -1};
        }
        const QStringList words = QString::fromUtf8(m_process.readLine()).trimmed().split(QLatin1Char(' '));
        return {words.value(0), words.value(1).toDouble()};
    }
    QString outcome(const QString &function, const QString &path) { return call(function, path).outcome; }

private:
    QProcess m_process;
};

} // namespace

class TestFaultInject : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<FaultInjector> m_faults;

    QString inside(const QString &name) const { return m_dir.filePath(QStringLiteral("inside/") + name); }
    QString outside(const QString &name) const { return m_dir.filePath(QStringLiteral("outside/") + name); }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(probeProgram()).isExecutable(), qPrintable(probeProgram()));
        const QString unavailable = FaultInjector::unavailableReason();
        QVERIFY2(unavailable.isEmpty(), qPrintable(unavailable));
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("inside")));
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("outside")));
    }

    void init()
    {
        m_faults = std::make_unique<FaultInjector>(m_dir.filePath(QStringLiteral("faults")));
        m_faults->setPathPrefix(m_dir.filePath(QStringLiteral("inside")));
        QCOMPARE(m_faults->apply(), QString());
    }

    void passesThroughWithoutFaults_data()
    {
        QTest::addColumn<QString>("function");
        for (const char *function : {"write", "pwrite", "pwrite64", "writev", "fsync", "fdatasync"})
            QTest::newRow(function) << QString::fromLatin1(function);
    }
    void passesThroughWithoutFaults()
    {
        QFETCH(QString, function);
        Probe probe(m_faults->environment());
        QVERIFY(probe.started());
        const QString file = inside(QStringLiteral("plain-") + function);
        QCOMPARE(probe.outcome(function, file), QStringLiteral("ok"));
        if (function.contains(QLatin1String("write"))) {
            QFile written(file);
            QVERIFY(written.open(QIODevice::ReadOnly));
            QCOMPARE(written.readAll(), QByteArray("0123456789\n"));
        }
    }

    void delaysSyncs_data()
    {
        QTest::addColumn<QString>("function");
        QTest::newRow("fdatasync") << QStringLiteral("fdatasync");
        QTest::newRow("fsync") << QStringLiteral("fsync");
    }
    void delaysSyncs()
    {
        QFETCH(QString, function);
        constexpr int kDelayMs = 300;
        m_faults->setSyncDelayMs(kDelayMs);
        QCOMPARE(m_faults->apply(), QString());
        Probe probe(m_faults->environment());
        QVERIFY(probe.started());
        QElapsedTimer outside;
        outside.start();
        const Probe::Answer answer = probe.call(function, inside(QStringLiteral("slow")));
        QCOMPARE(answer.outcome, QStringLiteral("ok"));
        QVERIFY2(answer.ms >= kDelayMs, qPrintable(QString::number(answer.ms)));
        QVERIFY(outside.elapsed() >= kDelayMs);
    }

    void failsWrites_data()
    {
        QTest::addColumn<QString>("function");
        QTest::addColumn<QString>("expected");
        for (const char *function : {"write", "pwrite", "pwrite64", "writev"}) {
            QTest::addRow("%s ENOSPC", function) << QString::fromLatin1(function) << QStringLiteral("ENOSPC");
            QTest::addRow("%s EIO", function) << QString::fromLatin1(function) << QStringLiteral("EIO");
        }
    }
    void failsWrites()
    {
        QFETCH(QString, function);
        QFETCH(QString, expected);
        m_faults->setWriteError(expected == QLatin1String("EIO") ? FaultInjector::WriteError::Io
                                                                 : FaultInjector::WriteError::NoSpace);
        QCOMPARE(m_faults->apply(), QString());
        Probe probe(m_faults->environment());
        QVERIFY(probe.started());
        const QString file = inside(QStringLiteral("failing-") + function);
        QCOMPARE(probe.outcome(function, file), expected);
        QCOMPARE(QFileInfo(file).size(), 0); // nothing reached the file
        // Syncs are not writes: they still succeed.
        QCOMPARE(probe.outcome(QStringLiteral("fdatasync"), file), QStringLiteral("ok"));
    }

    // A running process follows the control file: faults come and go without a restart.
    void controlFileChangesTakeEffect()
    {
        Probe probe(m_faults->environment());
        QVERIFY(probe.started());
        const QString file = inside(QStringLiteral("live"));
        QCOMPARE(probe.outcome(QStringLiteral("write"), file), QStringLiteral("ok"));

        m_faults->setWriteError(FaultInjector::WriteError::NoSpace);
        QCOMPARE(m_faults->apply(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(probe.outcome(QStringLiteral("write"), file), QStringLiteral("ENOSPC"), kWaitMs);

        m_faults->setWriteError(FaultInjector::WriteError::Io);
        QCOMPARE(m_faults->apply(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(probe.outcome(QStringLiteral("pwrite64"), file), QStringLiteral("EIO"), kWaitMs);

        m_faults->clearFaults();
        QCOMPARE(m_faults->apply(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(probe.outcome(QStringLiteral("write"), file), QStringLiteral("ok"), kWaitMs);

        // The control file removed: back to the environment's values (none here).
        m_faults->setWriteError(FaultInjector::WriteError::Io);
        QCOMPARE(m_faults->apply(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(probe.outcome(QStringLiteral("write"), file), QStringLiteral("EIO"), kWaitMs);
        QVERIFY(QFile::remove(m_faults->controlFile()));
        QTRY_COMPARE_WITH_TIMEOUT(probe.outcome(QStringLiteral("write"), file), QStringLiteral("ok"), kWaitMs);
    }

    // Files outside path_prefix (and the probe's own stdout, a pipe) are never touched.
    void outsidePrefixIsUntouched()
    {
        m_faults->setWriteError(FaultInjector::WriteError::NoSpace);
        m_faults->setSyncDelayMs(2000);
        QCOMPARE(m_faults->apply(), QString());
        Probe probe(m_faults->environment());
        QVERIFY(probe.started());
        for (const char *function : {"write", "pwrite", "pwrite64", "writev"})
            QCOMPARE(probe.outcome(QString::fromLatin1(function), outside(QStringLiteral("free"))), QStringLiteral("ok"));
        const Probe::Answer sync = probe.call(QStringLiteral("fdatasync"), outside(QStringLiteral("free")));
        QCOMPARE(sync.outcome, QStringLiteral("ok"));
        QVERIFY2(sync.ms < 1000, qPrintable(QString::number(sync.ms)));
        QCOMPARE(QFileInfo(outside(QStringLiteral("free"))).size(), 4 * 11);
        // The same process, the same settings: inside the prefix the fault is there.
        QCOMPARE(probe.outcome(QStringLiteral("write"), inside(QStringLiteral("blocked"))), QStringLiteral("ENOSPC"));
    }

    // Without a control file the environment's values apply from the first call on.
    void environmentGivesInitialValues()
    {
        QProcessEnvironment environment = FaultInjector(m_dir.filePath(QStringLiteral("absent"))).environment();
        environment.insert(QStringLiteral("RECORDER_FAULT_WRITE_ERROR"), QStringLiteral("EIO"));
        environment.insert(QStringLiteral("RECORDER_FAULT_SYNC_DELAY_MS"), QStringLiteral("200"));
        environment.insert(QStringLiteral("RECORDER_FAULT_PATH_PREFIX"), m_dir.filePath(QStringLiteral("inside")));
        Probe probe(environment);
        QVERIFY(probe.started());
        QCOMPARE(probe.outcome(QStringLiteral("write"), inside(QStringLiteral("env"))), QStringLiteral("EIO"));
        QCOMPARE(probe.outcome(QStringLiteral("write"), outside(QStringLiteral("env"))), QStringLiteral("ok"));
        const Probe::Answer sync = probe.call(QStringLiteral("fsync"), inside(QStringLiteral("env")));
        QCOMPARE(sync.outcome, QStringLiteral("ok"));
        QVERIFY2(sync.ms >= 200, qPrintable(QString::number(sync.ms)));
    }
};

QTEST_GUILESS_MAIN(TestFaultInject)
#include "tst_faultinject.moc"
