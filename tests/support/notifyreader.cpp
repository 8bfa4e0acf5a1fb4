// SPDX-License-Identifier: MIT
// systemd's side of sd_notify for tests: a bound unix datagram socket that collects what a process sends.
#include "notifyreader.h"

#include <QFile>
#include <QSocketNotifier>
#include <QTest>

#include <algorithm>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

NotifyReader::NotifyReader(const QString &path)
    : m_path(path)
{
    if (m_path.isEmpty()) {
        m_ownDir = std::make_unique<QTemporaryDir>();
        m_path = m_ownDir->filePath(QStringLiteral("notify"));
    }
    sockaddr_un addr{};
    const QByteArray encoded = QFile::encodeName(m_path);
    if (size_t(encoded.size()) >= sizeof addr.sun_path) {
        m_error = QStringLiteral("socket path too long: ") + m_path;
        return;
    }
    m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, encoded.constData(), size_t(encoded.size()));
    if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        m_error = QStringLiteral("cannot bind ") + m_path + QStringLiteral(": ") + QString::fromLocal8Bit(strerror(errno));
        return;
    }
    m_clock.start();
    m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    QObject::connect(m_notifier.get(), &QSocketNotifier::activated, [this] { receive(); });
}

NotifyReader::~NotifyReader()
{
    m_notifier.reset();
    if (m_fd >= 0)
        ::close(m_fd);
}

void NotifyReader::receive()
{
    char buffer[4096];
    ssize_t n;
    while ((n = ::recv(m_fd, buffer, sizeof buffer, 0)) > 0)
        m_messages.append({m_clock.elapsed(), QByteArray(buffer, static_cast<int>(n))});
}

QProcessEnvironment NotifyReader::environment(QProcessEnvironment base, qint64 watchdogUsec) const
{
    base.insert(QStringLiteral("NOTIFY_SOCKET"), m_path);
    if (watchdogUsec > 0)
        base.insert(QStringLiteral("WATCHDOG_USEC"), QString::number(watchdogUsec));
    return base;
}

QList<QByteArray> NotifyReader::lines() const
{
    QList<QByteArray> out;
    for (const Message &message : m_messages)
        out.append(message.lines());
    return out;
}

QList<qint64> NotifyReader::lineTimes() const
{
    QList<qint64> out;
    for (const Message &message : m_messages) {
        for (qsizetype i = 0, n = message.lines().size(); i < n; ++i)
            out.append(message.atMs);
    }
    return out;
}

int NotifyReader::count(const QByteArray &line) const
{
    return static_cast<int>(lines().count(line));
}

int NotifyReader::indexOf(const QByteArray &line) const
{
    return static_cast<int>(lines().indexOf(line));
}

QList<qint64> NotifyReader::times(const QByteArray &line, qint64 from, qint64 to) const
{
    QList<qint64> out;
    for (const Message &message : m_messages) {
        if (message.has(line) && message.atMs >= from && message.atMs <= to)
            out.append(message.atMs);
    }
    return out;
}

qint64 NotifyReader::longestGap(const QByteArray &line, qint64 from, qint64 to) const
{
    qint64 last = from;
    qint64 gap = 0;
    for (const Message &message : m_messages) {
        if (!message.has(line) || message.atMs < from || message.atMs > to)
            continue;
        gap = std::max(gap, message.atMs - last);
        last = message.atMs;
    }
    return std::max(gap, to - last);
}

bool NotifyReader::waitFor(const QByteArray &line, int timeoutMs, int times)
{
    return QTest::qWaitFor([&] { return count(line) >= times; }, timeoutMs);
}
