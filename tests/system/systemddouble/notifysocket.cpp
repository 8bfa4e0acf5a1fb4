// SPDX-License-Identifier: MIT
// The datagram socket a service's sd_notify() writes to (NOTIFY_SOCKET), for the systemd test double.
#include "notifysocket.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

NotifySocket::NotifySocket(QObject *parent)
    : QObject(parent)
{
}

NotifySocket::~NotifySocket()
{
    m_notifier.reset();
    if (m_fd >= 0) {
        ::close(m_fd);
        QFile::remove(m_path);
    }
}

QString NotifySocket::bind(const QString &path)
{
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    const QByteArray encoded = QFile::encodeName(path);
    if (encoded.size() >= static_cast<qsizetype>(sizeof(address.sun_path)))
        return path + QStringLiteral(": too long for a unix socket path");
    std::memcpy(address.sun_path, encoded.constData(), static_cast<size_t>(encoded.size()));
    m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (m_fd < 0)
        return QStringLiteral("socket: ") + QString::fromLocal8Bit(std::strerror(errno));
    QFile::remove(path);
    if (::bind(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) != 0)
        return path + QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(errno));
    m_path = path;
    m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &NotifySocket::readPending);
    return {};
}

void NotifySocket::readPending()
{
    char buffer[4096];
    for (;;) {
        const ssize_t size = ::recv(m_fd, buffer, sizeof(buffer), 0);
        if (size < 0)
            return; // EAGAIN: all read
        const QString text = QString::fromUtf8(buffer, static_cast<qsizetype>(size));
        emit received(text.split(QLatin1Char('\n'), Qt::SkipEmptyParts));
    }
}
