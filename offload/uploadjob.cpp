// SPDX-License-Identifier: MIT
#include "uploadjob.h"

#include "rclonearguments.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

UploadJob::UploadJob(const Request &request, QObject *parent) : QObject(parent), m_request(request)
{
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
    m_process.disconnect(this);
    m_process.kill();
    m_process.waitForFinished(1000);
}

void UploadJob::run(Step step, const QStringList &arguments)
{
    m_step = step;
    m_process.start(m_request.rclone, arguments);
}

void UploadJob::stepDone()
{
    if (m_done)
        return;
    if (m_process.exitStatus() != QProcess::NormalExit || m_process.exitCode() != 0) {
        QString error = QString::fromUtf8(m_process.readAllStandardError()).trimmed().section(QLatin1Char('\n'), -1);
        if (error.isEmpty())
            error = QStringLiteral("rclone exited with status %1").arg(m_process.exitCode());
        fail(error.left(500), false);
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
        m_remoteMd5 = entry.value(QStringLiteral("Hashes")).toObject().value(QStringLiteral("md5")).toString();
        if (m_remoteSize != m_size) {
            fail(QStringLiteral("remote copy has %1 bytes, the recording %2").arg(m_remoteSize).arg(m_size), true);
            return;
        }
        run(Step::LocalHash, RcloneArguments::md5(m_request.local, m_request.rcloneConfig, false));
        return;
    }
    case Step::LocalHash:
        m_localMd5 = md5Of(output);
        if (m_remoteMd5.isEmpty()) {
            run(Step::RemoteHash, RcloneArguments::md5(m_request.target, m_request.rcloneConfig, true));
            return;
        }
        break;
    case Step::RemoteHash:
        m_remoteMd5 = md5Of(output);
        break;
    }
    if (m_localMd5.isEmpty() || m_localMd5 != m_remoteMd5) {
        fail(QStringLiteral("remote copy's MD5 %1 differs from the recording's %2")
                 .arg(m_remoteMd5.isEmpty() ? QStringLiteral("(none)") : m_remoteMd5, m_localMd5),
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

QString UploadJob::md5Of(const QByteArray &hashsumOutput)
{
    // "d41d8cd98f00b204e9800998ecf8427e  name"
    return QString::fromLatin1(hashsumOutput.trimmed().split(' ').value(0)).toLower();
}
