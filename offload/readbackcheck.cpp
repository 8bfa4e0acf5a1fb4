// SPDX-License-Identifier: MIT
#include "readbackcheck.h"

#include "rcloneclient.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>

#include <algorithm>
#include <cstring>

namespace {
// The network buffer: rclone waits rather than it growing (a 100 MB file is not held in memory).
constexpr qint64 kReadBufferBytes = 4 << 20;
// The most compared at once.
constexpr qint64 kChunkBytes = 1 << 20;
} // namespace

ReadBackCheck::ReadBackCheck(const QNetworkRequest &request, const QString &localPath, qint64 size)
    : m_request(request), m_localPath(localPath), m_size(size)
{
}

void ReadBackCheck::start()
{
    if (m_done)
        return;
    m_local = new QFile(m_localPath, this);
    if (!m_local->open(QIODevice::ReadOnly)) {
        end(false, QStringLiteral("cannot read %1 to compare it: %2").arg(m_localPath, m_local->errorString()), true);
        return;
    }
    // One per check, made in this thread (a QNetworkAccessManager belongs to its thread).
    m_network = new QNetworkAccessManager(this);
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_reply = m_network->get(m_request);
    m_reply->setReadBufferSize(kReadBufferBytes);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &ReadBackCheck::checkStatus);
    connect(m_reply, &QNetworkReply::readyRead, this, &ReadBackCheck::compareAvailable);
    connect(m_reply, &QNetworkReply::finished, this, [this] {
        if (m_done)
            return;
        if (m_reply->error() != QNetworkReply::NoError) {
            end(false, QStringLiteral("reading the remote copy back failed: %1").arg(RcloneClient::errorOf(m_reply, {})),
                false);
            return;
        }
        compareAvailable();
        if (m_done)
            return;
        if (!m_statusOk) {
            end(false, QStringLiteral("reading the remote copy back failed: the rcd gave no HTTP status"), false);
            return;
        }
        if (m_compared != m_size) {
            end(false, QStringLiteral("remote copy read back has %1 bytes, the recording %2").arg(m_compared).arg(m_size),
                true);
            return;
        }
        end(true, QString(), true);
    });
}

void ReadBackCheck::checkStatus()
{
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    m_statusOk = status.toInt() == 200;
    if (!m_statusOk && status.isValid())
        // rclone's answer when it cannot open the copy (404, 500 and its error text): a fault on
        // the way, not a copy that differs. Not the remote's verdict on the file: a probe decides.
        end(false, QStringLiteral("reading the remote copy back failed: HTTP %1 %2")
                       .arg(status.toInt())
                       .arg(m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString()),
            false);
}

void ReadBackCheck::compareAvailable()
{
    // Only the bytes of a 200 are the copy (an error page comes through readyRead too).
    if (!m_statusOk)
        checkStatus();
    if (!m_statusOk)
        return;
    // Into buffers kept from chunk to chunk: a fresh QByteArray per chunk (readAll) costs a page
    // fault per 4 KiB, more than the comparison itself.
    while (!m_done && m_reply->isOpen() && m_reply->bytesAvailable() > 0) {
        const qint64 want = std::min<qint64>(m_reply->bytesAvailable(), kChunkBytes);
        m_remoteChunk.resize(want);
        const qint64 got = m_reply->read(m_remoteChunk.data(), want);
        if (got <= 0)
            return;
        if (m_compared + got > m_size) {
            end(false, QStringLiteral("remote copy read back is longer than the recording's %1 bytes").arg(m_size), true);
            return;
        }
        m_localChunk.resize(got);
        if (m_local->read(m_localChunk.data(), got) != got) {
            end(false, QStringLiteral("cannot read %1 to compare it: %2").arg(m_localPath, m_local->errorString()), true);
            return;
        }
        if (std::memcmp(m_remoteChunk.constData(), m_localChunk.constData(), size_t(got)) != 0) {
            qint64 at = 0;
            while (m_remoteChunk.at(at) == m_localChunk.at(at))
                ++at;
            end(false, QStringLiteral("remote copy differs from the recording at byte %1 (read back to compare)")
                           .arg(m_compared + at),
                true);
            return;
        }
        m_compared += got;
    }
}

void ReadBackCheck::abort()
{
    m_done = true;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void ReadBackCheck::end(bool ok, const QString &error, bool remoteAnswered)
{
    if (m_done)
        return;
    m_done = true;
    if (m_reply) {
        m_reply->disconnect(this);
        if (m_reply->isRunning())
            m_reply->abort();
    }
    if (m_local)
        m_local->close();
    emit finished(ok, error, remoteAnswered);
}
