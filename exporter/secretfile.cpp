// SPDX-License-Identifier: MIT
// Refuses a secret the exporter reads (TLS key, users file) when other users could read or change it.
#include "secretfile.h"

#include <QFile>

#include <cerrno>
#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

QString SecretFile::check(const QString &key, const QString &path, Group group)
{
    const QString prefix = QStringLiteral("[metrics] %1: %2").arg(key, path);
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return QStringLiteral("%1: %2").arg(prefix, QString::fromLocal8Bit(std::strerror(errno)));

    const mode_t mode = info.st_mode & 07777;
    const mode_t refused = group == Group::MayRead ? mode_t(S_IWGRP | S_IXGRP | S_IRWXO) : mode_t(S_IRWXG | S_IRWXO);
    if (mode & refused) {
        const QString allowed = group == Group::MayRead
            ? QStringLiteral("0600, 0400, 0640 or 0440 (the group may read, others nothing)")
            : QStringLiteral("0600 or 0400 (nothing for group or others)");
        return QStringLiteral("%1 has mode %2; allowed: %3")
            .arg(prefix, QString::number(mode, 8).rightJustified(4, QLatin1Char('0')), allowed);
    }
    if (info.st_uid != 0 && info.st_uid != ::geteuid())
        return QStringLiteral("%1 is owned by uid %2; allowed: the exporter's user (uid %3) or root")
            .arg(prefix)
            .arg(info.st_uid)
            .arg(::geteuid());
    return {};
}
