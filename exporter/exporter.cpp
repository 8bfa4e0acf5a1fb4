// SPDX-License-Identifier: MIT
// recorder-exporter wired together: collectors → cache → /metrics, /, /healthz on the guarded HTTP service.
#include "exporter.h"

#include "catalogcollector.h"
#include "exporterlogging.h"
#include "heartbeatcollector.h"
#include "httpservice.h"
#include "metricscache.h"
#include "metricsserializer.h"
#include "watchdogcollector.h"

#include <version.h>

Exporter::Exporter(const ExporterSettings &settings, QObject *parent)
    : QObject(parent), m_settings(settings), m_http(new HttpService(settings.limits, this))
{
    std::vector<std::unique_ptr<Collector>> collectors;
    collectors.push_back(
        std::make_unique<HeartbeatCollector>(settings.heartbeatFile, settings.heartbeatTimeoutSeconds));
    collectors.push_back(
        std::make_unique<WatchdogCollector>(settings.watchdogStatusFile, settings.watchdogCheckIntervalSeconds));
    collectors.push_back(std::make_unique<CatalogCollector>(settings.catalogFile));
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

QString Exporter::start()
{
    const QString error = m_http->listen(m_settings.address, m_settings.port);
    if (error.isEmpty()) {
        qCInfo(lcExporter).noquote() << "serving metrics on" << m_settings.address.toString() + QLatin1Char(':')
                                            + QString::number(m_http->port())
                                     << "from" << m_settings.heartbeatFile << m_settings.watchdogStatusFile
                                     << m_settings.catalogFile;
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
