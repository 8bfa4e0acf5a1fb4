// SPDX-License-Identifier: MIT
// Runs the real recorder-exporter binary on a free port with a configuration of its own, for tests.
#pragma once

#include <QByteArray>
#include <QMap>
#include <QProcess>
#include <QString>

// Thread-bound (the test's main thread). The binary's path comes from $EXPORTER_BINARY.
class ExporterProcess
{
public:
    struct Response {
        int status = 0; // 0: no answer
        QMap<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
    };

    // `directory` holds run/, state/ and log/; `metricsSettings` are extra lines for [metrics];
    // `tls`: the exporter serves HTTPS (requests then use TLS without verifying the certificate).
    explicit ExporterProcess(const QString &directory, const QString &metricsSettings = QString(), bool tls = false);
    ~ExporterProcess();
    ExporterProcess(const ExporterProcess &) = delete;
    ExporterProcess &operator=(const ExporterProcess &) = delete;

    // Starts the exporter and waits until it answers. Returns an empty string or the reason.
    QString start();
    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }
    int exitCode() const { return m_process.exitCode(); }
    // Resident memory of the exporter, from /proc.
    qint64 rssBytes() const;
    int openFileDescriptors() const;
    QString heartbeatFile() const;
    QString watchdogFile() const;
    QString catalogFile() const;
    QString configFile() const;

    // One request on a fresh connection; `raw` is sent as is.
    Response send(const QByteArray &raw, int timeoutMs = 10000) const;
    // The same to any local port (a Prometheus server's API, say).
    static Response request(quint16 port, const QByteArray &raw, int timeoutMs = 10000, bool tls = false);
    Response get(const QString &path, const QByteArray &method = "GET") const;

    static quint16 freePort();

private:
    QString m_directory;
    QString m_metricsSettings;
    bool m_tls;
    quint16 m_port = 0;
    QProcess m_process;
};
