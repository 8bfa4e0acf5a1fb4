// SPDX-License-Identifier: MIT
#include "uploader.h"

#include "atomicfile.h"
#include "pathtemplate.h"
#include "rclonearguments.h"
#include "uploadjob.h"
#include "uploadsbus.h"

#include <QCoreApplication>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QDBusMetaType>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcOffload, "recorder.offload")

namespace {
// How long to wait before asking recorderd again when it did not answer.
constexpr int kRecorderRetryMs = 30'000;
constexpr int kStatusIntervalMs = 10'000;
constexpr uint kBatch = 100;

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString iso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}
} // namespace

Uploader::Uploader(const OffloadSettings &settings, const QDBusConnection &bus, QObject *parent)
    : QObject(parent), m_settings(settings), m_bus(bus), m_backoff(settings.maxBackoffSeconds)
{
    qDBusRegisterMetaType<QList<QVariantMap>>();
    m_wake.setSingleShot(true);
    connect(&m_wake, &QTimer::timeout, this, &Uploader::poll);
    m_statusTimer.setInterval(kStatusIntervalMs);
    connect(&m_statusTimer, &QTimer::timeout, this, &Uploader::writeStatus);
    connect(&m_probe, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        m_internet = status == QProcess::NormalExit && code == 0;
        if (!m_internet)
            m_lastError = QString::fromUtf8(m_probe.readAllStandardError()).trimmed().section(QLatin1Char('\n'), -1);
        writeStatus();
    });
}

Uploader::~Uploader()
{
    stop();
}

void Uploader::start()
{
    m_paused = QFileInfo::exists(m_settings.pausedFile());
    m_statusTimer.start();
    if (m_settings.enabled) {
        m_bus.connect(UploadsBus::recorderService(), UploadsBus::recorderPath(), UploadsBus::uploadsInterface(),
                      QStringLiteral("UploadsChanged"), this, SLOT(schedule()));
        probe();
        schedule();
    }
    qCInfo(lcOffload).noquote() << QStringLiteral("Started: %1%2").arg(state(),
        m_settings.enabled ? QStringLiteral(", remote %1").arg(m_settings.remote) : QStringLiteral(" ([offload] enabled=false)"));
    writeStatus();
}

void Uploader::stop()
{
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it) {
        if (!it.value())
            continue;
        it.value()->abort();
        // Blocking on purpose: the process is about to exit and the row must not stay "uploading".
        QDBusMessage message = call(QStringLiteral("FinishUpload"));
        message << it.key() << false << qint64(0) << QStringLiteral("recorder-offload stopped during the upload");
        m_bus.call(message, QDBus::Block, 5000);
        delete it.value();
    }
    m_running.clear();
    m_probe.kill();
    m_probe.waitForFinished(1000);
}

void Uploader::pause()
{
    if (!m_paused) {
        const QString error = AtomicFile::write(m_settings.pausedFile(), QByteArrayLiteral("paused\n"), 0644);
        if (!error.isEmpty())
            qCWarning(lcOffload).noquote() << QStringLiteral("Paused, but cannot remember it across restarts: %1").arg(error);
        qCInfo(lcOffload) << "Paused: no new upload starts until resumed";
    }
    m_paused = true;
    writeStatus();
}

void Uploader::resume()
{
    if (m_paused) {
        QFile::remove(m_settings.pausedFile());
        qCInfo(lcOffload) << "Resumed";
    }
    m_paused = false;
    schedule();
    writeStatus();
}

void Uploader::retry()
{
    m_backoff.reset();
    m_nextAttemptMs = 0;
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call(QStringLiteral("RetryUploads"))), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        const QDBusPendingReply<uint> reply = *w;
        if (reply.isError())
            qCWarning(lcOffload).noquote() << QStringLiteral("RetryUploads failed: %1").arg(reply.error().message());
        else
            qCInfo(lcOffload).noquote() << QStringLiteral("Retry: %1 failed uploads queued again").arg(reply.value());
        schedule();
    });
    schedule();
    writeStatus();
}

QDBusMessage Uploader::call(const QString &method) const
{
    return QDBusMessage::createMethodCall(UploadsBus::recorderService(), UploadsBus::recorderPath(),
                                          UploadsBus::uploadsInterface(), method);
}

void Uploader::schedule()
{
    m_wake.start(0);
}

