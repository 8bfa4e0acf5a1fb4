// SPDX-License-Identifier: MIT
#include "rclonearguments.h"

QString RcloneArguments::remoteName(const QString &remote)
{
    return remote.section(QLatin1Char(':'), 0, 0);
}

QString RcloneArguments::target(const QString &remote, const QString &relativePath)
{
    if (remote.endsWith(QLatin1Char(':')) || remote.endsWith(QLatin1Char('/')))
        return remote + relativePath;
    return remote + QLatin1Char('/') + relativePath;
}

QStringList RcloneArguments::listRemotes(const QString &config)
{
    return {QStringLiteral("listremotes"), QStringLiteral("--config"), config};
}

QStringList RcloneArguments::network(const QString &config)
{
    // Short timeouts: a remote that went away must fail the attempt in seconds, not minutes, so
    // the status says "unreachable" while it is.
    return {QStringLiteral("--config"), config, QStringLiteral("--retries"), QStringLiteral("1"),
            QStringLiteral("--low-level-retries"), QStringLiteral("2"), QStringLiteral("--contimeout"),
            QStringLiteral("15s"), QStringLiteral("--timeout"), QStringLiteral("60s")};
}

QStringList RcloneArguments::copyTo(const QString &local, const QString &target, const QString &config,
                                    const QString &bandwidthLimit)
{
    return QStringList{QStringLiteral("copyto"), local, target} + network(config)
        + QStringList{QStringLiteral("--bwlimit"), bandwidthLimit, QStringLiteral("--ignore-times")};
}

QStringList RcloneArguments::stat(const QString &target, const QString &config)
{
    return QStringList{QStringLiteral("lsjson"), QStringLiteral("--stat"), QStringLiteral("--hash"),
                       QStringLiteral("--no-mimetype"), target}
        + network(config);
}

QStringList RcloneArguments::md5(const QString &path, const QString &config, bool download)
{
    QStringList arguments = QStringList{QStringLiteral("hashsum"), QStringLiteral("md5"), path} + network(config);
    if (download)
        arguments << QStringLiteral("--download");
    return arguments;
}

QStringList RcloneArguments::probe(const QString &remote, const QString &config)
{
    return QStringList{QStringLiteral("mkdir"), remote} + network(config);
}
