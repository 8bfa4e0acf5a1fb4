// SPDX-License-Identifier: MIT
// Tests the recorder-exporter binary over HTTP: routes, methods and content types, promtool on live
// output, bad inputs that still answer 200, and abusive clients that must neither grow its memory
// nor stop it serving others.
#include "exporterfixture.h"
#include "exporterprocess.h"
#include "passwordhash.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <vector>

namespace {

constexpr qint64 kMaxGrowthBytes = 10 * 1024 * 1024;
const QByteArray kMetricsType = "text/plain; version=0.0.4; charset=utf-8";

QString metricValue(const QByteArray &text, const QString &series)
{
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(series.toUtf8() + ' '))
            return QString::fromUtf8(line.mid(series.size() + 1));
    }
    return {};
}

QString dataDir()
{
    return qEnvironmentVariable("RECORDER_SOURCE_DIR") + QStringLiteral("/tests/exporter/data");
}

// `cost` 1 is quick; 5 (mkpasswd's default) takes about 0.1 s here.
QByteArray yescrypt(const QByteArray &password, unsigned long cost = 1)
{
    return PasswordHash::make(password, "$y$", cost);
}

QString writeFile(const QString &path, const QByteArray &content,
                  QFileDevice::Permissions permissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return QStringLiteral("cannot write ") + path;
    f.write(content);
    f.close();
    f.setPermissions(permissions);
    return {};
}

// The test key, copied with `permissions`: git checks it out readable by all.
QString copyKey(const QString &directory, QFileDevice::Permissions permissions)
{
    QFile source(QStringLiteral("%1/tls-test.key").arg(qEnvironmentVariable("RECORDER_SOURCE_DIR")
                                                       + QStringLiteral("/tests/exporter/data")));
    if (!source.open(QIODevice::ReadOnly))
        return {};
    const QString path = directory + QStringLiteral("/tls.key");
    return writeFile(path, source.readAll(), permissions).isEmpty() ? path : QString();
}

QByteArray basicRequest(const QByteArray &path, const QByteArray &scheme, const QByteArray &credentials)
{
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: " + scheme + ' '
        + credentials.toBase64() + "\r\n\r\n";
}

std::unique_ptr<QTcpSocket> connectClient(quint16 port)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QHostAddress::LocalHost, port);
    socket->waitForConnected(5000);
    return socket;
}

} // namespace

class TestExporter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void routes_data();
    void routes();
    void headMatchesGet();
    void unsupportedHttpVersionGets505_data();
    void unsupportedHttpVersionGets505();
    void liveOutputPassesPromtool_data();
    void liveOutputPassesPromtool();
    void badInputsStillAnswer200_data();
    void badInputsStillAnswer200();
    void connectionCloseIsHonoured_data();
    void connectionCloseIsHonoured();
    void oversizedHeadersGet431();
    void rejectionsAreNotLoggedOneByOne();
    void requestBodiesAreRefused();
    void megabyteWithoutLineEndKeepsMemoryBounded();
    void slowValidRequestIsServed();
    void tricklingClientIsCutOff();
    void idleConnectionIsClosed();
    void manyIdleConnectionsKeepMemoryBoundedAndOthersServed();
    void busyServerEvictsTheSlowestRequest();
    void perClientCapLeavesRoomForOthers();
    void badListenAddressExits78();
    void offloadFromTheConfiguration();
    void httpsWithBasicAuth();
    void guessesNeitherHoldUpNorOutlastTheKnownClient();
    void badTlsOrUsersExit78_data();
    void badTlsOrUsersExit78();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ExporterProcess> m_exporter;
};

void TestExporter::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(qEnvironmentVariable("EXPORTER_BINARY")), "EXPORTER_BINARY must name recorder-exporter");
    m_exporter = std::make_unique<ExporterProcess>(
        m_dir.path(), QStringLiteral("cache = 0s\nheader_timeout = 1s\nidle_timeout = 2s\nmax_connections = 32\n"));
    QCOMPARE(m_exporter->start(), QString());
}