void Uploader::wakeAt(qint64 msSinceEpoch)
{
    const qint64 wait = std::max<qint64>(0, msSinceEpoch - QDateTime::currentMSecsSinceEpoch());
    if (!m_wake.isActive() || m_wake.remainingTime() > wait)
        m_wake.start(static_cast<int>(std::min<qint64>(wait, 24LL * 3600 * 1000)));
}

void Uploader::poll()
{
    if (!m_settings.enabled || m_paused || m_running.size() >= m_settings.concurrency)
        return;
    if (m_querying) {
        m_dirty = true;
        return;
    }
    if (m_nextAttemptMs > QDateTime::currentMSecsSinceEpoch()) {
        wakeAt(m_nextAttemptMs);
        return;
    }
    m_querying = true;
    m_dirty = false;
    QDBusMessage message = call(QStringLiteral("PendingUploads"));
    message << kBatch;
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(message), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        m_querying = false;
        const QDBusPendingReply<QList<QVariantMap>> reply = *w;
        if (reply.isError()) {
            const QString error = QStringLiteral("recorderd: %1").arg(reply.error().message());
            if (error != m_lastError)
                qCWarning(lcOffload).noquote() << QStringLiteral("Cannot read the upload queue: %1").arg(error);
            m_lastError = error;
            m_wake.start(kRecorderRetryMs);
            writeStatus();
            return;
        }
        takeRows(reply.value());
        if (m_dirty)
            schedule();
    });
}

void Uploader::takeRows(const QList<QVariantMap> &rows)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 earliest = 0;
    m_waitingForAge = false;
    for (const QVariantMap &row : rows) {
        if (m_running.size() >= m_settings.concurrency)
            break;
        const QString path = row.value(QStringLiteral("path")).toString();
        if (m_running.contains(path))
            continue;
        // A recording has finished when its file stopped changing.
        const QFileInfo file(path);
        const qint64 readyAt = file.exists()
            ? file.lastModified().toMSecsSinceEpoch() + qint64(m_settings.minAgeSeconds * 1000)
            : 0;
        if (readyAt > now) {
            m_waitingForAge = true;
            earliest = earliest == 0 ? readyAt : std::min(earliest, readyAt);
            continue;
        }
        begin({path, row.value(QStringLiteral("start_time_ms")).toLongLong(),
               row.value(QStringLiteral("remote_path")).toString()});
    }
    if (earliest > 0)
        wakeAt(earliest);
    writeStatus();
}

void Uploader::begin(const Row &row)
{
    const QString proposed = !row.remotePath.isEmpty()
        ? row.remotePath
        : PathTemplate::expand(m_settings.pathTemplate, m_settings.hostname, QFileInfo(row.path).fileName(),
                               row.startTimeMs);
    m_running.insert(row.path, nullptr);
    QDBusMessage message = call(QStringLiteral("BeginUpload"));
    message << row.path << proposed;
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(message), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, path = row.path](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        const QDBusPendingReply<QString> reply = *w;
        if (reply.isError()) {
            // The row changed under us (uploaded, or deleted by retention): the next query tells.
            m_running.remove(path);
            qCWarning(lcOffload).noquote() << QStringLiteral("BeginUpload %1: %2").arg(path, reply.error().message());
            m_wake.start(kRecorderRetryMs);
            return;
        }
        run(path, reply.value());
    });
}

void Uploader::run(const QString &path, const QString &remotePath)
{
    auto *job = new UploadJob({m_settings.rclone, m_settings.rcloneConfig, m_settings.bandwidthLimit, path,
                               RcloneArguments::target(m_settings.remote, remotePath)},
                              this);
    m_running.insert(path, job);
    connect(job, &UploadJob::finished, this, [this, job, remotePath](bool ok, qint64 bytes, const QString &error,
                                                                     bool answered) {
        finished(job, remotePath, ok, bytes, error, answered);
    });
    qCInfo(lcOffload).noquote() << QStringLiteral("Uploading %1 to %2").arg(path, RcloneArguments::target(m_settings.remote, remotePath));
    job->start();
    writeStatus();
}

