// SPDX-License-Identifier: MIT
#include "rcloneclient.h"

#include "rclonearguments.h"

#include <QJsonDocument>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

RcloneClient::RcloneClient(QObject *parent) : QObject(parent)
{
    // The rcd is on loopback: an http_proxy in the environment must not see its password.
    m_network.setProxy(QNetworkProxy::NoProxy);
}

void RcloneClient::setEndpoint(const QUrl &base, const QString &user, const QString &password)
{
    m_base = base;
    m_authorization = base.isEmpty()
        ? QByteArray()
        : "Basic " + (user.toUtf8() + ':' + password.toUtf8()).toBase64();
}

void RcloneClient::call(const QString &method, const QJsonObject &params, int timeoutMs, QObject *context,
                        std::function<void(const Reply &)> done)
{
    if (!ready()) {
        // Not synchronously: a caller's state must be consistent before its callback runs.
        QTimer::singleShot(0, context, [done] { done({false, false, {}, QStringLiteral("rclone rcd is not running")}); });
        return;
    }
    QUrl url = m_base;
    url.setPath(m_base.path() + method);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization", m_authorization);
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = m_network.post(request, QJsonDocument(params).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, context, [reply, done = std::move(done)] {
        reply->deleteLater();
        Reply result;
        result.answered = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid();
        result.body = QJsonDocument::fromJson(reply->readAll()).object();
        result.ok = result.answered && reply->error() == QNetworkReply::NoError;
        if (!result.ok)
            result.error = errorOf(reply, result.body);
        done(result);
    });
    // The context went away first: nobody reads the answer, the reply is dropped with it.
    connect(context, &QObject::destroyed, reply, &QNetworkReply::abort);
}

QNetworkReply *RcloneClient::get(const QString &fs, const QString &remote, int idleTimeoutMs)
{
    if (!ready())
        return nullptr;
    // "/[fs]/path/to/object": each part percent-encoded, so a name with '#', '?' or '%' stays a name.
    QString path = m_base.path() + QString::fromLatin1(QUrl::toPercentEncoding(QLatin1Char('[') + fs + QLatin1Char(']')));
    for (const QString &part : remote.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        path += QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(part));
    QUrl url = m_base;
    url.setPath(path, QUrl::TolerantMode); // already percent-encoded: kept as it is
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", m_authorization);
    request.setTransferTimeout(idleTimeoutMs);
    QNetworkReply *reply = m_network.get(request);
    // The reader hashes each chunk as it comes: rclone waits rather than this buffer growing.
    reply->setReadBufferSize(4 << 20);
    return reply;
}

QString RcloneClient::errorOf(QNetworkReply *reply, const QJsonObject &body)
{
    QString error = body.value(QStringLiteral("error")).toString();
    if (error.isEmpty())
        error = reply ? reply->errorString() : QStringLiteral("rclone gave no reason");
    return RcloneArguments::redacted(error.simplified()).left(500);
}