void TestExporter::routes_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("allow");
    QTest::addColumn<QByteArray>("bodyContains");
    QTest::newRow("GET /metrics") << QByteArray("GET") << "/metrics" << 200 << kMetricsType << QByteArray()
                                  << QByteArray("# TYPE recorder_up gauge");
    QTest::newRow("GET /") << QByteArray("GET") << "/" << 200 << QByteArray("text/html; charset=utf-8")
                           << QByteArray() << QByteArray("<a href=\"metrics\">");
    QTest::newRow("GET /healthz") << QByteArray("GET") << "/healthz" << 200
                                  << QByteArray("text/plain; charset=utf-8") << QByteArray() << QByteArray("ok");
    QTest::newRow("GET /metrics?query") << QByteArray("GET") << "/metrics?x=1" << 200 << kMetricsType
                                        << QByteArray() << QByteArray("recorder_up");
    QTest::newRow("GET unknown path") << QByteArray("GET") << "/nope" << 404 << QByteArray("text/plain; charset=utf-8")
                                      << QByteArray() << QByteArray("not found");
    QTest::newRow("GET /metrics/extra") << QByteArray("GET") << "/metrics/extra" << 404
                                        << QByteArray("text/plain; charset=utf-8") << QByteArray() << QByteArray();
    QTest::newRow("POST /metrics") << QByteArray("POST") << "/metrics" << 405 << QByteArray("text/plain; charset=utf-8")
                                   << QByteArray("GET, HEAD") << QByteArray("not allowed");
    QTest::newRow("PUT /") << QByteArray("PUT") << "/" << 405 << QByteArray("text/plain; charset=utf-8")
                           << QByteArray("GET, HEAD") << QByteArray();
    QTest::newRow("DELETE /healthz") << QByteArray("DELETE") << "/healthz" << 405
                                     << QByteArray("text/plain; charset=utf-8") << QByteArray("GET, HEAD")
                                     << QByteArray();
    // QtHttpServer 6.4 routes no method it does not know, and CONNECT names no path: all got 404.
    QTest::newRow("TRACE /metrics") << QByteArray("TRACE") << "/metrics" << 405
                                    << QByteArray("text/plain; charset=utf-8") << QByteArray("GET, HEAD")
                                    << QByteArray("not allowed");
    QTest::newRow("CONNECT host:port") << QByteArray("CONNECT") << "localhost:9101" << 405
                                       << QByteArray("text/plain; charset=utf-8") << QByteArray("GET, HEAD")
                                       << QByteArray();
    QTest::newRow("unknown method") << QByteArray("BREW") << "/" << 405 << QByteArray("text/plain; charset=utf-8")
                                    << QByteArray("GET, HEAD") << QByteArray();
}

void TestExporter::routes()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, allow);
    QFETCH(QByteArray, bodyContains);
    const ExporterProcess::Response r = m_exporter->get(path, method);
    QCOMPARE(r.status, status);
    QCOMPARE(r.headers.value("content-type"), contentType);
    QCOMPARE(r.headers.value("allow"), allow);
    QVERIFY2(r.body.contains(bodyContains), r.body.constData());
}

void TestExporter::headMatchesGet()
{
    const ExporterProcess::Response get = m_exporter->get(QStringLiteral("/metrics"));
    const ExporterProcess::Response head = m_exporter->get(QStringLiteral("/metrics"), "HEAD");
    QCOMPARE(head.status, 200);
    QCOMPARE(head.headers.value("content-type"), kMetricsType);
    QCOMPARE(head.headers.value("content-length").toLongLong(), qint64(get.body.size()));
    QVERIFY(head.body.isEmpty());
}

