// SPDX-License-Identifier: MIT
// Fetches the exporter's /metrics over HTTP now and then, to show whether the exporter answers.
#pragma once

#include <QHash>
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

    // Samples of Prometheus text format 0.0.4 by series ("name{labels}"); comments skipped.
    static QHash<QString, double> parse(const QByteArray &text);

signals:
    void fetched(const QHash<QString, double> &samples);
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
