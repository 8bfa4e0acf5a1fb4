// SPDX-License-Identifier: MIT
#include "uploadjob.h"

#include "rclonearguments.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <limits>

namespace {
// A step that makes no progress for this long is stuck (rclone's own --timeout covers idle
// connections, not every hang); the budget grows with the file for the steps that move its bytes.
constexpr qint64 kStepBaseSeconds = 300;
constexpr qint64 kSlowestBytesPerSecond = 64 * 1024;
} // namespace

UploadJob::UploadJob(const Request &request, QObject *parent) : QObject(parent), m_request(request)
{
    // rclone never reads its standard input here; an open pipe would let a prompt wait forever.
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_stepTimer.setSingleShot(true);
    connect(&m_stepTimer, &QTimer::timeout, this, [this] {
        const qint64 seconds = m_stepTimer.interval() / 1000;
        m_process.disconnect(this);
        m_process.kill();
        fail(QStringLiteral("rclone %1 did not finish within %2 s; killed").arg(m_arguments.value(0)).arg(seconds),
             false);
    });
    connect(&m_process, &QProcess::finished, this, &UploadJob::stepDone);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(QStringLiteral("cannot run %1: %2").arg(m_request.rclone, m_process.errorString()), false);
    });
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
    run(Step::Copy, RcloneArguments::copyTo(m_request.local, m_request.target, m_request.rcloneConfig,
                                            m_request.bandwidthLimit));
}

void UploadJob::abort()
{
    m_done = true;
    m_stepTimer.stop();
    m_process.disconnect(this);
    m_process.kill();
    m_process.waitForFinished(1000);
}

void UploadJob::run(Step step, const QStringList &arguments)
{
    m_step = step;
    m_arguments = arguments;
    const bool movesTheFile = step == Step::Copy || step == Step::RemoteHash;
    m_stepTimer.start(int(std::min<qint64>(kStepBaseSeconds + (movesTheFile ? m_size / kSlowestBytesPerSecond : 0),
                                           std::numeric_limits<int>::max() / 1000)
                          * 1000));
    m_process.start(m_request.rclone, arguments);
}

void UploadJob::stepDone()
{
    m_stepTimer.stop();
    if (m_done)
        return;
    if (m_process.exitStatus() != QProcess::NormalExit || m_process.exitCode() != 0) {
        QString error = QString::fromUtf8(m_process.readAllStandardError()).trimmed().section(QLatin1Char('\n'), -1);
        if (error.isEmpty())
            error = QStringLiteral("rclone exited with status %1").arg(m_process.exitCode());
        fail(RcloneArguments::redacted(error).left(500), false);
        return;
    }
    const QByteArray output = m_process.readAllStandardOutput();
    switch (m_step) {
    case Step::Copy:
        run(Step::Stat, RcloneArguments::stat(m_request.target, m_request.rcloneConfig));
        return;
    case Step::Stat: {
        const QJsonObject entry = QJsonDocument::fromJson(output).object();
        m_remoteSize = entry.value(QStringLiteral("Size")).toInteger(-1);
        const QJsonObject hashes = entry.value(QStringLiteral("Hashes")).toObject();
        m_hashType = RcloneArguments::comparableHash(hashes);
        m_downloaded = m_hashType.isEmpty();
        if (m_downloaded)
            m_hashType = QStringLiteral("md5");
        else
            m_remoteHash = hashes.value(m_hashType).toString().toLower();
        if (m_remoteSize != m_size) {
            fail(QStringLiteral("remote copy has %1 bytes, the recording %2").arg(m_remoteSize).arg(m_size), true);
            return;
        }
        run(Step::LocalHash, RcloneArguments::hash(m_hashType, m_request.local, m_request.rcloneConfig, false));
        return;
    }
    case Step::LocalHash:
        m_localHash = hashOf(output);
        if (m_downloaded) {
            run(Step::RemoteHash, RcloneArguments::hash(m_hashType, m_request.target, m_request.rcloneConfig, true));
            return;
        }
        break;
    case Step::RemoteHash:
        m_remoteHash = hashOf(output);
        break;
    }
    if (m_localHash.isEmpty() || m_localHash != m_remoteHash) {
        fail(QStringLiteral("remote copy's %1 %2 differs from the recording's %3")
                 .arg(m_hashType.toUpper(), m_remoteHash.isEmpty() ? QStringLiteral("(none)") : m_remoteHash,
                      m_localHash),
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
    emit finished(false, 0, error, remoteAnswered);
}

QString UploadJob::hashOf(const QByteArray &hashsumOutput)
{
    // "d41d8cd98f00b204e9800998ecf8427e  name"
    return QString::fromLatin1(hashsumOutput.trimmed().split(' ').value(0)).toLower();
}