void TestExporter::unsupportedHttpVersionGets505_data()
{
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<int>("status");
    QTest::newRow("HTTP/9.9") << QByteArray("HTTP/9.9") << 505;
    QTest::newRow("HTTP/2.0") << QByteArray("HTTP/2.0") << 505;
    QTest::newRow("HTTP/1.0") << QByteArray("HTTP/1.0") << 200;
    QTest::newRow("HTTP/1.1") << QByteArray("HTTP/1.1") << 200;
}

// QtHttpServer 6.4 takes any "HTTP/x.y" and answers it as HTTP/1.1.
void TestExporter::unsupportedHttpVersionGets505()
{
    QFETCH(QByteArray, version);
    QFETCH(int, status);
    const ExporterProcess::Response r =
        m_exporter->send("GET /healthz " + version + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    QCOMPARE(r.status, status);
}

void TestExporter::liveOutputPassesPromtool_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<double>("age");
    QTest::addColumn<QString>("up");
    QTest::newRow("no inputs") << QString() << 0.0 << "0";
    QTest::newRow("recording, fresh") << "recording" << 0.0 << "1";
    QTest::newRow("recording, stale") << "recording" << 300.0 << "0";
    QTest::newRow("error, fresh") << "error" << 0.0 << "1";
    QTest::newRow("ready, stale") << "ready" << 60.0 << "0";
}

void TestExporter::liveOutputPassesPromtool()
{
    QFETCH(QString, state);
    QFETCH(double, age);
    QFETCH(QString, up);
    if (QStandardPaths::findExecutable(QStringLiteral("promtool")).isEmpty())
        QSKIP("promtool is not installed (Debian package prometheus)");
    QFile::remove(m_exporter->heartbeatFile());
    QFile::remove(m_exporter->watchdogFile());
    QFile::remove(m_exporter->catalogFile());
    if (!state.isEmpty()) {
        QCOMPARE(ExporterFixture::writeHeartbeat(m_exporter->heartbeatFile(), state, age), QString());
        QCOMPARE(ExporterFixture::writeWatchdogStatus(m_exporter->watchdogFile(), age), QString());
        QCOMPARE(ExporterFixture::createCatalog(m_exporter->catalogFile(), 100), QString());
    }
    const ExporterProcess::Response r = m_exporter->get(QStringLiteral("/metrics"));
    QCOMPARE(r.status, 200);
    QCOMPARE(metricValue(r.body, QStringLiteral("recorder_up")), up);

    QProcess promtool;
    promtool.setProcessChannelMode(QProcess::MergedChannels);
    promtool.start(QStringLiteral("promtool"), {QStringLiteral("check"), QStringLiteral("metrics")});
    QVERIFY(promtool.waitForStarted(10000));
    promtool.write(r.body);
    promtool.closeWriteChannel();
    QVERIFY(promtool.waitForFinished(30000));
    QVERIFY2(promtool.exitCode() == 0, promtool.readAll().constData());
}

void TestExporter::badInputsStillAnswer200_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("source");
    QTest::newRow("empty heartbeat") << "heartbeat" << QByteArray() << "heartbeat";
    QTest::newRow("garbage heartbeat") << "heartbeat" << QByteArray("\x01\x02garbage{{{") << "heartbeat";
    QTest::newRow("10 MB heartbeat") << "heartbeat" << QByteArray(10 * 1024 * 1024, '{') << "heartbeat";
    QTest::newRow("symlinked heartbeat") << "heartbeat-symlink" << QByteArray() << "heartbeat";
    QTest::newRow("garbage watchdog status") << "watchdog" << QByteArray("[1,2,3]") << "watchdog";
    QTest::newRow("corrupt catalog") << "catalog" << QByteArray(8192, '\x5a') << "catalog";
}

