// SPDX-License-Identifier: MIT
#include "uploader.h"

#include "atomicfile.h"
#include "pathtemplate.h"
#include "rclonearguments.h"
#include "rclonedaemon.h"
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
#include <QSet>
#include <utility>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcOffload, "recorder.offload")

namespace {
// How long to wait before asking recorderd again when it did not answer.
constexpr int kRecorderRetryMs = 30'000;
constexpr int kStatusIntervalMs = 10'000;
// Changes within this long are written to the status file once (an upload changes it four times).
constexpr int kStatusCoalesceMs = 100;
// How soon an outcome recorderd did not acknowledge is sent again.
constexpr int kResendMs = 5'000;
constexpr uint kBatch = 100;
constexpr qsizetype kMaxLimit = 1000; // recorderd's cap (docs/dbus-api.md)
// The reachability probe (operations/mkdir) fails after this long without an answer.
constexpr int kProbeTimeoutMs = 90'000;

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString iso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

// recorderd answered and did nothing: sending the same again cannot change that.
bool isFinalAnswer(const QDBusError &error)
{
    const QString name = error.name();
    return name.endsWith(QLatin1String(".NotAllowed")) || name.endsWith(QLatin1String(".NotFound"))
        || name.endsWith(QLatin1String(".InvalidArgument"));
}
} // namespace

