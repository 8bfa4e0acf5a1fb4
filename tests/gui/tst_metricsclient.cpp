// SPDX-License-Identifier: MIT
// Tests MetricsClient: parsing the exposition format and telling a reachable exporter from a missing one.
#include "metricsclient.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

class TestMetricsClient : public QObject
{
    Q_OBJECT
private slots:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("series");
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("count");
        QTest::newRow("plain") << QByteArray("# HELP recorder_up Up.\n# TYPE recorder_up gauge\nrecorder_up 1\n")
                               << "recorder_up" << 1.0 << 1;
        QTest::newRow("labels with spaces") << QByteArray("recorder_build_info{version=\"0.1 beta\"} 1\n")
                                            << "recorder_build_info{version=\"0.1 beta\"}" << 1.0 << 1;
        QTest::newRow("float and garbage") << QByteArray("a 2.5\nnot a sample\n\nb{x=\"}\"} 3\n") << "a" << 2.5 << 2;
    }

    void parse()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, series);
        const QHash<QString, double> samples = MetricsClient::parse(text);
        QTEST(static_cast<int>(samples.size()), "count");
        QVERIFY2(samples.contains(series), qPrintable(samples.keys().join(QLatin1Char(','))));
        QTEST(samples.value(series), "value");
    }

    void fetchesFromAnExporter()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        connect(&server, &QTcpServer::newConnection, this, [&server] {
            QTcpSocket *socket = server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                if (!socket->readAll().contains("\r\n\r\n"))
                    return;
                const QByteArray body("recorder_up 1\nrecorder_frames_dropped_total 4\n");
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nConnection: close\r\n"
                              "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                socket->disconnectFromHost();
            });
        });
        MetricsClient client(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(server.serverPort())), 60000);
        QSignalSpy fetched(&client, &MetricsClient::fetched);
        client.start();
        QTRY_COMPARE_WITH_TIMEOUT(fetched.size(), 1, 10000);
        const auto samples = fetched.at(0).at(0).value<QHash<QString, double>>();
        QCOMPARE(samples.value(QStringLiteral("recorder_frames_dropped_total")), 4.0);
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
