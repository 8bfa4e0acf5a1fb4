// SPDX-License-Identifier: MIT
// recorder-exporter wired together: collectors → cache → /metrics, /, /healthz on the guarded HTTP service.
#pragma once

#include "exportersettings.h"

#include <QObject>

#include <memory>

class AuthGate;
class HttpService;
class MetricsCache;

// Thread-bound to the main thread, where QtHttpServer runs; collections run on MetricsCache's worker.
class Exporter : public QObject
{
    Q_OBJECT
public:
    explicit Exporter(const ExporterSettings &settings, QObject *parent = nullptr);
    ~Exporter() override;

    // Loads the TLS certificate and key and the basic-auth users, if configured. Returns an empty
    // string or one line naming the key and file: a configuration error.
    QString setUp();
    // Starts listening. Returns an empty string or the reason.
    QString start();
    quint16 port() const;

    static QByteArray indexPage();

private:
    ExporterSettings m_settings;
    std::unique_ptr<MetricsCache> m_cache;
    AuthGate *m_auth = nullptr; // child, when basic authentication is on
    HttpService *m_http; // child
};
