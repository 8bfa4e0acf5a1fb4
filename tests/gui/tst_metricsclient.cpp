// SPDX-License-Identifier: MIT
// Tests MetricsClient: reading a reachable exporter and telling a missing one (the format: tst_prometheustext).
#include "fakemetricsserver.h"
#include "metricsclient.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

class TestMetricsClient : public QObject
{
    Q_OBJECT
private slots:
    void fetchesFromAnExporter()
    {
        FakeMetricsServer server;
        server.body = "recorder_up 1\nrecorder_frames_dropped_total 4\n";
        QVERIFY(server.start());
        MetricsClient client(QUrl(server.url()), 60000);
        QSignalSpy fetched(&client, &MetricsClient::fetched);
        client.start();
        QTRY_COMPARE_WITH_TIMEOUT(fetched.size(), 1, 10000);
        const auto metrics = fetched.at(0).at(0).value<PrometheusText::Document>();
        QCOMPARE(metrics.value(QStringLiteral("recorder_frames_dropped_total")), 4.0);
    }

    void reportsAMissingExporter()
    {
        QTcpServer server; // bound, then closed: a port nobody listens on
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        const quint16 port = server.serverPort();
        server.close();
        MetricsClient client(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(port)), 60000);
        QSignalSpy failed(&client, &MetricsClient::failed);
        client.start();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QVERIFY(!failed.at(0).at(0).toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMetricsClient)
#include "tst_metricsclient.moc"
