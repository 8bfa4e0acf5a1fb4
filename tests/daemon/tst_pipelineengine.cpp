// SPDX-License-Identifier: MIT
// Tests the control layer wired into the real recorderd (PipelineEngine, CatalogAdapter) through recorderctl.
#include "catalogschema.h"
#include "privatebus.h"

#include <QDBusConnection>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSocketNotifier>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <memory>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

constexpr int kWaitMs = 20000;       // generous, for a loaded 2-core machine
constexpr int kStopTimeoutMs = 5000; // the issue: SIGTERM finishes and exits within 5 s
constexpr qint64 kWatchdogUsec = 2000000;

QString binary(const QString &relative)
{
    return qEnvironmentVariable("RECORDER_BINARY_DIR") + QLatin1Char('/') + relative;
}

struct Outcome {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Outcome run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    process.waitForFinished(kWaitMs);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

// systemd's side of sd_notify: a bound datagram socket whose messages the test reads.
class NotifySocket
{
public:
    explicit NotifySocket(const QString &path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        qstrncpy(addr.sun_path, QFile::encodeName(path).constData(), sizeof addr.sun_path);
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
            qFatal("cannot bind %s", qPrintable(path));
        m_clock.start();
        m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, [this] {
            char buffer[4096];
            ssize_t n;
            while ((n = ::recv(m_fd, buffer, sizeof buffer, 0)) > 0) {
                for (const QByteArray &line : QByteArray(buffer, static_cast<int>(n)).split('\n')) {
                    lines.append(line);
                    times.append(m_clock.elapsed());
                }
            }
        });
    }
    ~NotifySocket()
    {
        m_notifier.reset();
        ::close(m_fd);
    }
    int count(const QByteArray &line) const { return static_cast<int>(lines.count(line)); }
    int indexOf(const QByteArray &line) const { return static_cast<int>(lines.indexOf(line)); }
    qint64 now() const { return m_clock.elapsed(); }
    // The longest time without WATCHDOG=1 between `from` and `to` (ms on this socket's clock).
    qint64 longestWatchdogGap(qint64 from, qint64 to) const
    {
        qint64 last = from;
        qint64 gap = 0;
        for (int i = 0; i < lines.size(); ++i) {
            if (lines.at(i) != "WATCHDOG=1" || times.at(i) < from || times.at(i) > to)
                continue;
            gap = std::max(gap, times.at(i) - last);
            last = times.at(i);
        }
        return std::max(gap, to - last);
    }
    QList<QByteArray> lines;
    QList<qint64> times; // when each line arrived

private:
    QElapsedTimer m_clock;
    int m_fd = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

// The recorder's D-Bus signals as the test hears them on the private bus.
class SignalLog : public QObject
{
    Q_OBJECT
public:
    QStringList states;
    QList<double> warnings;

public slots:
    void onStateChanged(const QString &state, const QString &) { states.append(state); }
    void onWarning(double remaining, const QString &) { warnings.append(remaining); }
};

struct Row {
    QString path;
    QString sessionId;
    QString state;
    qint64 frames = 0;
    bool isProtected = false;
};

// recorderd with its own directories and configuration, at 320x240@15 from the test pattern.
class Daemon
{
public:
    explicit Daemon(const QString &recording)
    {
        QFile config(configFile());
        config.open(QIODevice::WriteOnly);
        config.write(QStringLiteral("[paths]\nruntime_dir=%1/run\nstate_dir=%1/state\nrecordings_dir=%1/rec\n"
                                    "log_dir=%1/log\n[heartbeat]\ninterval=200ms\n"
                                    "[camera]\nsource=testpattern\nwidth=320\nheight=240\nfps=15\n"
                                    "[encoder]\nkeyframe_interval=1s\nfragment_duration=1s\n[storage]\nmin_free=0\n"
                                    "[preview]\ninterval=500ms\nwidth=160\n[recording]\n%2\n")
                         .arg(m_dir.path(), recording)
                         .toUtf8());
    }
    ~Daemon()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    QString path(const QString &relative) const { return m_dir.filePath(relative); }
    QString configFile() const { return m_dir.filePath(QStringLiteral("recorder.conf")); }
    QProcess &process() { return m_process; }

