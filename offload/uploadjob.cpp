// SPDX-License-Identifier: MIT
#include "uploadjob.h"

#include "rclonearguments.h"
#include "rclonejob.h"
#include "readbackcheck.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <limits>
#include <utility>

namespace {
// A step that makes no progress for this long is stuck (rclone's own --timeout covers idle
// connections, not every hang); the budget grows with the file for the steps that move its bytes.
constexpr qint64 kStepBaseSeconds = 300;
constexpr qint64 kSlowestBytesPerSecond = 64 * 1024;
// The read-back's transfer: no byte for this long ends it (the step timer bounds the whole).
constexpr int kReadBackIdleMs = 90'000;

// The hex digest of `path`, or empty if it cannot be read. Runs in a pool thread (the disk is not
// read on the main thread); `cancel` ends it early when the upload is given up.
QByteArray fileHash(const QString &path, QCryptographicHash::Algorithm algorithm,
                    std::shared_ptr<std::atomic_bool> cancel)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(algorithm);
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        if (cancel->load())
            return {};
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return {};
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), n));
    }
    return hash.result().toHex();
}

// Hash types Qt computes itself; rclone's other types go through core/command hashsum.
bool qtAlgorithm(const QString &type, QCryptographicHash::Algorithm *algorithm)
{
    if (type == QLatin1String("md5"))
        *algorithm = QCryptographicHash::Md5;
    else if (type == QLatin1String("sha1"))
        *algorithm = QCryptographicHash::Sha1;
    else if (type == QLatin1String("sha256"))
        *algorithm = QCryptographicHash::Sha256;
    else
        return false;
    return true;
}
} // namespace

int UploadJob::s_groups = 0;

UploadJob::UploadJob(RcloneClient *client, QThread *verifyThread, const Request &request, QObject *parent)
    : QObject(parent), m_client(client), m_verifyThread(verifyThread), m_request(request)
{
    m_stepTimer.setSingleShot(true);
    connect(&m_stepTimer, &QTimer::timeout, this, [this] {
        const qint64 seconds = m_stepTimer.interval() / 1000;
        const QString step = m_stepName;
        stopStep();
        fail(QStringLiteral("rclone %1 did not finish within %2 s; stopped").arg(step).arg(seconds), false);
    });
}

void UploadJob::localHashed()
{
    const QByteArray hash = m_localHashWatcher.result();
    m_localHashFailed = hash.isEmpty();
    m_localHash = QString::fromLatin1(hash);
    compareIfReady();
}

UploadJob::~UploadJob()
{
    abort();
}

qint64 UploadJob::bytes() const
{
    return m_job && m_stepName == QLatin1String("operations/copyfile") ? m_job->bytes() : m_copiedBytes;
}

qint64 UploadJob::stepLimitSeconds(bool movesTheFile) const
{
    bool ok = false;
    const qint64 test = qEnvironmentVariableIntValue("RECORDER_OFFLOAD_TEST_STEP_SECONDS", &ok);
    if (ok && test > 0)
        return test;
    return std::min<qint64>(kStepBaseSeconds + (movesTheFile ? m_size / kSlowestBytesPerSecond : 0),
                            std::numeric_limits<int>::max() / 1000);
}

void UploadJob::start()
{
    m_started = QDateTime::currentDateTimeUtc();
    const QFileInfo file(m_request.local);
    if (!file.isFile()) {
        // Retention got there first; recorderd counts the loss, we only report it.
        fail(QStringLiteral("%1 is not a file any more").arg(m_request.local), true);
        return;
    }
    m_size = file.size();
    // The hash the remote will give, computed while the copy runs. None for a remote without one
    // (its copy is read back and compared): hashing there would only cost CPU.
    for (const QString &type : m_request.remoteHashes.value_or(QStringList())) {
        QCryptographicHash::Algorithm algorithm;
        if (qtAlgorithm(type, &algorithm)) {
            m_hashType = type;
            hashLocally(algorithm);
            break;
        }
    }
    // srcFs "/" and the absolute path below it: a folder name with ':' is never taken for a remote.
    const QString absolute = file.absoluteFilePath();
    runJob(QStringLiteral("operations/copyfile"),
           {{QStringLiteral("srcFs"), QStringLiteral("/")},
            {QStringLiteral("srcRemote"), absolute.mid(1)},
            {QStringLiteral("dstFs"), m_request.remote},
            {QStringLiteral("dstRemote"), m_request.remotePath}},
           true);
}