Uploader::Uploader(const OffloadSettings &settings, const QDBusConnection &bus, QObject *parent)
    : QObject(parent), m_settings(settings), m_bus(bus), m_backoff(settings.maxBackoffSeconds)
{
    qDBusRegisterMetaType<QList<QVariantMap>>();
    m_wake.setSingleShot(true);
    connect(&m_wake, &QTimer::timeout, this, &Uploader::poll);
    m_statusTimer.setInterval(kStatusIntervalMs);
    connect(&m_statusTimer, &QTimer::timeout, this, &Uploader::writeStatusNow);
    m_statusSoon.setSingleShot(true);
    m_statusSoon.setInterval(kStatusCoalesceMs);
    connect(&m_statusSoon, &QTimer::timeout, this, &Uploader::writeStatusNow);
    m_resend.setSingleShot(true);
    m_resend.setInterval(kResendMs);
    connect(&m_resend, &QTimer::timeout, this, &Uploader::resendOutcomes);
    m_verifyThread.setObjectName(QStringLiteral("verify"));
    m_daemon = new RcloneDaemon(settings.rclone, RcloneArguments::rcd(settings.rcloneConfig, settings.bandwidthLimit), this);
    connect(m_daemon, &RcloneDaemon::started, this, [this] {
        m_client.setEndpoint(m_daemon->url(), m_daemon->user(), m_daemon->password());
        // A probe asked for while no rcd ran (at start, or after a failure) runs now.
        if (m_probeWanted)
            probe();
        schedule();
    });
    connect(m_daemon, &RcloneDaemon::stopped, this, [this](const QString &reason) {
        m_client.setEndpoint({}, {}, {});
        m_lastError = QStringLiteral("rclone rcd stopped: %1").arg(reason);
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
        m_verifyThread.start();
        m_bus.connect(UploadsBus::recorderService(), UploadsBus::recorderPath(), UploadsBus::uploadsInterface(),
                      QStringLiteral("UploadsChanged"), this, SLOT(schedule()));
        m_daemon->start();
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
        m_outcomes.insert(it.key(), {false, 0, QStringLiteral("recorder-offload stopped during the upload"), false});
        delete it.value();
    }
    m_running.clear();
    // Blocking on purpose: the process is about to exit and no row may stay "uploading".
    for (auto it = m_outcomes.cbegin(); it != m_outcomes.cend(); ++it) {
        QDBusMessage message = call(QStringLiteral("FinishUpload"));
        message << it.key() << it->ok << it->bytes << it->error;
        m_bus.call(message, QDBus::Block, 5000);
    }
    m_outcomes.clear();
    // The aborted read-backs are deleted by its loop before it ends.
    m_verifyThread.quit();
    m_verifyThread.wait();
    m_daemon->stop();
    // What readers see after the exit: no upload running any more.
    writeStatusNow();
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
    m_rowWaits.clear();
    // Rows whose failure a probe is still judging are tried again now too: its answer must not
    // give them back the wait just cleared (it still decides whether the whole queue waits).
    m_unexplained.clear();
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

bool Uploader::hasRoom() const
{
    // `concurrency` copies at once; a finished copy being verified (its read-back uses the other
    // direction of the link) does not hold a place, but at most as many wait for their check.
    int copying = 0;
    for (const UploadJob *job : m_running)
        if (!job || job->copying())
            ++copying;
    return copying < m_settings.concurrency && m_running.size() < 2 * m_settings.concurrency;
}

bool Uploader::waitingForHashes() const
{
    // No new upload is claimed while the probe or operations/fsinfo is under way and the remote's
    // hash types are not known: rclone's sftp backend finds them at first use, by running md5sum
    // over SSH, and rclone 1.60 hands the set out while still filling it. A copy started
    // alongside made fsinfo say "no hash" (two runs in three of bench/offload/offload-bench.sh
    // over SFTP), and every copy was then read back for the uploader's lifetime instead of
    // checked by the server's MD5. (When the probe or fsinfo fails, copies go on regardless.)
    return !m_hashesKnown && (m_probing || m_learningHashes);
}

void Uploader::wakeAt(qint64 msSinceEpoch)
{
    const qint64 wait = std::max<qint64>(0, msSinceEpoch - QDateTime::currentMSecsSinceEpoch());
    if (!m_wake.isActive() || m_wake.remainingTime() > wait)
        m_wake.start(static_cast<int>(std::min<qint64>(wait, 24LL * 3600 * 1000)));
}

void Uploader::poll()
{
    // While the probe decides whether the remote answers, nothing new starts (it calls back).
    // No rcd (starting, or restarting after it died): its start() schedules again.
    if (!m_settings.enabled || m_paused || m_probeAfterFailure || !hasRoom() || waitingForHashes()
        || !m_client.ready())
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
    // Rows this side skips (waiting on their own backoff, running, outcome unacknowledged) come on
    // top of the batch: with a fixed 100, 100 rows waiting their backoff at the head of the queue
    // would hide every row behind them until one is due.
    m_limit = uint(std::min<qsizetype>(kMaxLimit, kBatch + m_rowWaits.size() + m_running.size() + m_outcomes.size()));
    QDBusMessage message = call(QStringLiteral("PendingUploads"));
    message << m_limit;
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
        if (!hasRoom() || waitingForHashes())
            break;
        const QString path = row.value(QStringLiteral("path")).toString();
        if (m_running.contains(path) || m_outcomes.contains(path))
            continue;
        const auto wait = m_rowWaits.constFind(path);
        if (wait != m_rowWaits.cend() && wait->nextAttemptMs > now) {
            m_waitingForAge = true;
            earliest = earliest == 0 ? wait->nextAttemptMs : std::min(earliest, wait->nextAttemptMs);
            continue;
        }
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
    if (rows.size() < int(m_limit)) {
        // The whole queue was listed: rows no longer in it (uploaded, deleted) need no wait.
        QSet<QString> listed;
        for (const QVariantMap &row : rows)
            listed.insert(row.value(QStringLiteral("path")).toString());
        m_rowWaits.removeIf([&listed](const auto &entry) { return !listed.contains(entry.key()); });
    }
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
            if (!isFinalAnswer(reply.error())) {
                // No answer (a timeout) may still have claimed the row: undo it, or it stays "uploading".
                m_outcomes.insert(path, {false, 0, QStringLiteral("BeginUpload: ") + reply.error().message(), false});
                sendOutcome(path);
            }
            m_wake.start(kRecorderRetryMs);
            return;
        }
        run(path, reply.value());
    });
}

