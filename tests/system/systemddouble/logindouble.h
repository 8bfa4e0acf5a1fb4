// SPDX-License-Identifier: MIT
// org.freedesktop.login1.Manager of the systemd test double: records Reboot instead of rebooting.
#pragma once

#include <QObject>
#include <QString>

// Thread-bound (the double's main thread).
class LoginDouble : public QObject
{
    Q_OBJECT
public:
    // Each Reboot appends one line to `logPath` (when not empty) and to the double's log.
    explicit LoginDouble(const QString &logPath, QObject *parent = nullptr);

public Q_SLOTS:
    void Reboot(bool interactive);

private:
    QString m_logPath;
};
