// SPDX-License-Identifier: MIT
#include "rclonearguments.h"

#include <QJsonObject>
#include <QRegularExpression>

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
    return QStringList{QStringLiteral("copyto")} + network(config)
        + QStringList{QStringLiteral("--bwlimit"), bandwidthLimit, QStringLiteral("--ignore-times"),
                      QStringLiteral("--"), local, target};
}

QStringList RcloneArguments::stat(const QString &target, const QString &config)
{
    return QStringList{QStringLiteral("lsjson"), QStringLiteral("--stat"), QStringLiteral("--hash"),
                       QStringLiteral("--no-mimetype")}
        + network(config) + QStringList{QStringLiteral("--"), target};
}

QStringList RcloneArguments::hash(const QString &type, const QString &path, const QString &config, bool download)
{
    QStringList arguments = QStringList{QStringLiteral("hashsum"), type} + network(config);
    if (download)
        arguments << QStringLiteral("--download");
    return arguments + QStringList{QStringLiteral("--"), path};
}

QString RcloneArguments::comparableHash(const QJsonObject &remoteHashes)
{
    // Hash types `rclone hashsum` computes for a local file (rclone 1.60), cheapest and most common first.
    static const char *const kLocal[] = {"md5", "sha1", "sha256", "crc32", "quickxor", "dropbox",
                                         "whirlpool", "hidrive", "mailru"};
    for (const char *type : kLocal)
        if (!remoteHashes.value(QLatin1String(type)).toString().isEmpty())
            return QLatin1String(type);
    return {};
}

QStringList RcloneArguments::probe(const QString &remote, const QString &config)
{
    return QStringList{QStringLiteral("mkdir")} + network(config) + QStringList{QStringLiteral("--"), remote};
}

QString RcloneArguments::redacted(const QString &rcloneMessage)
{
    // rclone quotes URLs in its errors; a user:password@ part must not reach the catalog or the logs.
    static const QRegularExpression userinfo(QStringLiteral("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@\\s]*@"));
    QString text = rcloneMessage;
    return text.replace(userinfo, QStringLiteral("\\1"));
}
