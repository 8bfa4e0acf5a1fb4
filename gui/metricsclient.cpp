// SPDX-License-Identifier: MIT
// Fetches the exporter's /metrics over HTTP now and then and reads it (PrometheusText).
#include "metricsclient.h"

#include <QNetworkReply>
#include <QNetworkRequest>

namespace {
// The exporter answers from a cache; a reply this late means it is stuck.
constexpr int kTransferTimeoutMs = 3000;
// Nothing the dashboard expects is anywhere near this large.
constexpr qint64 kMaxReplyBytes = 4 * 1024 * 1024;
} // namespace

MetricsClient::MetricsClient(const QUrl &url, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_url(url)
{
    qRegisterMetaType<PrometheusText::Document>();
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &MetricsClient::fetch);
    connect(&m_network, &QNetworkAccessManager::finished, this, &MetricsClient::finished);
}

void MetricsClient::start()
{
    m_timer.start();
    fetch();
}

void MetricsClient::fetch()
{
    if (m_inFlight)
        return;
    QNetworkRequest request(m_url);
    request.setTransferTimeout(kTransferTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    m_inFlight = true;
    QNetworkReply *reply = m_network.get(request);
    // Stop reading a runaway reply rather than holding it all in memory.
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > kMaxReplyBytes) {
            reply->setProperty("tooLarge", true);
            reply->abort();
        }
    });
}

void MetricsClient::finished(QNetworkReply *reply)
{
    reply->deleteLater();
    m_inFlight = false;
    if (reply->property("tooLarge").toBool()) {
        emit failed(QStringLiteral("reply larger than %1 bytes").arg(kMaxReplyBytes));
        return;
    }
    if (reply->error() != QNetworkReply::NoError) {
        emit failed(reply->errorString());
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200) {
        emit failed(QStringLiteral("HTTP %1").arg(status));
        return;
    }
    emit fetched(PrometheusText::parse(reply->readAll()));
}
