// SPDX-License-Identifier: MIT
// org.freedesktop.login1.Manager of the systemd test double: records Reboot instead of rebooting.
#include "logindouble.h"

#include <QDateTime>
#include <QFile>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcDouble)

LoginDouble::LoginDouble(const QString &logPath, QObject *parent)
    : QObject(parent)
    , m_logPath(logPath)
{
}

void LoginDouble::Reboot(bool interactive)
{
    const QString line = QStringLiteral("%1 Reboot interactive=%2\n")
                             .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs),
                                  interactive ? QStringLiteral("true") : QStringLiteral("false"));
    qCWarning(lcDouble, "Reboot requested (interactive=%s)", interactive ? "true" : "false");
    if (m_logPath.isEmpty())
        return;
    QFile file(m_logPath);
    if (!file.open(QIODevice::Append | QIODevice::Text) || file.write(line.toUtf8()) < 0)
        qCWarning(lcDouble, "%s: %s", qPrintable(m_logPath), qPrintable(file.errorString()));
}