void TestExporter::badInputsStillAnswer200()
{
    QFETCH(QString, input);
    QFETCH(QByteArray, content);
    QFETCH(QString, source);
    QFile::remove(m_exporter->heartbeatFile());
    QFile::remove(m_exporter->catalogFile());
    QFile::remove(m_exporter->watchdogFile());
    const QString path = input.startsWith(QLatin1String("heartbeat")) ? m_exporter->heartbeatFile()
                         : input == QLatin1String("watchdog")         ? m_exporter->watchdogFile()
                                                                      : m_exporter->catalogFile();
    if (input == QLatin1String("heartbeat-symlink")) {
        const QString real = m_dir.filePath(QStringLiteral("real-heartbeat.json"));
        QCOMPARE(ExporterFixture::writeHeartbeat(real, QStringLiteral("recording")), QString());
        QVERIFY(QFile::link(real, path));
    } else {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    const QString series = QStringLiteral("recorder_exporter_scrape_errors_total{source=\"%1\"}").arg(source);
    const double before = metricValue(m_exporter->get(QStringLiteral("/metrics")).body, series).toDouble();
    const ExporterProcess::Response r = m_exporter->get(QStringLiteral("/metrics"));
    QCOMPARE(r.status, 200);
    QCOMPARE(metricValue(r.body, QStringLiteral("recorder_up")), QStringLiteral("0"));
    QCOMPARE(metricValue(r.body, series).toDouble(), before + 1);
}

void TestExporter::connectionCloseIsHonoured_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<bool>("closed");
    QTest::newRow("HTTP/1.1 close") << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                                    << true;
    QTest::newRow("HTTP/1.0") << QByteArray("GET /healthz HTTP/1.0\r\n\r\n") << true;
    QTest::newRow("HTTP/1.1 keep-alive") << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n") << false;
}

// QtHttpServer 6.4 keeps every connection open; the guard closes the ones the client asked to.
void TestExporter::connectionCloseIsHonoured()
{
    QFETCH(QByteArray, request);
    QFETCH(bool, closed);
    auto client = connectClient(m_exporter->port());
    client->write(request);
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += client->readAll()).endsWith("ok\n"), 10000);
    if (closed) {
        QTRY_COMPARE_WITH_TIMEOUT(client->state(), QAbstractSocket::UnconnectedState, 10000);
    } else {
        QTest::qWait(300); // not an assertion on time: it must simply still be open afterwards
        QCOMPARE(client->state(), QAbstractSocket::ConnectedState);
    }
}

void TestExporter::rejectionsAreNotLoggedOneByOne()
{
    // A client looping on bad requests must not write a log line each (they go into the refusal
    // summary, one line a minute).
    for (int i = 0; i < 20; ++i) {
        const ExporterProcess::Response r = m_exporter->send("GET /metrics HTTP/9.9\r\nHost: localhost\r\n\r\n");
        QCOMPARE(r.status, 505);
    }
    QFile log(m_dir.filePath(QStringLiteral("log-metrics/exporter.log")));
    QVERIFY2(log.open(QIODevice::ReadOnly), qPrintable(log.fileName()));
    const QByteArray text = log.readAll();
    QVERIFY2(text.count("505") <= 1, text.right(2000).constData());
}

void TestExporter::oversizedHeadersGet431()
{
    const ExporterProcess::Response r = m_exporter->send(
        "GET /metrics HTTP/1.1\r\nHost: localhost\r\nX-Big: " + QByteArray(9000, 'a') + "\r\n\r\n");
    QCOMPARE(r.status, 431);
    QCOMPARE(r.headers.value("connection"), QByteArray("close"));
    // Just under the limit is fine.
    const ExporterProcess::Response ok = m_exporter->send(
        "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: " + QByteArray(7000, 'a') + "\r\nConnection: close\r\n\r\n");
    QCOMPARE(ok.status, 200);
}

