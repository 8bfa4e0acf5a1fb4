// SPDX-License-Identifier: MIT
// The datagram socket a service's sd_notify() writes to (NOTIFY_SOCKET), for the systemd test double.
#pragma once

#include <QObject>
#include <QSocketNotifier>
#include <QString>
#include <QStringList>

#include <memory>

// Thread-bound (the double's main thread). Any process may send: the double does not check
// NotifyAccess=main, since tools such as systemd-notify send from a child.
class NotifySocket : public QObject
{
    Q_OBJECT
public:
    explicit NotifySocket(QObject *parent = nullptr);
    ~NotifySocket() override;

    // Binds to `path`. Returns an empty string or the reason.
    QString bind(const QString &path);
    QString path() const { return m_path; }

signals:
    // The "KEY=VALUE" lines of one message, such as READY=1 or WATCHDOG=1.
    void received(const QStringList &assignments);

private:
    void readPending();

    int m_fd = -1;
    QString m_path;
    std::unique_ptr<QSocketNotifier> m_notifier;
};
