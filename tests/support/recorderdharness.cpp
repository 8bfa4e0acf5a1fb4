// SPDX-License-Identifier: MIT
// Runs the real recorderd for a test: its own directories and configuration, start, stop, kill, heartbeat, catalog.
#include "recorderdharness.h"

#include "catalogschema.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <sys/types.h>

RecorderdHarness::RecorderdHarness(const QString &sections)
{
    m_dir.setAutoRemove(true);
    // Like the real state directories: the recorder's alone.
    QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    writeConfig(sections);
}

RecorderdHarness::~RecorderdHarness()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished();
    }
}

QString RecorderdHarness::program()
{
    return qEnvironmentVariable("RECORDER_BINARY_DIR") + QStringLiteral("/daemon/recorderd");
}

void RecorderdHarness::writeConfig(const QString &sections)
{
    QFile config(configFile());
    if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(configFile()));
    config.write(QStringLiteral("[paths]\nruntime_dir=%1/run\nstate_dir=%1/state\nrecordings_dir=%1/rec\n"
                                "log_dir=%1/log\n%2\n")
                     .arg(m_dir.path(), sections)
                     .toUtf8());
}

void RecorderdHarness::start(const QProcessEnvironment &environment, QProcess::ProcessChannelMode channels)
{
    m_process.setProcessEnvironment(environment);
    m_process.setProcessChannelMode(channels);
    m_process.start(program(), {QStringLiteral("--config"), configFile()});
    QVERIFY2(m_process.waitForStarted(), qPrintable(program() + QStringLiteral(": ") + m_process.errorString()));
}

void RecorderdHarness::stop(int signalNumber)
{
    QElapsedTimer timer;
    timer.start();
    ::kill(pid_t(m_process.processId()), signalNumber);
    QVERIFY(m_process.waitForFinished(kWaitMs));
    QVERIFY2(timer.elapsed() < kStopTimeoutMs, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(m_process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_process.exitCode(), 0);
}

void RecorderdHarness::kill()
{
    ::kill(pid_t(m_process.processId()), SIGKILL);
    QVERIFY(m_process.waitForFinished(kWaitMs));
}

QJsonObject RecorderdHarness::heartbeat() const
{
    QFile file(heartbeatFile());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QJsonObject RecorderdHarness::currentHeartbeat() const
{
    const QJsonObject beat = heartbeat();
    return beat.value(QStringLiteral("pid")).toInteger() == m_process.processId() ? beat : QJsonObject();
}

QString RecorderdHarness::state() const
{
    return currentHeartbeat().value(QStringLiteral("state")).toString();
}

bool RecorderdHarness::waitForHeartbeat(const std::function<bool(const QJsonObject &)> &predicate, int timeoutMs) const
{
    return QTest::qWaitFor([&] { return predicate(currentHeartbeat()); }, timeoutMs);
}

QList<RecorderdHarness::CatalogRow> RecorderdHarness::catalogRows(Rows which) const
{
    // A connection name of its own, removed again: tests open theirs beside it.
    const QString connection = QStringLiteral("recorderd-harness");
    QList<CatalogRow> rows;
    {
        QSqlDatabase db;
        const QString error = CatalogSchema::open(catalogFile(), connection, true, &db);
        if (!error.isEmpty()) {
            qWarning() << "catalog:" << error;
        } else {
            QSqlQuery query(db);
            query.exec(QStringLiteral("SELECT path, session_id, start_time_ms, end_time_ms, duration_seconds, frames, "
                                      "state, protected FROM recordings %1 ORDER BY start_time_ms")
                           .arg(which == Rows::NotDeleted ? QStringLiteral("WHERE state != 'deleted'") : QString()));
            while (query.next()) {
                rows.append({query.value(0).toString(), query.value(1).toString(), query.value(2).toLongLong(),
                             query.value(3).toLongLong(), query.value(4).toDouble(), query.value(5).toLongLong(),
                             query.value(6).toString(), query.value(7).toBool()});
            }
            query.finish();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return rows;
}

QStringList RecorderdHarness::recordingFiles() const
{
    QStringList files;
    QDirIterator it(recordingsDir(), {QStringLiteral("*.mp4")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}