void Uploader::run(const QString &path, const QString &remotePath)
{
    UploadJob::Request request{m_settings.remote, remotePath, path, std::nullopt};
    if (m_hashesKnown)
        request.remoteHashes = m_remoteHashes;
    auto *job = new UploadJob(&m_client, &m_verifyThread, request, this);
    m_running.insert(path, job);
    m_generations.insert(path, m_daemon->generation());
    // Its copy done, the next file's copy may start while this one is verified.
    connect(job, &UploadJob::copied, this, [this] {
        schedule();
        writeStatus(); // its step
    });
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
    // Until recorderd acknowledges it the row is not claimed again (takeRows skips it).
    m_outcomes.insert(path, {ok, bytes, error, false});
    sendOutcome(path);

    if (ok) {
        // Counted (uploads_succeeded, bytes, success rate) when recorderd takes the outcome: a copy
        // it refuses (it restarted meanwhile) is redone and would be counted twice.
        m_internet = true;
        m_backoff.reset();
        m_nextAttemptMs = 0;
        m_rowWaits.remove(path);
        learnHashes(); // if the remote did not answer at start (the Pi booted before the NAS)
        m_lastUpload = {{QStringLiteral("path"), path},
                        {QStringLiteral("remote_path"), remotePath},
                        {QStringLiteral("time"), iso(now)},
                        {QStringLiteral("bytes"), bytes},
                        {QStringLiteral("seconds"), double(job->started().msecsTo(QDateTime::currentDateTimeUtc())) / 1000.0}};
        qCInfo(lcOffload).noquote() << QStringLiteral("Uploaded and verified %1 (%2 bytes, %3)")
                                         .arg(path).arg(bytes)
                                         .arg(job->downloaded() ? QStringLiteral("downloaded again to compare")
                                                                : QStringLiteral("by the remote's hash"));
    } else {
        m_history.record(false);
        ++m_failed;
        m_lastError = error;
        qCWarning(lcOffload).noquote() << QStringLiteral("Upload of %1 failed: %2").arg(path, error);
        if (remoteAnswered) {
            m_internet = true;
            rowFailed(path);
        } else {
            // The network, or this file (a name or size the remote refuses)? Whether the remote
            // answers a probe tells: one file must not hold the whole queue back.
            m_unexplained.append({path, m_generations.value(path)});
            m_probeAfterFailure = true;
            probe();
        }
    }
    job->deleteLater();
    m_running.remove(path);
    m_generations.remove(path);
    schedule();
    writeStatus();
}

void Uploader::rowFailed(const QString &path)
{
    auto it = m_rowWaits.find(path);
    if (it == m_rowWaits.end())
        it = m_rowWaits.insert(path, {Backoff(m_settings.maxBackoffSeconds), 0});
    const double wait = it->backoff.fail();
    it->nextAttemptMs = QDateTime::currentMSecsSinceEpoch() + qint64(wait * 1000);
    qCInfo(lcOffload).noquote() << QStringLiteral("%1 is tried again in %2 s; the rest of the queue goes on").arg(path).arg(wait);
}

void Uploader::probe()
{
    if (m_probing)
        return;
    if (!m_client.ready()) {
        m_probeWanted = true;
        return;
    }
    m_probeWanted = false;
    m_probing = true;
    // Creates the remote folder if missing: the remote answers when this succeeds.
    m_client.call(QStringLiteral("operations/mkdir"),
                  {{QStringLiteral("fs"), m_settings.remote}, {QStringLiteral("remote"), QString()}}, kProbeTimeoutMs,
                  this, [this](const RcloneClient::Reply &reply) {
                      m_probing = false;
                      if (!reply.answered && !m_client.ready()) {
                          // The rcd went away under the probe: ask again once it is back.
                          m_probeWanted = true;
                          return;
                      }
                      if (!reply.ok)
                          m_lastError = reply.error;
                      probed(reply.ok);
                  });
}

void Uploader::learnHashes()
{
    if (m_hashesKnown || m_learningHashes)
        return;
    m_learningHashes = true;
    m_client.call(QStringLiteral("operations/fsinfo"), {{QStringLiteral("fs"), m_settings.remote}}, kProbeTimeoutMs, this,
                  [this](const RcloneClient::Reply &reply) {
                      m_learningHashes = false;
                      schedule(); // copies waited for this answer
                      if (!reply.ok)
                          return; // asked again after the next probe or upload that succeeds
                      m_hashesKnown = true;
                      m_remoteHashes.clear();
                      for (const QJsonValue &type : reply.body.value(QStringLiteral("Hashes")).toArray())
                          m_remoteHashes.append(type.toString());
                      for (UploadJob *job : std::as_const(m_running))
                          if (job)
                              job->setRemoteHashes(m_remoteHashes);
                      qCInfo(lcOffload).noquote()
                          << (m_remoteHashes.isEmpty()
                                  ? QStringLiteral("%1 keeps no hash: each copy is read back and compared byte for byte")
                                        .arg(m_settings.remote)
                                  : QStringLiteral("%1 keeps hashes (%2): each copy is checked against them")
                                        .arg(m_settings.remote, m_remoteHashes.join(QLatin1String(", "))));
                  });
}