void TestExporter::requestBodiesAreRefused()
{
    const ExporterProcess::Response r =
        m_exporter->send("GET /metrics HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello");
    QCOMPARE(r.status, 413);
    const ExporterProcess::Response chunked = m_exporter->send(
        "GET /metrics HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    QCOMPARE(chunked.status, 413);
}

void TestExporter::megabyteWithoutLineEndKeepsMemoryBounded()
{
    const qint64 before = m_exporter->rssBytes();
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 16; ++i) {
        clients.push_back(connectClient(m_exporter->port()));
        clients.back()->write(QByteArray(1024 * 1024, 'x'));
    }
    for (auto &client : clients) {
        QTRY_VERIFY_WITH_TIMEOUT(client->state() == QAbstractSocket::UnconnectedState
                                     || client->readAll().startsWith("HTTP/1.1 431"),
                                 15000);
    }
    const qint64 growth = m_exporter->rssBytes() - before;
    QVERIFY2(growth < kMaxGrowthBytes, qPrintable(QStringLiteral("RSS grew by %1 bytes").arg(growth)));
    QCOMPARE(m_exporter->get(QStringLiteral("/healthz")).status, 200);
}

void TestExporter::slowValidRequestIsServed()
{
    // Byte by byte, well inside header_timeout: every chunk must be counted once, not again.
    auto client = connectClient(m_exporter->port());
    const QByteArray request = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    for (const char c : request) {
        client->write(&c, 1);
        client->waitForBytesWritten(1000);
        client->flush();
        QTest::qWait(5);
    }
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += client->readAll()).contains("\r\n\r\nok"), 10000);
    QVERIFY(answer.startsWith("HTTP/1.1 200"));
}

void TestExporter::tricklingClientIsCutOff()
{
    auto client = connectClient(m_exporter->port());
    QTimer trickle;
    QObject::connect(&trickle, &QTimer::timeout, client.get(), [&client] { client->write("X", 1); });
    client->write("GET /metrics HTTP/1.1\r\nX-Slow: ");
    trickle.start(100);
    QElapsedTimer elapsed;
    elapsed.start();
    // Others are served while it trickles.
    QCOMPARE(m_exporter->get(QStringLiteral("/healthz")).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(client->state() == QAbstractSocket::UnconnectedState, 15000);
    trickle.stop();
    QVERIFY2(elapsed.elapsed() >= 800, qPrintable(QString::number(elapsed.elapsed())));
}

void TestExporter::idleConnectionIsClosed()
{
    auto client = connectClient(m_exporter->port());
    QCOMPARE(client->state(), QAbstractSocket::ConnectedState);
    QElapsedTimer elapsed;
    elapsed.start();
    QTRY_VERIFY_WITH_TIMEOUT(client->state() == QAbstractSocket::UnconnectedState, 15000);
    QVERIFY2(elapsed.elapsed() >= 1500, qPrintable(QString::number(elapsed.elapsed())));
}

void TestExporter::manyIdleConnectionsKeepMemoryBoundedAndOthersServed()
{
    const qint64 before = m_exporter->rssBytes();
    const int descriptorsBefore = m_exporter->openFileDescriptors();
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 400; ++i)
        clients.push_back(connectClient(m_exporter->port()));
    // New clients evict the longest-idle ones: the exporter never holds more than max_connections.
    QTRY_VERIFY_WITH_TIMEOUT(m_exporter->openFileDescriptors() <= descriptorsBefore + 32 + 2, 10000);
    // Served as soon as one of them has been idle for the eviction grace (250 ms).
    QTRY_COMPARE_WITH_TIMEOUT(m_exporter->get(QStringLiteral("/metrics")).status, 200, 10000);
    const qint64 growth = m_exporter->rssBytes() - before;
    QVERIFY2(growth < kMaxGrowthBytes, qPrintable(QStringLiteral("RSS grew by %1 bytes").arg(growth)));
}

