// SPDX-License-Identifier: MIT
// Fetches the exporter's /metrics over HTTP now and then and reads it (PrometheusText).
#pragma once

#include "prometheustext.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>
#include <QUrl>

class QNetworkReply;

// Thread-bound to the UI thread; QNetworkAccessManager is asynchronous, nothing here blocks.
class MetricsClient : public QObject
{
    Q_OBJECT
public:
    MetricsClient(const QUrl &url, int intervalMs, QObject *parent = nullptr);

    void start();
    QUrl url() const { return m_url; }

signals:
    void fetched(const PrometheusText::Document &metrics);
    // One line: what failed (connection refused, HTTP 404, timeout…).
    void failed(const QString &reason);

private:
    void fetch();
    void finished(QNetworkReply *reply);

    QUrl m_url;
    QNetworkAccessManager m_network;
    QTimer m_timer;
    bool m_inFlight = false;
};
