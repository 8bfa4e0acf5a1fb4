// SPDX-License-Identifier: MIT
#include "rcloneserver.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace {
const QString kUser = QStringLiteral("offload");
const QString kPassword = QStringLiteral("test-only-password");
} // namespace

RcloneServer::RcloneServer(const QString &rclone, const QString &kind, const QString &root, const QString &workDir)
    : m_rclone(rclone), m_kind(kind), m_root(root), m_workDir(workDir)
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    m_port = probe.serverPort();
}

RcloneServer::~RcloneServer()
{
    kill();
}

QString RcloneServer::start()
{
    // --dir-cache-time 0s: a file a test damages or removes behind the server's back is seen at
    // once, as by a plain WebDAV or SSH server (rclone's own would list it for 5 min).
    QStringList arguments{QStringLiteral("serve"), m_kind, m_root, QStringLiteral("--addr"),
                          QStringLiteral("127.0.0.1:%1").arg(m_port), QStringLiteral("--user"), kUser,
                          QStringLiteral("--pass"), kPassword, QStringLiteral("--dir-cache-time"), QStringLiteral("0s"),
                          QStringLiteral("--cache-dir"), m_workDir + QStringLiteral("/cache"),
                          QStringLiteral("--config"), m_workDir + QStringLiteral("/server-rclone.conf")};
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(m_rclone, arguments);
    if (!m_process.waitForStarted(5000))
        return m_process.errorString();
    // Ready when it accepts connections (sftp generates its host key first).
    const QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        if (socket.waitForConnected(200))
            return {};
        if (m_process.state() == QProcess::NotRunning)
            return QStringLiteral("rclone serve %1 exited").arg(m_kind);
        QThread::msleep(100);
    }
    return QStringLiteral("rclone serve %1 did not listen on port %2").arg(m_kind).arg(m_port);
}

void RcloneServer::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(5000);
}

QString RcloneServer::writeConfig(const QString &name) const
{
    QProcess obscure;
    obscure.start(m_rclone, {QStringLiteral("obscure"), kPassword});
    obscure.waitForFinished(10000);
    const QByteArray password = obscure.readAllStandardOutput().trimmed();
    QByteArray text = "[" + name.toUtf8() + "]\n";
    if (m_kind == QLatin1String("webdav"))
        text += "type = webdav\nurl = http://127.0.0.1:" + QByteArray::number(m_port) + "\nvendor = other\n";
    else
        // No md5sum_command: rclone finds it at first use, as with a configuration a user made.
        text += "type = sftp\nhost = 127.0.0.1\nport = " + QByteArray::number(m_port) + "\n";
    text += "user = " + kUser.toUtf8() + "\npass = " + password + "\n";
    const QString path = m_workDir + QStringLiteral("/rclone.conf");
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(text);
    return path;
}