// Only idle connections used to make room: slowloris clients holding every slot in the middle of a
// request made every newcomer get 503 until the header timeout.
void TestExporter::busyServerEvictsTheSlowestRequest()
{
    QTemporaryDir dir;
    ExporterProcess small(dir.path(), QStringLiteral("max_connections = 4\nheader_timeout = 60s\n"));
    QCOMPARE(small.start(), QString());
    std::vector<std::unique_ptr<QTcpSocket>> busy;
    for (int i = 0; i < 4; ++i) {
        busy.push_back(connectClient(small.port()));
        QCOMPARE(busy.back()->state(), QAbstractSocket::ConnectedState);
        busy.back()->write("GET /metrics HTTP/1.1\r\nHost: localhost\r\n");
        QVERIFY(busy.back()->waitForBytesWritten(5000));
        QTest::qWait(50); // the first one is the oldest
    }
    // A newcomer takes the place of the request that has been trickling in longest (once it has had
    // its grace of 250 ms), and is served.
    QTRY_COMPARE_WITH_TIMEOUT(small.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                                         3000)
                                  .status,
                              200, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(busy.front()->state(), QAbstractSocket::UnconnectedState, 10000);
}

// One address churning connections may hold max_connections_per_client of them, never everybody's.
void TestExporter::perClientCapLeavesRoomForOthers()
{
    QTemporaryDir dir;
    ExporterProcess small(dir.path(),
                          QStringLiteral("max_connections = 8\nmax_connections_per_client = 2\nheader_timeout = 60s\n"));
    QCOMPARE(small.start(), QString());
    std::vector<std::unique_ptr<QTcpSocket>> busy;
    for (int i = 0; i < 10; ++i) {
        busy.push_back(connectClient(small.port()));
        busy.back()->write("GET /metrics HTTP/1.1\r\nHost: localhost\r\n");
        QVERIFY(busy.back()->waitForBytesWritten(5000));
    }
    const auto stillOpen = [&busy] {
        return std::count_if(busy.begin(), busy.end(), [](const std::unique_ptr<QTcpSocket> &socket) {
            socket->readAll(); // a 503 and its close are seen by reading
            return socket->state() == QAbstractSocket::ConnectedState;
        });
    };
    QTRY_COMPARE_WITH_TIMEOUT(stillOpen(), 2L, 15000);

    QTcpSocket other;
    if (!other.bind(QHostAddress(QStringLiteral("127.0.0.2"))))
        QSKIP("cannot bind 127.0.0.2 (every 127.0.0.0/8 address is local on Linux)");
    other.connectToHost(QHostAddress::LocalHost, small.port());
    QVERIFY(other.waitForConnected(5000));
    other.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += other.readAll()).contains("\r\n\r\nok"), 10000);
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
}

void TestExporter::badListenAddressExits78()
{
    QTemporaryDir dir;
    ExporterProcess bad(dir.path(), QStringLiteral("listen = 999.1.2.3\n"));
    QVERIFY(!bad.start().isEmpty());
    QCOMPARE(bad.exitCode(), 78);
}

// [offload] enabled and [paths] offload_runtime_dir reach the binary: the queue from the catalog,
// the uploader's figures from <offload_runtime_dir>/status.json; the exporter without offload
// (m_exporter) serves neither.
void TestExporter::offloadFromTheConfiguration()
{
    QTemporaryDir dir;
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("uploader"))));
    ExporterProcess exporter(dir.path(), QStringLiteral("cache = 0s\n[offload]\nenabled = true\nremote = nas:recordings\n"
                                                        "[paths]\noffload_runtime_dir = %1/uploader\n")
                                             .arg(dir.path()));
    QCOMPARE(exporter.start(), QString());
    QCOMPARE(ExporterFixture::createCatalog(exporter.catalogFile(), 60), QString());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(ExporterFixture::addUploadQueue(exporter.catalogFile(),
                                             {{42, QStringLiteral("pending"), now - 60000},
                                              {43, QStringLiteral("uploaded"), now - 120000}},
                                             0),
             QString());
    QCOMPARE(ExporterFixture::writeOffloadStatus(dir.filePath(QStringLiteral("uploader/status.json")),
                                                 ExporterFixture::offloadStatus(QDateTime::currentDateTimeUtc())),
             QString());

    const ExporterProcess::Response r = exporter.get(QStringLiteral("/metrics"));
    QCOMPARE(r.status, 200);
    QCOMPARE(metricValue(r.body, QStringLiteral("recorder_upload_queue_size")), QStringLiteral("1"));
    QCOMPARE(metricValue(r.body, QStringLiteral("recorder_offload_up")), QStringLiteral("1"));
    QCOMPARE(metricValue(r.body, QStringLiteral("recorder_internet_connected")), QStringLiteral("1"));

    const ExporterProcess::Response off = m_exporter->get(QStringLiteral("/metrics"));
    QCOMPARE(off.status, 200);
    QVERIFY(!off.body.contains("recorder_offload_up") && !off.body.contains("recorder_upload_"));
}

