// SPDX-License-Identifier: MIT
// Tests HttpService in-process: pages for GET and HEAD on an ephemeral port, the Qt 6.4/6.8 binding
// adapter, that the guarded server counts connections and drops the closed ones, and that pipelined
// requests are all answered while a client that sends but never reads is cut off.
#include "connectionlimits.h"
#include "httpserverbinding.h"
#include "httpservice.h"

#include <QHttpServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>
#include <vector>

namespace {

// Sends `raw` and collects what comes back until the peer closes or `expect` shows up.
QByteArray exchange(quint16 port, const QByteArray &raw, const QByteArray &expect)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(raw);
    QByteArray answer;
    // The server runs in this thread: QTRY-style polling spins the event loop for both ends.
    for (int i = 0; i < 200 && !answer.contains(expect); ++i) {
        QTest::qWait(20);
        answer += socket.readAll();
    }
    return answer;
}

} // namespace

class TestHttpService : public QObject
{
    Q_OBJECT

private slots:
    void bindingRefusesAServerThatDoesNotListen();
    void servesPagesOnAnEphemeralPort_data();
    void servesPagesOnAnEphemeralPort();
    void countsOpenConnections();
    void pipelinedRequestsAreAllAnswered();
    void clientThatSendsButNeverReadsIsClosed();
};

void TestHttpService::bindingRefusesAServerThatDoesNotListen()
{
    QHttpServer http;
    auto *server = new QTcpServer(&http);
    QVERIFY(!HttpServerBinding::bind(http, server).isEmpty());
    QVERIFY(server->listen(QHostAddress::LocalHost, 0));
    QCOMPARE(HttpServerBinding::bind(http, server), QString());
    QCOMPARE(server->parent(), &http);
}

void TestHttpService::servesPagesOnAnEphemeralPort_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<bool>("hasBody");
    QTest::newRow("GET") << QByteArray("GET /page HTTP/1.1\r\nHost: x\r\n\r\n") << QByteArray("HTTP/1.1 200") << true;
    QTest::newRow("HEAD") << QByteArray("HEAD /page HTTP/1.1\r\nHost: x\r\n\r\n") << QByteArray("HTTP/1.1 200") << false;
    QTest::newRow("POST") << QByteArray("POST /page HTTP/1.1\r\nHost: x\r\n\r\n") << QByteArray("HTTP/1.1 405") << false;
    QTest::newRow("unknown") << QByteArray("GET /other HTTP/1.1\r\nHost: x\r\n\r\n") << QByteArray("HTTP/1.1 404")
                             << false;
}

void TestHttpService::servesPagesOnAnEphemeralPort()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, expected);
    QFETCH(bool, hasBody);
    HttpService service{ConnectionLimits{}};
    int calls = 0;
    service.addPage(QStringLiteral("/page"), [&calls] {
        ++calls;
        return HttpService::Reply{QByteArrayLiteral("application/x-test"), QByteArrayLiteral("page-body")};
    });
    QCOMPARE(service.listen(QHostAddress::LocalHost, 0), QString());
    QVERIFY(service.port() != 0);
    const QByteArray answer = exchange(service.port(), request, hasBody ? "page-body" : "\r\n\r\n");
    QVERIFY2(answer.startsWith(expected), answer.constData());
    QCOMPARE(answer.contains("page-body"), hasBody);
    if (expected.endsWith("200")) {
        QVERIFY(answer.contains("Content-Type: application/x-test\r\n"));
        QVERIFY(answer.contains("Content-Length: 9\r\n"));
    }
}

void TestHttpService::countsOpenConnections()
{
    ConnectionLimits limits;
    limits.idleTimeoutMs = 60000;
    HttpService service(limits);
    service.addPage(QStringLiteral("/"), [] { return HttpService::Reply{"text/plain", "x"}; });
    QCOMPARE(service.listen(QHostAddress::LocalHost, 0), QString());
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 5; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, service.port());
    }
    QTRY_COMPARE_WITH_TIMEOUT(service.openConnections(), 5, 10000);
    clients.resize(2); // three clients hang up
    QTRY_COMPARE_WITH_TIMEOUT(service.openConnections(), 2, 10000);
}

// The guard holds a pipeline back while a reply is unsent and hands it on afterwards: nothing may be
// lost or answered twice on the way, and a "Connection: close" late in the pipeline still closes.
void TestHttpService::pipelinedRequestsAreAllAnswered()
{
    HttpService service{ConnectionLimits{}};
    service.addPage(QStringLiteral("/"), [] {
        return HttpService::Reply{"text/plain", QByteArray(20000, 'p')}; // larger than one socket write
    });
    QCOMPARE(service.listen(QHostAddress::LocalHost, 0), QString());
    constexpr int kRequests = 200;
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, service.port());
    QVERIFY(client.waitForConnected(5000));
    client.write(QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n").repeated(kRequests - 1)
                 + "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QByteArray answers;
    QTRY_VERIFY_WITH_TIMEOUT((answers += client.readAll(), client.state() == QAbstractSocket::UnconnectedState),
                             30000);
    answers += client.readAll();
    QCOMPARE(answers.count("HTTP/1.1 200"), kRequests);
    QCOMPARE(answers.size(), kRequests * answers.indexOf("HTTP/1.1 200", 1));
}

// Each request used to count as activity and its reply queued without bound (RSS 26 → 167 MB in 6 s).
void TestHttpService::clientThatSendsButNeverReadsIsClosed()
{
    ConnectionLimits limits;
    limits.idleTimeoutMs = 500;
    HttpService service(limits);
    service.addPage(QStringLiteral("/"), [] { return HttpService::Reply{"text/plain", QByteArray(65536, 'p')}; });
    QCOMPARE(service.listen(QHostAddress::LocalHost, 0), QString());
    QTcpSocket client;
    client.setReadBufferSize(1); // never takes more than a byte of the replies
    client.connectToHost(QHostAddress::LocalHost, service.port());
    QVERIFY(client.waitForConnected(5000));
    QTimer sender;
    QObject::connect(&sender, &QTimer::timeout, &client, [&client] {
        if (client.bytesToWrite() < 65536)
            client.write(QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n").repeated(16));
    });
    sender.start(5);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 20000);
    QCOMPARE(service.openConnections(), 0);
}

QTEST_GUILESS_MAIN(TestHttpService)
#include "tst_httpservice.moc"