void Uploader::finished(UploadJob *job, const QString &remotePath, bool ok, qint64 bytes, const QString &error,
                        bool remoteAnswered)
{
    const QString path = job->local();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QDBusMessage message = call(QStringLiteral("FinishUpload"));
    message << path << ok << bytes << error;
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(message), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, path](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        const QDBusPendingReply<> reply = *w;
        // NotAllowed: recorderd restarted mid-copy and put the row back to pending (its start-up
        // rule), so it is claimed and copied again, under the same remote path. NotFound: retention
        // deleted the recording meanwhile. Either way recorderd's catalog stays the truth.
        if (reply.isError())
            qCWarning(lcOffload).noquote()
                << QStringLiteral("FinishUpload %1: %2 (recorderd no longer has it as uploading; a row still "
                                  "queued is copied again)")
                       .arg(path, reply.error().message());
        // Only now may the row be claimed again: before the answer it is still "uploading".
        m_running.remove(path);
        schedule();
        writeStatus();
    });

    m_history.record(ok);
    if (ok) {
        ++m_succeeded;
        m_bytes += bytes;
        m_internet = true;
        m_backoff.reset();
        m_nextAttemptMs = 0;
        m_lastUpload = {{QStringLiteral("path"), path},
                        {QStringLiteral("remote_path"), remotePath},
                        {QStringLiteral("time"), iso(now)},
                        {QStringLiteral("bytes"), bytes},
                        {QStringLiteral("seconds"), double(job->started().msecsTo(QDateTime::currentDateTimeUtc())) / 1000.0}};
        qCInfo(lcOffload).noquote() << QStringLiteral("Uploaded and verified %1 (%2 bytes)").arg(path).arg(bytes);
    } else {
        ++m_failed;
        m_internet = remoteAnswered;
        m_lastError = error;
        const double wait = m_backoff.fail();
        m_nextAttemptMs = now + qint64(wait * 1000);
        qCWarning(lcOffload).noquote() << QStringLiteral("Upload of %1 failed: %2; next attempt in %3 s")
                                              .arg(path, error).arg(wait);
    }
    job->deleteLater();
    m_running.insert(path, nullptr);
    writeStatus();
}

void Uploader::probe()
{
    m_probe.start(m_settings.rclone, RcloneArguments::probe(m_settings.remote, m_settings.rcloneConfig));
}

QString Uploader::state() const
{
    if (!m_settings.enabled)
        return QStringLiteral("disabled");
    if (m_paused)
        return QStringLiteral("paused");
    for (const UploadJob *job : m_running)
        if (job)
            return QStringLiteral("uploading");
    if (m_nextAttemptMs > QDateTime::currentMSecsSinceEpoch())
        return m_internet ? QStringLiteral("waiting") : QStringLiteral("unreachable");
    if (m_waitingForAge)
        return QStringLiteral("waiting");
    return QStringLiteral("idle");
}

QJsonObject Uploader::status() const
{
    QJsonArray current;
    for (const UploadJob *job : m_running)
        if (job)
            current.append(QJsonObject{{QStringLiteral("path"), job->local()},
                                       {QStringLiteral("bytes"), 0},
                                       {QStringLiteral("size"), job->size()},
                                       {QStringLiteral("started"), iso(job->started())}});
    const std::optional<double> rate = m_history.successRate();
    const bool backingOff = m_nextAttemptMs > QDateTime::currentMSecsSinceEpoch();
    return {{QStringLiteral("version"), 1},
            {QStringLiteral("time"), iso(QDateTime::currentDateTimeUtc())},
            {QStringLiteral("pid"), QCoreApplication::applicationPid()},
            {QStringLiteral("state"), state()},
            {QStringLiteral("remote"), m_settings.remote},
            {QStringLiteral("internet_connected"), m_internet},
            {QStringLiteral("uploads_succeeded"), m_succeeded},
            {QStringLiteral("uploads_failed"), m_failed},
            {QStringLiteral("bytes_uploaded"), m_bytes},
            {QStringLiteral("success_rate"), rate ? QJsonValue(*rate) : QJsonValue()},
            {QStringLiteral("recent_attempts"), m_history.attempts()},
            {QStringLiteral("current"), current},
            {QStringLiteral("last_upload"), m_lastUpload.isEmpty() ? QJsonValue() : QJsonValue(m_lastUpload)},
            {QStringLiteral("last_error"), m_lastError},
            {QStringLiteral("next_attempt"), backingOff ? QJsonValue(iso(m_nextAttemptMs)) : QJsonValue()},
            {QStringLiteral("backoff_seconds"), backingOff ? m_backoff.seconds() : 0.0}};
}

void Uploader::writeStatus()
{
    const QString error = AtomicFile::write(m_settings.statusFile(), QJsonDocument(status()).toJson(QJsonDocument::Compact), 0644);
    if (!error.isEmpty())
        qCWarning(lcOffload).noquote() << QStringLiteral("Cannot write the status file: %1").arg(error);
}
