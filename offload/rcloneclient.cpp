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
    m_long.setProxy(QNetworkProxy::NoProxy);
}

void RcloneClient::setEndpoint(const QUrl &base, const QString &user, const QString &password)
{
    m_base = base;
    m_authorization = base.isEmpty()
        ? QByteArray()
        : "Basic " + (user.toUtf8() + ':' + password.toUtf8()).toBase64();
}

QNetworkRequest RcloneClient::request(const QString &method, int timeoutMs) const
{
    QUrl url = m_base;
    url.setPath(m_base.path() + method);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization", m_authorization);
    request.setTransferTimeout(timeoutMs);
    return request;
}

RcloneClient::Reply RcloneClient::replyOf(QNetworkReply *reply)
{
    Reply result;
    result.answered = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid();
    result.body = QJsonDocument::fromJson(reply->readAll()).object();
    result.ok = result.answered && reply->error() == QNetworkReply::NoError;
    if (!result.ok)
        result.error = errorOf(reply, result.body);
    return result;
}

void RcloneClient::call(const QString &method, const QJsonObject &params, int timeoutMs, QObject *context,
                        std::function<void(const Reply &)> done)
{
    if (!ready()) {
        // Not synchronously: a caller's state must be consistent before its callback runs.
        QTimer::singleShot(0, context, [done] { done({false, false, {}, QStringLiteral("rclone rcd is not running")}); });
        return;
    }
    QNetworkReply *reply = m_network.post(request(method, timeoutMs), QJsonDocument(params).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, context, [reply, done = std::move(done)] {
        reply->deleteLater();
        done(replyOf(reply));
    });
    // The context went away first: nobody reads the answer, the reply is dropped with it.
    connect(context, &QObject::destroyed, reply, &QNetworkReply::abort);
}

QNetworkReply *RcloneClient::postLong(const QString &method, const QJsonObject &params)
{
    if (!ready())
        return nullptr;
    return m_long.post(request(method, 0), QJsonDocument(params).toJson(QJsonDocument::Compact));
}

QNetworkRequest RcloneClient::serveRequest(const QString &fs, const QString &remote, int idleTimeoutMs) const
{
    if (!ready())
        return QNetworkRequest();
    // "/[fs]/path/to/object": each part percent-encoded, so a name with '#', '?' or '%' stays a name.
    QString path = m_base.path() + QString::fromLatin1(QUrl::toPercentEncoding(QLatin1Char('[') + fs + QLatin1Char(']')));
    for (const QString &part : remote.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        path += QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(part));
    QUrl url = m_base;
    url.setPath(path, QUrl::TolerantMode); // already percent-encoded: kept as it is
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", m_authorization);
    request.setTransferTimeout(idleTimeoutMs);
    return request;
}

QString RcloneClient::errorOf(QNetworkReply *reply, const QJsonObject &body)
{
    QString error = body.value(QStringLiteral("error")).toString();
    if (error.isEmpty())
        error = reply ? reply->errorString() : QStringLiteral("rclone gave no reason");
    return RcloneArguments::redacted(error.simplified()).left(500);
}
