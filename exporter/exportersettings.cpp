// SPDX-License-Identifier: MIT
// The exporter's settings, read from [metrics], [heartbeat], [watchdog], [offload] and [paths] of the configuration.
#include "exportersettings.h"

#include <paths.h>

#include <cmath>

namespace {

int milliseconds(double seconds)
{
    return int(std::llround(seconds * 1000));
}

} // namespace

ExporterSettings ExporterSettings::fromConfig(const Config &config, QString *error)
{
    ExporterSettings s;
    const QString listen = config.string(QStringLiteral("metrics/listen"));
    if (listen == QLatin1String("localhost"))
        s.address = QHostAddress(QHostAddress::LocalHost);
    else if (!s.address.setAddress(listen))
        *error = QStringLiteral("[metrics] listen = %1 is not an IP address; allowed: an IPv4 or IPv6 address, or "
                                "localhost").arg(listen);
    s.port = quint16(config.integer(QStringLiteral("metrics/port")));
    s.cacheSeconds = config.seconds(QStringLiteral("metrics/cache"));
    s.limits.maxConnections = config.integer(QStringLiteral("metrics/max_connections"));
    s.limits.maxConnectionsPerClient = config.integer(QStringLiteral("metrics/max_connections_per_client"));
    s.limits.maxHeaderBytes = int(config.bytes(QStringLiteral("metrics/max_header_size")));
    s.limits.headerTimeoutMs = milliseconds(config.seconds(QStringLiteral("metrics/header_timeout")));
    s.limits.idleTimeoutMs = milliseconds(config.seconds(QStringLiteral("metrics/idle_timeout")));

    const Paths paths(config);
    s.heartbeatFile = paths.heartbeatFile();
    s.heartbeatTimeoutSeconds = config.seconds(QStringLiteral("heartbeat/timeout"));
    s.watchdogStatusFile = paths.watchdogStatusFile();
    s.watchdogCheckIntervalSeconds = config.seconds(QStringLiteral("watchdog/check_interval"));
    s.catalogFile = paths.catalogFile();
    s.offloadEnabled = config.boolean(QStringLiteral("offload/enabled"));
    s.offloadStatusFile = config.string(QStringLiteral("paths/offload_runtime_dir")) + QStringLiteral("/status.json");

    s.tlsCertFile = config.string(QStringLiteral("metrics/tls_cert_file"));
    s.tlsKeyFile = config.string(QStringLiteral("metrics/tls_key_file"));
    if (s.tlsCertFile.isEmpty() != s.tlsKeyFile.isEmpty() && error->isEmpty())
        *error = QStringLiteral("[metrics] tls_cert_file and tls_key_file go together; allowed: both set (HTTPS) or "
                                "both empty (HTTP)");
    s.basicAuthUsers = config.string(QStringLiteral("metrics/basic_auth_users"));
    return s;
}