void Uploader::probed(bool answered)
{
    m_internet = answered;
    if (answered)
        learnHashes();
    if (m_probeAfterFailure) {
        m_probeAfterFailure = false;
        const QList<std::pair<QString, int>> failed = std::exchange(m_unexplained, {});
        if (answered) {
            for (const auto &[path, generation] : failed) {
                // Cut by an rcd restart: neither the file's fault nor the remote's; tried again now.
                if (generation != m_daemon->generation())
                    qCInfo(lcOffload).noquote() << QStringLiteral("%1 was cut by an rclone rcd restart; tried again now").arg(path);
                else
                    rowFailed(path);
            }
        } else {
            // The remote is away: every row would fail the same, so the whole queue waits.
            const double wait = m_backoff.fail();
            m_nextAttemptMs = QDateTime::currentMSecsSinceEpoch() + qint64(wait * 1000);
            qCWarning(lcOffload).noquote() << QStringLiteral("The remote does not answer; next attempt in %1 s").arg(wait);
        }
    }
    schedule(); // copies waited for this answer (waitingForHashes)
    writeStatus();
}

void Uploader::sendOutcome(const QString &path)
{
    auto it = m_outcomes.find(path);
    if (it == m_outcomes.end() || it->inFlight)
        return;
    it->inFlight = true;
    QDBusMessage message = call(QStringLiteral("FinishUpload"));
    message << path << it->ok << it->bytes << it->error;
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(message), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, path](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        const QDBusPendingReply<> reply = *w;
        const auto outcome = m_outcomes.find(path);
        if (outcome == m_outcomes.end())
            return;
        // A final refusal: NotAllowed when recorderd restarted mid-copy and put the row back to
        // pending (its start-up rule), so it is claimed and copied again under the same remote
        // path; NotFound when retention deleted the recording meanwhile. recorderd's catalog stays
        // the truth either way.
        if (!reply.isError() && outcome->ok) {
            m_history.record(true);
            ++m_succeeded;
            m_bytes += outcome->bytes;
        }
        if (reply.isError()) {
            qCWarning(lcOffload).noquote()
                << QStringLiteral("FinishUpload %1: %2%3")
                       .arg(path, reply.error().message(),
                            isFinalAnswer(reply.error())
                                ? QStringLiteral(" (recorderd no longer has it as uploading; a row still queued is copied again)")
                                : QStringLiteral(" (sent again in a few seconds)"));
            if (!isFinalAnswer(reply.error())) {
                // Unavailable (catalog degraded) or no answer: the row is still "uploading" there.
                outcome->inFlight = false;
                if (!m_resend.isActive())
                    m_resend.start();
                return;
            }
        }
        m_outcomes.erase(outcome);
        schedule();
        writeStatus();
    });
}

void Uploader::resendOutcomes()
{
    const QStringList paths = m_outcomes.keys();
    for (const QString &path : paths)
        sendOutcome(path);
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
                                       {QStringLiteral("step"), job->copying() ? QStringLiteral("copying")
                                                                                : QStringLiteral("verifying")},
                                       {QStringLiteral("bytes"), job->bytes()},
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
    if (!m_statusSoon.isActive())
        m_statusSoon.start();
}

void Uploader::writeStatusNow()
{
    m_statusSoon.stop();
    const QString error = AtomicFile::write(m_settings.statusFile(), QJsonDocument(status()).toJson(QJsonDocument::Compact), 0644);
    if (!error.isEmpty())
        qCWarning(lcOffload).noquote() << QStringLiteral("Cannot write the status file: %1").arg(error);
}
