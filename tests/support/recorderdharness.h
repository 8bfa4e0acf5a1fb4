// SPDX-License-Identifier: MIT
// Runs the real recorderd for a test: its own directories and configuration, start, stop, kill, heartbeat, catalog.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <csignal>
#include <functional>

// Thread-bound (the test's main thread). One harness is one recorderd installation in a private
// QTemporaryDir (mode 0700): run/, state/, rec/ and log/ under it, and recorder.conf made of a
// [paths] section naming those followed by the sections the test gives. Several starts (a restart
// after a kill, say) share the directories. The destructor kills a process still running.
//
// start(), stop() and kill() check with QVERIFY/QCOMPARE: call them from a test function and the
// failure is the test's.
//
//   RecorderdHarness recorder(QStringLiteral("[camera]\nsource=testpattern\n"));
//   recorder.start(faults.environment(notify.environment()));
//   QVERIFY(recorder.waitForHeartbeat([](const QJsonObject &beat) { return beat["recording_active"].toBool(); }));
//   recorder.stop();
//   QCOMPARE(recorder.catalogRows().size(), 1);
class RecorderdHarness
{
public:
    // One row of the recordings table, as the test reads it (read-only).
    struct CatalogRow {
        QString path;
        QString sessionId;
        qint64 startMs = 0;
        qint64 endMs = 0;
        double durationSeconds = 0;
        qint64 frames = 0;
        QString state;
        bool isProtected = false;
    };
    enum class Rows { All, NotDeleted };

    static constexpr int kStopTimeoutMs = 5000; // the contract: SIGTERM finishes and exits within 5 s
    static constexpr int kWaitMs = 20000;       // generous, for a loaded 2-core machine

    // `sections`: configuration after [paths], e.g. "[camera]\nsource=testpattern\n".
    explicit RecorderdHarness(const QString &sections = QString());
    ~RecorderdHarness();
    RecorderdHarness(const RecorderdHarness &) = delete;
    RecorderdHarness &operator=(const RecorderdHarness &) = delete;

    // $RECORDER_BINARY_DIR/daemon/recorderd.
    static QString program();

    // Rewrites recorder.conf: [paths] then `sections`. For the next start().
    void writeConfig(const QString &sections);

    QString path() const { return m_dir.path(); }
    QString filePath(const QString &relative) const { return m_dir.filePath(relative); }
    QString configFile() const { return filePath(QStringLiteral("recorder.conf")); }
    QString recordingsDir() const { return filePath(QStringLiteral("rec")); }
    QString heartbeatFile() const { return filePath(QStringLiteral("run/heartbeat.json")); }
    QString catalogFile() const { return filePath(QStringLiteral("state/catalog.db")); }
    QProcess &process() { return m_process; }

    // Starts recorderd with `environment` (e.g. FaultInjector::environment(), NotifyReader::
    // environment(), a private D-Bus in the test's own environment). stderr is forwarded to the
    // test's unless `channels` says otherwise.
    void start(const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
               QProcess::ProcessChannelMode channels = QProcess::ForwardedErrorChannel);
    // Sends `signalNumber` and checks the exit: normal, status 0, within kStopTimeoutMs.
    void stop(int signalNumber = SIGTERM);
    // SIGKILL, and waits for the process to be gone.
    void kill();

    // The heartbeat file as it is (possibly left by an earlier run), or an empty object.
    QJsonObject heartbeat() const;
    // The heartbeat of the running process (its pid), or an empty object.
    QJsonObject currentHeartbeat() const;
    // The running process's state ("recording", ...), or an empty string.
    QString state() const;
    // Runs the event loop until the running process's heartbeat satisfies `predicate`.
    bool waitForHeartbeat(const std::function<bool(const QJsonObject &)> &predicate, int timeoutMs = kWaitMs) const;

    // The catalog's rows, oldest first, through a read-only connection closed again at once.
    QList<CatalogRow> catalogRows(Rows which = Rows::NotDeleted) const;
    // Every *.mp4 under the recordings directory, sorted.
    QStringList recordingFiles() const;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
};