void TestExporter::httpsWithBasicAuth()
{
    QTemporaryDir dir;
    const QString users = dir.filePath(QStringLiteral("users"));
    // Group-readable is allowed for the users file, as for /etc/shadow.
    QCOMPARE(writeFile(users, "prom:" + yescrypt("s3cret") + "\n",
                       QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup),
             QString());
    const QString key = copyKey(dir.path(), QFileDevice::ReadOwner);
    QVERIFY(!key.isEmpty());
    ExporterProcess secure(dir.path(),
                           QStringLiteral("tls_cert_file = %1/tls-test.crt\ntls_key_file = %2\n"
                                          "basic_auth_users = %3\n")
                               .arg(dataDir(), key, users),
                           true);
    QCOMPARE(secure.start(), QString());

    const ExporterProcess::Response anonymous = secure.get(QStringLiteral("/metrics"));
    QCOMPARE(anonymous.status, 401);
    QVERIFY(anonymous.headers.value("www-authenticate").startsWith("Basic realm="));
    QVERIFY(!anonymous.body.contains("recorder_up"));
    const QByteArray request = "GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Basic ";
    QCOMPARE(secure.send(request + QByteArray("prom:wrong").toBase64() + "\r\n\r\n").status, 401);
    const ExporterProcess::Response ok = secure.send(request + QByteArray("prom:s3cret").toBase64() + "\r\n\r\n");
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.headers.value("content-type"), kMetricsType);
    QVERIFY(ok.body.contains("recorder_up "));
    // RFC 7617: the scheme is case-insensitive.
    QCOMPARE(secure.send(basicRequest("/healthz", "basic", "prom:s3cret")).status, 200);
    QCOMPARE(secure.send(basicRequest("/healthz", "BASIC", "prom:s3cret")).status, 200);
    // Plain HTTP on the TLS port gets nothing served.
    QCOMPARE(ExporterProcess::request(secure.port(), "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n", 5000).status, 0);
}

void TestExporter::badTlsOrUsersExit78_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QByteArray>("users");
    const QString cert = dataDir() + QStringLiteral("/tls-test.crt");
    const QString key = dataDir() + QStringLiteral("/tls-test.key");
    QTest::newRow("certificate without key") << QStringLiteral("tls_cert_file = %1\n").arg(cert) << QByteArray();
    QTest::newRow("key is not a key") << QStringLiteral("tls_cert_file = %1\ntls_key_file = %1\n").arg(cert)
                                      << QByteArray();
    QTest::newRow("certificate is not one") << QStringLiteral("tls_cert_file = %1\ntls_key_file = %1\n").arg(key)
                                            << QByteArray();
    QTest::newRow("plain-text password") << QStringLiteral("basic_auth_users = USERS\n") << QByteArray("prom:s3cret\n");
    QTest::newRow("missing users file") << QStringLiteral("basic_auth_users = /nonexistent/users\n") << QByteArray();
    QTest::newRow("users file readable by all") << QStringLiteral("basic_auth_users = USERS\n")
                                                << QByteArray("prom:" + yescrypt("s3cret") + "\n");
    QTest::newRow("key readable by its group")
        << QStringLiteral("tls_cert_file = %1\ntls_key_file = GROUPKEY\n").arg(cert) << QByteArray();
}