    void start(const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
               QProcess::ProcessChannelMode channels = QProcess::ForwardedErrorChannel)
    {
        m_process.setProcessEnvironment(environment);
        m_process.setProcessChannelMode(channels);
        m_process.start(binary(QStringLiteral("daemon/recorderd")), {QStringLiteral("--config"), configFile()});
        QVERIFY(m_process.waitForStarted());
    }

    void stop()
    {
        QElapsedTimer timer;
        timer.start();
        ::kill(pid_t(m_process.processId()), SIGTERM);
        QVERIFY(m_process.waitForFinished(kWaitMs));
        QVERIFY2(timer.elapsed() < kStopTimeoutMs, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(m_process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_process.exitCode(), 0);
    }

    // The heartbeat of the running process (not one left by an earlier run), or an empty object.
    QJsonObject heartbeat() const
    {
        QFile file(m_dir.filePath(QStringLiteral("run/heartbeat.json")));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const QJsonObject beat = QJsonDocument::fromJson(file.readAll()).object();
        return beat.value(QStringLiteral("pid")).toInteger() == m_process.processId() ? beat : QJsonObject();
    }
    QString state() const { return heartbeat().value(QStringLiteral("state")).toString(); }

    Outcome ctl(const QStringList &arguments) const
    {
        return run(binary(QStringLiteral("recorderctl/recorderctl")),
                   QStringList{QStringLiteral("--config"), configFile()} + arguments);
    }
    QJsonObject status() const
    {
        return QJsonDocument::fromJson(ctl({QStringLiteral("status"), QStringLiteral("--json")}).out).object();
    }

    QList<Row> rows() const
    {
        QList<Row> rows;
        {
            QSqlDatabase db;
            const QString error = CatalogSchema::open(m_dir.filePath(QStringLiteral("state/catalog.db")),
                                                      QStringLiteral("tst"), true, &db);
            if (!error.isEmpty())
                qWarning() << "catalog:" << error;
            QSqlQuery query(db);
            query.exec(QStringLiteral("SELECT path, session_id, state, frames, protected FROM recordings "
                                      "ORDER BY start_time_ms"));
            while (query.next())
                rows.append({query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
                             query.value(3).toLongLong(), query.value(4).toBool()});
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tst"));
        return rows;
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
};

void verifyDecodes(const QString &file)
{
    const Outcome outcome = run(QStringLiteral("ffmpeg"), {QStringLiteral("-v"), QStringLiteral("error"),
                                                           QStringLiteral("-i"), file, QStringLiteral("-f"),
                                                           QStringLiteral("null"), QStringLiteral("-")});
    QVERIFY2(outcome.err.isEmpty(), qPrintable(file + QStringLiteral(": ") + QString::fromUtf8(outcome.err)));
    QCOMPARE(outcome.exitCode, 0);
}

double number(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toDouble(-1);
}

} // namespace

class TestPipelineEngine : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void sessionDrivenByRecorderctl();
    void continuousPausesAndResumes();
    void recordsWithoutBus();
    void sessionEndsByItself();
    void stalledCameraWithholdsWatchdog_data();
    void stalledCameraWithholdsWatchdog();

private:
    PrivateBus m_bus;
};

void TestPipelineEngine::initTestCase()
{
    QVERIFY2(QFile::exists(binary(QStringLiteral("daemon/recorderd"))), "recorderd not built");
    QVERIFY2(QFile::exists(binary(QStringLiteral("recorderctl/recorderctl"))), "recorderctl not built");
    const QString error = m_bus.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

// A person's session: Start, a warning, Extend, Stop; refusals; heartbeat, status, catalog, files,
// preview and systemd notify along the way.
void TestPipelineEngine::sessionDrivenByRecorderctl()
{
    Daemon daemon(QStringLiteral("mode=session\nsession_duration=6s\nextension=2s\nmax_duration=8s\n"
                                 "warnings=4s\nsegment_duration=2s"));
    NotifySocket notify(daemon.path(QStringLiteral("notify")));
    SignalLog signalLog;
    QDBusConnection bus = QDBusConnection::systemBus();
    QVERIFY(bus.connect(QString(), QStringLiteral("/org/recorder/Recorder1"), QStringLiteral("org.recorder.Recorder1"),
                        QStringLiteral("StateChanged"), &signalLog, SLOT(onStateChanged(QString, QString))));
    QVERIFY(bus.connect(QString(), QStringLiteral("/org/recorder/Recorder1"), QStringLiteral("org.recorder.Recorder1"),
                        QStringLiteral("Warning"), &signalLog, SLOT(onWarning(double, QString))));

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("NOTIFY_SOCKET"), daemon.path(QStringLiteral("notify")));
    environment.insert(QStringLiteral("WATCHDOG_USEC"), QString::number(kWatchdogUsec));
    daemon.start(environment);

    // Session mode waits for Start; READY=1 comes before any WATCHDOG=1.
    QTRY_COMPARE_WITH_TIMEOUT(daemon.state(), QStringLiteral("ready"), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(notify.count("READY=1") == 1, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(notify.count("WATCHDOG=1") > 0, kWaitMs);
    QVERIFY(notify.indexOf("READY=1") < notify.indexOf("WATCHDOG=1"));
    QJsonObject beat = daemon.heartbeat();
    QCOMPARE(beat.value(QStringLiteral("recording_active")).toBool(true), false);
    QVERIFY(beat.value(QStringLiteral("session_remaining_seconds")).isNull());

    // Refusals while ready: a clear message and a non-zero exit.
    Outcome outcome = daemon.ctl({QStringLiteral("extend")});
    QVERIFY(outcome.exitCode != 0);
    QVERIFY2(!outcome.err.isEmpty(), outcome.out.constData());
    QVERIFY(daemon.ctl({QStringLiteral("stop")}).exitCode != 0);

    outcome = daemon.ctl({QStringLiteral("start")});
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    const qint64 startedAt = notify.now();
    QElapsedTimer sessionClock;
    sessionClock.start();
    QTRY_VERIFY_WITH_TIMEOUT(daemon.heartbeat().value(QStringLiteral("recording_active")).toBool(), kWaitMs);
    beat = daemon.heartbeat();
    QCOMPARE(beat.value(QStringLiteral("state")).toString(), QStringLiteral("recording"));
    QVERIFY(!beat.value(QStringLiteral("current_file")).toString().isEmpty());
    const double remaining = number(beat, "session_remaining_seconds");
    QVERIFY2(remaining > 0 && remaining <= 6, qPrintable(QString::number(remaining)));
    QTRY_VERIFY_WITH_TIMEOUT(number(daemon.heartbeat(), "session_remaining_seconds") < remaining - 0.3, kWaitMs);
    QVERIFY(daemon.ctl({QStringLiteral("start")}).exitCode != 0); // already recording

    // The 4 s warning, 2 s into the session: in the heartbeat, with the remaining time it names.
    QTRY_VERIFY_WITH_TIMEOUT(!daemon.heartbeat().value(QStringLiteral("warning")).toString().isEmpty(), kWaitMs);
    beat = daemon.heartbeat();
    const double atWarning = number(beat, "session_remaining_seconds");
    QVERIFY2(atWarning > 3.0 && atWarning <= 4.0, qPrintable(QString::number(atWarning)));
    QVERIFY2(beat.value(QStringLiteral("warning")).toString().contains(QLatin1String("4s")),
             qPrintable(beat.value(QStringLiteral("warning")).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(signalLog.warnings, QList<double>{4.0}, kWaitMs);

    // Extend once (to the 8 s maximum), then it is refused.
    outcome = daemon.ctl({QStringLiteral("extend")});
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(number(daemon.heartbeat(), "session_remaining_seconds") > atWarning, kWaitMs);
    outcome = daemon.ctl({QStringLiteral("extend")});
    QVERIFY(outcome.exitCode != 0);

    // A snapshot of the running camera, as JPEG.
    const QString snapshot = daemon.path(QStringLiteral("snapshot.jpg"));
    outcome = daemon.ctl({QStringLiteral("snapshot"), snapshot});
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    QVERIFY(!QImage(snapshot).isNull());

    // status --json shows the pipeline's counters and the controller's state.
    const QJsonObject status = daemon.status();
    QCOMPARE(status.value(QStringLiteral("state")).toString(), QStringLiteral("recording"));
    QVERIFY(status.value(QStringLiteral("frames_captured")).toInteger() > 0);
    QVERIFY(status.value(QStringLiteral("bytes_written")).toInteger() > 0);
    QCOMPARE(status.value(QStringLiteral("camera")).toString(), QStringLiteral("testpattern"));
    QVERIFY(!status.value(QStringLiteral("encoder")).toString().isEmpty());
    QVERIFY(status.value(QStringLiteral("restart_count")).toInteger() >= 1);

    // Stop: processing, then ready; every file complete, one session across its segments.
    outcome = daemon.ctl({QStringLiteral("stop")});
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    const qint64 stoppedAt = notify.now();
    QVERIFY2(sessionClock.elapsed() < 8000, "the session ended by itself before Stop: the machine is too slow");
    QTRY_COMPARE_WITH_TIMEOUT(daemon.state(), QStringLiteral("ready"), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(signalLog.states.size() >= 2 && signalLog.states.last() == QLatin1String("ready"), kWaitMs);
    QCOMPARE(signalLog.states.at(signalLog.states.size() - 2), QStringLiteral("processing"));
    beat = daemon.heartbeat();
    QCOMPARE(beat.value(QStringLiteral("recording_active")).toBool(true), false);
    QVERIFY(beat.value(QStringLiteral("current_file")).toString().isEmpty());
    QCOMPARE(beat.value(QStringLiteral("frames_dropped")).toInteger(-1), 0); // with the preview on

    const QList<Row> rows = daemon.rows();
    QVERIFY2(rows.size() >= 2, qPrintable(QString::number(rows.size())));
    for (const Row &row : rows) {
        QCOMPARE(row.state, QStringLiteral("complete"));
        QCOMPARE(row.sessionId, rows.first().sessionId);
        QVERIFY(row.frames > 0);
        verifyDecodes(row.path);
    }
    QVERIFY(!rows.first().sessionId.isEmpty());

    // recorderctl list reads the same catalog, newest first; protect and unprotect change it.
    const QJsonArray listed = QJsonDocument::fromJson(daemon.ctl({QStringLiteral("list"), QStringLiteral("--json")}).out).array();
    QCOMPARE(listed.size(), rows.size());
    QCOMPARE(listed.first().toObject().value(QStringLiteral("path")).toString(), rows.last().path);
    QCOMPARE(listed.first().toObject().value(QStringLiteral("session_id")).toString(), rows.last().sessionId);
    outcome = daemon.ctl({QStringLiteral("protect"), rows.first().path});
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    QVERIFY(daemon.rows().first().isProtected);
    outcome = daemon.ctl({QStringLiteral("unprotect"), rows.first().path});
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    QVERIFY(!daemon.rows().first().isProtected);
    outcome = daemon.ctl({QStringLiteral("protect"), daemon.path(QStringLiteral("rec/nothing.mp4"))});
    QVERIFY(outcome.exitCode != 0);
    QVERIFY2(outcome.err.contains("no recording"), outcome.err.constData());

    // The preview: a JPEG of the latest frame, downscaled to [preview] width.
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(daemon.path(QStringLiteral("run/preview.jpg"))), kWaitMs);
    const QImage preview(daemon.path(QStringLiteral("run/preview.jpg")));
    QCOMPARE(preview.width(), 160);
    QCOMPARE(preview.height(), 120);

    // Frames flowed while recording: WATCHDOG=1 came at least every half WATCHDOG_USEC.
    const qint64 gap = notify.longestWatchdogGap(startedAt, stoppedAt);
    QVERIFY2(gap <= kWatchdogUsec / 2000, qPrintable(QString::number(gap)));
    daemon.stop();
    QTRY_COMPARE_WITH_TIMEOUT(notify.count("STOPPING=1"), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(signalLog.states.last(), QStringLiteral("stopping"), kWaitMs);
}

// Continuous mode records from start-up; Stop pauses (nothing more written, file finalised),
// Start resumes into a new file; SIGTERM leaves every file complete.
void TestPipelineEngine::continuousPausesAndResumes()
{
    Daemon daemon(QStringLiteral("mode=continuous\nsegment_duration=1min"));
    daemon.start();
    QTRY_VERIFY_WITH_TIMEOUT(daemon.heartbeat().value(QStringLiteral("recording_active")).toBool(), kWaitMs);
    QCOMPARE(daemon.state(), QStringLiteral("recording"));
    QTRY_VERIFY_WITH_TIMEOUT(daemon.heartbeat().value(QStringLiteral("bytes_written")).toInteger() > 0, kWaitMs);

    Outcome outcome = daemon.ctl({QStringLiteral("stop")});
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    QTRY_COMPARE_WITH_TIMEOUT(daemon.state(), QStringLiteral("ready"), kWaitMs);
    QList<Row> rows = daemon.rows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().state, QStringLiteral("complete"));
    QVERIFY(rows.first().sessionId.isEmpty());
    verifyDecodes(rows.first().path);

    // Paused: frames are still captured (preview, frame timeout), none written.
    const QJsonObject paused = daemon.heartbeat();
    QVERIFY(paused.value(QStringLiteral("current_file")).toString().isEmpty());
    const qint64 captured = paused.value(QStringLiteral("frames_captured")).toInteger();
    QTRY_VERIFY_WITH_TIMEOUT(daemon.heartbeat().value(QStringLiteral("frames_captured")).toInteger() > captured + 10,
                             kWaitMs);
    QCOMPARE(daemon.heartbeat().value(QStringLiteral("bytes_written")).toInteger(),
             paused.value(QStringLiteral("bytes_written")).toInteger());
    QCOMPARE(daemon.rows().size(), 1);

    outcome = daemon.ctl({QStringLiteral("start")});
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(daemon.heartbeat().value(QStringLiteral("bytes_written")).toInteger()
                                 > paused.value(QStringLiteral("bytes_written")).toInteger(),
                             kWaitMs);
    QCOMPARE(daemon.state(), QStringLiteral("recording"));
    QVERIFY(daemon.ctl({QStringLiteral("extend")}).exitCode != 0); // no session in continuous mode

    daemon.stop();
    rows = daemon.rows();
    QCOMPARE(rows.size(), 2);
    for (const Row &row : rows) {
        QCOMPARE(row.state, QStringLiteral("complete"));
        verifyDecodes(row.path);
    }
}

// Without a system bus the recorder records anyway and says so in one line; restarts are counted.
void TestPipelineEngine::recordsWithoutBus()
{
    Daemon daemon(QStringLiteral("mode=continuous"));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS"),
                       QStringLiteral("unix:path=") + daemon.path(QStringLiteral("no-bus")));
    environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    daemon.start(environment, QProcess::MergedChannels);
    QTRY_VERIFY_WITH_TIMEOUT(daemon.heartbeat().value(QStringLiteral("recording_active")).toBool(), kWaitMs);
    daemon.stop();
    const QByteArray log = daemon.process().readAll();
    QCOMPARE(log.count("recording goes on without remote control"), 1);
    const QList<Row> rows = daemon.rows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().state, QStringLiteral("complete"));

    // The restart count lives in the state dir and grows with each start.
    daemon.start(environment, QProcess::MergedChannels);
    QTRY_COMPARE_WITH_TIMEOUT(daemon.heartbeat().value(QStringLiteral("restart_count")).toInteger(), 2, kWaitMs);
    daemon.stop();
}

// A session nobody stops ends at session_duration: processing, then ready, its file complete.
void TestPipelineEngine::sessionEndsByItself()
{
    Daemon daemon(QStringLiteral("mode=session\nsession_duration=2s\nwarnings=1s\nsegment_duration=1min"));
    daemon.start();
    QTRY_COMPARE_WITH_TIMEOUT(daemon.state(), QStringLiteral("ready"), kWaitMs);
    const Outcome outcome = daemon.ctl({QStringLiteral("start")});
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(daemon.heartbeat().value(QStringLiteral("recording_active")).toBool(), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(daemon.state(), QStringLiteral("ready"), kWaitMs);
    const QJsonObject beat = daemon.heartbeat();
    QVERIFY(beat.value(QStringLiteral("session_remaining_seconds")).isNull());
    QVERIFY(beat.value(QStringLiteral("warning")).toString().isEmpty());
    const QList<Row> rows = daemon.rows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().state, QStringLiteral("complete"));
    verifyDecodes(rows.first().path);
    daemon.stop();
}

void TestPipelineEngine::stalledCameraWithholdsWatchdog_data()
{
    QTest::addColumn<bool>("stopDuringError");
    QTest::newRow("recording resumes") << false;
    QTest::newRow("stop during the error") << true;
}

// A capture that stops delivering while recording: WATCHDOG=1 is withheld until the Recorder
// declares the camera lost (state error, reason in the heartbeat and status); recording resumes
// by itself once frames come back, unless Stop came during the error.
void TestPipelineEngine::stalledCameraWithholdsWatchdog()
{
    QFETCH(bool, stopDuringError);
    Daemon daemon(QStringLiteral("mode=continuous\nsegment_duration=1min\n[camera]\nframe_timeout=3s"));
    NotifySocket notify(daemon.path(QStringLiteral("notify")));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("NOTIFY_SOCKET"), daemon.path(QStringLiteral("notify")));
    environment.insert(QStringLiteral("WATCHDOG_USEC"), QString::number(1000000)); // a ping every 500 ms
    environment.insert(QStringLiteral("RECORDER_TEST_STALL_FILE"), daemon.path(QStringLiteral("stall")));
    daemon.start(environment);
    QTRY_VERIFY_WITH_TIMEOUT(daemon.heartbeat().value(QStringLiteral("recording_active")).toBool(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(notify.count("WATCHDOG=1") >= 3, kWaitMs);

    QFile stall(daemon.path(QStringLiteral("stall")));
    QVERIFY(stall.open(QIODevice::WriteOnly));
    stall.close();
    const qint64 stalledAt = notify.now();
    QTRY_COMPARE_WITH_TIMEOUT(daemon.state(), QStringLiteral("error"), kWaitMs);
    const qint64 errorAt = notify.now();
    // Frames stopped reaching the file for frame_timeout (3 s): well over one watchdog period
    // (1 s) went without a ping, so systemd would have acted.
    const qint64 gap = notify.longestWatchdogGap(stalledAt, errorAt);
    QVERIFY2(gap >= 1500, qPrintable(QString::number(gap)));
    const QJsonObject status = daemon.status();
    QCOMPARE(status.value(QStringLiteral("state")).toString(), QStringLiteral("error"));
    QVERIFY(status.value(QStringLiteral("error_count")).toInteger() >= 1);
    QVERIFY2(status.value(QStringLiteral("last_error")).toString().contains(QLatin1String("no frame")),
             qPrintable(status.value(QStringLiteral("last_error")).toString()));
    QVERIFY(daemon.ctl({QStringLiteral("start")}).exitCode != 0); // refused in error
    if (stopDuringError) {
        const Outcome outcome = daemon.ctl({QStringLiteral("stop")});
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    }

    QVERIFY(QFile::remove(daemon.path(QStringLiteral("stall"))));
    if (stopDuringError) {
        // Recovered into `ready`: frames flow again, none is written.
        // Recovered into `ready`: frames flow again, none is written (a file the pipeline may
        // have begun in the moment of recovery is finished at once).
        QTRY_COMPARE_WITH_TIMEOUT(daemon.state(), QStringLiteral("ready"), kWaitMs);
        const auto capturedSince = [&](const QJsonObject &beat) {
            return daemon.heartbeat().value(QStringLiteral("frames_captured")).toInteger()
                - beat.value(QStringLiteral("frames_captured")).toInteger();
        };
        const QJsonObject ready = daemon.heartbeat();
        QTRY_VERIFY_WITH_TIMEOUT(capturedSince(ready) > 10, kWaitMs);
        const QJsonObject settled = daemon.heartbeat();
        QTRY_VERIFY_WITH_TIMEOUT(capturedSince(settled) > 10, kWaitMs);
        QCOMPARE(daemon.heartbeat().value(QStringLiteral("bytes_written")).toInteger(),
                 settled.value(QStringLiteral("bytes_written")).toInteger());
        QCOMPARE(daemon.heartbeat().value(QStringLiteral("recording_active")).toBool(true), false);
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(daemon.state(), QStringLiteral("recording"), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(daemon.heartbeat().value(QStringLiteral("recording_active")).toBool(), kWaitMs);
    }
    daemon.stop();
    const QList<Row> rows = daemon.rows();
    if (stopDuringError)
        QVERIFY2(rows.size() <= 2, qPrintable(QString::number(rows.size())));
    else
        QCOMPARE(rows.size(), 2);
    for (const Row &row : rows)
        QCOMPARE(row.state, QStringLiteral("complete"));
}

QTEST_GUILESS_MAIN(TestPipelineEngine)
#include "tst_pipelineengine.moc"