void UploadJob::abort()
{
    m_done = true;
    stopStep();
    m_cancelLocalHash->store(true);
}

void UploadJob::armStepTimer(bool movesTheFile)
{
    m_stepTimer.start(int(stepLimitSeconds(movesTheFile) * 1000));
}

void UploadJob::runJob(const QString &method, const QJsonObject &params, bool movesTheFile)
{
    m_stepName = method;
    armStepTimer(movesTheFile);
    // Its own stats group: core/stats of it are this upload's bytes only.
    m_job = new RcloneJob(m_client, method, params, QStringLiteral("recorder-offload/%1").arg(++s_groups),
                          method == QLatin1String("operations/copyfile"), this);
    connect(m_job, &RcloneJob::finished, this, [this, job = m_job](const RcloneClient::Reply &reply) {
        m_stepTimer.stop();
        job->deleteLater();
        m_job = nullptr;
        if (m_done)
            return;
        if (job->method() == QLatin1String("operations/copyfile"))
            copyEnded(reply);
        else if (job->method() == QLatin1String("operations/stat"))
            statted(reply);
        else
            hashedRemotely(reply);
    });
    m_job->start();
}

void UploadJob::stopStep()
{
    m_stepTimer.stop();
    if (m_job) {
        m_job->stop();
        m_job->deleteLater();
        m_job = nullptr;
    }
    if (m_readBack) {
        m_readBack->disconnect(this);
        QMetaObject::invokeMethod(m_readBack, &ReadBackCheck::abort, Qt::QueuedConnection);
        std::exchange(m_readBack, nullptr)->deleteLater(); // in its thread, after the abort
    }
}

void UploadJob::copyEnded(const RcloneClient::Reply &reply)
{
    if (!reply.ok) {
        // Whether the remote or the network is at fault, the uploader's probe tells.
        fail(reply.error.isEmpty() ? QStringLiteral("rclone copy failed") : reply.error, false);
        return;
    }
    m_copiedBytes = m_size;
    m_copied = true;
    emit copied();
    const int hold = qEnvironmentVariableIntValue("RECORDER_OFFLOAD_TEST_HOLD_AFTER_COPY_MS");
    if (hold > 0) {
        // Tests only: a window in which the test damages the remote copy, as a faulty remote would.
        QTimer::singleShot(hold, this, [this] {
            if (!m_done)
                verify();
        });
        return;
    }
    verify();
}

void UploadJob::verify()
{
    // A remote known to keep no hash (plain WebDAV) has nothing for a stat to add: the read-back
    // checks the length along with every byte, and a stat there is one more PROPFIND per upload
    // (without it a WebDAV drain of 30 × 10 MB at concurrency 4 took 2.63–2.91 s instead of
    // 3.00–3.12 s, docs/performance.md).
    if (m_request.remoteHashes && m_request.remoteHashes->isEmpty()) {
        readBack();
        return;
    }
    stat();
}

void UploadJob::stat()
{
    runJob(QStringLiteral("operations/stat"),
           {{QStringLiteral("fs"), m_request.remote},
            {QStringLiteral("remote"), m_request.remotePath},
            {QStringLiteral("opt"), QJsonObject{{QStringLiteral("showHash"), true}}}},
           false);
}

