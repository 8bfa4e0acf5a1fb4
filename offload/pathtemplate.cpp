// SPDX-License-Identifier: MIT
#include "pathtemplate.h"

#include <ctime>

QString PathTemplate::expand(const QString &pattern, const QString &hostname, const QString &fileName,
                             qint64 startTimeMs)
{
    const std::time_t seconds = static_cast<std::time_t>(startTimeMs / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    // The key table caps the template at 200 characters; each field prints at most a few dozen.
    char buffer[2048];
    const QByteArray format = pattern.toUtf8();
    const std::size_t length = format.isEmpty() ? 0 : std::strftime(buffer, sizeof buffer, format.constData(), &local);
    QString path = QString::fromUtf8(buffer, static_cast<int>(length));
    path.replace(QStringLiteral("{hostname}"), hostname);
    path.replace(QStringLiteral("{filename}"), fileName);
    return path;
}
