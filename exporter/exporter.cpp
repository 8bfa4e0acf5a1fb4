// SPDX-License-Identifier: MIT
// recorder-exporter wired together: collectors → cache → /metrics, /, /healthz on the guarded HTTP service.
#include "exporter.h"

#include "authgate.h"
#include "catalogcollector.h"
#include "exporterlogging.h"
#include "heartbeatcollector.h"
#include "httpservice.h"
#include "metricscache.h"
#include "metricsserializer.h"
#include "offloadcollector.h"
#include "secretfile.h"
#include "thermalcollector.h"
#include "watchdogcollector.h"

#include <version.h>

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>

namespace {

QString loadTls(const QString &certFile, const QString &keyFile, QSslConfiguration *out)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certFile, QSsl::Pem);
    if (chain.isEmpty())
        return QStringLiteral("[metrics] tls_cert_file: %1 holds no PEM certificate").arg(certFile);
    const QString unsafe = SecretFile::check(QStringLiteral("tls_key_file"), keyFile, SecretFile::Group::NoAccess);
    if (!unsafe.isEmpty())
        return unsafe;
    QFile file(keyFile);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("[metrics] tls_key_file: cannot read %1: %2").arg(keyFile, file.errorString());
    const QByteArray pem = file.readAll();
    QSslKey key;
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa}) {
        key = QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull())
        return QStringLiteral("[metrics] tls_key_file: %1 holds no unencrypted PEM EC or RSA private key").arg(keyFile);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients authenticate with basic auth, if at all
    *out = configuration;
    return {};
}

HttpService::Verdict verdictOf(const AuthGate::Result &result)
{
    using Status = QHttpServerResponder::StatusCode;
    switch (result.verdict) {
    case AuthGate::Verdict::Allowed:
        return {true, Status::Ok, 0};
    case AuthGate::Verdict::Limited:
        return {false, Status::TooManyRequests, result.retryAfterSeconds};
    case AuthGate::Verdict::Busy:
        return {false, Status::ServiceUnavailable, result.retryAfterSeconds};
    case AuthGate::Verdict::Denied:
        break;
    }
    return {false, Status::Unauthorized, 0};
}

} // namespace

Exporter::Exporter(const ExporterSettings &settings, QObject *parent)
    : QObject(parent), m_settings(settings), m_http(new HttpService(settings.limits, this))
{
    std::vector<std::unique_ptr<Collector>> collectors;
    collectors.push_back(
        std::make_unique<HeartbeatCollector>(settings.heartbeatFile, settings.heartbeatTimeoutSeconds));
    collectors.push_back(
        std::make_unique<WatchdogCollector>(settings.watchdogStatusFile, settings.watchdogCheckIntervalSeconds));
    collectors.push_back(std::make_unique<CatalogCollector>(settings.catalogFile, settings.offloadEnabled));
    if (settings.offloadEnabled)
        collectors.push_back(std::make_unique<OffloadCollector>(settings.offloadStatusFile));
    collectors.push_back(std::make_unique<ThermalCollector>());
    m_cache = std::make_unique<MetricsCache>(std::move(collectors), settings.cacheSeconds,
                                             QStringLiteral(RECORDER_VERSION));

    m_http->addPage(QStringLiteral("/metrics"), [this] {
        return HttpService::Reply{MetricsSerializer::kContentType, m_cache->text()};
    });
    m_http->addPage(QStringLiteral("/"), [] {
        return HttpService::Reply{QByteArrayLiteral("text/html; charset=utf-8"), indexPage()};
    });
    // The process answers: the exporter is alive. What it reads is /metrics' business.
    m_http->addPage(QStringLiteral("/healthz"), [] {
        return HttpService::Reply{QByteArrayLiteral("text/plain; charset=utf-8"), QByteArrayLiteral("ok\n")};
    });
}

Exporter::~Exporter() = default;

QString Exporter::setUp()
{
    if (!m_settings.tlsCertFile.isEmpty()) {
        QSslConfiguration tls;
        const QString error = loadTls(m_settings.tlsCertFile, m_settings.tlsKeyFile, &tls);
        if (!error.isEmpty())
            return error;
        m_http->setTls(tls);
    }
    if (!m_settings.basicAuthUsers.isEmpty()) {
        m_auth = new AuthGate(&FailureLimiter::monotonicMs, this);
        const QString error = m_auth->load(m_settings.basicAuthUsers);
        if (!error.isEmpty())
            return error;
        m_http->setAuthenticator([this](const QHostAddress &peer, const QByteArray &authorization,
                                        std::function<void(const HttpService::Verdict &)> decided) {
            m_auth->authorize(peer, authorization, [decided = std::move(decided)](const AuthGate::Result &result) {
                decided(verdictOf(result));
            });
        });
    }
    return {};
}

QString Exporter::start()
{
    const QString error = m_http->listen(m_settings.address, m_settings.port);
    if (error.isEmpty()) {
        qCInfo(lcExporter).noquote() << "serving metrics on"
                                     << (m_settings.tlsCertFile.isEmpty() ? QStringLiteral("http://")
                                                                          : QStringLiteral("https://"))
                                            + m_settings.address.toString() + QLatin1Char(':')
                                            + QString::number(m_http->port())
                                     << (m_auth ? "with basic authentication" : "without authentication")
                                     << "from" << m_settings.heartbeatFile << m_settings.watchdogStatusFile
                                     << m_settings.catalogFile
                                     << (m_settings.offloadEnabled ? m_settings.offloadStatusFile : QString());
    }
    return error;
}

quint16 Exporter::port() const
{
    return m_http->port();
}

QByteArray Exporter::indexPage()
{
    return QByteArrayLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>recorder exporter</title>"
                             "</head>\n<body><h1>recorder exporter</h1>\n<p>Version " RECORDER_VERSION
                             "</p>\n<ul><li><a href=\"metrics\">Metrics</a></li>"
                             "<li><a href=\"healthz\">Health</a></li></ul>\n</body></html>\n");
}
