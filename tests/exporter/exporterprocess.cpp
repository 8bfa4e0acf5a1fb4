// SPDX-License-Identifier: MIT
// Runs the real recorder-exporter binary on a free port with a configuration of its own, for tests.
#include "exporterprocess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QSslSocket>

ExporterProcess::ExporterProcess(const QString &directory, const QString &metricsSettings, bool tls)
    : m_directory(directory), m_metricsSettings(metricsSettings), m_tls(tls)
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
}

ExporterProcess::~ExporterProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
}

quint16 ExporterProcess::freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QString ExporterProcess::heartbeatFile() const { return m_directory + QStringLiteral("/run/heartbeat.json"); }
QString ExporterProcess::watchdogFile() const { return m_directory + QStringLiteral("/run-watchdog/watchdog.json"); }
QString ExporterProcess::catalogFile() const { return m_directory + QStringLiteral("/state/catalog.db"); }
QString ExporterProcess::configFile() const { return m_directory + QStringLiteral("/recorder.conf"); }

QString ExporterProcess::start()
{
    for (const char *sub : {"run", "run-watchdog", "state", "log"}) {
        const QString path = m_directory + QLatin1Char('/') + QLatin1String(sub);
        if (!QDir().mkpath(path) || !QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner
                                                                      | QFile::ExeOwner | QFile::ReadGroup
                                                                      | QFile::ExeGroup))
            return QStringLiteral("cannot create ") + path;
    }
    // Ports are picked free, not fixed: suites run in parallel. A retry covers the small race
    // between picking the port and the exporter binding it.
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = freePort();
        QFile config(configFile());
        if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return QStringLiteral("cannot write ") + configFile();
        config.write(QStringLiteral("[paths]\nruntime_dir = %1/run\nstate_dir = %1/state\nlog_dir = %1/log\n"
                                    "[metrics]\nlisten = 127.0.0.1\nport = %2\n%3\n")
                         .arg(m_directory)
                         .arg(m_port)
                         .arg(m_metricsSettings)
                         .toUtf8());
        config.close();

        m_process.start(qEnvironmentVariable("EXPORTER_BINARY"), {QStringLiteral("--config"), configFile()});
        if (!m_process.waitForStarted(10000))
            return QStringLiteral("cannot start the exporter: ") + m_process.errorString();
        const QDeadlineTimer deadline(15000);
        while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
            if (get(QStringLiteral("/healthz")).status != 0) // 200, or 401 with authentication
                return {};
            m_process.waitForFinished(100); // returns early only if it exits
        }
        if (m_process.state() == QProcess::Running)
            return QStringLiteral("the exporter did not answer on port %1").arg(m_port);
        if (m_process.exitCode() != 1) // 1: it could not listen (the port was taken meanwhile)
            break;
    }
    return QStringLiteral("the exporter exited at start: %1").arg(m_process.exitCode());
}

qint64 ExporterProcess::rssBytes() const
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid()));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

int ExporterProcess::openFileDescriptors() const
{
    return int(QDir(QStringLiteral("/proc/%1/fd").arg(pid())).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size());
}

ExporterProcess::Response ExporterProcess::send(const QByteArray &raw, int timeoutMs) const
{
    return request(m_port, raw, timeoutMs, m_tls);
}

ExporterProcess::Response ExporterProcess::request(quint16 port, const QByteArray &raw, int timeoutMs, bool tls)
{
    Response response;
    QSslSocket socket;
    if (tls) {
        socket.setPeerVerifyMode(QSslSocket::VerifyNone);
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        if (!socket.waitForEncrypted(timeoutMs))
            return response;
    } else {
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(timeoutMs))
            return response;
    }
    socket.write(raw);
    socket.waitForBytesWritten(timeoutMs);
    QByteArray data;
    const QDeadlineTimer deadline(timeoutMs);
    qint64 expected = -1;
    int headEnd = -1;
    while (!deadline.hasExpired()) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
        data += socket.readAll();
        if (headEnd < 0 && (headEnd = int(data.indexOf("\r\n\r\n"))) >= 0) {
            const QList<QByteArray> lines = data.left(headEnd).split('\n');
            const QList<QByteArray> statusLine = lines.value(0).split(' ');
            response.status = statusLine.value(1).toInt();
            for (int i = 1; i < lines.size(); ++i) {
                const int colon = int(lines.at(i).indexOf(':'));
                if (colon > 0)
                    response.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                            lines.at(i).mid(colon + 1).trimmed());
            }
            const bool head = raw.startsWith("HEAD ");
            expected = head ? 0 : response.headers.value("content-length", "-1").toLongLong();
        }
        if (headEnd >= 0 && expected >= 0 && data.size() - headEnd - 4 >= expected)
            break;
    }
    if (headEnd >= 0)
        response.body = data.mid(headEnd + 4);
    return response;
}

ExporterProcess::Response ExporterProcess::get(const QString &path, const QByteArray &method) const
{
    return send(method + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
}
