// SPDX-License-Identifier: MIT
// A real Prometheus server (Debian's `prometheus`) scrapes the exporter: its API must show
// recorder_up 1 while the heartbeat is fresh and 0 once it goes stale.
#include "exporterfixture.h"
#include "exporterprocess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

class TestPrometheusScrape : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void scrapedUpThenDownWhenStale();

private:
    // The value Prometheus holds now for `query` (a single series), or an empty string.
    QString queryValue(const QString &query) const;
    QString waitForValue(const QString &query, const QString &expected, int timeoutMs) const;

    QTemporaryDir m_dir;
    std::unique_ptr<ExporterProcess> m_exporter;
    QProcess m_prometheus;
    quint16 m_prometheusPort = 0;
};

void TestPrometheusScrape::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("prometheus")).isEmpty())
        QSKIP("prometheus is not installed (Debian package prometheus)");
    QVERIFY(m_dir.isValid());
    m_exporter = std::make_unique<ExporterProcess>(m_dir.path());
    QCOMPARE(m_exporter->start(), QString());
    QCOMPARE(ExporterFixture::writeHeartbeat(m_exporter->heartbeatFile(), QStringLiteral("recording")), QString());

    const QString configPath = m_dir.filePath(QStringLiteral("prometheus.yml"));
    QFile config(configPath);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                                "scrape_configs:\n  - job_name: recorder\n    static_configs:\n"
                                "      - targets: ['127.0.0.1:%1']\n")
                     .arg(m_exporter->port())
                     .toUtf8());
    config.close();
    m_prometheusPort = ExporterProcess::freePort();
    m_prometheus.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_prometheus.start(QStringLiteral("prometheus"),
                       {QStringLiteral("--config.file=") + configPath,
                        QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("tsdb")),
                        QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(m_prometheusPort),
                        QStringLiteral("--log.level=warn")});
    QVERIFY(m_prometheus.waitForStarted(10000));
}

void TestPrometheusScrape::cleanupTestCase()
{
    if (m_prometheus.state() != QProcess::NotRunning) {
        m_prometheus.terminate();
        if (!m_prometheus.waitForFinished(10000))
            m_prometheus.kill();
        m_prometheus.waitForFinished(5000);
    }
}

QString TestPrometheusScrape::queryValue(const QString &query) const
{
    const ExporterProcess::Response r = ExporterProcess::request(
        m_prometheusPort, "GET /api/v1/query?query=" + QUrl::toPercentEncoding(query)
                              + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    if (r.status != 200)
        return {};
    const QJsonArray result = QJsonDocument::fromJson(r.body).object().value(QLatin1String("data")).toObject()
                                  .value(QLatin1String("result")).toArray();
    if (result.size() != 1)
        return {};
    return result.at(0).toObject().value(QLatin1String("value")).toArray().at(1).toString();
}

QString TestPrometheusScrape::waitForValue(const QString &query, const QString &expected, int timeoutMs) const
{
    QString value;
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        value = queryValue(query);
        if (value == expected)
            break;
        QTest::qWait(250);
    }
    return value;
}

void TestPrometheusScrape::scrapedUpThenDownWhenStale()
{
    // Prometheus starts in a few seconds; generous waits for a loaded machine.
    QCOMPARE(waitForValue(QStringLiteral("up{job=\"recorder\"}"), QStringLiteral("1"), 60000), QStringLiteral("1"));
    QCOMPARE(waitForValue(QStringLiteral("recorder_up"), QStringLiteral("1"), 30000), QStringLiteral("1"));
    QCOMPARE(waitForValue(QStringLiteral("recorder_state{state=\"recording\"}"), QStringLiteral("1"), 30000),
             QStringLiteral("1"));

    // The recorder stops writing: its last heartbeat ages past [heartbeat] timeout (30 s).
    QCOMPARE(ExporterFixture::writeHeartbeat(m_exporter->heartbeatFile(), QStringLiteral("recording"), 120),
             QString());
    QCOMPARE(waitForValue(QStringLiteral("recorder_up"), QStringLiteral("0"), 30000), QStringLiteral("0"));
    // The scrape itself still succeeds.
    QCOMPARE(queryValue(QStringLiteral("up{job=\"recorder\"}")), QStringLiteral("1"));
}

QTEST_GUILESS_MAIN(TestPrometheusScrape)
#include "tst_prometheusscrape.moc"