void TestExporter::badTlsOrUsersExit78()
{
    QFETCH(QString, settings);
    QFETCH(QByteArray, users);
    QTemporaryDir dir;
    const QString usersFile = dir.filePath(QStringLiteral("users"));
    QFileDevice::Permissions usersMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (QByteArray(QTest::currentDataTag()).contains("readable by all"))
        usersMode |= QFileDevice::ReadGroup | QFileDevice::ReadOther;
    if (!users.isEmpty())
        QCOMPARE(writeFile(usersFile, users, usersMode), QString());
    const QString groupKey = copyKey(dir.path(), QFileDevice::ReadOwner | QFileDevice::ReadGroup);
    QVERIFY(!groupKey.isEmpty());
    settings.replace(QLatin1String("USERS"), usersFile).replace(QLatin1String("GROUPKEY"), groupKey);
    ExporterProcess bad(dir.path(), settings);
    QVERIFY(!bad.start().isEmpty());
    QCOMPARE(bad.exitCode(), 78);
}

void TestExporter::guessesNeitherHoldUpNorOutlastTheKnownClient()
{
    QTemporaryDir dir;
    const QString users = dir.filePath(QStringLiteral("users"));
    // Each wrong guess costs a full hash: at cost 7 (64 MiB, about 0.4 s here) the four guesses keep
    // the worker busy for over a second, so a test process descheduled for a while on a loaded
    // machine still sees the known client's answer before the last guess's.
    QCOMPARE(writeFile(users, "prom:" + yescrypt("s3cret", 7) + "\n"), QString());
    ExporterProcess exporter(dir.path(), QStringLiteral("basic_auth_users = %1\n").arg(users));
    QCOMPARE(exporter.start(), QString());
    QCOMPARE(exporter.send(basicRequest("/healthz", "Basic", "prom:s3cret")).status, 200); // now remembered

    // Guesses in flight, then the known client: its answer must not wait for theirs, as it would
    // if the hashes ran on the thread that serves HTTP.
    constexpr int kGuesses = 4;
    std::vector<std::unique_ptr<QTcpSocket>> guesses;
    for (int i = 0; i < kGuesses; ++i) {
        guesses.push_back(connectClient(exporter.port()));
        guesses.back()->write(basicRequest("/metrics", "Basic", "prom:guess" + QByteArray::number(i)));
        guesses.back()->flush();
    }
    const auto known = connectClient(exporter.port());
    known->write(basicRequest("/healthz", "Basic", "prom:s3cret"));
    QTRY_VERIFY_WITH_TIMEOUT(known->bytesAvailable() > 0, 10000);
    int guessesAnswered = 0;
    for (const auto &guess : guesses)
        guessesAnswered += guess->bytesAvailable() > 0 ? 1 : 0;
    QVERIFY2(guessesAnswered < kGuesses, "the known client waited for every guess to be hashed");
    QVERIFY(known->readAll().startsWith("HTTP/1.1 200"));
    for (const auto &guess : guesses) {
        QTRY_VERIFY_WITH_TIMEOUT(guess->bytesAvailable() > 0 || guess->state() != QAbstractSocket::ConnectedState,
                                 10000);
        QVERIFY(guess->readAll().startsWith("HTTP/1.1 401"));
    }

    // The fifth failure from this address uses up its budget: the next guess is refused unhashed.
    QCOMPARE(exporter.send(basicRequest("/metrics", "Basic", "prom:guess5")).status, 401);
    const ExporterProcess::Response limited = exporter.send(basicRequest("/metrics", "Basic", "prom:guess6"));
    QCOMPARE(limited.status, 429);
    QVERIFY(limited.headers.value("retry-after").toInt() > 0);
    QCOMPARE(exporter.send(basicRequest("/metrics", "Basic", "root:guess")).status, 429);
    // The known client is not locked out with the guesser.
    QCOMPARE(exporter.send(basicRequest("/metrics", "Basic", "prom:s3cret")).status, 200);
}

QTEST_GUILESS_MAIN(TestExporter)
#include "tst_exporter.moc"