void UploadJob::statted(const RcloneClient::Reply &reply)
{
    if (!reply.ok) {
        fail(reply.error, false);
        return;
    }
    const QJsonObject item = reply.body.value(QStringLiteral("item")).toObject();
    if (item.isEmpty()) {
        fail(QStringLiteral("the remote has no copy after the copy"), true);
        return;
    }
    const qint64 remoteSize = item.value(QStringLiteral("Size")).toInteger(-1);
    if (remoteSize != m_size) {
        fail(QStringLiteral("remote copy has %1 bytes, the recording %2").arg(remoteSize).arg(m_size), true);
        return;
    }
    const QJsonObject hashes = item.value(QStringLiteral("Hashes")).toObject();
    const QString type = RcloneArguments::comparableHash(hashes);
    if (type == m_hashType && !type.isEmpty()) {
        m_remoteHash = hashes.value(type).toString().toLower();
        compareIfReady();
        return;
    }
    // Not the hash under way (if any): it is of no use. A new future replaces it in the watcher,
    // which then drops the old one's signals.
    m_cancelLocalHash->store(true);
    m_cancelLocalHash = std::make_shared<std::atomic_bool>(false);
    m_localHashWatcher.disconnect(this);
    if (type.isEmpty()) {
        // No hash on this object (plain WebDAV; an S3 multipart upload without rclone's metadata).
        readBack();
        return;
    }
    m_remoteHash = hashes.value(type).toString().toLower();
    m_hashType = type;
    QCryptographicHash::Algorithm algorithm;
    if (qtAlgorithm(type, &algorithm)) {
        hashLocally(algorithm);
        return;
    }
    // A type only rclone computes (quickxor, crc32, ...): rclone hashsum in the rcd (it runs the
    // rclone binary once; such remotes are rare).
    runJob(QStringLiteral("core/command"),
           {{QStringLiteral("command"), QStringLiteral("hashsum")},
            {QStringLiteral("arg"), QJsonArray{type, m_request.local}}},
           true);
}

void UploadJob::hashedRemotely(const RcloneClient::Reply &reply)
{
    // core/command: {"error": false, "result": "<log lines>\n<hash>  <name>\n"}
    static const QRegularExpression line(QStringLiteral("^([0-9a-fA-F]+)  "), QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = line.match(reply.body.value(QStringLiteral("result")).toString());
    if (!reply.ok || reply.body.value(QStringLiteral("error")).toBool() || !match.hasMatch()) {
        fail(QStringLiteral("rclone hashsum %1 of the recording failed: %2")
                 .arg(m_hashType, reply.error.isEmpty() ? reply.body.value(QStringLiteral("result")).toString().simplified().left(300)
                                                        : reply.error),
             false);
        return;
    }
    m_localHash = match.captured(1).toLower();
    compareIfReady();
}

void UploadJob::readBack()
{
    const QNetworkRequest request = m_client->serveRequest(m_request.remote, m_request.remotePath, kReadBackIdleMs);
    if (request.url().isEmpty()) {
        fail(QStringLiteral("rclone rcd is not running"), false);
        return;
    }
    m_stepName = QStringLiteral("read-back");
    armStepTimer(true);
    m_readBackStarted = true;
    m_readBack = new ReadBackCheck(request, m_request.local, m_size);
    m_readBack->moveToThread(m_verifyThread);
    connect(m_readBack, &ReadBackCheck::finished, this, [this](bool ok, const QString &error, bool remoteAnswered) {
        m_stepTimer.stop();
        if (m_readBack)
            std::exchange(m_readBack, nullptr)->deleteLater();
        if (m_done)
            return;
        if (!ok) {
            fail(error, remoteAnswered);
            return;
        }
        m_done = true;
        emit finished(true, m_size, QString(), true);
    });
    QMetaObject::invokeMethod(m_readBack, &ReadBackCheck::start, Qt::QueuedConnection);
}

void UploadJob::hashLocally(QCryptographicHash::Algorithm algorithm)
{
    connect(&m_localHashWatcher, &QFutureWatcher<QByteArray>::finished, this, &UploadJob::localHashed,
            Qt::UniqueConnection);
    m_localHashWatcher.setFuture(QtConcurrent::run(fileHash, m_request.local, algorithm, m_cancelLocalHash));
}

void UploadJob::compareIfReady()
{
    if (m_done)
        return;
    if (m_localHashFailed) {
        fail(QStringLiteral("cannot read %1 to hash it").arg(m_request.local), true);
        return;
    }
    if (m_localHash.isEmpty() || m_remoteHash.isEmpty())
        return; // the other one is still under way
    if (m_localHash != m_remoteHash) {
        fail(QStringLiteral("remote copy's %1 %2 differs from the recording's %3")
                 .arg(m_hashType.toUpper(), m_remoteHash, m_localHash),
             true);
        return;
    }
    m_done = true;
    emit finished(true, m_size, QString(), true);
}

void UploadJob::fail(const QString &error, bool remoteAnswered)
{
    if (m_done)
        return;
    m_done = true;
    stopStep();
    m_cancelLocalHash->store(true);
    emit finished(false, 0, error, remoteAnswered);
}
